/// Collects what a format parser finds in one input: tweets, external tweets, counts and diagnostics.
///
/// Parsers report every line they consume through exactly one of ``emit(_:)``, ``ignore()`` or
/// ``skip(line:reason:detail:)``, so nothing is lost silently.
struct RecordSink {
    var file: String
    var strict: Bool
    var maxReportedIssues: Int
    var stats: InputStats
    var tweets: [Tweet] = []
    /// When set, every `chunkSize` tweets move from ``tweets`` to ``chunks``: a part of a file read on several
    /// threads hands its tweets over a chunk at a time, so joining the parts never holds two copies of them.
    var chunkSize: Int?
    var chunks: [[Tweet]] = []
    var external: [TweetID: ExternalTweet] = [:]
    var issues: [Diagnostic] = []
    /// The tweets' clock offsets, tallied as they are emitted (while they are still in the cache).
    var clock = ClockVotes()

    init(file: String, strict: Bool, maxReportedIssues: Int) {
        self.file = file
        self.strict = strict
        self.maxReportedIssues = maxReportedIssues
        self.stats = InputStats(name: file)
    }

    @inline(__always)
    mutating func emit(_ tweet: consuming Tweet) {
        clock.add(tweet)
        tweets.append(consume tweet) // moved in: a copy would retain and release its references
        stats.tweets += 1
        if let chunkSize, tweets.count >= chunkSize {
            chunks.append(tweets)
            tweets = []
            tweets.reserveCapacityInHugePages(chunkSize)
        }
    }

    /// Records a tweet known only by reference; richer information wins over poorer.
    mutating func reference(_ tweet: ExternalTweet) {
        if let old = external[tweet.id], old.author != nil, tweet.author == nil { return }
        external[tweet.id] = tweet
    }

    /// A line that is not a tweet by design (log line, profile line, blank line).
    mutating func ignore() { stats.ignored += 1 }

    /// A malformed line: counted by reason, reported among the first issues, fatal under `strict`.
    mutating func skip(line: Int, reason: Diagnostic.Reason, detail: String = "") throws(ArchiveError) {
        stats.skipped[reason, default: 0] += 1
        let diagnostic = Diagnostic(file: file, line: line, reason: reason, detail: detail)
        if strict {
            throw ArchiveError(
                kind: .malformed, file: file, line: line,
                message: detail.isEmpty ? reason.rawValue : "\(reason): \(detail)")
        }
        if issues.count < maxReportedIssues { issues.append(diagnostic) }
    }
}

/// The constant offset (in seconds, a multiple of 15 minutes) between an input's stated and snowflake times, when
/// at least 95% of its tweets agree on it: twint writes the local time of the machine that scraped.
///
///     var votes = ClockVotes()
///     for tweet in tweets { votes.add(tweet) }   // stated 1 h after their ids' times
///     votes.offset                                // 3600
///
/// Parts of one input read on several threads tally apart and ``merge(_:)``.
struct ClockVotes {
    private var votes: [Int: Int] = [:]
    // Nearly every tweet votes for the same offset: runs are counted before the dictionary is touched.
    private var current = 0
    private var run = 0
    private var total = 0

    @inline(__always)
    mutating func add(_ tweet: borrowing Tweet) {
        guard let stated = tweet.statedTime, let actual = tweet.id.snowflakeMilliseconds else { return }
        let difference = stated.milliseconds - actual
        // Round to the nearest quarter hour (900 000 ms), halves away from zero.
        let quarterHours = (difference + (difference >= 0 ? 450_000 : -450_000)) / 900_000
        let offset = Int(quarterHours) * 900
        if offset != current && run > 0 { flush() }
        current = offset
        run += 1
        total += 1
    }

    mutating func merge(_ other: ClockVotes) {
        flush()
        var other = other
        other.flush()
        votes.merge(other.votes, uniquingKeysWith: +)
        total += other.total
    }

    /// The offset at least 95% of the tweets vote for, `nil` when none does (or no tweet has both times).
    var offset: Int? {
        var all = self
        all.flush()
        guard all.total > 0, let (offset, count) = all.votes.max(by: { $0.value < $1.value }),
            Double(count) >= 0.95 * Double(all.total)
        else { return nil }
        return offset
    }

    private mutating func flush() {
        if run > 0 { votes[current, default: 0] += run }
        run = 0
    }
}

/// A parser for one archive format, fed one line at a time.
protocol RecordParser {
    /// Consumes one line (without its newline). `bytes` is only valid during the call, and followed by at least
    /// ``LineReader/padding`` readable bytes (which are not part of it).
    mutating func consume(_ bytes: TextBytes, line: Int, into sink: inout RecordSink)
        throws(ArchiveError)
    /// Called once after the last line, for formats whose records span lines.
    mutating func finish(line: Int, into sink: inout RecordSink) throws(ArchiveError)
}

extension RecordParser {
    mutating func finish(line: Int, into sink: inout RecordSink) throws(ArchiveError) {}
}

/// The parser of a format chosen at run time, as a value: each line's call switches on the format and calls that
/// format's parser statically, mutating it in place. (A class box called through a reference took a retain, a
/// release and a dynamic exclusivity check per line; an existential, `any RecordParser`, would copy the parser and
/// its caches per line.) It is made before the format is known, holding what making a parser needs, so that the
/// reader's per-line closure captures it, and nothing reference-counted besides, by address.
struct FormatParser {
    /// The format being parsed, once ``start(_:sizeHint:)`` has been called.
    private(set) var format: ArchiveFormat?
    private let owner: Handle
    private let maxElementLength: Int
    // Exactly the one of `format` is set.
    private var twintText: TwintTextParser?
    private var twintJSON: TwintJSONParser?
    private var twitterAPIv2: TwitterAPIv2Parser?
    private var accountExport: AccountExportParser?

    /// No parser yet; `owner` and `maxElementLength` configure an account export's.
    init(owner: Handle, maxElementLength: Int) {
        self.owner = owner
        self.maxElementLength = maxElementLength
    }

    /// Makes the parser for `format`. `sizeHint` (the input's bytes) sizes the first text block of a small input,
    /// so that each of a thousand small files keeps a few kilobytes, not a 2 MiB huge page.
    mutating func start(_ format: ArchiveFormat, sizeHint: Int?) {
        precondition(self.format == nil, "the format is chosen once")
        self.format = format
        switch format {
        case .twintText: twintText = TwintTextParser(firstTextBlock: sizeHint.map { 2 * $0 + 4096 })
        case .twintJSON: twintJSON = TwintJSONParser()
        case .twitterAPIv2: twitterAPIv2 = TwitterAPIv2Parser()
        case .accountExport: accountExport = AccountExportParser(owner: owner, maxElementLength: maxElementLength)
        }
    }

    /// The format's ``RecordParser/consume(_:line:into:)`` (after ``start(_:sizeHint:)``).
    @inline(__always)
    mutating func consume(_ bytes: TextBytes, line: Int, into sink: inout RecordSink) throws(ArchiveError) {
        switch format {
        case .twintText?: try twintText!.consume(bytes, line: line, into: &sink)
        case .twintJSON?: try twintJSON!.consume(bytes, line: line, into: &sink)
        case .twitterAPIv2?: try twitterAPIv2!.consume(bytes, line: line, into: &sink)
        case .accountExport?: try accountExport!.consume(bytes, line: line, into: &sink)
        case nil: preconditionFailure("no format chosen")
        }
    }

    /// The format's ``RecordParser/finish(line:into:)``; nothing before ``start(_:sizeHint:)``.
    mutating func finish(line: Int, into sink: inout RecordSink) throws(ArchiveError) {
        switch format {
        case .twintText?: try twintText!.finish(line: line, into: &sink)
        case .twintJSON?: try twintJSON!.finish(line: line, into: &sink)
        case .twitterAPIv2?: try twitterAPIv2!.finish(line: line, into: &sink)
        case .accountExport?: try accountExport!.finish(line: line, into: &sink)
        case nil: break
        }
    }
}
