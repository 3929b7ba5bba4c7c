import ArgumentParser
import ReplyGraph

struct ThreadsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "threads",
        abstract: "Reconstruct threads (self-reply chains) and report them with every link explained.",
        discussion: """
            Explicit reply ids are used where the archive has them (confidence 1). Elsewhere a fitted model \
            weighs each tweet against its author's recent tweets: the gap (also against the author's own \
            rhythm), numbering (/1, 1/, 1/5, (1/5), 1.), leading @-mentions, openers and closers, and how alike \
            the texts are. Each link has a calibrated confidence (a link at 0.8 is right about 80% of the time on \
            authors the model never saw; `replygraph evaluate` measures it on your own export) and a reason such \
            as numbered:3->4 or burst:2s. A thread whose root replies to someone else is a reply chain.

            Examples:
              replygraph threads --min-length 5
              replygraph threads archive.jsonl --format json > threads.json
              replygraph threads --no-inference --format csv
              replygraph threads --kind reply-chain
            """
    )

    @OptionGroup var input: ArchiveOptions
    @OptionGroup var threadOptions: ThreadOptionsGroup

    @Option(help: "Only threads with at least this many tweets.")
    var minLength = 2

    @Option(help: "Which chains: thread (the root replies to no one), reply-chain (the root replies to someone else) or all.")
    var kind: KindFilter = .all

    @Option(help: "Output format: text, json or csv.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        guard minLength >= 1 else { throw ValidationError("--min-length must be at least 1") }
    }

    func run() throws {
        try reportingFailures {
            let graph = ReplyGraph(try input.load(), options: threadOptions.options, quiet: input.quiet)
            let report = ThreadsReport(graph, minLength: minLength, kind: kind.kind)
            let out = Output(path: output, inputs: input.paths)
            try PhaseStatus.run("writing the threads", quiet: input.quiet) {
                switch format {
                case .json: try out.write { try report.writeJSON(to: &$0) }
                case .csv: try out.write { report.writeCSV(to: &$0) }
                case .text: try out.writeText(report.text)
                }
            }
        }
    }
}

/// `--kind`: which chains to report.
enum KindFilter: String, ExpressibleByArgument, CaseIterable {
    case thread, replyChain = "reply-chain", all

    var kind: ThreadKind? {
        switch self {
        case .thread: .thread
        case .replyChain: .replyChain
        case .all: nil
        }
    }
}

/// The JSON/CSV/text shape of `replygraph threads`.
struct ThreadsReport: Encodable {
    struct Link: Encodable {
        var from: TweetID
        var to: TweetID
        var confidence: Double
        var reason: String
    }

    struct Entry: Encodable {
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
            case missingNumbers = "missing_numbers", repeatedNumbers = "repeated_numbers"
            case durationSeconds = "duration_seconds", followUps = "follow_ups"
        }
    }

    /// `ThreadStatistics` in snake_case JSON.
    struct Stats: Encodable {
        var count: Int
        var lengthHistogram: [String: Int]
        var meanLength: Double
        var medianLength: Double
        var p90Length: Int
        var maxLength: Int
        var medianDurationSeconds: Double
        var threadsPerMonth: [String: Int]
        /// Per author, the share of their tweets that sit in threads.
        var threadedShare: [String: Double]
        /// Threads and reply chains counted apart.
        var kinds: [String: Int]

        enum CodingKeys: String, CodingKey {
            case count, kinds
            case lengthHistogram = "length_histogram", meanLength = "mean_length", medianLength = "median_length"
            case p90Length = "p90_length", maxLength = "max_length", medianDurationSeconds = "median_duration_seconds"
            case threadsPerMonth = "threads_per_month", threadedShare = "threaded_share"
        }

        init(_ s: ThreadStatistics, threads: [TweetThread]) {
            count = s.count
            kinds = Dictionary(uniqueKeysWithValues: ThreadKind.allCases.map { kind in
                (kind.rawValue, threads.filter { $0.kind == kind }.count)
            })
            lengthHistogram = Dictionary(uniqueKeysWithValues: s.lengthHistogram.map { (String($0.key), $0.value) })
            meanLength = ThreadsReport.rounded(s.meanLength)
            medianLength = s.medianLength
            p90Length = s.p90Length
            maxLength = s.maxLength
            medianDurationSeconds = ThreadsReport.rounded(s.medianDuration)
            threadsPerMonth = s.threadsPerMonth
            threadedShare = Dictionary(uniqueKeysWithValues: s.threadedShare.map { ($0.key.display, ThreadsReport.rounded($0.value)) })
        }

        var text: String {
            var lines = ["threads: \(count)   mean length \(meanLength)   median \(medianLength)   p90 \(p90Length)   "
                            + "max \(maxLength)   median duration \(medianDurationSeconds) s",
                         "kinds: \(kinds["thread", default: 0]) threads, \(kinds["reply_chain", default: 0]) reply chains"]
            let histogram = lengthHistogram.sorted { Int($0.key)! < Int($1.key)! }
            lines.append("length histogram: " + histogram.map { "\($0.key):\($0.value)" }.joined(separator: " "))
            lines.append("threads per month: " + threadsPerMonth.sorted { $0.key < $1.key }
                .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            for (author, share) in threadedShare.sorted(by: { $0.key < $1.key }) {
                lines.append("@\(author): \(Int((share * 100).rounded()))% of tweets sit in threads")
            }
            return lines.joined(separator: "\n")
        }
    }

    /// The threads reported, in the graph's order; their entries are made as they are written.
    let selected: [TweetThread]
    var stats: Stats

    /// One entry per reported thread (made on each call: large reports stream them instead, see ``writeJSON(to:)``).
    var threads: [Entry] { selected.map(Self.entry) }

    init(_ graph: ReplyGraph, minLength: Int, kind: ThreadKind? = nil) {
        selected = graph.threads.filter { $0.length >= minLength && (kind == nil || $0.kind == kind) }
        self.stats = Stats(ThreadStatistics(threads: selected, tweets: graph.archive.tweets), threads: selected)
    }

    static func entry(_ thread: TweetThread) -> Entry {
        Entry(root: thread.root, author: thread.author, tweets: thread.tweets, length: thread.length,
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

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(threads, forKey: .threads)
        try container.encode(stats, forKey: .stats)
    }

    /// The report as ``JSON/encode(_:)`` prints it, byte for byte, written a thousand threads at a time: each
    /// batch is encoded as an array of its own, and its entries indented to their place in the document, so memory
    /// holds one batch's JSON, not the document's.
    func writeJSON(to out: inout some TextOutputStream) throws {
        guard !selected.isEmpty else {
            out.write(try JSON.encode(self))
            return
        }
        let encoder = JSON.encoder()
        out.write("{\n  \"stats\" : ")
        out.write(JSON.indented(try JSON.encode(stats, with: encoder), by: 2, first: false))
        out.write(",\n  \"threads\" : [\n")
        let batch = 1_024
        for start in stride(from: 0, to: selected.count, by: batch) {
            if start > 0 { out.write(",\n") }
            let entries = selected[start..<min(start + batch, selected.count)].map(Self.entry)
            // "[\n  {…},\n  {…}\n]\n": the entries, two spaces deep, between the brackets' lines.
            let array = try JSON.encode(entries, with: encoder).utf8
            let inner = array.dropFirst(2).dropLast(3)
            out.write(JSON.indented(String(decoding: inner, as: UTF8.self), by: 2, first: true))
        }
        out.write("\n  ]\n}\n")
    }

    static let csvHeader = ["root", "author", "length", "numbering", "missing_numbers", "confidence", "start", "end",
                            "tweets", "follow_ups", "kind"]

    static func csvRow(_ t: Entry) -> String {
        CSV.row([t.root.description, t.author.display, String(t.length), t.numbering,
                 t.missingNumbers.map(String.init).joined(separator: " "), String(t.confidence),
                 t.start.iso8601, t.end.iso8601, t.tweets.map(\.description).joined(separator: " "),
                 t.followUps.map(\.description).joined(separator: " "), t.kind])
    }

    var csv: String {
        var out = ""
        writeCSV(to: &out)
        return out
    }

    /// ``csv`` written a row at a time.
    func writeCSV(to out: inout some TextOutputStream) {
        out.write(CSV.row(Self.csvHeader))
        for thread in selected { out.write(Self.csvRow(Self.entry(thread))) }
    }

    var text: String {
        var lines = ["\(selected.count) threads"]
        for t in threads {
            var line = "\(t.start.iso8601)  @\(t.author.display)  \(t.length) tweets  root \(t.root)  "
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
