import ArgumentParser
import Foundation
import ReplyGraph

/// The archives a command reads, and how strictly.
struct ArchiveOptions: ParsableArguments {
    @Argument(
        help: ArgumentHelp(
            "Archive files, directories (every archive in them) or - for standard input.",
            discussion: "Default: the bundled sample archive.", valueName: "archive"))
    var archives: [String] = []

    @Flag(help: "Fail on the first malformed line (exit code 65) instead of skipping it.")
    var strict = false

    @Option(
        help: ArgumentHelp(
            "The account's handle for account exports (tweets.js names no author).",
            valueName: "handle"))
    var owner: String?

    @Option(
        name: .customLong("include"),
        help: ArgumentHelp(
            "Also read this kind of other tweets of a Twitter/X archive: deleted, community or circle (repeatable).",
            discussion: "They are counted in the summary either way.", valueName: "kind"))
    var include: [OtherTweetKind] = []

    @Flag(name: .shortAndLong, help: "Do not print warnings about skipped lines.")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "Threads that parse one large file (8 MiB or more) in parts.",
            discussion: "Default: the number of active processors. 1 reads on one thread; the result is the same.",
            valueName: "n"))
    var jobs: Int?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    var paths: [String] { archives.isEmpty ? [SampleArchive.path] : archives }

    /// Reads the archives; warnings about skipped lines go to stderr.
    func load() throws -> Archive {
        let options = ArchiveReader.Options(
            strict: strict, exportOwner: owner.map(Handle.init), jobs: jobs,
            otherTweetKinds: Set(include))
        var archive: Archive
        do {
            archive = try PhaseStatus.run(
                "reading \(paths.count == 1 ? "the archive" : "\(paths.count) archives")",
                quiet: quiet
            ) {
                try ArchiveReader(options: options).read(paths: paths)
            }
            if archives.isEmpty, !archive.inputs.isEmpty { archive.inputs[0].name = SampleArchive.displayName }
        } catch {
            throw CommandFailure(error)
        }
        if !quiet { Diagnostics.warnAboutSkippedLines(in: archive) }
        UntilExit.keep(archive)
        return archive
    }
}

/// Values a command keeps until the process exits. Freeing a million tweets one by one takes longer than the
/// summary that read them; a command reads its archives once, so they are held here (copies share the storage)
/// and the operating system reclaims their memory at exit in one step.
enum UntilExit {
    /// An `NSLock`, not `Synchronization.Mutex`, which ThreadSanitizer cannot see on Linux (see GraphvizSession).
    private static let lock = NSLock()
    nonisolated(unsafe) private static var kept: [any Sendable] = []

    static func keep(_ value: some Sendable) {
        lock.withLock { kept.append(value) }
    }
}

extension OtherTweetKind: ExpressibleByArgument {}

extension ReplyGraph {
    /// The graph of `archive`, with a status line while threads are reconstructed (see ``PhaseStatus``).
    init(_ archive: Archive, options: ThreadOptions, quiet: Bool) {
        self = PhaseStatus.run("reconstructing threads", quiet: quiet) { ReplyGraph(archive, options: options) }
    }
}

extension ThreadReconstructor {
    /// The threads and follow-ups of `archive`, with a status line: for the commands that read no typed graph, so
    /// that they spend neither the time nor the memory of building one (see ``ReplyGraph/init(_:options:quiet:)``).
    static func threads(
        of archive: Archive, options: ThreadOptions, quiet: Bool
    ) -> (threads: [TweetThread], followUps: [FollowUp]) {
        PhaseStatus.run("reconstructing threads", quiet: quiet) {
            ThreadReconstructor(options: options).reconstruct(archive)
        }
    }
}

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, csv
}

enum Diagnostics {
    static func warnAboutSkippedLines(in archive: Archive) {
        // Whole files: a Twitter/X archive disagreeing with its manifest, a damaged zip entry, a FIFO not read.
        for report in archive.accountArchives {
            for warning in report.warnings { StandardError.print("warning: \(warning)") }
        }
        for issue in archive.issues where issue.line == 0 { StandardError.print("warning: \(issue)") }
        let skipped = archive.skipped.values.reduce(0, +)
        guard skipped > 0 else { return }
        let reasons = archive.skipped.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        StandardError.print(
            "warning: skipped \(skipped) malformed line\(skipped == 1 ? "" : "s") "
                + "(\(reasons.joined(separator: ", "))); use --strict to fail instead")
        let lines = archive.issues.filter { $0.line > 0 }
        for issue in lines { StandardError.print("  \(issue)") }
        if lines.count < skipped { StandardError.print("  ... and \(skipped - lines.count) more") }
    }
}
