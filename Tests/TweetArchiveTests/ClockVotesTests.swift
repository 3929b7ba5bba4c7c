import Testing

@testable import TweetArchive

/// The clock offset tallied tweet by tweet as readers emit them, and merged across the parts of a parallel read.
@Suite struct ClockVotesTests {
    /// A tweet whose stated time lies `offsetSeconds` (plus `jitter` ms) from its snowflake id's time.
    private func tweet(_ k: Int, offsetSeconds: Int, jitter: Int64 = 0) -> Tweet {
        let id = TweetID(UInt64(1_600_000_000_000_000_000) + UInt64(k) << 22)
        let ms = id.snowflakeMilliseconds! + Int64(offsetSeconds) * 1000 + jitter
        return Tweet(id: id, author: Handle("a"), statedTime: Timestamp(milliseconds: ms), text: "t")
    }

    private func offset(_ tweets: [Tweet]) -> Int? {
        var votes = ClockVotes()
        for t in tweets { votes.add(t) }
        return votes.offset
    }

    @Test func agreesWhenNinetyFivePercentAgree() {
        // Seconds of jitter round to the same quarter hour; 7 minutes 30 seconds rounds away from zero.
        let hour = (0..<100).map { tweet($0, offsetSeconds: 3600, jitter: Int64($0 % 7) * 1000 - 3000) }
        #expect(offset(hour) == 3600)
        #expect(offset([tweet(0, offsetSeconds: 450)]) == 900 && offset([tweet(0, offsetSeconds: -450)]) == -900)
        let mixed = (0..<100).map { tweet($0, offsetSeconds: $0 < 95 ? -18_000 : 0) }
        #expect(offset(mixed) == -18_000)
        let split = (0..<100).map { tweet($0, offsetSeconds: $0 < 94 ? -18_000 : 0) }
        #expect(offset(split) == nil)
        // Tweets without a stated time (or without a snowflake id) do not vote.
        #expect(offset([Tweet(id: TweetID(5), author: Handle("a"), text: "t")]) == nil)
    }

    @Test func partsMergeToTheWholeTally() {
        // Alternating runs, cut at every point: two tallies merged give the single tally's answer.
        let tweets =
            (0..<60).map { tweet($0, offsetSeconds: ($0 / 7) % 3 == 0 ? 0 : 3600) }
            + (0..<1200).map { tweet(1000 + $0, offsetSeconds: 3600) }
        let whole = offset(tweets)
        #expect(whole == 3600)
        for cut in stride(from: 0, through: tweets.count, by: 37) {
            var left = ClockVotes()
            var right = ClockVotes()
            for t in tweets[..<cut] { left.add(t) }
            for t in tweets[cut...] { right.add(t) }
            left.merge(right)
            #expect(left.offset == whole, "cut at \(cut)")
        }
        var withoutTail = ClockVotes()
        var head = ClockVotes()
        for t in tweets[..<60] { head.add(t) }
        withoutTail.merge(head)
        #expect(withoutTail.offset == offset(Array(tweets[..<60])))
    }
}
