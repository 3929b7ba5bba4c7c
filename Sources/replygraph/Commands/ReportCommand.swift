import ArgumentParser
import Foundation
import GraphExport
import ReplyGraph

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write an archive report: a static web page with charts, and every thread as readable text.",
        discussion: """
            DIR gets index.html (the overview: tweets, span, threads, replies, mentions, promotions, what reading \
            skipped and how sure the thread inference is, with charts of thread lengths, tweets and threads per \
            month, posting hours, promotions per week and their place in threads, engagement effects, top users by \
            PageRank and betweenness with their communities, and community sizes), threads.html (the threads \
            with a page, sortable and filterable) and threads/<id>.html (each thread as text in order, with its diagram, the \
            confidence and reason of every link, missing numbers, follow-ups, promotions with their evidence, and \
            links to the original tweets). The pages need no network and open from disk.

            Thread pages are capped by --max-thread-pages (the longest threads get pages; the index says when \
            some did not). Every file is written atomically; thread pages an earlier report left in DIR that this \
            one does not have are removed. Progress goes to stderr with the time so far; --quiet silences it \
            together with the warnings.

            Examples:
              replygraph report -o report/      # the bundled sample; open report/index.html
              replygraph report tweets.jsonl -o report/ --tz Europe/Berlin
              replygraph report ~/Downloads/twitter-*.zip -o report/ --max-thread-pages 200
            """
    )

    @OptionGroup var input: ArchiveOptions
    @OptionGroup var threadOptions: ThreadOptionsGroup

    @Option(
        name: [.short, .customLong("out")],
        help: ArgumentHelp(
            "The folder to write the report into.",
            valueName: "dir"))
    var out: String

    @Option(
        help: ArgumentHelp(
            "Time zone for dates, months and posting hours: UTC, an offset like +05:30, or an "
                + "IANA name.", valueName: "zone"))
    var tz = "UTC"

    @Option(help: ArgumentHelp("Write at most this many thread pages (the longest threads).", valueName: "n"))
    var maxThreadPages = 1000

    func validate() throws {
        do { _ = try ReportTimeZone(parsing: tz) } catch { throw ValidationError("--tz: \(error)") }
        guard maxThreadPages >= 0 else { throw ValidationError("--max-thread-pages must be 0 or more") }
    }

    func run() throws {
        try reportingFailures {
            let folder = URL(fileURLWithPath: out)
            try Output.refuseOverwriting(inputs: input.paths, with: folder.appendingPathComponent("index.html").path)
            let zone = try ReportTimeZone(parsing: tz)
            let clock = ContinuousClock()
            let started = clock.now
            func elapsed() -> String {
                let d = (clock.now - started).components
                return String(format: "%.1f s", Double(d.seconds) + Double(d.attoseconds) / 1e18)
            }
            func say(_ line: String) { if !input.quiet { StandardError.print("report: [\(elapsed())] " + line) } }
            say("reading")
            let archive = try input.load()
            say("reconstructing threads in \(archive.tweets.count) tweets")
            let graph = ReplyGraph(archive, options: threadOptions.options)
            let name = archive.inputs.count == 1 ? archive.inputs[0].name : "\(archive.inputs.count) archives"
            let report = ArchiveReport(
                name: name, analysis: try ReportAnalysis(graph, timeZone: zone, progress: say),
                maxThreadPages: maxThreadPages)
            say(
                "writing \(report.site.shownThreads.count + 2) pages"
                    + (report.site.isCapped ? " (thread pages capped at \(maxThreadPages))" : ""))
            do { try report.write(to: folder) } catch let error as FileWriteError {
                throw CommandFailure(writing: error.destination, error)
            }
            say("done: \(folder.appendingPathComponent("index.html").path)")
        }
    }
}
