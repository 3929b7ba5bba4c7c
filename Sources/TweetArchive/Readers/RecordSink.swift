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

    init(file: String, strict: Bool, maxReportedIssues: Int) {
        self.file = file
        self.strict = strict
        self.maxReportedIssues = maxReportedIssues
        self.stats = InputStats(name: file)
    }

    @inline(__always)
    mutating func emit(_ tweet: consuming Tweet) {
        tweets.append(consume tweet)   // moved in: a copy would retain and release its references
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
    mutating func skip(line: Int, reason: String, detail: String = "") throws(ArchiveError) {
        stats.skipped[reason, default: 0] += 1
        let diagnostic = Diagnostic(file: file, line: line, reason: reason, detail: detail)
        if strict {
            throw ArchiveError(kind: .malformed, file: file, line: line,
                               message: detail.isEmpty ? reason : "\(reason): \(detail)")
        }
        if issues.count < maxReportedIssues { issues.append(diagnostic) }
    }
}

/// A parser for one archive format, fed one line at a time.
protocol RecordParser {
    /// Consumes one line (without its newline). `bytes` is only valid during the call.
    mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into sink: inout RecordSink)
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
    func consume(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into sink: inout RecordSink) throws(ArchiveError) {
        fatalError("subclass responsibility")
    }

    func finish(line: Int, into sink: inout RecordSink) throws(ArchiveError) {}
}

final class BoxedParser<Parser: RecordParser>: ParserBox {
    private var parser: Parser

    init(_ parser: Parser) { self.parser = parser }

    override func consume(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into sink: inout RecordSink)
        throws(ArchiveError) {
        try parser.consume(bytes, line: line, into: &sink)
    }

    override func finish(line: Int, into sink: inout RecordSink) throws(ArchiveError) {
        try parser.finish(line: line, into: &sink)
    }
}

extension UnsafeBufferPointer<UInt8> {
    /// The first `limit` characters of the line as text, for diagnostics.
    func excerpt(_ limit: Int = 60) -> String {
        let prefix = self.prefix(limit * 2)
        var text = String(decoding: prefix, as: UTF8.self)
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return text
    }
}
