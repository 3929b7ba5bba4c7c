import Testing

@testable import ReplyGraph

/// Malformed or adversarial input gives a graph and a report, never a crash or a quadratic blow-up.
@Suite struct ThreadBadInputTests {
    typealias F = TweetFactory

    @Test func anEmptyArchiveGivesAnEmptyGraph() {
        let graph = F.graph([])
        #expect(graph.threads.isEmpty && graph.followUps.isEmpty)
        #expect(graph.nodeCount == 0 && graph.edgeCount == 0)
        #expect(ThreadStatistics(graph).count == 0)
    }

    @Test func emptyAndOddTextsDoNotBreakMarkersOrCues() {
        for text in ["", " ", "@", "/", "1", "1/", "(1/", "1/2)", "@@@ 1/", "\u{20E3}", "1\u{FE0F}", "https://t.co/x"] {
            _ = NumberingMarker.parse(text)
            _ = TextCues(text)
        }
        let graph = F.graph(["", "1/", "(1/", "@"].enumerated().map { F.tweet(Double($0.offset), $0.element) })
        #expect(graph.archive.tweets.count == 4)
    }

    @Test func unorderedInputGivesTheSameThreads() {
        let tweets = [F.tweet(0, "1/ a"), F.tweet(1, "2/ b"), F.tweet(2, "3/ c")]
        let ordered = F.graph(tweets)
        let shuffled = F.graph([tweets[2], tweets[0], tweets[1]])
        #expect(ordered.threads == shuffled.threads)
        #expect(ordered.threads.first?.length == 3)
    }

    @Test func timesOutOfIdOrderAreSortedByTime() {
        // Pre-snowflake ids carry no time: order comes from the stated times.
        let t0 = Timestamp(milliseconds: 1_000_000_000_000)
        let late = Tweet(
            id: TweetID(5), author: Handle("old"), createdAt: Timestamp(milliseconds: t0.rawValue + 2000),
            text: "2/ later")
        let early = Tweet(id: TweetID(9), author: Handle("old"), createdAt: t0, text: "1/ first")
        let graph = F.graph([late, early])
        #expect(graph.threads.first?.tweets == [TweetID(9), TweetID(5)])
    }

    @Test func duplicatedIdsAreKeptOnce() {
        let graph = F.graph([F.tweet(0, "1/ a"), F.tweet(0, "1/ a"), F.tweet(1, "2/ b"), F.tweet(1, "2/ b")])
        #expect(graph.archive.tweets.count == 2)
        #expect(graph.threads.map(\.length) == [2])
        #expect(graph.edgeCount(.authored) == 2)
    }

    @Test func interleavedAuthorsKeepTheirOwnThreads() {
        var tweets: [Tweet] = []
        for k in 0..<10 {
            for (a, name) in ["ann", "ben", "cat"].enumerated() {
                tweets.append(F.tweet(Double(k), "\(k + 1)/ part by \(name)", by: name, seq: UInt64(a)))
            }
        }
        let graph = F.graph(tweets)
        #expect(graph.threads.count == 3)
        #expect(graph.threads.allSatisfy { $0.length == 10 && $0.missingNumbers.isEmpty })
    }

    @Test func numberingThatRestartsIsReported() {
        let texts = ["1/ a", "2/ b", "3/ c", "1/ again", "2/ again"]
        let graph = F.graph(texts.enumerated().map { F.tweet(Double($0.offset), $0.element) })
        #expect(graph.threads.map(\.length) == [3, 2])
    }

    @Test func aReplyToADeletedTweetIsASingleton() {
        let graph = F.graph([
            F.tweet(0, "@bob indeed", replyTo: F.id(-50, 3), replyUser: "bob"),
            F.tweet(1, "something else"),
        ])
        #expect(graph.threads.isEmpty)
        #expect(graph.tweetGraph.externalTweetCount == 1)
    }

    @Test func tenThousandTweetsInOneSecondStayLinear() {
        var tweets: [Tweet] = []
        tweets.reserveCapacity(10_000)
        for k in 0..<10_000 {
            tweets.append(
                Tweet(
                    id: F.id(Double(k % 1000) / 1000, UInt64(k / 1000)), author: Handle("bot"),
                    text: k % 3 == 0 ? "@x ping \(k)" : "\(k % 7 + 1)/ spam \(k)"))
        }
        let clock = ContinuousClock()
        var graph: ReplyGraph?
        let elapsed = clock.measure { graph = F.graph(tweets) }
        #expect(graph!.archive.tweets.count == 10_000)
        #expect(graph!.threads.reduce(0) { $0 + $1.length } <= 10_000)
        #expect(graph!.edgeCount(.authored) == 10_000)
        #expect(elapsed < .seconds(20)) // debug build; quadratic work would take minutes
    }
}
