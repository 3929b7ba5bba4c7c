import Testing

@testable import TweetArchive

@Suite struct EntityExtractorTests {
    @Test func emptyAndEntityFreeText() {
        #expect(EntityExtractor.entities(in: "") == .empty)
        #expect(EntityExtractor.entities(in: "no entities here. none at all...") == .empty)
        #expect(EntityExtractor.replyScreenName(in: "") == nil)
        #expect(EntityExtractor.urls(in: "").isEmpty)
    }

    @Test func rangesCountUnicodeScalars() {
        // 𠀡 is one scalar (two UTF-16 units, four UTF-8 bytes); é is one scalar of two bytes.
        let e = EntityExtractor.entities(in: "#𠀡 é @bob $ABC example.com")
        #expect(e.hashtags == [TextEntity(value: "𠀡", range: 0..<2)])
        #expect(e.mentions == [TextEntity(value: "bob", range: 5..<9)])
        #expect(e.cashtags == [TextEntity(value: "ABC", range: 10..<14)])
        #expect(e.urls == [TextEntity(value: "example.com", range: 15..<26)])
        // ASCII text: byte offsets are the scalar offsets.
        #expect(EntityExtractor.entities(in: "hi @bob").mentions[0].range == 3..<7)
    }

    @Test func textEntityIsCompact() {
        // 16 for the value, 8 for the range (archives keep 24-byte `EntitySpan`s, not these).
        #expect(MemoryLayout<TextEntity>.size == 24)
        var entity = TextEntity(value: "x", range: 3..<9)
        entity.range = 10..<12
        #expect(entity.range == 10..<12)
    }

    @Test(arguments: [
        ("@a @b hi", ["a", "b"]),
        ("@a\n@b\thi @c", ["a", "b"]),
        ("\u{3000}@a @b", ["a", "b"]),
        ("@a, @b", ["a"]),
        ("@a. @b", ["a"]),
        ("hi @a", []),
        ("RT @a: hi", []),
        ("@a/list @b", []),
        ("@a@b", []),
        ("@abcdefghijklmnopqrstuvwxyz hi", ["abcdefghijklmnopqrst"]), // twitter-text cuts names at 20
    ])
    func replyRun(text: String, replyTo: [String]) {
        #expect(EntityExtractor.entities(in: text).replyTo == replyTo)
    }

    @Test func listsAreNotMentions() {
        let text = "@alice/team and @bob"
        #expect(EntityExtractor.entities(in: text).mentions.map(\.value) == ["bob"])
        #expect(
            EntityExtractor.mentionsOrLists(in: text) == [
                MentionOrList(screenName: "alice", listSlug: "/team", range: 0..<11),
                MentionOrList(screenName: "bob", range: 16..<20),
            ])
        #expect(EntityExtractor.replyScreenName(in: text) == "alice")
    }

    @Test func entitiesInsideURLsAreDropped() {
        let e = EntityExtractor.entities(in: "read https://medium.com/@alexxu/post#intro and twitter.com/#tag #real")
        #expect(e.mentions.isEmpty)
        #expect(e.hashtags.map(\.value) == ["real"])
        #expect(e.urls.map(\.value) == ["https://medium.com/@alexxu/post#intro", "twitter.com/#tag"])
        // The URL-only extractor keeps twitter-text's extractUrls behaviour and does not look at the rest.
        #expect(EntityExtractor.urls(in: "@user.com https://x.com/@u").map(\.value) == ["https://x.com/@u"])
    }

    @Test(arguments: [
        ("Thanks (see https://en.wikipedia.org/wiki/Primer_(film)).", "https://en.wikipedia.org/wiki/Primer_(film)"),
        ("link: https://t.co/abcDEF123's", "https://t.co/abcDEF123"),
        ("at http://example.com:8080/a?b=c&d=e.", "http://example.com:8080/a?b=c&d=e"),
        ("日本語のexample.co.jp/pathです", "example.co.jp/path"),
        ("https://bytebytego.com/courses/system-design", "https://bytebytego.com/courses/system-design"),
    ])
    func urlEdges(text: String, url: String) {
        #expect(EntityExtractor.entities(in: text).urls.map(\.value) == [url])
    }

    /// Each pattern consumes the character before its sigil, and a match rejected by the check after it still
    /// consumed its text: twitter-text then finds no entity that would need those characters again.
    @Test(arguments: [
        ("@rt@user", [String](), [String]()), // "@rt" (rejected: '@' follows) consumed the "rt" of "rt@user"
        ("x ＠Rt@user", [], []),
        ("RT@user", ["user"], []),
        ("#0\u{FE0F}#tag", [], []), // "#0️" (rejected: '#' follows) consumed the U+FE0F
        ("a \u{270C}\u{FE0F}#tag", [], ["tag"]), // an unconsumed U+FE0F may stand before '#'
    ])
    func consumedCharacters(text: String, mentions: [String], hashtags: [String]) {
        let e = EntityExtractor.entities(in: text)
        #expect(e.mentions.map(\.value) == mentions)
        #expect(e.hashtags.map(\.value) == hashtags)
    }

    @Test func idnaMapsJoinersToNothing() {
        // A label of nothing but a joiner or variation selector is empty under nameprep, so no URL.
        #expect(EntityExtractor.urls(in: "http://\u{200D}.co x").isEmpty)
        #expect(EntityExtractor.urls(in: "see http://a\u{00AD}b.com").map(\.value) == ["http://a\u{00AD}b.com"])
    }

    /// A long dotted run with no top-level domain must not make URL matching quadratic.
    @Test(.timeLimit(.minutes(1))) func longDottedLineStaysLinear() {
        let text = String(repeating: "a.", count: 200_000) + " #end"
        let e = EntityExtractor.entities(in: text)
        #expect(e.urls.isEmpty)
        #expect(e.hashtags.map(\.value) == ["end"])
    }

    @Test func twintSampleShapes() {
        let text = "/6 Subscribe to our weekly free newsletter:  https://t.co/dkjDPxaQMt  https://t.co/CxWOKjM4UO"
        let e = EntityExtractor.entities(in: text)
        #expect(e.urls.map(\.value) == ["https://t.co/dkjDPxaQMt", "https://t.co/CxWOKjM4UO"])
        #expect(e.mentions.isEmpty && e.hashtags.isEmpty && e.replyTo.isEmpty)
        #expect(EntityExtractor.entities(in: "@GergelyOrosz 4. 𝐅𝐚𝐜𝐞𝐛𝐨𝐨𝐤 #swift").hashtags[0].range == 26..<32)
    }

    @Test func tweetReplyAndMentionedHandles() {
        let tweet = Tweet(
            id: TweetID(1_500_000_000_000_000_000), author: Handle("me"),
            text: "@alice @Bob @bob thanks @carol and @Carol, cc @alice")
        #expect(tweet.replyHandles.map(\.display) == ["alice", "Bob"])
        #expect(tweet.mentionedHandles.map(\.display) == ["carol"])
        #expect(tweet.isReply)
        let explicit = Tweet(
            id: TweetID(1_500_000_000_000_000_001), author: Handle("me"), text: "thanks @dan",
            inReplyToUser: Handle("erin"))
        #expect(explicit.replyHandles.map(\.display) == ["erin"])
        #expect(explicit.mentionedHandles.map(\.display) == ["dan"])
    }

    /// Random strings from an alphabet rich in sigils, URL pieces and non-ASCII text: the extractor must not trap,
    /// and every entity must lie inside the text, in order, without overlap, and spell its sigil and value there.
    @Test func randomTextKeepsInvariants() {
        let pieces = [
            "a", "Z", "0", "_", "-", ".", "/", ":", "@", "＠", "#", "＃", "$", " ", "\n", "(", ")", "?", "=",
            "&", "é", "日本", "😀", "\u{FE0F}", "\u{200D}", "\u{3000}", "http://", "https://", "t.co/",
            ".com", ".jp", "www.", "xn--", "RT", "user", "tag", "ABC", "みんな", "%", "'", "+", "Ж", "\u{202A}",
        ]
        var rng = SeededGenerator(seed: 20_261_129)
        for _ in 0..<3_000 {
            let length = Int.random(in: 0...30, using: &rng)
            let text = (0..<length).map { _ in pieces.randomElement(using: &rng)! }.joined()
            let scalars = Array(text.unicodeScalars)
            func slice(_ r: Range<Int>) -> String {
                var s = String.UnicodeScalarView()
                s.append(contentsOf: scalars[r])
                return String(s)
            }
            let e = EntityExtractor.entities(in: text)
            let all = (e.mentions + e.hashtags + e.cashtags + e.urls).map(\.range)
                .sorted { $0.lowerBound < $1.lowerBound }
            for (a, b) in zip(all, all.dropFirst()) { #expect(a.upperBound <= b.lowerBound, "overlap in \(text)") }
            for r in all { #expect(r.lowerBound >= 0 && r.upperBound <= scalars.count && !r.isEmpty, "\(text)") }
            for m in e.mentions {
                let s = slice(m.range)
                #expect(s == "@" + m.value || s == "＠" + m.value, "\(text)")
            }
            for h in e.hashtags {
                let s = slice(h.range)
                #expect(s == "#" + h.value || s == "＃" + h.value, "\(text)")
            }
            for c in e.cashtags { #expect(slice(c.range) == "$" + c.value, "\(text)") }
            #expect(Array(e.mentions.prefix(e.replyTo.count).map(\.value)) == e.replyTo, "\(text)")
        }
    }
}
