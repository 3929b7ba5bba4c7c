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
    /// The tweet's id.
    public var id: TweetID
    /// Its author, when the archive names one.
    public var author: Handle?
    /// Its text, when the archive includes it.
    public var text: String?

    package init(id: TweetID, author: Handle? = nil, text: String? = nil) {
        self.id = id
        self.author = author
        self.text = text
    }
}

/// What reading one input produced, for reports.
public struct InputStats: Hashable, Sendable {
    /// The input's name: its path, `<stdin>`, or `archive.zip!data/tweets.js` inside an account archive.
    public var name: String
    /// The format detected, `nil` when none was.
    public var format: ArchiveFormat?
    package var bytes: Int = 0
    package var lines: Int = 0
    /// Tweets read (duplicates included).
    public var tweets: Int = 0
    /// Tweets whose id was already read (from this or an earlier input); kept once.
    public var duplicates: Int = 0
    /// Lines that are not tweets by design: scraper log lines, profile lines, blank lines, API pages without
    /// tweets.
    public var ignored: Int = 0
    /// Malformed lines skipped, by reason.
    public var skipped: [Diagnostic.Reason: Int] = [:]
    /// Lines (for account exports, elements) whose invalid UTF-8 was replaced with U+FFFD.
    package var invalidUTF8Lines: Int = 0
    /// A constant offset between the stated times and the snowflake times (stated − true), in seconds, when the
    /// archive shows one: twint writes the scraping machine's local time.
    package var clockOffsetSeconds: Int?

    package init(name: String) { self.name = name }

    package var skippedTotal: Int { skipped.values.reduce(0, +) }
}

/// The result of reading one or more inputs: tweets sorted by id, each id once, and a report of what was read.
///
///     let archive = try ArchiveReader().read(paths: [SampleArchive.path])
///     archive[archive.tweets[0].id]?.author   // alexxubyte
///
/// Invariant: ``tweets`` are sorted by id and hold each id once. Every way to make or change an archive keeps it
/// (the initialiser sorts and drops repeats; ``tweets`` cannot be assigned from outside the module).
public struct Archive: Sendable {
    /// Tweets sorted by id (oldest first for snowflake ids), each id once.
    public private(set) var tweets: [Tweet] {
        didSet { idIndex = LazyIDIndex() }
    }
    /// Tweets referenced but not contained (from `includes` or reply/quote ids), keyed by id.
    public var externalTweets: [TweetID: ExternalTweet]
    /// One entry per input, in the order given.
    public var inputs: [InputStats]
    /// The first malformed lines (at most ``ArchiveReader/Options/maxReportedIssues``), as `file:line: reason`.
    public var issues: [Diagnostic]
    /// One report per Twitter/X archive read whole (a `.zip`, its folder or its `data/` folder).
    package var accountArchives: [AccountArchiveReport] = []

    /// A hash index of positions in ``tweets`` by id (4 to 8 bytes a tweet, where a `[TweetID: Int]` would take
    /// ~32); the ids themselves are read from the tweets. Built at the first lookup, not with the archive: reading
    /// an archive for its statistics never needs it.
    private var idIndex = LazyIDIndex()

    /// Builds an archive from tweets in any order; of repeated ids the first is kept.
    ///
    /// - Complexity: O(n) when `tweets` are sorted either way, else O(n log n).
    public init(
        tweets: [Tweet], externalTweets: [TweetID: ExternalTweet] = [:], inputs: [InputStats] = [],
        issues: [Diagnostic] = []
    ) {
        var tweets = tweets
        _ = Self.sortRemovingDuplicates(&tweets, inputCounts: [])
        self.init(sortedUniqueTweets: tweets, externalTweets: externalTweets, inputs: inputs, issues: issues)
    }

    /// Builds an archive from tweets already sorted by id, each id once (the readers' path: no second sort).
    init(
        sortedUniqueTweets tweets: [Tweet], externalTweets: [TweetID: ExternalTweet], inputs: [InputStats],
        issues: [Diagnostic], accountArchives: [AccountArchiveReport] = []
    ) {
        assert(
            zip(tweets.indices, tweets.indices.dropFirst()).allSatisfy { tweets[$0].id < tweets[$1].id },
            "tweets must be sorted by id, each id once")
        self.tweets = tweets
        self.externalTweets = [:] // every property set, so that the lookups below can run
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
        // By index: iterating would copy each tweet (and retain its text block).
        let tweets = self.tweets
        let build = { IDIndex(count: tweets.count) { tweets[$0].id.rawValue } }
        return idIndex.withIndex(build: build) { index in
            index.position(of: id.rawValue, count: tweets.count) { tweets[$0].id.rawValue }
        }
    }

    /// Removes the tweets that `shouldRemove` picks; the rest stay sorted and unique, and lookups follow.
    ///
    /// - Complexity: O(n).
    package mutating func removeTweets(where shouldRemove: (Tweet) throws -> Bool) rethrows {
        try tweets.removeAll(where: shouldRemove)
    }

    package var duplicates: Int { inputs.reduce(0) { $0 + $1.duplicates } }
    package var ignored: Int { inputs.reduce(0) { $0 + $1.ignored } }
    package var skipped: [Diagnostic.Reason: Int] {
        inputs.reduce(into: [:]) { acc, input in acc.merge(input.skipped, uniquingKeysWith: +) }
    }
}
