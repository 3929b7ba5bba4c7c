/// The supported archive formats, detected from content.
public enum ArchiveFormat: String, CaseIterable, Sendable, Codable {
    /// twint's plain-text output: `<id> <date> <time> <zone> <<user>> <text>`.
    case twintText = "twint-text"
    /// twint's `--json` output, one object per line.
    case twintJSON = "twint-json"
    /// Twitter API v2 / twarc2 JSON lines: raw response pages or flattened tweets.
    case twitterAPIv2 = "twitter-api-v2"
    /// The official account export's `tweets.js` (`window.YTD.tweets.part0 = [...]`).
    case accountExport = "account-export"
}

/// A tweet known only by reference (a parent, quoted or retweeted tweet absent from the archive itself).
public struct ExternalTweet: Hashable, Sendable {
    public var id: TweetID
    public var author: Handle?
    public var text: String?

    public init(id: TweetID, author: Handle? = nil, text: String? = nil) {
        self.id = id
        self.author = author
        self.text = text
    }
}

/// What reading one input produced, for reports.
public struct InputStats: Hashable, Sendable {
    public var name: String
    public var format: ArchiveFormat?
    public var bytes: Int = 0
    public var lines: Int = 0
    public var tweets: Int = 0
    /// Tweets whose id was already read (from this or an earlier input); kept once.
    public var duplicates: Int = 0
    /// Lines that are not tweets by design: scraper log lines, profile lines, blank lines, API pages without
    /// tweets.
    public var ignored: Int = 0
    /// Malformed lines skipped, by reason.
    public var skipped: [String: Int] = [:]
    /// Lines (for account exports, elements) whose invalid UTF-8 was replaced with U+FFFD.
    public var invalidUTF8Lines: Int = 0
    /// A constant offset between the stated times and the snowflake times (stated − true), in seconds, when the
    /// archive shows one: twint writes the scraping machine's local time.
    public var clockOffsetSeconds: Int?

    public init(name: String) { self.name = name }

    public var skippedTotal: Int { skipped.values.reduce(0, +) }
}

/// The result of reading one or more inputs: tweets sorted by id, each id once, and a report of what was read.
public struct Archive: Sendable {
    /// Tweets sorted by id (oldest first for snowflake ids), duplicates removed.
    ///
    /// Lookups by id (the subscript, ``index(of:)``) index these tweets as they are at the first lookup after a
    /// change; keep them sorted by id and unique when changing them (or build a new archive).
    public var tweets: [Tweet] {
        didSet { idIndex = LazyIDIndex() }
    }
    /// Tweets referenced but not contained (from `includes` or reply/quote ids), keyed by id.
    public var externalTweets: [TweetID: ExternalTweet]
    /// One entry per input, in the order given.
    public var inputs: [InputStats]
    /// The first malformed lines (at most ``ArchiveReader/Options/maxReportedIssues``), as `file:line: reason`.
    public var issues: [Diagnostic]
    /// One report per Twitter/X archive read whole (a `.zip`, its folder or its `data/` folder).
    public var accountArchives: [AccountArchiveReport] = []

    /// A hash index of positions in ``tweets`` by id (4 to 8 bytes a tweet, where a `[TweetID: Int]` would take
    /// ~32); the ids themselves are read from the tweets. Built at the first lookup, not with the archive: reading
    /// an archive for its statistics never needs it.
    private var idIndex = LazyIDIndex()

    /// Builds an archive from tweets in any order; of repeated ids the first is kept.
    ///
    /// - Complexity: O(n) when `tweets` are sorted either way, else O(n log n).
    public init(tweets: [Tweet], externalTweets: [TweetID: ExternalTweet] = [:], inputs: [InputStats] = [],
                issues: [Diagnostic] = []) {
        var tweets = tweets
        _ = Self.sortRemovingDuplicates(&tweets, inputCounts: [])
        self.init(sortedUniqueTweets: tweets, externalTweets: externalTweets, inputs: inputs, issues: issues)
    }

    /// Builds an archive from tweets already sorted by id, each id once (the readers' path: no second sort).
    init(sortedUniqueTweets tweets: [Tweet], externalTweets: [TweetID: ExternalTweet], inputs: [InputStats],
         issues: [Diagnostic], accountArchives: [AccountArchiveReport] = []) {
        self.tweets = tweets
        self.externalTweets = [:]   // every property set, so that the lookups below can run
        self.inputs = inputs
        self.issues = issues
        self.accountArchives = accountArchives
        var external = externalTweets
        for key in external.keys where index(of: key) != nil { external[key] = nil }
        self.externalTweets = external
    }

    /// The tweet with `id`, in O(1).
    public subscript(id: TweetID) -> Tweet? {
        index(of: id).map { tweets[$0] }
    }

    /// The position of `id` in ``tweets``, in O(1) (the first lookup builds the index, in O(n)).
    public func index(of id: TweetID) -> Int? {
        tweets.withUnsafeBufferPointer { buffer in
            // By index through the buffer: iterating would copy each tweet (and retain its strings).
            idIndex.withIndex(build: { IDIndex(count: buffer.count) { buffer[$0].id.rawValue } }) { index in
                index.position(of: id.rawValue, count: buffer.count) { buffer[$0].id.rawValue }
            }
        }
    }

    public var duplicates: Int { inputs.reduce(0) { $0 + $1.duplicates } }
    public var ignored: Int { inputs.reduce(0) { $0 + $1.ignored } }
    public var skipped: [String: Int] {
        inputs.reduce(into: [:]) { acc, input in acc.merge(input.skipped, uniquingKeysWith: +) }
    }
}
