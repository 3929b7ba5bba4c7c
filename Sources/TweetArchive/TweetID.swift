/// A tweet's numeric id.
///
/// Since November 2010 ids are Twitter "snowflakes": the upper 41 bits hold the milliseconds since Twitter's epoch,
/// so an id alone dates its tweet to the millisecond, and ids sort in posting order.
///
///     let id = TweetID(1625536625030885377)
///     id.snowflakeMilliseconds   // 1676393107000 + 263 → 2023-02-14T16:45:07.263Z
///
/// Ids exceed 2^53, so they are always read from digits and written to JSON as strings.
public struct TweetID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The id's number.
    public var rawValue: UInt64

    @inlinable package init(rawValue: UInt64) { self.rawValue = rawValue }
    /// The id numbered `rawValue`.
    @inlinable public init(_ rawValue: UInt64) { self.rawValue = rawValue }

    /// Parses a decimal id; `nil` for anything but 1–20 ASCII digits that fit in 64 bits.
    public init?(_ text: some StringProtocol) {
        guard let value = UInt64(text) else { return nil }
        self.rawValue = value
    }

    /// Twitter's snowflake epoch, 2010-11-04T01:42:54.657Z, in Unix milliseconds.
    @usableFromInline package static let twitterEpochMilliseconds: Int64 = 1_288_834_974_657

    /// The largest pre-snowflake id; ids above it carry their creation time.
    @usableFromInline package static let lastSequentialID: UInt64 = 29_700_859_247

    /// Whether the id is a snowflake (and so carries its creation time).
    @inlinable package var isSnowflake: Bool { rawValue > Self.lastSequentialID }

    /// Creation time in Unix milliseconds derived from the id: `(id >> 22) + 1288834974657`, or `nil` for
    /// pre-snowflake ids.
    @inlinable package var snowflakeMilliseconds: Int64? {
        isSnowflake ? Int64(rawValue >> 22) + Self.twitterEpochMilliseconds : nil
    }

    /// Orders by number, which for snowflakes is posting order.
    @inlinable public static func < (lhs: TweetID, rhs: TweetID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The id in decimal digits.
    public var description: String { String(rawValue) }
}
