import Testing
import TweetArchive

@testable import ReplyGraph

/// The summary counts authors and mentions by handle (ASCII case folded), each mentioned handle once per tweet,
/// whatever the names' length: extracted mentions are read as bytes, hand-built ones may be longer than any screen
/// name.
@Suite struct ArchiveSummaryTests {
    @Test func countsHandlesCaseInsensitivelyAndOncePerTweet() {
        let long = String(repeating: "x", count: 24)
        let tweets = [
            Tweet(id: TweetID(1), author: Handle("Alice"), text: "@Bob @bob hi @Carol"),
            Tweet(id: TweetID(2), author: Handle("alice"), text: "@BOB again"),
            Tweet(
                id: TweetID(3), author: Handle("dave"), text: "built by hand",
                entities: Entities(mentions: [
                    TextEntity(value: long + "Tail1", range: 0..<30),
                    TextEntity(value: long + "tail1", range: 31..<61),
                    TextEntity(value: long + "tail2", range: 62..<92),
                ])),
            Tweet(
                id: TweetID(4), author: Handle("dave"), text: "@Alice \u{1F600}",
                entities: Entities(mentions: [TextEntity(value: long + "TAIL2", range: 0..<30)])),
        ]
        let summary = ArchiveSummary(Archive(tweets: tweets))
        #expect(summary.authors == 2)
        #expect(summary.topAuthors.map(\.count) == [2, 2])
        #expect(summary.tweetsWithMentions == 4)
        #expect(summary.distinctMentioned == 4) // bob, carol, xxx…tail1, xxx…tail2
        let counts = Dictionary(uniqueKeysWithValues: summary.topMentions.map { (Handle($0.handle).key, $0.count) })
        #expect(counts == ["bob": 2, "carol": 1, long + "tail1": 1, long + "tail2": 2])
        // By count, then by key; each handle shown as first spelled.
        #expect(summary.topMentions.map(\.handle) == ["Bob", long + "tail2", "Carol", long + "Tail1"])
    }
}
