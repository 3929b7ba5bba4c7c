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

/// A parser of a format chosen at run time, held by reference: each line's call mutates the parser in place,
/// where calling through an existential (`any RecordParser`) would copy it (and its caches) per line.
class ParserBox {
    func consume(_ bytes: TextBytes, line: Int, into sink: inout RecordSink) throws(ArchiveError) {
        fatalError("subclass responsibility")
    }

    func finish(line: Int, into sink: inout RecordSink) throws(ArchiveError) {}
}

final class BoxedParser<Parser: RecordParser>: ParserBox {
    private var parser: Parser

    init(_ parser: Parser) { self.parser = parser }

    override func consume(_ bytes: TextBytes, line: Int, into sink: inout RecordSink)
        throws(ArchiveError)
    {
        try parser.consume(bytes, line: line, into: &sink)
    }

    override func finish(line: Int, into sink: inout RecordSink) throws(ArchiveError) {
        try parser.finish(line: line, into: &sink)
    }
}
