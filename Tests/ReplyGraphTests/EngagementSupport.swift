import Foundation

@testable import ReplyGraph

/// The library's seeded generator (SplitMix64), so randomised tests are reproducible.
typealias EngagementSeededGenerator = SeededGenerator

extension SeededGenerator {
    /// A standard normal draw (Box–Muller).
    mutating func normal() -> Double {
        let u1 = Double.random(in: Double.ulpOfOne..<1, using: &self)
        let u2 = Double.random(in: 0..<1, using: &self)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

enum EngagementFixtures {
    /// A snowflake id whose embedded time is `ms` (Unix milliseconds), made unique by `sequence`.
    static func id(ms: Int64, sequence: Int) -> TweetID {
        TweetID(UInt64(ms - TweetID.twitterEpochMilliseconds) << 22 | UInt64(sequence & 0x3F_FFFF))
    }

    static func tweet(
        _ text: String, ms: Int64, sequence: Int = 0, author: String = "me", likes: Int? = nil,
        retweets: Int? = nil, media: Bool? = nil
    ) -> Tweet {
        Tweet(
            id: id(ms: ms, sequence: sequence), author: Handle(author), text: text,
            counts: EngagementCounts(likes: likes, retweets: retweets), hasMedia: media)
    }

    /// 2021-01-04T00:00:00Z, a Monday.
    static let start: Int64 = 1_609_718_400_000
}
