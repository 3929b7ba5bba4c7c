import Foundation
@testable import ReplyGraph

/// SplitMix64: a tiny seeded generator so randomised tests are reproducible.
struct EngagementSeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
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

    static func tweet(_ text: String, ms: Int64, sequence: Int = 0, author: String = "me", likes: Int? = nil,
                      retweets: Int? = nil, media: Bool? = nil) -> Tweet {
        Tweet(id: id(ms: ms, sequence: sequence), author: Handle(author), text: text,
              counts: EngagementCounts(likes: likes, retweets: retweets), hasMedia: media)
    }

    /// 2021-01-04T00:00:00Z, a Monday.
    static let start: Int64 = 1_609_718_400_000
}
