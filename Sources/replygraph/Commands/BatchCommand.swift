import ArgumentParser
import Foundation
import GraphExport
import GraphvizRender
import ReplyGraph
import Synchronization

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

    @Argument(help: ArgumentHelp("Archive files or directories of archives (default: the bundled sample).",
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
        let units: [BatchJob.Unit]
        do { units = try BatchJob.units(for: archives, out: out) } catch {
            let failure = CommandFailure(error)
            StandardError.print("replygraph: \(failure.message)")
            throw ExitCode(failure.code.rawValue)
        }
        // Archives run `jobs` at a time; the cores left over split each large file (one archive: all of them).
        let parallelArchives = max(1, min(jobs, units.count))
        let readerJobs = max(1, ProcessInfo.processInfo.activeProcessorCount / parallelArchives)
        let job = BatchJob(out: URL(fileURLWithPath: out), force: force,
                           reader: ArchiveReader(options: .init(strict: strict, exportOwner: owner.map(Handle.init),
                                                                jobs: readerJobs)),
                           drawThreads: !skipThreadDiagrams, minThreadLength: minThreadLength, started: started,
                           renderer: BoundedRender(timeout: renderTimeout, workerLimit: 500))
        job.removeStaleTemporaries(units)
        let results = job.run(units, jobs: jobs)
        do {
            try job.writeGallery(results)
        } catch {
            let failure = CommandFailure(writing: job.out.appendingPathComponent("index.html").path, error)
            StandardError.print("replygraph: \(failure.message)")
            throw ExitCode(failure.code.rawValue)
        }
        let failed = results.filter { $0.failure != nil }
        StandardError.print("\(results.count - failed.count) of \(results.count) archives done; gallery: "
                                + URL(fileURLWithPath: out).appendingPathComponent("index.html").path)
        if let first = failed.first?.failure { throw ExitCode(first.code.rawValue) }
        if results.contains(where: { !$0.stopped.isEmpty }) { throw ExitCode(CommandFailure.Code.software.rawValue) }
    }
}

/// One batch run: which archives, where to, and the work per archive.
struct BatchJob: Sendable {
    struct Unit: Sendable {
        var path: String
        var name: String
        var isSample: Bool
    }

    struct Result: Sendable {
        var unit: Unit
        var failure: CommandFailure?
        var skipped = false
        /// Drawings that Graphviz did not finish in time, with the reason; left out of the folder.
        var stopped: [String] = []
        var manifest: Manifest?
    }

    /// What an archive's folder holds, written last: it marks the folder complete and feeds the gallery.
    struct Manifest: Codable, Sendable {
        var archive: String
        var files: [String]
        var threadDiagrams: [String]
        var figures: [String: String]
        var figureOrder: [String]
    }

    var out: URL
    var force: Bool
    var reader: ArchiveReader
    var drawThreads: Bool
    var minThreadLength: Int
    /// When this run began: temporary files older than this are a killed run's leftovers.
    var started = Date()
    var renderer = BoundedRender(timeout: 60, workerLimit: 500)
    /// The report's cap on thread pages (``ReportSite``).
    var reportThreadPages = 1000

    /// Expands the arguments: files as they are, directories into their regular, non-hidden files, leaving out
    /// this batch's own outputs when `out` is (or is inside) an input directory. The same file given twice (by any
    /// path) is one archive. Folder names come from ``BatchNames``.
    static func units(for arguments: [String], out: String) throws -> [Unit] {
        if arguments.isEmpty { return [Unit(path: SampleArchive.path, name: "alexxubyte", isSample: true)] }
        let outIdentity = identity(out)
        let gallery = identity((out as NSString).appendingPathComponent("index.html"))
        var paths: [String] = []
        var seen: Set<[UInt64]> = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw CommandFailure(.noInput, "\(argument): no such file or directory")
            }
            if isDirectory.boolValue && ArchiveReader.isAccountArchiveFolder(argument) {
                paths.append(argument)   // an unpacked Twitter/X archive is one archive
            } else if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                let isOut = outIdentity != nil && identity(argument) == outIdentity
                for name in names.sorted() where !name.hasPrefix(".") {
                    let child = (argument as NSString).appendingPathComponent(name)
                    // Regular files (a FIFO or device would block the read forever) and unpacked Twitter/X archives.
                    if ArchiveReader.isAccountArchiveFolder(child) {
                        if let key = identity(child), seen.insert(key).inserted { paths.append(child) }
                        continue
                    }
                    var info = stat()
                    guard stat(child, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                    let key = [UInt64(info.st_dev), UInt64(info.st_ino)]
                    if isOut && name == "index.html" || key == gallery { continue }
                    if seen.insert(key).inserted { paths.append(child) }
                }
            } else {
                if let key = identity(argument), !seen.insert(key).inserted { continue }
                paths.append(argument)
            }
        }
        return zip(paths, BatchNames.names(for: paths)).map { Unit(path: $0, name: $1, isSample: false) }
    }

    /// Device and inode of `path`, or `nil` when it does not exist.
    private static func identity(_ path: String) -> [UInt64]? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return [UInt64(info.st_dev), UInt64(info.st_ino)]
    }

    /// Removes `.NAME.tmp-UUID` files older than this run from the output folder and the archives' folders:
    /// the leftovers of a batch that was killed mid-write. Nothing else is touched.
    func removeStaleTemporaries(_ units: [Unit]) {
        var folders = [out]
        for unit in units {
            folders.append(out.appendingPathComponent(unit.name))
            folders.append(out.appendingPathComponent(unit.name).appendingPathComponent("threads"))
        }
        for folder in folders {
            for name in AtomicFile.removeStaleTemporaries(in: folder, olderThan: started) {
                StandardError.print("removed \(folder.appendingPathComponent(name).path), left by an interrupted run")
            }
        }
    }

    func run(_ units: [Unit], jobs: Int) -> [Result] {
        let progress = Progress(total: units.count)
        // An `NSLock`, not `Synchronization.Mutex`, which ThreadSanitizer cannot see on Linux (see GraphvizSession).
        let lock = NSLock()
        nonisolated(unsafe) var results = [Result?](repeating: nil, count: units.count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, units.count)) { _ in
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < units.count else { return }
                let result = process(units[k], progress: progress)
                lock.withLock { results[k] = result }
                if result.skipped {
                    progress.finish(units[k].name, "up to date (use --force to redo)")
                } else if let failure = result.failure {
                    progress.finish(units[k].name, "FAILED: \(failure.message)")
                } else if !result.stopped.isEmpty {
                    progress.finish(units[k].name, "\(result.manifest?.files.count ?? 0) files; not drawn: "
                                        + result.stopped.joined(separator: "; "))
                } else {
                    progress.finish(units[k].name, "\(result.manifest?.files.count ?? 0) files")
                }
            }
        }
        return lock.withLock { results.map { $0! } }
    }

    /// The options that change what a folder holds, as part of its ``InputFingerprint``.
    var optionsKey: String {
        "strict=\(reader.options.strict) owner=\(reader.options.exportOwner?.display ?? "-") "
            + "threads=\(drawThreads) min-thread-length=\(minThreadLength) report=\(reportThreadPages)"
    }

    /// The archive's manifest when the folder was made from this very input (``InputFingerprint``: same file,
    /// bytes, size, modification time and options) and every file the manifest lists exists.
    func upToDate(_ unit: Unit, folder: URL, fingerprint: InputFingerprint?) -> Manifest? {
        guard !force, let fingerprint,
              let stored = try? Data(contentsOf: folder.appendingPathComponent(InputFingerprint.fileName)),
              (try? JSONDecoder().decode(InputFingerprint.self, from: stored)) == fingerprint,
              let data = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return nil }
        for file in manifest.files + manifest.threadDiagrams + ["manifest.json"] {
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) else { return nil }
        }
        return manifest
    }

    func process(_ unit: Unit, progress: Progress) -> Result {
        let folder = out.appendingPathComponent(unit.name)
        let fingerprint = try? InputFingerprint(path: unit.path, options: optionsKey)
        if let manifest = upToDate(unit, folder: folder, fingerprint: fingerprint) {
            return Result(unit: unit, skipped: true, manifest: manifest)
        }
        do {
            progress.update(unit.name, "reading")
            var archive = try reader.read(paths: [unit.path])
            if unit.isSample, !archive.inputs.isEmpty { archive.inputs[0].name = SampleArchive.displayName }
            let graph = ReplyGraph(archive)
            var files: [String] = []
            func write(_ name: String, _ data: Data) throws {
                do { try AtomicFile.write(data, to: folder.appendingPathComponent(name)) } catch {
                    throw CommandFailure(writing: folder.appendingPathComponent(name).path, error)
                }
                files.append(name)
            }

            progress.update(unit.name, "analysing")
            let summary = ArchiveSummary(archive)
            try write("summary.json", Data(try JSON.encode(summary).utf8))
            let threads = ThreadsReport(graph, minLength: 2)
            try write("threads.json", Data(try JSON.encode(threads).utf8))
            let users = graph.userGraph(.mention)
            let panel: CentralityPanel.Result
            do { panel = try CentralityPanel().compute(in: users) } catch { throw CommandFailure(.software, "\(error)") }
            // A metric that does not converge is named in centrality.json ("failed") and here; the archive goes on.
            for (metric, failure) in panel.failures.sorted(by: { $0.key < $1.key }) {
                StandardError.print("\(unit.name): \(CentralityTable.note(metric, failure))")
            }
            let table = CentralityTable(graph: users, kind: .mention, result: panel,
                                        metrics: CentralityPanel.Metric.allCases, top: 0)
            try write("centrality.json", Data(try table.json().utf8))
            let promotions = PromotionReport(graph: graph)
            try write("promotions.json", Data(try JSON.encode(promotions).utf8))

            progress.update(unit.name, "exporting")
            try write("tweets.graphml", Data(ExportGraph(tweetGraph: graph).graphML.utf8))
            let interaction = graph.userGraph(.interaction)
            let scores: [String: [Double]]
            do { scores = try UserGraphMetrics.compute(in: interaction) } catch {
                throw CommandFailure(.software, "\(error)")
            }
            try write("users.gexf", Data(ExportGraph(userGraph: interaction, kind: .interaction, metrics: scores).gexf.utf8))

            let builder = ViewBuilder(graph: graph)
            var stopped: [String] = []
            /// Draws `graph` into `name`; a drawing stopped at the time bound is noted and left out.
            func draw(_ name: String, _ graph: DOTGraph, engine: LayoutEngine) throws -> Bool {
                do {
                    try write(name, try render(graph, engine: engine))
                    return true
                } catch let error as BoundedRender.Stopped {
                    stopped.append("\(name): \(error)")
                    return false
                }
            }
            progress.update(unit.name, "rendering the mention network")
            _ = try draw("mentions.svg", builder.mentions(.init(kind: .interaction, top: 150)), engine: .sfdp)
            progress.update(unit.name, "rendering the timeline")
            _ = try draw("timeline.svg", builder.timeline(lastDays: nil), engine: .dot)
            var diagrams: [String] = []
            if drawThreads {
                let drawn = graph.threads.filter { $0.length >= minThreadLength }
                // The promotion report already classified every tweet: colour the parts from it.
                var categories: [TweetID: [PromotionCategory]] = [:]
                for decision in promotions.tweets { categories[decision.id] = decision.categories }
                for (k, thread) in drawn.enumerated() {
                    progress.update(unit.name, "rendering thread \(k + 1) of \(drawn.count)")
                    let parts = thread.tweets.compactMap { id in categories[id].map { (id, $0) } }
                    let view = ThreadView(thread: thread, in: graph,
                                          categories: Dictionary(uniqueKeysWithValues: parts))
                    let name = "threads/\(thread.root).svg"
                    if try draw(name, view.graph, engine: .dot) { diagrams.append(name) }
                }
                files.removeAll { $0.hasPrefix("threads/") }
            }

            progress.update(unit.name, "writing the report")
            let drawings = Dictionary(uniqueKeysWithValues: diagrams.map { path in
                (TweetID(UInt64(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent) ?? 0),
                 [".."] + path.split(separator: "/").map(String.init))   // relative to report/
            })
            let site = ReportSite(try ReportBuilder.input(
                name: unit.isSample ? SampleArchive.displayName : unit.name, graph: graph, summary: summary,
                promotions: promotions, timeZone: .utc, maxThreadPages: reportThreadPages, threadDrawings: drawings))
            try ReportBuilder.write(site, to: folder.appendingPathComponent("report"))
            files.append("report/index.html")

            let stats = threads.stats
            let order = ["tweets", "authors", "span", "threads", "longest thread", "replies", "users mentioned",
                         "promotions", "skipped lines"]
            let span = summary.first.map { "\($0.day) … \(summary.last!.day)" } ?? "–"
            let figures = ["tweets": "\(summary.tweets)", "authors": "\(summary.authors)", "span": span,
                           "threads": "\(stats.count) (\(Int((stats.threadedShare.values.max() ?? 0) * 100))% of tweets)",
                           "longest thread": "\(stats.maxLength) tweets", "replies": "\(summary.replies)",
                           "users mentioned": "\(summary.distinctMentioned)",
                           "promotions": "\(promotions.tweets.count)",
                           "skipped lines": "\(summary.skipped.values.reduce(0, +))"]
            let manifest = Manifest(archive: unit.isSample ? SampleArchive.displayName : unit.path,
                                    files: files, threadDiagrams: diagrams, figures: figures, figureOrder: order)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try write("manifest.json", try encoder.encode(manifest))
            // Written after the manifest: a folder whose fingerprint matches is complete (a folder with a drawing
            // left out gets none, so the next run tries again). Not listed in the manifest, so the gallery and a
            // committed gallery's files do not depend on where the input lives.
            if let fingerprint, stopped.isEmpty {
                try write(InputFingerprint.fileName, try encoder.encode(fingerprint))
                files.removeLast()
            }
            return Result(unit: unit, stopped: stopped, manifest: manifest)
        } catch {
            return Result(unit: unit, failure: CommandFailure(error))
        }
    }

    /// Renders through ``renderer``: in the shared worker for small graphs, else in a child process of its own.
    private func render(_ graph: DOTGraph, engine: LayoutEngine) throws -> Data {
        let elements = graph.nodes.count + graph.edges.count
            + graph.subgraphs.reduce(0) { $0 + $1.nodes.count + $1.edges.count }
        do { return try renderer.render(graph.dot, elements: elements, engine: engine, format: .svg).data }
        catch let error as BoundedRender.Stopped { throw error }
        catch let error as CommandFailure { throw CommandFailure(.software, "Graphviz: \(error.message)") }
        catch {
            throw CommandFailure(.software, "Graphviz: \(error)")
        }
    }

    func writeGallery(_ results: [Result]) throws {
        let entries = results.map { result -> Gallery.Entry in
            let name = result.unit.name
            guard let manifest = result.manifest else {
                return Gallery.Entry(name: name, status: "failed: \(result.failure?.message ?? "unknown error")",
                                     figures: [], thumbnail: nil, links: [], threadDiagrams: [], report: nil)
            }
            let links = manifest.files.filter { $0 != "manifest.json" && $0 != "report/index.html" }
                .map { ($0, "\(name)/\($0)") }
            let diagrams = manifest.threadDiagrams.map {
                (URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent, "\(name)/\($0)")
            }
            // An archive skipped as up to date shows as it did when made: the page must not depend on whether
            // this run redid it (the progress line says so instead).
            // A drawing stopped at the time bound is named in red on the card.
            let status = result.stopped.isEmpty ? "ok" : "not drawn: " + result.stopped.joined(separator: "; ")
            return Gallery.Entry(name: name, status: status,
                                 figures: manifest.figureOrder.compactMap { key in manifest.figures[key].map { (key, $0) } }
                                     + [("archive", manifest.archive)],
                                 thumbnail: manifest.files.contains("mentions.svg") ? "\(name)/mentions.svg" : nil,
                                 links: links, threadDiagrams: diagrams,
                                 report: manifest.files.contains("report/index.html") ? "\(name)/report/index.html" : nil)
        }
        // No generation time in the page: a re-run over the same archives writes the same bytes.
        let gallery = Gallery(entries: entries)
        try AtomicFile.write(Data(gallery.html.utf8), to: out.appendingPathComponent("index.html"))
    }
}
