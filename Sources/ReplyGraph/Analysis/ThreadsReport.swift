import TweetArchive

/// The threads of a graph with their statistics, as `replygraph threads` prints them in text, JSON or CSV.
///
///     let report = ThreadsReport(ReplyGraph(archive), minLength: 3)
///     print(report.text)                  // "12 threads\n2023-02-14T17:40:05Z  @alice  4 tweets  root …"
///     var json = ""
///     try report.writeJSON(to: &json)     // {"stats": {…}, "threads": [{"root": …, "links": […]}, …]}
///
/// Confidences and means are rounded to three decimals; the JSON has sorted snake_case keys.
///
/// - Complexity: O(n) for n tweets to build; writing is linear in the threads reported.
public struct ThreadsReport: Sendable, Encodable {
    struct Link: Sendable, Encodable {
        var from: TweetID
        var to: TweetID
        var confidence: Double
        var reason: String
    }

    struct Entry: Sendable, Encodable {
        var root: TweetID
        var author: Handle
        var tweets: [TweetID]
        var length: Int
        var numbering: String
        var kind: String
        var missingNumbers: [Int]
        var repeatedNumbers: [Int]
        var confidence: Double
        var start: Timestamp
        var end: Timestamp
        var durationSeconds: Double
        var followUps: [TweetID]
        var links: [Link]

        enum CodingKeys: String, CodingKey {
            case root, author, tweets, length, numbering, kind, confidence, start, end, links
            case missingNumbers = "missing_numbers"
            case repeatedNumbers = "repeated_numbers"
            case durationSeconds = "duration_seconds"
            case followUps = "follow_ups"
        }
    }

    /// `ThreadStatistics` in snake_case JSON.
    package struct Stats: Sendable, Encodable {
        package var count: Int
        var lengthHistogram: [String: Int]
        var meanLength: Double
        var medianLength: Double
        var p90Length: Int
        package var maxLength: Int
        var medianDurationSeconds: Double
        var threadsPerMonth: [String: Int]
        /// Per author, the share of their tweets that sit in threads.
        package var threadedShare: [String: Double]
        /// Threads and reply chains counted apart.
        var kinds: [String: Int]

        enum CodingKeys: String, CodingKey {
            case count, kinds
            case lengthHistogram = "length_histogram"
            case meanLength = "mean_length"
            case medianLength = "median_length"
            case p90Length = "p90_length"
            case maxLength = "max_length"
            case medianDurationSeconds = "median_duration_seconds"
            case threadsPerMonth = "threads_per_month"
            case threadedShare = "threaded_share"
        }

        init(_ s: ThreadStatistics, threads: [TweetThread]) {
            count = s.count
            kinds = Dictionary(
                uniqueKeysWithValues: ThreadKind.allCases.map { kind in
                    (kind.rawValue, threads.filter { $0.kind == kind }.count)
                })
            lengthHistogram = Dictionary(uniqueKeysWithValues: s.lengthHistogram.map { (String($0.key), $0.value) })
            meanLength = ThreadsReport.rounded(s.meanLength)
            medianLength = s.medianLength
            p90Length = s.p90Length
            maxLength = s.maxLength
            medianDurationSeconds = ThreadsReport.rounded(s.medianDuration)
            threadsPerMonth = s.threadsPerMonth
            threadedShare = Dictionary(
                uniqueKeysWithValues: s.threadedShare.map { ($0.key.display, ThreadsReport.rounded($0.value)) })
        }

        var text: String {
            var lines = [
                "threads: \(count)   mean length \(meanLength)   median \(medianLength)   p90 \(p90Length)   "
                    + "max \(maxLength)   median duration \(medianDurationSeconds) s",
                "kinds: \(kinds["thread", default: 0]) threads, \(kinds["reply_chain", default: 0]) reply chains",
            ]
            let histogram = lengthHistogram.sorted { (Int($0.key) ?? 0) < (Int($1.key) ?? 0) }
            lines.append("length histogram: " + histogram.map { "\($0.key):\($0.value)" }.joined(separator: " "))
            lines.append(
                "threads per month: "
                    + threadsPerMonth.sorted { $0.key < $1.key }
                    .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            for (author, share) in threadedShare.sorted(by: { $0.key < $1.key }) {
                lines.append("@\(author): \(Int((share * 100).rounded()))% of tweets sit in threads")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// The threads reported, in the graph's order; their entries are made as they are written.
    let selected: [TweetThread]
    package var stats: Stats

    /// One entry per reported thread (made on each call: large reports stream them instead, see ``writeJSON(to:)``).
    var threads: [Entry] { selected.map(Self.entry) }

    /// The threads of `graph` with at least `minLength` tweets, of one `kind` or (nil) both.
    public init(_ graph: ReplyGraph, minLength: Int = 2, kind: ThreadKind? = nil) {
        self.init(threads: graph.threads, tweets: graph.archive.tweets, minLength: minLength, kind: kind)
    }

    /// The report of `threads`, reconstructed from `tweets` (in time order), without a graph.
    package init(threads: [TweetThread], tweets: [Tweet], minLength: Int = 2, kind: ThreadKind? = nil) {
        selected = threads.filter { $0.length >= minLength && (kind == nil || $0.kind == kind) }
        stats = Stats(ThreadStatistics(threads: selected, tweets: tweets), threads: selected)
    }

    static func entry(_ thread: TweetThread) -> Entry {
        Entry(
            root: thread.root, author: thread.author, tweets: thread.tweets, length: thread.length,
            numbering: thread.numbering.rawValue, kind: thread.kind.rawValue, missingNumbers: thread.missingNumbers,
            repeatedNumbers: thread.repeatedNumbers, confidence: Self.rounded(thread.confidence),
            start: thread.start, end: thread.end, durationSeconds: thread.duration,
            followUps: thread.followUps.map(\.tweet),
            links: thread.links.map {
                Link(from: $0.from, to: $0.to, confidence: Self.rounded($0.confidence), reason: $0.reason.description)
            })
    }

    static func rounded(_ x: Double) -> Double { (x * 1000).rounded() / 1000 }

    enum CodingKeys: String, CodingKey { case threads, stats }

    /// Encodes `{"stats": …, "threads": […]}`; ``writeJSON(to:)`` writes the same text in batches.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(threads, forKey: .threads)
        try container.encode(stats, forKey: .stats)
    }

    /// The report as `JSON/encode(_:)` prints it, byte for byte, written a thousand threads at a time: each
    /// batch is encoded as an array of its own, and its entries indented to their place in the document, so memory
    /// holds one batch's JSON, not the document's.
    ///
    /// - Throws: An `EncodingError` from `JSONEncoder` (not expected: every value is finite or encoded as text).
    public func writeJSON(to out: inout some TextOutputStream) throws {
        let encoder = ReportJSON.encoder()
        guard !selected.isEmpty else {
            out.write(try ReportJSON.encode(self, with: encoder))
            return
        }
        out.write("{\n  \"stats\" : ")
        out.write(ReportJSON.indented(try ReportJSON.encode(stats, with: encoder), by: 2, first: false))
        out.write(",\n  \"threads\" : [\n")
        let batch = 1_024
        for start in stride(from: 0, to: selected.count, by: batch) {
            if start > 0 { out.write(",\n") }
            let entries = selected[start..<min(start + batch, selected.count)].map(Self.entry)
            // "[\n  {…},\n  {…}\n]\n": the entries, two spaces deep, between the brackets' lines.
            let array = try ReportJSON.encode(entries, with: encoder).utf8
            let inner = array.dropFirst(2).dropLast(3)
            out.write(ReportJSON.indented(String(decoding: inner, as: UTF8.self), by: 2, first: true))
        }
        out.write("\n  ]\n}\n")
    }

    static let csvHeader = [
        "root", "author", "length", "numbering", "missing_numbers", "confidence", "start", "end",
        "tweets", "follow_ups", "kind",
    ]

    static func csvRecord(_ t: Entry) -> [String] {
        [
            t.root.description, t.author.display, String(t.length), t.numbering,
            t.missingNumbers.map(String.init).joined(separator: " "), String(t.confidence),
            t.start.iso8601, t.end.iso8601, t.tweets.map(\.description).joined(separator: " "),
            t.followUps.map(\.description).joined(separator: " "), t.kind,
        ]
    }

    /// The CSV table as unescaped fields, a record at a time: first the header (`root`, `author`, `length`,
    /// `numbering`, `missing_numbers`, `confidence`, `start`, `end`, `tweets`, `follow_ups`, `kind`), then one
    /// record per thread. Lists inside a field are space-separated. Quoting and spreadsheet-safety are the
    /// writer's (the CLI uses GraphExport's `Escaping.csvField`).
    public func forEachCSVRecord(_ body: ([String]) throws -> Void) rethrows {
        try body(Self.csvHeader)
        for thread in selected { try body(Self.csvRecord(Self.entry(thread))) }
    }

    /// One line per thread (start, author, length, root, numbering, confidence, and any gaps or follow-ups), a blank
    /// line, then the statistics.
    public var text: String {
        var lines = ["\(selected.count) threads"]
        for t in threads {
            var line =
                "\(t.start.iso8601)  @\(t.author.display)  \(t.length) tweets  root \(t.root)  "
                + "numbering \(t.numbering)  confidence \(t.confidence)"
            if t.kind != ThreadKind.thread.rawValue { line += "  reply chain" }
            if !t.missingNumbers.isEmpty { line += "  missing \(t.missingNumbers)" }
            if !t.followUps.isEmpty { line += "  follow-ups \(t.followUps.map(\.description).joined(separator: ","))" }
            lines.append(line)
        }
        lines.append("")
        lines.append(stats.text)
        return lines.joined(separator: "\n") + "\n"
    }
}
