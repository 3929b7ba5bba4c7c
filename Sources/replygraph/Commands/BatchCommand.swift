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
            summary.json, threads.json, centrality.json, promotions.json, mentions.svg, timeline.svg, one SVG per \
            thread in threads/, tweets.graphml (the reply graph) and users.gexf (the interaction graph with \
            metrics); OUT/index.html is a gallery of all of them that opens from disk.

            Archives run in parallel on all cores. Every file is written atomically. A re-run skips archives \
            whose outputs are newer than the archive (--force redoes them). One bad archive is reported and the \
            others complete; the exit code is 0 only when every archive succeeded.

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

    func validate() throws {
        guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard minThreadLength >= 2 else { throw ValidationError("--min-thread-length must be at least 2") }
    }

    func run() throws {
        let units: [BatchJob.Unit]
        do { units = try BatchJob.units(for: archives) } catch {
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
                           drawThreads: !skipThreadDiagrams, minThreadLength: minThreadLength)
        let results = job.run(units, jobs: jobs)
        do {
            try job.writeGallery(results)
        } catch {
            StandardError.print("replygraph: cannot write the gallery: \(error.localizedDescription)")
            throw ExitCode(CommandFailure.Code.ioError.rawValue)
        }
        let failed = results.filter { $0.failure != nil }
        StandardError.print("\(results.count - failed.count) of \(results.count) archives done; gallery: "
                                + URL(fileURLWithPath: out).appendingPathComponent("index.html").path)
        if let first = failed.first?.failure { throw ExitCode(first.code.rawValue) }
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

    /// Expands the arguments: files as they are, directories into their regular, non-hidden files.
    static func units(for arguments: [String]) throws -> [Unit] {
        if arguments.isEmpty { return [Unit(path: SampleArchive.path, name: "alexxubyte", isSample: true)] }
        var paths: [String] = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw CommandFailure(.noInput, "\(argument): no such file or directory")
            }
            if isDirectory.boolValue && ArchiveReader.isAccountArchiveFolder(argument) {
                paths.append(argument)   // an unpacked Twitter/X archive is one archive
            } else if isDirectory.boolValue {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
                for name in names.sorted() where !name.hasPrefix(".") {
                    let child = (argument as NSString).appendingPathComponent(name)
                    // Regular files (a FIFO would block the read forever) and unpacked Twitter/X archives.
                    if ArchiveReader.isRegularFile(child) || ArchiveReader.isAccountArchiveFolder(child) {
                        paths.append(child)
                    }
                }
            } else {
                paths.append(argument)
            }
        }
        var used: [String: Int] = [:]
        return paths.map { path in
            var name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            if name.hasSuffix(".twint") { name = String(name.dropLast(6)) }
            name = String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
            if name.isEmpty || name.hasPrefix(".") { name = "archive" + name }
            used[name, default: 0] += 1
            if used[name]! > 1 { name += "-\(used[name]!)" }
            return Unit(path: path, name: name, isSample: false)
        }
    }

    func run(_ units: [Unit], jobs: Int) -> [Result] {
        let progress = Progress(total: units.count)
        let results = Mutex<[Result?]>(Array(repeating: nil, count: units.count))
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, units.count)) { _ in
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < units.count else { return }
                let result = process(units[k], progress: progress)
                results.withLock { $0[k] = result }
                if result.skipped {
                    progress.finish(units[k].name, "up to date (use --force to redo)")
                } else if let failure = result.failure {
                    progress.finish(units[k].name, "FAILED: \(failure.message)")
                } else {
                    progress.finish(units[k].name, "\(result.manifest?.files.count ?? 0) files")
                }
            }
        }
        return results.withLock { $0.map { $0! } }
    }

    private func modificationDate(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    /// The archive's manifest when every file it lists exists and is newer than the archive.
    func upToDate(_ unit: Unit, folder: URL) -> Manifest? {
        guard !force, let archiveDate = modificationDate(URL(fileURLWithPath: unit.path)),
              let data = try? Data(contentsOf: folder.appendingPathComponent("manifest.json")),
              let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else { return nil }
        for file in manifest.files + manifest.threadDiagrams + ["manifest.json"] {
            guard let date = modificationDate(folder.appendingPathComponent(file)), date > archiveDate else { return nil }
        }
        return manifest
    }

    func process(_ unit: Unit, progress: Progress) -> Result {
        let folder = out.appendingPathComponent(unit.name)
        if let manifest = upToDate(unit, folder: folder) {
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
                    throw CommandFailure(.ioError, "cannot write \(folder.appendingPathComponent(name).path): "
                                            + error.localizedDescription)
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
            let table = CentralityTable(graph: users, kind: .mention, result: panel,
                                        metrics: CentralityPanel.Metric.allCases, top: 0)
            try write("centrality.json", Data(try table.json().utf8))
            let promotions = PromotionReport(graph: graph)
            try write("promotions.json", Data(try JSON.encode(promotions).utf8))

            progress.update(unit.name, "exporting")
            try write("tweets.graphml", Data(ExportGraph(tweetGraph: graph).graphML.utf8))
            let interaction = graph.userGraph(.interaction)
            let scores: [String: [Double]]
            do { scores = try ExportGraph.nodeMetrics(of: interaction) } catch {
                throw CommandFailure(.software, "\(error)")
            }
            try write("users.gexf", Data(ExportGraph(userGraph: interaction, kind: .interaction, metrics: scores).gexf.utf8))

            let builder = ViewBuilder(graph: graph)
            progress.update(unit.name, "rendering the mention network")
            try write("mentions.svg", try render(builder.mentions(.init(kind: .interaction, top: 150)), engine: .sfdp))
            progress.update(unit.name, "rendering the timeline")
            try write("timeline.svg", try render(builder.timeline(lastDays: nil), engine: .dot))
            var diagrams: [String] = []
            if drawThreads {
                let drawn = graph.threads.filter { $0.length >= minThreadLength }
                // The promotion report already classified every tweet: colour the parts from it.
                var categories: [TweetID: [String]] = [:]
                for decision in promotions.tweets { categories[decision.id] = decision.categories.map(\.description) }
                for (k, thread) in drawn.enumerated() {
                    progress.update(unit.name, "rendering thread \(k + 1) of \(drawn.count)")
                    let parts = thread.tweets.compactMap { id in categories[id].map { (id, $0) } }
                    let view = ThreadView(thread: thread, in: graph,
                                          categories: Dictionary(uniqueKeysWithValues: parts))
                    let name = "threads/\(thread.root).svg"
                    try write(name, try render(view.graph, engine: .dot))
                    diagrams.append(name)
                }
                files.removeAll { $0.hasPrefix("threads/") }
            }

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
            return Result(unit: unit, manifest: manifest)
        } catch {
            return Result(unit: unit, failure: CommandFailure(error))
        }
    }

    private func render(_ graph: DOTGraph, engine: LayoutEngine) throws -> Data {
        do { return try GraphvizRenderer(engine: engine, format: .svg).render(graph.dot).data } catch {
            throw CommandFailure(.software, "Graphviz: \(error)")
        }
    }

    func writeGallery(_ results: [Result]) throws {
        let entries = results.map { result -> Gallery.Entry in
            let name = result.unit.name
            guard let manifest = result.manifest else {
                return Gallery.Entry(name: name, status: "failed: \(result.failure?.message ?? "unknown error")",
                                     figures: [], thumbnail: nil, links: [], threadDiagrams: [])
            }
            let links = manifest.files.filter { $0 != "manifest.json" }.map { ($0, "\(name)/\($0)") }
            let diagrams = manifest.threadDiagrams.map {
                (URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent, "\(name)/\($0)")
            }
            // An archive skipped as up to date shows as it did when made: the page must not depend on whether
            // this run redid it (the progress line says so instead).
            return Gallery.Entry(name: name, status: "ok",
                                 figures: manifest.figureOrder.compactMap { key in manifest.figures[key].map { (key, $0) } }
                                     + [("archive", manifest.archive)],
                                 thumbnail: "\(name)/mentions.svg", links: links, threadDiagrams: diagrams)
        }
        // No generation time in the page: a re-run over the same archives writes the same bytes.
        let gallery = Gallery(entries: entries)
        try AtomicFile.write(Data(gallery.html.utf8), to: out.appendingPathComponent("index.html"))
    }
}
