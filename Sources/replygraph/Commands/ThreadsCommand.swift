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

    @Option(
        help:
            "Which chains: thread (the root replies to no one), reply-chain (the root replies to someone else) or all.")
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
            let archive = try input.load()
            let threads = ThreadReconstructor.threads(of: archive, options: threadOptions.options, quiet: input.quiet)
            let report = ThreadsReport(
                threads: threads.threads, tweets: archive.tweets, minLength: minLength, kind: kind.kind)
            let out = Output(path: output, inputs: input.paths)
            try PhaseStatus.run("writing the threads", quiet: input.quiet) {
                switch format {
                case .json: try out.write { try report.writeJSON(to: &$0) }
                case .csv: try out.write { sink in report.forEachCSVRecord { sink.write(CSV.row($0)) } }
                case .text: try out.writeText(report.text)
                }
            }
        }
    }
}

/// `--kind`: which chains to report.
enum KindFilter: String, ExpressibleByArgument, CaseIterable {
    case thread
    case replyChain = "reply-chain"
    case all

    var kind: ThreadKind? {
        switch self {
        case .thread: .thread
        case .replyChain: .replyChain
        case .all: nil
        }
    }
}
