import ArgumentParser
import Foundation
import GraphExport
import ReplyGraph

struct PromotionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "promotions",
        abstract: "Find self-promotion (calls to action) and explain where, when and how an account promotes.",
        discussion: """
            Categories: newsletter, follow_retweet, video, book, course_or_product, next_week_preview. Each \
            decision carries its evidence (the rule, the matched words and their position). The report adds \
            near-duplicate templates, the position of promotions in threads, closers, follow-ups, weekly and \
            monthly rates, an hour-of-week heatmap and regular posting slots.

            A rules file extends (or, with "mode": "replace", replaces) the built-in rules:
              {"mode": "extend", "categories": {"podcast": {"phrases": ["listen to our podcast"],
               "patterns": ["new episode ..3 <url>"], "weight": 1.0}}}

            Examples:
              replygraph promotions
              replygraph promotions --per-tweet --format csv > promotions.csv
              replygraph promotions --tz America/New_York --rules my-rules.json --format json
            """
    )

    @OptionGroup var input: ArchiveOptions
    @OptionGroup var threadOptions: ThreadOptionsGroup

    @Option(help: "Output format: text, json or csv (csv lists the promotional tweets).")
    var format: ReportFormat = .text

    @Option(help: ArgumentHelp("A JSON rules file that extends or replaces the built-in rules.", valueName: "file"))
    var rules: String?

    @Option(
        help: ArgumentHelp(
            "Time zone for the schedule: UTC, an offset like +05:30, or an IANA name.",
            valueName: "zone"))
    var tz = "UTC"

    @Flag(help: "List every promotional tweet with its evidence in the text report.")
    var perTweet = false

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        do { _ = try ReportTimeZone(parsing: tz) } catch { throw ValidationError("--tz: \(error)") }
    }

    func run() throws {
        try reportingFailures {
            var promotionRules = PromotionRules.builtIn
            if let rules {
                guard FileManager.default.isReadableFile(atPath: rules) else {
                    throw CommandFailure(.noInput, "\(rules): rules file not found or unreadable")
                }
                do {
                    promotionRules = try PromotionRules.load(from: URL(fileURLWithPath: rules))
                } catch {
                    throw CommandFailure(.dataError, "\(rules): \(error)")
                }
            }
            let archive = try input.load()
            let (threads, followUps) = ThreadReconstructor.threads(
                of: archive, options: threadOptions.options, quiet: input.quiet)
            let timeZone = try ReportTimeZone(parsing: tz)
            let report = PhaseStatus.run("finding promotions", quiet: input.quiet) {
                PromotionReport(
                    tweets: archive.tweets, threads: threads, followUps: followUps,
                    detector: PromotionDetector(rules: promotionRules), options: .init(timeZone: timeZone))
            }
            let out = Output(path: output, inputs: input.paths)
            switch format {
            case .json: try out.write(try JSON.encode(report))
            case .csv: try out.write(Self.csv(report, archive: archive))
            case .text:
                var text = report.summary
                if perTweet { text += "\n" + Self.perTweetText(report, archive: archive) }
                try out.writeText(text.hasSuffix("\n") ? text : text + "\n")
            }
        }
    }

    static func csv(_ report: PromotionReport, archive: Archive) -> String {
        var out = CSV.row(["id", "created_at", "author", "categories", "evidence", "text"])
        for decision in report.tweets {
            let tweet = archive[decision.id]
            out += CSV.row([
                decision.id.description, tweet?.createdAt.iso8601 ?? "", tweet?.author.display ?? "",
                decision.categories.map(\.description).joined(separator: " "),
                decision.evidence.map { "\($0.category):\($0.match)" }.joined(separator: "; "),
                tweet?.text ?? "",
            ])
        }
        return out
    }

    static func perTweetText(_ report: PromotionReport, archive: Archive) -> String {
        report.tweets.map { decision in
            let tweet = archive[decision.id]
            let evidence = decision.evidence.map { "\($0.category): \"\(Escaping.terminal($0.match))\"" }.joined(
                separator: ", ")
            return "\(tweet?.createdAt.iso8601 ?? "?")  \(decision.id)  "
                + "[\(decision.categories.map(\.description).joined(separator: ", "))]  \(evidence)"
        }.joined(separator: "\n") + "\n"
    }
}
