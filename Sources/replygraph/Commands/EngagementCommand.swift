import ArgumentParser
import ReplyGraph

struct EngagementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engagement",
        abstract: "Model engagement: what drives likes and retweets, and how the account converses.",
        discussion: """
            When the archive carries counts (twint --stats text, twint JSON, API v2 public_metrics, tweets.js), \
            reports per-class medians and means (single, thread root, thread part, reply, promotional, \
            non-promotional) and a log-linear least-squares model of log(1 + likes) and log(1 + retweets) with \
            multiplicative effects, 95% intervals and which effects are significant. Always reports conversational \
            engagement: share of replies, distinct users engaged, reciprocity, response bursts, top users per \
            quarter.

            Examples:
              replygraph engagement tweets.jsonl
              replygraph engagement tweets.js --owner me --format json --hc1
            """
    )

    @OptionGroup var input: ArchiveOptions
    @OptionGroup var threadOptions: ThreadOptionsGroup

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(help: ArgumentHelp("The account to describe (default: the most frequent author).", valueName: "handle"))
    var account: String?

    @Flag(help: "Heteroskedasticity-robust (HC1) standard errors instead of classical ones.")
    var hc1 = false

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func run() throws {
        try reportingFailures {
            let archive = try input.load()
            let threads = ThreadReconstructor.threads(of: archive, options: threadOptions.options, quiet: input.quiet)
            let options = EngagementReport.Options(
                account: account.map(Handle.init),
                covariance: hc1 ? .hc1 : .classical)
            let report = PhaseStatus.run("modelling engagement", quiet: input.quiet) {
                EngagementReport(tweets: archive.tweets, threads: threads.threads, options: options)
            }
            let out = Output(path: output, inputs: input.paths)
            switch format {
            case .json: try out.write(try JSON.encode(report))
            case .text: try out.writeText(report.summary.hasSuffix("\n") ? report.summary : report.summary + "\n")
            }
        }
    }
}
