import ArgumentParser
import Foundation
import GraphExport
import GraphvizRender
import ReplyGraph

struct BatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Analyse and render many archives into a folder with an HTML gallery.",
        discussion: """
            Each archive (a file, or every archive file in a directory) gets a folder OUT/<name>/ with \
            report/index.html (the archive report, as `replygraph report` writes it), summary.json, threads.json, centrality.json, promotions.json, mentions.svg, timeline.svg, one SVG per \
            thread in threads/, tweets.graphml (the reply graph) and users.gexf (the interaction graph with \
            metrics); OUT/index.html is a gallery of all of them that opens from disk.

            Archives run in parallel on all cores. Every file is written atomically. A re-run skips archives \
            whose outputs were made from the same file with the same bytes, size and modification time and the \
            same options (--force redoes them), and removes temporary files that a killed run left behind. Each \
            archive's folder is named after its file without the extension; archives that would share a name \
            keep their whole file name (a.txt, a.jsonl). In an input directory, only regular files are read, and \
            the batch's own outputs (index.html, the archive folders) are skipped when OUT is that directory. One \
            bad archive is reported and the others complete; the exit code is 0 only when every archive succeeded \
            (73 when the output folder cannot be written).

            Every mention network and timeline is drawn by libgraphviz in a child process stopped after \
            --render-timeout seconds; a drawing that is stopped is left out, named on the archive's card and on \
            stderr, the archive's other outputs are still written, and the exit code is 70. Thread diagrams of up \
            to 500 nodes and edges are drawn, with the same bound, in one reused child process that is replaced \
            every 200 drawings (Graphviz leaks memory on clusters and HTML-like labels).

            Examples:
              replygraph batch --out Graphs/                 # the bundled sample
              replygraph batch archives/ more.jsonl --out gallery/ --jobs 4
              replygraph batch ~/Downloads/twitter-*.zip --out gallery/   # Twitter/X archives as downloaded
            """
    )

    @Argument(
        help: ArgumentHelp(
            "Archive files or directories of archives (default: the bundled sample).",
            valueName: "archive-or-dir"))
    var archives: [String] = []

    @Option(help: ArgumentHelp("The output folder.", valueName: "dir"))
    var out: String

    @Flag(help: "Redo archives whose outputs are already up to date.")
    var force = false

    @Option(help: "Archives processed at once (the default is the number of cores).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: ArgumentHelp("The account's handle for account exports.", valueName: "handle"))
    var owner: String?

    @Flag(help: "Fail an archive on its first malformed line.")
    var strict = false

    @Flag(help: "Do not draw one SVG per thread.")
    var skipThreadDiagrams = false

    @Option(help: "Only draw threads with at least this many tweets.")
    var minThreadLength = 2

    @Option(help: ArgumentHelp("Stop Graphviz after this many seconds per drawing.", valueName: "seconds"))
    var renderTimeout: Double = 60

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard minThreadLength >= 2 else { throw ValidationError("--min-thread-length must be at least 2") }
        guard renderTimeout > 0 else { throw ValidationError("--render-timeout must be more than 0") }
    }

    func run() throws {
        let started = Date()
        let units: [BatchExport.Unit]
        do { units = try BatchExport.units(for: archives, out: out) } catch {
            let failure = CommandFailure(error)
            StandardError.print("replygraph: \(failure.message)")
            throw ExitCode(failure.code.rawValue)
        }
        // Archives run `jobs` at a time; the cores left over split each large file (one archive: all of them).
        let parallelArchives = max(1, min(jobs, units.count))
        let readerJobs = max(1, ProcessInfo.processInfo.activeProcessorCount / parallelArchives)
        let renderer = BoundedRender(timeout: renderTimeout, workerLimit: 500)
        var batch = BatchExport(
            out: URL(fileURLWithPath: out),
            reader: ArchiveReader(
                options: .init(
                    strict: strict, exportOwner: owner.map(Handle.init),
                    jobs: readerJobs)),
            drawThreads: !skipThreadDiagrams, minThreadLength: minThreadLength, force: force
        ) {
            dot, layout, elements in
            do {
                return try renderer.render(dot, elements: elements, engine: LayoutEngine(layout), format: .svg).data
            } catch let error as BoundedRender.Stopped {
                throw BatchExport.Stopped("\(error)")
            }
        }
        batch.started = started
        let progress = Progress(total: units.count)
        batch.progress = { progress.update($0, $1) }
        batch.warn = { StandardError.print($0) }
        batch.removeStaleTemporaries(units)
        let results = batch.run(units, jobs: jobs) { result in
            let name = result.name
            if result.skipped {
                progress.finish(name, "up to date (use --force to redo)")
            } else if let failure = result.failure {
                progress.finish(name, "FAILED: \(Self.failure(failure).message)")
            } else if !result.stopped.isEmpty {
                progress.finish(
                    name,
                    "\(result.manifest?.files.count ?? 0) files; not drawn: "
                        + result.stopped.joined(separator: "; "))
            } else {
                progress.finish(name, "\(result.manifest?.files.count ?? 0) files")
            }
        }
        do {
            try batch.writeGallery(results)
        } catch {
            let failure = CommandFailure(writing: batch.out.appendingPathComponent("index.html").path, error)
            StandardError.print("replygraph: \(failure.message)")
            throw ExitCode(failure.code.rawValue)
        }
        let failed = results.compactMap { $0.failure.map(Self.failure) }
        StandardError.print(
            "\(results.count - failed.count) of \(results.count) archives done; gallery: "
                + URL(fileURLWithPath: out).appendingPathComponent("index.html").path)
        if let first = failed.first { throw ExitCode(first.code.rawValue) }
        if results.contains(where: { !$0.stopped.isEmpty }) { throw ExitCode(CommandFailure.Code.software.rawValue) }
    }

    /// An archive's failure with its exit code: 73 or 74 for a file that could not be written, 66 or 65 for an
    /// archive that could not be read, else 70.
    static func failure(_ error: any Error) -> CommandFailure {
        if let error = error as? FileWriteError { return CommandFailure(writing: error.destination, error) }
        return CommandFailure(error)
    }
}

extension LayoutEngine {
    /// The Graphviz engine of a batch drawing's layout.
    init(_ layout: BatchExport.Layout) {
        switch layout {
        case .dot: self = .dot
        case .sfdp: self = .sfdp
        }
    }
}
