import GraphExport
import ReplyGraph
import Testing

/// The tweet graph's byte-level GraphML writer against the generic writer over the same nodes and edges, on the
/// cases it treats apart: text to escape or drop, counts present or absent, external tweets with and without
/// author or text, repeated mentions, dates the fast path does not spell, tweets in two threads.
@Suite("Tweet graph GraphML bytes")
struct TweetGraphGraphMLTests {
    static let ann = Handle("Ann")
    static let external = TweetID(1_500_000_000_000_000_001) // no ExternalTweet: neither author nor text
    static let externalAuthor = TweetID(1_500_000_000_000_000_002) // author only
    static let externalText = TweetID(1_500_000_000_000_000_003) // text only

    /// Text with every kind of character `Escaping.xml` changes: entities, references, removals.
    static let hostile =
        "a<b>&\"'\ttab\nline\rret nul\u{0}\u{1}\u{1F} forbidden\u{FFFE}\u{FFFF} bom\u{FEFF} alm\u{061C}"
        + " zw\u{200B} ls\u{2028} rlo\u{202E}x\u{202C} € 😀 \u{E000} end"

    static func id(_ k: UInt64) -> TweetID { TweetID(1_625_536_625_030_885_377 + (k << 22)) }

    static var tweets: [Tweet] {
        [
            Tweet(
                id: id(1), author: ann, text: "@Bob @bob hi @ANN @carol @Bob " + hostile,
                inReplyToID: external, counts: EngagementCounts(likes: 3)),
            Tweet(
                id: id(2), author: Handle("we&ird<name>"), text: "no mentions here",
                quotedID: externalAuthor, retweetedID: externalText,
                counts: EngagementCounts(likes: -3, retweets: 0, replies: 12_345_678_901)),
            Tweet(
                id: id(3), author: ann, text: "hand-built mentions",
                entities: Entities(
                    mentions: [
                        TextEntity(value: "Zoë", range: 0..<4), TextEntity(value: "Zoe\u{308}", range: 5..<10),
                        TextEntity(value: "@x&y", range: 11..<15),
                    ], replyTo: ["Zoë"]),
                inReplyToID: id(1)),
            // Dates before year 1000, after 9999 and before year 0: spelled as `Timestamp.iso8601` spells them.
            Tweet(
                id: TweetID(7), author: ann, createdAt: Timestamp(year: 812, month: 3, day: 4, hour: 5), text: "old"),
            Tweet(
                id: TweetID(8), author: Handle("bob"), createdAt: Timestamp(year: 12_000, month: 12, day: 31),
                text: "far"),
            Tweet(id: TweetID(9), author: ann, createdAt: Timestamp(year: -44, month: 3, day: 15), text: "ides"),
        ]
    }

    static var archive: Archive {
        Archive(
            tweets: tweets,
            externalTweets: [
                externalAuthor: ExternalTweet(id: externalAuthor, author: Handle("ext\"author")),
                externalText: ExternalTweet(id: externalText, text: "quoted <text>\u{0}\u{FEFF}"),
            ])
    }

    static func link(_ from: TweetID, _ to: TweetID) -> ThreadLink {
        ThreadLink(from: from, to: to, confidence: 0.123456789123, reason: ThreadLink.Reason(basis: .replyID))
    }

    /// Two threads sharing tweet 3 (the later one's position wins), one link from a tweet outside the archive.
    static var threads: [TweetThread] {
        [
            TweetThread(
                root: id(1), author: ann, tweets: [id(1), id(3)], links: [link(id(3), id(1))],
                numbering: .none, numbers: [nil, nil], confidence: 1,
                start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 0)),
            TweetThread(
                root: TweetID(7), author: ann, tweets: [TweetID(7), TweetID(9), id(3), TweetID(99)],
                links: [link(TweetID(9), TweetID(7)), link(TweetID(99), id(3))],
                numbering: .none, numbers: [nil, nil, nil, nil], confidence: 1,
                start: Timestamp(milliseconds: 0), end: Timestamp(milliseconds: 0),
                followUps: [followUp]),
        ]
    }

    static let followUp = FollowUp(
        tweet: id(2), target: id(1), confidence: 2.0 / 3, reason: FollowUp.Reason(cue: .threadReference, gapSeconds: 5))

    /// The source, with the follow-up given once more on its own (it is written once).
    static func source(batchSize: Int) -> TweetGraphExport {
        TweetGraphExport(archive: archive, threads: threads, followUps: [followUp], batchSize: batchSize)
    }

    @Test("the byte writer gives the generic writer's bytes, whatever the batch size", arguments: [1, 2, 4, 8192])
    func sameBytes(batchSize: Int) throws {
        let source = Self.source(batchSize: batchSize)
        var streamed = ""
        source.write(.graphml, to: &streamed)
        let collected = ExportGraph(collecting: source)
        #expect(streamed == collected.graphML)
        // Tweets 7, 8 authored; 9 authored and continues; 1 authored, replies_to, three mentions; 2 authored,
        // quotes, retweets, follow_up_of (once); 3 authored, replies_to, two mentions, continues.
        #expect(collected.edges.count == 1 + 1 + 2 + 5 + 4 + 5)
        #expect(streamed.contains("<edge id=\"e\(collected.edges.count - 1)\""))
        #expect(!streamed.contains("<edge id=\"e\(collected.edges.count)\""))
    }

    @Test("values the byte writer spells itself: escaped text, counts, dates, thread positions, external tweets")
    func spelledValues() throws {
        var text = ""
        Self.source(batchSize: 2).write(.graphml, to: &text)
        // Text escaped as the reference escaper does it, forbidden characters gone.
        #expect(text.contains(Escaping.xmlReference(Self.hostile)))
        #expect(text.contains("a&lt;b&gt;&amp;&quot;&apos;&#9;tab&#10;line&#13;ret nul forbidden bom&#xFEFF;"))
        #expect(!text.unicodeScalars.contains { $0 == "\u{0}" || $0 == "\u{FFFE}" || $0 == "\u{FFFF}" })
        // Counts, negative and wider than 32 bits, and absent ones.
        #expect(text.contains(">-3</data>") && text.contains(">12345678901</data>") && text.contains(">0</data>"))
        // Dates: the fast path and the two spelled by `iso8601`.
        #expect(text.contains(">0812-03-04T05:00:00.000Z</data>"))
        for tweet in Self.tweets { #expect(text.contains(">\(tweet.createdAt.iso8601)</data>")) }
        // Tweet 3 is the third of the second thread, rooted at tweet 7.
        #expect(text.contains(">3</data><data key=\"n11\">7</data></node>"))
        // External tweets: nothing known, author only, text only.
        #expect(text.contains("<node id=\"\(Self.external.rawValue)\"><data key=\"n0\">external_tweet</data></node>"))
        #expect(text.contains(">ext&quot;author</data></node>"))
        #expect(text.contains(">quoted &lt;text&gt;&#xFEFF;</data></node>"))
        // Users with characters to escape, as node ids and as edge ends.
        #expect(text.contains("<node id=\"@we&amp;ird&lt;name&gt;\">"))
        #expect(text.contains("source=\"@we&amp;ird&lt;name&gt;\""))
        #expect(text.contains("target=\"@x&amp;y\""))
        // Mentions once per handle, the reply run marked: @Bob (reply run), @ANN, @carol; Zoë once.
        #expect(text.components(separatedBy: "target=\"@bob\"").count == 2)
        #expect(text.components(separatedBy: "target=\"@zoë\"").count == 2)
    }
}
