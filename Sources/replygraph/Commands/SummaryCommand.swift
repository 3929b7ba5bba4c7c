import ArgumentParser
import ReplyGraph

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarise archives: tweets, authors, time span, replies, mentions and what reading skipped.",
        discussion: """
            Examples:
              replygraph summary                         # the bundled sample
              replygraph summary tweets.js --owner me --format json
              cat a.jsonl | replygraph summary - --strict
            """
    )

    @OptionGroup var input: ArchiveOptions

    @Option(help: "Output format: text or json.")
    var format: SummaryFormat = .text

    enum SummaryFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        try reportingFailures {
            let summary = ArchiveSummary(try input.load())
            switch format {
            case .json: try Output().write(try JSON.encode(summary))
            case .text: try Output().writeText(Self.text(summary))
            }
        }
    }

    static func text(_ s: ArchiveSummary) -> String {
        var lines: [String] = []
        let span = s.first.map { first in "\(first.iso8601) … \(s.last!.iso8601)" } ?? "no tweets"
        lines.append("tweets          \(s.tweets)")
        lines.append("authors         \(s.authors)" + (s.authors == 1 ? " (\(s.topAuthors[0].handle))" : ""))
        lines.append("time span       \(span)")
        lines.append("replies         \(s.replies) (self-replies known: \(s.selfReplies), with parent id: \(s.repliesWithParentID))")
        lines.append("retweets        \(s.retweets)    quotes \(s.quotes)")
        lines.append("with mentions   \(s.tweetsWithMentions) tweets, \(s.distinctMentioned) distinct handles")
        lines.append("counts          \(s.countsPresent ? "present" : "absent (no likes/retweets in this archive)")")
        if !s.topMentions.isEmpty {
            lines.append("top mentions    " + s.topMentions.map { "@\($0.handle) \($0.count)" }.joined(separator: ", "))
        }
        if s.authors > 1 {
            lines.append("top authors     " + s.topAuthors.map { "@\($0.handle) \($0.count)" }.joined(separator: ", "))
        }
        lines.append("inputs")
        for input in s.inputs {
            var line = "  \(input.name): \(input.format ?? "empty"), \(input.lines) lines, \(input.tweets) tweets"
            if input.duplicates > 0 { line += ", \(input.duplicates) duplicates" }
            if input.ignored > 0 { line += ", \(input.ignored) ignored" }
            let skipped = input.skipped.values.reduce(0, +)
            if skipped > 0 { line += ", \(skipped) skipped" }
            if input.invalidUTF8Lines > 0 { line += ", \(input.invalidUTF8Lines) lines with invalid UTF-8" }
            if let offset = input.clockOffsetSeconds, offset != 0 {
                line += "; stated times are \(offset / 3600)h\(offset % 3600 / 60 == 0 ? "" : "\(abs(offset % 3600 / 60))m") off the tweet ids (scraper's local time)"
            }
            lines.append(line)
        }
        if !s.skipped.isEmpty {
            lines.append("skipped         " + s.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            for issue in s.issues { lines.append("  \(issue)") }
        }
        lines.append("duplicates      \(s.duplicates)    ignored lines \(s.ignored)")
        return lines.joined(separator: "\n") + "\n"
    }
}
