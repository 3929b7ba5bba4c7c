import ArgumentParser
import ReplyGraph

struct SummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Summarise archives: tweets, authors, time span, replies, mentions and what reading skipped.",
        discussion: """
            Examples:
              replygraph summary                         # the bundled sample
              replygraph summary ~/Downloads/twitter-2024-01-01-abc.zip   # the archive as downloaded
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
        lines.append(
            "replies         \(s.replies) (self-replies known: \(s.selfReplies), with parent id: \(s.repliesWithParentID))"
        )
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
                line +=
                    "; stated times are \(offset / 3600)h\(offset % 3600 / 60 == 0 ? "" : "\(abs(offset % 3600 / 60))m") off the tweet ids (scraper's local time)"
            }
            lines.append(line)
        }
        for archive in s.accountArchives {
            var owner = archive.owner.map { "@\($0)" } ?? "owner unnamed"
            if let name = archive.displayName, !name.isEmpty { owner += " (\(name))" }
            lines.append(
                "archive         \(archive.path): \(owner), read by "
                    + (archive.manifest ? "its manifest" : "file names (no manifest.js)"))
            lines.append(
                "  tweet files   " + (archive.tweetFiles.isEmpty ? "none" : archive.tweetFiles.joined(separator: ", ")))
            if archive.longPosts > 0 {
                lines.append(
                    "  long posts    \(archive.longPosts): \(archive.longPostsJoined) joined to their tweets (full "
                        + "text), \(archive.longPostsUnjoined) not joined")
            }
            if !archive.otherTweets.isEmpty {
                let counts = archive.otherTweets.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                let included = archive.otherTweetsIncluded
                let note =
                    included.isEmpty
                    ? "not read (--include KIND to read them)"
                    : "read: \(included.joined(separator: ", "))"
                lines.append("  other tweets  \(counts.joined(separator: ", ")); \(note)")
            }
            if !archive.skippedKinds.isEmpty {
                lines.append(
                    "  not read      \(archive.skippedKinds.joined(separator: ", ")) (not the account's posts; "
                        + "skipped on purpose, never opened)")
            }
            for warning in archive.warnings { lines.append("  warning       \(warning)") }
        }
        if !s.skipped.isEmpty {
            lines.append(
                "skipped         "
                    + s.skipped.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            for issue in s.issues { lines.append("  \(issue)") }
        }
        lines.append("duplicates      \(s.duplicates)    ignored lines \(s.ignored)")
        return lines.joined(separator: "\n") + "\n"
    }
}
