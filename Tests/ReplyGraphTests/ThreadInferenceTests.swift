import Testing

@testable import ReplyGraph

/// Builds tweets at given seconds from a fixed instant, with snowflake ids that carry that time.
enum TweetFactory {
    static let base: Int64 = 1_650_000_000_000 // 2022-04-15T05:20:00Z

    static func id(_ second: Double, _ sequence: UInt64 = 0) -> TweetID {
        let ms = base + Int64(second * 1000)
        return TweetID(UInt64(ms - TweetID.twitterEpochMilliseconds) << 22 | sequence)
    }

    static func tweet(
        _ second: Double, _ text: String, by author: String = "alice", seq: UInt64 = 0,
        replyTo parent: TweetID? = nil, replyUser: String? = nil
    ) -> Tweet {
        Tweet(
            id: id(second, seq), author: Handle(author), text: text, inReplyToID: parent,
            inReplyToUser: replyUser.map(Handle.init))
    }

    static func graph(_ tweets: [Tweet], _ options: ThreadOptions = ThreadOptions()) -> ReplyGraph {
        ReplyGraph(Archive(tweets: tweets), options: options)
    }
}

@Suite struct ThreadInferenceTests {
    typealias F = TweetFactory

    @Test(
        arguments: [
            ("/3 text", 3, nil, NumberingStyle.slashPrefix),
            ("3/ text", 3, nil, .slashSuffix),
            ("3/7 text", 3, 7, .nOfM),
            ("(3/7) text", 3, 7, .nOfM),
            ("1/n A thread", 1, nil, .nOfM),
            ("3. text", 3, nil, .dot),
            ("3) text", 3, nil, .dot),
            ("3\u{FE0F}\u{20E3} text", 3, nil, .dot),
            ("@bob 4/ text", 4, nil, .slashSuffix),
            ("Intro about things.1/8  https://t.co/abc", 1, 8, .nOfM),
            ("1. Alice logs in 2/5", 2, 5, .nOfM),
            ("text ends (4/9)", 4, 9, .nOfM),
            ("0/ The secret sauce", 0, nil, .slashSuffix),
            ("Twitter Architecture 2012  Source: https://t.co/c {2/2} https://t.co/7", 2, 2, .nOfM),
            ("[1/4] Why is Redis fast?", 1, 4, .nOfM),
            ("\u{1F51F} tenth tip", 10, nil, .dot),
        ] as [(String, Int, Int?, NumberingStyle)])
    func readsNumberingMarkers(text: String, number: Int, total: Int?, style: NumberingStyle) {
        #expect(NumberingMarker.parse(text) == NumberingMarker(number: number, total: total, style: style))
    }

    @Test(arguments: [
        "2.2 The data is copied", "2022. A year", "Plain text", "24/7 support", "text 7/5",
        "1.5 & 1.6 The clearing", "@bob thanks", "ends (2/3]",
    ])
    func ignoresNumbersThatAreNotMarkers(text: String) {
        #expect(NumberingMarker.parse(text) == nil)
    }

    /// The packed marker column gives back every marker it was given: each style, totals and none, and the
    /// extremes parsing allows (0 and 999).
    @Test func markerColumnKeepsEveryMarker() {
        var markers: [NumberingMarker?] = [nil]
        for style in NumberingStyle.allCases {
            for (number, total) in [(0, nil), (1, 8), (999, 999), (3, nil), (2, 0)] as [(Int, Int?)] {
                markers.append(NumberingMarker(number: number, total: total, style: style))
            }
        }
        markers += ["1/n A thread", "3\u{FE0F}\u{20E3} text", "Plain text", "[1/4] Why"].map(NumberingMarker.parse)
        let column = MarkerColumn(count: markers.count)
        for (i, marker) in markers.enumerated() { column[i] = marker }
        #expect(markers.indices.map { column[$0] } == markers)
        column[1] = nil
        #expect(column[1] == nil && column[2] == markers[2])
    }

    @Test func foldsStyledTextForCues() {
        #expect(TextCues("Feel free to 𝐅𝐨𝐥𝐥𝐨𝐰 𝐦𝐞 & comment").contains(.closer))
        #expect(TextCues("Why is Kafka fast? A thread 🧵👇").contains(.opener))
        #expect(TextCues("Souce: [1] https://t.co/x").contains(.source))
        #expect(TextCues("Enjoy this thread? You might like").contains(.threadReference))
        #expect(TextCues("And if a customer reports it").contains(.continuationWord))
        #expect(TextCues("Part 2 is out").contains(.sequel))
        #expect(TextCues("Great summary of SDI-Part 2").isEmpty)
        #expect(TextCues("Read https://t.co/thread9 then FOLLOW ME").contains(.closer))
        #expect(!TextCues("Read https://t.co/thread9 now").contains(.opener)) // words inside links do not count
    }

    /// Plain text is scanned in place and text with styled letters or curly quotes in a folded copy, decided during
    /// the scan itself: the cues must be those of the folded copy, always (links, bullets and the start included).
    /// The cues by their definition, one phrase and one position at a time: the phrases looked for in the folded
    /// copy (``TextCues/fold(_:)``, scalar by scalar) at every position the scan reaches, that is outside links (from
    /// an "http" after the first byte to the next space).
    static func referenceCues(_ text: String) -> UInt16 {
        let folded = TextCues.fold(text)
        let n = folded.count
        var reached = [Bool](repeating: true, count: n)
        var i = 1
        while i < n {
            if i + 4 < n, Array(folded[i..<(i + 4)]) == Array("http".utf8) {
                while i < n, folded[i] != 0x20 {
                    reached[i] = false
                    i += 1
                }
            } else {
                i += 1
            }
        }
        let groups: [([[UInt8]], TextCues)] = [
            (TextCues.openerPhrases, .opener), (TextCues.closerPhrases, .closer),
            (TextCues.referencePhrases, .threadReference), (TextCues.sequelPhrases, .sequel),
            (TextCues.sourcePhrases, .source),
        ]
        var found: UInt16 = 0
        for (phrases, cue) in groups {
            for phrase in phrases {
                for start in 0..<Swift.max(n - 1, 0)
                where reached[start] && start + phrase.count <= n
                    && Array(folded[start..<(start + phrase.count)]) == phrase
                {
                    found |= cue.rawValue
                }
            }
        }
        return TextCues.scanStart(folded.span, found: found)
    }

    static let cuePieces = [
        "thread", "Follow ME", " ", "  ", "[1] https://t.co/x", "https://t.co/thread", "https://t.co/a’b", "’", "“",
        "𝐅𝐨𝐥𝐥𝐨𝐰 𝐦𝐞", "•", "⬇", "🧵", "👇", "(1/n)", "Source: ", "and ", "Part 2", "@bob ", "ｔｈｒｅａｄ", "ʼ", "ℎ", "x",
        "THIS THREAD", "icymi", "/end", "é", "한국어", "h", "http", "HTTP", "𝟏", "𝐀", "—", "…", "Ａ", "ｚ", "[`@{Z",
        "SUBSCRIBE", "P.S. ", "part two of", "[1]: http", " 1/n", "\u{1D6A4}", "\u{1D100}",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    ]

    @Test func cuesEqualThePhrasesFoundOneByOneInTheFoldedCopy() {
        var rng = EngagementSeededGenerator(seed: 7)
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...8, using: &rng) { text += Self.cuePieces.randomElement(using: &rng)! }
            #expect(TextCues(text).rawValue == Self.referenceCues(text), "\(text.debugDescription)")
        }
    }

    @Test func byteFoldEqualsTheScalarFold() {
        var rng = EngagementSeededGenerator(seed: 11)
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...12, using: &rng) { text += Self.cuePieces.randomElement(using: &rng)! }
            let utf8 = Array(text.utf8)
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: utf8.count)
            defer { out.deallocate() }
            let count = TextCues.fold(utf8.span, into: out)
            let folded = Array(UnsafeBufferPointer(start: out, count: count))
            #expect(folded == TextCues.fold(text), "\(text.debugDescription)")
        }
    }

    /// Word bits and mentions by their definition, token by token: after the leading @-run, words are maximal runs
    /// of ASCII letters, digits and bytes of multi-byte scalars, outside links (an "http" starting a word, to the
    /// next space) and handles or hashtags (`@`/`#` and the handle bytes after it); a word of three bytes or more
    /// with a letter sets bit `fnv1a(lower-cased bytes) >> 57`.
    static func referenceWords(_ text: String) -> (words: (UInt64, UInt64), mentions: UInt64) {
        let b = Array(text.utf8)
        let isHandle = { (x: UInt8) in x &- 0x30 < 10 || (x | 0x20) &- 0x61 < 26 || x == 0x5F }
        func fnv(_ bytes: [UInt8]) -> UInt64 {
            bytes.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        }
        var i = 0
        while i < b.count, b[i] == 0x20 { i += 1 }
        while i < b.count, b[i] == 0x40 {
            var j = i + 1
            while j < b.count, isHandle(b[j]) { j += 1 }
            if j == i + 1 { break }
            i = j
            while i < b.count, b[i] == 0x20 { i += 1 }
        }
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        var mentions: UInt64 = 0
        var k = i
        while k < b.count {
            let x = b[k]
            if x >= 0x80 || x &- 0x30 < 10 || (x | 0x20) &- 0x61 < 26 {
                if current.isEmpty, x | 0x20 == 0x68, k + 4 < b.count, Array(b[(k + 1)...(k + 3)]) == Array("ttp".utf8)
                {
                    while k < b.count, b[k] != 0x20 { k += 1 }
                    continue
                }
                current.append(x &- 0x41 < 26 ? x | 0x20 : x)
                k += 1
            } else {
                tokens.append(current)
                current = []
                k += 1
                if x == 0x40 || x == 0x23 {
                    let start = k
                    while k < b.count, isHandle(b[k]) { k += 1 }
                    if x == 0x40 { mentions |= 1 << (fnv(b[start..<k].map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }) >> 58) }
                }
            }
        }
        tokens.append(current)
        var words: (UInt64, UInt64) = (0, 0)
        for token in tokens where token.count >= 3 && token.contains(where: { $0 >= 0x80 || ($0 | 0x20) &- 0x61 < 26 })
        {
            let bit = fnv(token) >> 57
            if bit < 64 { words.0 |= 1 << bit } else { words.1 |= 1 << (bit - 64) }
        }
        return (words, mentions)
    }

    @Test func wordBitsAndMentionsEqualTheTokenByTokenDefinition() {
        let pieces =
            Self.cuePieces + [
                "abc", "ab", "12", "123", "a1", "#tag ", "@Ann_B ", "x.y", "HTTPS://t.co/z ",
                "Http://a.b", "éé", "中文", "Wordle 234 4/6", "\n", "-", "@", "#",
            ]
        var rng = EngagementSeededGenerator(seed: 13)
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int.random(in: 0...10, using: &rng) { text += pieces.randomElement(using: &rng)! }
            let facts = TweetFacts(utf8: Array(text.utf8).span, author: 0)
            let expected = Self.referenceWords(text)
            #expect(facts.words == expected.words && facts.mentions == expected.mentions, "\(text.debugDescription)")
        }
    }

    @Test func numberedBurstIsOneThreadWithReasons() throws {
        let graph = F.graph([
            F.tweet(0, "1/ Why is Kafka fast? 🧵"), F.tweet(1.5, "2/ Sequential IO"), F.tweet(3, "3/ Zero copy"),
        ])
        let thread = try #require(graph.threads.first)
        #expect(graph.threads.count == 1)
        #expect(thread.tweets == [F.id(0), F.id(1.5), F.id(3)])
        #expect(thread.numbering == .slashSuffix)
        #expect(thread.numbers == [1, 2, 3])
        // Timing and numbering are decisive here, so the wording is not consulted or named.
        #expect(thread.links.map(\.reason.description) == ["burst:2s+numbered:1->2", "burst:2s+numbered:2->3"])
        #expect(thread.links.allSatisfy { $0.confidence > 0.95 && $0.confidence <= 1 })
        #expect(thread.confidence == thread.links.map(\.confidence).min())
    }

    @Test func numberingMayStartAtZero() {
        let graph = F.graph([F.tweet(0, "0/ The secret sauce behind NoSQL"), F.tweet(0.4, "1/ This video was made")])
        #expect(graph.threads.first?.numbers == [0, 1])
    }

    @Test func confidenceFallsAsTheGapGrows() throws {
        // Calibrated probabilities: the same pair of tweets is less likely a thread the longer the author paused.
        func confidence(after gap: Double) -> Double {
            let graph = F.graph(
                [F.tweet(0, "Why is Kafka fast?"), F.tweet(gap, "Sequential IO first.")],
                ThreadOptions(minConfidence: 0))
            return graph.threads.first?.links.first?.confidence ?? 0
        }
        let values = [1.0, 45, 600, 7200, 86_400].map(confidence)
        #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 }, "\(values)")
        #expect(values[0] > 0.5)
        #expect(values[4] < 0.05)
        let thread = try #require(
            F.graph([F.tweet(0, "Why is Kafka fast?"), F.tweet(1, "Sequential IO first.")])
                .threads.first)
        #expect(thread.links[0].reason.description == "burst:1s")
    }

    @Test func restartedNumberingStartsANewThreadInTheSameMinute() {
        let texts = ["1/ first", "2/ a", "3/ b", "4/ c", "5/ d", "1/ second", "2/ e", "3/ f"]
        let graph = F.graph(texts.enumerated().map { F.tweet(Double($0.offset) * 2, $0.element) })
        #expect(graph.threads.map(\.length) == [5, 3])
        #expect(graph.threads.map(\.numbers) == [[1, 2, 3, 4, 5], [1, 2, 3]])
    }

    @Test func interleavedThreadsOfOneAuthorFollowTheirNumbers() {
        let graph = F.graph([
            F.tweet(0, "1/3 alpha"), F.tweet(1, "1/2 beta"), F.tweet(2, "2/3 alpha"), F.tweet(3, "2/2 beta"),
            F.tweet(4, "3/3 alpha"),
        ])
        #expect(graph.threads.map(\.tweets) == [[F.id(0), F.id(2), F.id(4)], [F.id(1), F.id(3)]])
    }

    @Test func aReplySlippedBetweenNumberedPartsIsTakenBackOut() throws {
        let graph = F.graph([
            F.tweet(0, "1/ a"), F.tweet(5, "2/ b"), F.tweet(9, "@bob Do you have a link?"),
            F.tweet(9.5, "3/ c"),
        ])
        let thread = try #require(graph.threads.first)
        #expect(thread.tweets == [F.id(0), F.id(5), F.id(9.5)])
        #expect(thread.links.last?.reason.description == "burst:5s+numbered:2->3")
        #expect(graph.thread(containing: F.id(9)) == nil)
    }

    @Test func anUnrelatedTweetPostedInsideANumberedThreadIsNotAPart() throws {
        // Posted five minutes into the thread: weakly linked at first, then taken out when part 3 follows part 2.
        let graph = F.graph([
            F.tweet(0, "/1 a"), F.tweet(4, "/2 b"), F.tweet(300, "Unrelated thought."),
            F.tweet(302, "/3 c"), F.tweet(304, "I hope you've found this thread helpful."),
        ])
        let thread = try #require(graph.threads.first)
        #expect(thread.tweets == [F.id(0), F.id(4), F.id(302), F.id(304)]) // the unnumbered closer stays
        #expect(graph.thread(containing: F.id(300)) == nil)
    }

    @Test func reportsMissingAndRepeatedNumbers() throws {
        let graph = F.graph([
            F.tweet(0, "5/ e"), F.tweet(1, "6/ f"), F.tweet(2, "8/ h"), F.tweet(3, "8/ h again"), F.tweet(4, "9/ i"),
        ])
        let thread = try #require(graph.threads.first)
        #expect(thread.length == 5)
        #expect(thread.missingNumbers == [7])
        #expect(thread.repeatedNumbers == [8])
    }

    @Test func aNumberedListInOneTweetIsNotAThread() {
        let graph = F.graph([F.tweet(0, "Three tips: 1. cache 2. shard 3. replicate")])
        #expect(graph.threads.isEmpty)
    }

    @Test func quickRepliesToOtherPeopleAreReplyChainsOnlyWithTheSameAddressees() {
        let graph = F.graph([
            F.tweet(0, "@bob Thank you!"), F.tweet(12, "@carol Thank you too!"), F.tweet(20, "@bob One more thing"),
            F.tweet(5000, "@dave Congrats"), F.tweet(5021, "@dave But you are right 2/2"),
        ])
        // A reply to someone new never continues; the same addressees seconds later continue a reply (Twitter's
        // data calls those continuations too), as reply chains, not threads.
        #expect(graph.thread(containing: F.id(12)) == nil)
        #expect(graph.threads.allSatisfy { $0.kind == .replyChain })
        #expect(graph.threads.map(\.tweets) == [[F.id(0), F.id(20)], [F.id(5000), F.id(5021)]])
        // Each chain's first tweet replies to the user; its continuation names the user as a prefix (a mention).
        #expect(graph.edgeCount(.repliesTo) == 3)
        #expect(graph.edgeCount(.mentions) == 2)
    }

    @Test func threadPartsTaggingACoAuthorStayInTheThread() throws {
        let graph = F.graph([
            F.tweet(0, "How do companies ship code? https://t.co/x"),
            F.tweet(2, "@GergelyOrosz wrote an excellent article about this topic."),
            F.tweet(3, "@GergelyOrosz Startups move fast."),
            F.tweet(4, "2/ Written by @sahnlam"), F.tweet(4.6, "@sahnlam 3/ Here is one reason"),
        ])
        let thread = try #require(graph.threads.first)
        #expect(graph.threads.count == 1)
        #expect(thread.length == 5)
        #expect(thread.links[1].reason.description.contains("auto-mention"))
        // A continuation's leading handle is a reply prefix: a mention, not a reply to that user.
        let node = try #require(graph.node(for: F.id(4.6)))
        #expect(graph.edges(from: node, kind: .repliesTo).isEmpty)
        #expect(graph.edges(from: node, kind: .mentions).map(\.target) == [graph.node(for: Handle("sahnlam"))])
    }

    @Test func aLeadingSelfMentionIsAContinuationNotAReply() throws {
        let graph = F.graph([F.tweet(0, "Caching, a thread"), F.tweet(100, "@alice Part two of the story")])
        let thread = try #require(graph.threads.first)
        #expect(thread.links[0].reason.description.contains("self-mention"))
        #expect(graph.edgeCount(.repliesTo) == 0)
        #expect(graph.edgeCount(.continues) == 1)
    }

    @Test func closerJoinsSoonAfterAndIsAFollowUpLater() throws {
        let closer = "I hope you've found this thread helpful. Like/Retweet the first tweet below if you can:"
        let soon = F.graph([F.tweet(0, "1/ a"), F.tweet(1, "2/ b"), F.tweet(20, closer)])
        #expect(soon.threads.first?.length == 3)
        #expect(soon.threads.first?.links.last?.reason.description.contains("closer") == true)
        #expect(soon.followUps.isEmpty)

        let late = F.graph([F.tweet(0, "1/ a"), F.tweet(1, "2/ b"), F.tweet(3600, closer)])
        let thread = try #require(late.threads.first)
        #expect(thread.length == 2)
        let followUp = try #require(late.followUps.first)
        #expect(followUp.tweet == F.id(3600))
        #expect(followUp.target == F.id(0))
        #expect(followUp.reason.description.hasPrefix("thread-reference"))
        #expect(thread.followUps == [followUp])
        #expect(late.edgeCount(.followUpOf) == 1)
    }

    @Test func sourceNoteAfterAThreadIsAFollowUp() {
        let graph = F.graph([
            F.tweet(0, "Interesting read: a report"), F.tweet(1, "Key takeaways"),
            F.tweet(555, "Souce: [1] https://t.co/x"),
        ])
        #expect(graph.threads.first?.length == 2)
        #expect(graph.followUps.map(\.target) == [F.id(0)])
    }

    @Test func threadsNeverCrossAuthors() {
        let graph = F.graph([
            F.tweet(0, "1/ a", by: "alice"), F.tweet(1, "2/ b", by: "bob"),
            F.tweet(2, "2/ a", by: "alice", seq: 1), F.tweet(3, "3/ b", by: "bob"),
        ])
        #expect(graph.threads.map(\.author) == [Handle("alice"), Handle("bob")])
        #expect(graph.threads.allSatisfy { t in t.tweets.allSatisfy { graph.archive[$0]?.author == t.author } })
    }

    @Test func optionsBoundGapsAndConfidence() {
        let tweets = [F.tweet(0, "1/ a"), F.tweet(120, "2/ b")]
        #expect(F.graph(tweets).threads.count == 1)
        #expect(F.graph(tweets, ThreadOptions(maxGap: 60)).threads.isEmpty)
        #expect(F.graph(tweets, ThreadOptions(minConfidence: 0.999)).threads.isEmpty)
        #expect(F.graph(tweets, ThreadOptions(inference: false)).threads.isEmpty)
    }

    @Test func conversationIDsDecideWhenStated() {
        // twint JSON states conversation ids: a thread's parts carry the root's, a new post its own.
        let root = F.tweet(0, "Caching")
        var part = F.tweet(200, "More on caching")
        part.conversationID = root.id
        var fresh = F.tweet(201, "Unrelated")
        fresh.conversationID = fresh.id
        var rootWithID = root
        rootWithID.conversationID = root.id
        let graph = F.graph([rootWithID, part, fresh])
        #expect(graph.threads.map(\.tweets) == [[root.id, part.id]])
        #expect(graph.threads.first?.links.first?.reason.description.contains("conversation") == true)
    }

    @Test func readsTwintTextThreads() throws {
        let text = """
            1625536710670163968 2023-02-14 16:45:27 +0000 <alexxubyte> /3 I hope you've found this thread helpful.
            1625536706027061253 2023-02-14 16:45:26 +0000 <alexxubyte> /2 Subscribe to our newsletter
            1625536625030885377 2023-02-14 16:45:07 +0000 <alexxubyte> /1 What are the common load-balancing algorithms?
            """
        let graph = ReplyGraph(try ArchiveReader().read(bytes: Array(text.utf8), name: "t.txt"))
        #expect(graph.threads.map(\.length) == [3])
        #expect(graph.threads.first?.numbering == .slashPrefix)
    }
}
