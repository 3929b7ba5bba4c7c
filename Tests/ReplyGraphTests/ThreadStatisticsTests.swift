import Testing

@testable import ReplyGraph

@Suite struct ThreadStatisticsTests {
    typealias F = TweetFactory

    /// Hand-computed: alice has threads of 2, 3 and 5 tweets (durations 1 s, 2 s, 40 s) and one single tweet; bob has
    /// a 2-tweet thread (10 s) and two single tweets.
    @Test func handBuiltCase() {
        let month = 30.0 * 86_400 // TweetFactory.base is 2022-04-15, so +30 days is May
        let tweets = [
            F.tweet(0, "1/ a"), F.tweet(1, "2/ a"),
            F.tweet(1000, "1/ b"), F.tweet(1001, "2/ b"), F.tweet(1002, "3/ b"),
            F.tweet(month, "1/ c"), F.tweet(month + 10, "2/ c"), F.tweet(month + 20, "3/ c"),
            F.tweet(month + 30, "4/ c"), F.tweet(month + 40, "5/ c"),
            F.tweet(5000, "single"),
            F.tweet(0, "1/ d", by: "bob", seq: 1), F.tweet(10, "2/ d", by: "bob", seq: 1),
            F.tweet(3000, "one", by: "bob"), F.tweet(9000, "two", by: "bob"),
        ]
        let graph = F.graph(tweets)
        let stats = ThreadStatistics(graph)
        #expect(stats.count == 4)
        #expect(stats.lengthHistogram == [2: 2, 3: 1, 5: 1])
        #expect(stats.meanLength == 3) // (2 + 2 + 3 + 5) / 4
        #expect(stats.medianLength == 2.5) // (2 + 3) / 2
        #expect(stats.p90Length == 5) // ⌈0.9 · 4⌉ = 4th smallest
        #expect(stats.maxLength == 5)
        #expect(stats.medianDuration == 6) // durations 1, 2, 10, 40 → (2 + 10) / 2
        #expect(stats.threadsPerMonth == ["2022-04": 3, "2022-05": 1])
        #expect(stats.threadedShare[Handle("alice")] == 10.0 / 11.0)
        #expect(stats.threadedShare[Handle("BOB")] == 0.5)
    }

    @Test func noThreads() {
        let stats = ThreadStatistics(F.graph([F.tweet(0, "alone")]))
        #expect(stats.count == 0 && stats.meanLength == 0 && stats.medianLength == 0 && stats.p90Length == 0)
        #expect(stats.threadsPerMonth.isEmpty)
        #expect(stats.threadedShare == [Handle("alice"): 0])
    }
}
