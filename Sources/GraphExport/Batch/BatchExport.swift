import Foundation
import ReplyGraph
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Many archives analysed, exported and drawn into one folder with an HTML gallery, as `replygraph batch` does.
///
///     let batch = BatchExport(out: URL(fileURLWithPath: "gallery")) { dot, layout, _ in
///         try GraphvizRenderer().render(dot, engine: LayoutEngine(rawValue: layout.rawValue)!, format: .svg).data
///     }
///     let results = try batch.run(["tweets.jsonl"], jobs: 2)
///     results[0].files   // ["summary.json", "threads.json", …, "report/index.html", "manifest.json"]
///
/// Each archive gets a folder OUT/<name>/ with report/index.html, summary.json, threads.json, centrality.json,
/// promotions.json, tweets.graphml, users.gexf, mentions.svg, timeline.svg, one SVG per thread in threads/, and
/// manifest.json; OUT/index.html is the gallery. Every file is written atomically. A folder made from the same
/// input (same file, bytes, size, modification time and options) is kept unless `force`. One archive failing
/// does not stop the others: its failure is in its ``Result``.
///
/// The drawings are made by the `render` closure, which takes DOT text (this module does not link Graphviz): a
/// drawing it stops with ``Stopped`` is left out and named, and the archive's other files are still written.
public struct BatchExport: Sendable {
    /// The Graphviz layout a drawing asks for (its text form is the engine's name).
    public enum Layout: String, Sendable {
        /// Hierarchical (`dot`): timelines and thread diagrams.
        case dot
        /// Force-directed (`sfdp`): the mention network.
        case sfdp
    }

    /// Renders DOT text with a layout to SVG bytes; also given the graph's size (nodes plus edges), so that a
    /// renderer can treat small and large graphs differently. Throws ``Stopped`` to leave a drawing out.
    public typealias Renderer = @Sendable (_ dot: String, _ layout: Layout, _ elements: Int) throws -> Data

    /// Thrown by a ``Renderer`` that gave up on a drawing (a time bound): the drawing is left out and `reason`
    /// is shown on the archive's card.
    public struct Stopped: Error, CustomStringConvertible {
        /// Why the drawing was stopped, e.g. `Graphviz did not finish within 60 s and was stopped`.
        public var description: String

        /// A stop for `reason`.
        public init(_ reason: String) { description = reason }
    }

    /// A drawing the renderer failed on: ends the archive with `Graphviz: <reason>`.
    struct RenderFailure: Error, CustomStringConvertible {
        var description: String
    }

    /// One archive of a batch: where it is read from and the name of its folder.
    package struct Unit: Sendable {
        package var path: String
        package var name: String
        package var isSample: Bool
    }

    /// What became of one archive.
    public struct Result: Sendable {
        package var unit: Unit
        /// Why the archive failed (`ArchiveError`, `FileWriteError`, `CentralityError` or a render failure), or
        /// `nil` when its folder was written (or was up to date).
        public var failure: (any Error)?
        /// The folder was up to date and left as it was.
        package var skipped = false
        /// Drawings that the renderer stopped, with the reason; left out of the folder.
        public var stopped: [String] = []
        package var manifest: Manifest?

        /// The archive's folder name.
        public var name: String { unit.name }
        /// The failure in words, as the gallery shows it (a write failure as `cannot write PATH: reason`).
        package var failureMessage: String? {
            guard let failure else { return nil }
            if let error = failure as? FileWriteError {
                return "cannot write \(error.destination): \(error.localizedDescription)"
            }
            return "\(failure)"
        }
        /// The files in the archive's folder, relative to it (thread diagrams under `threads/`, then the manifest).
        public var files: [String] { manifest.map { $0.files + $0.threadDiagrams + ["manifest.json"] } ?? [] }
    }

    /// What an archive's folder holds, written last: it marks the folder complete and feeds the gallery.
    package struct Manifest: Codable, Sendable {
        var archive: String
        package var files: [String]
        var threadDiagrams: [String]
        var figures: [String: String]
        var figureOrder: [String]
    }

    package var out: URL
    package var force: Bool
    package var reader: ArchiveReader
    package var drawThreads: Bool
    package var minThreadLength: Int
    /// When this run began: temporary files older than this are a killed run's leftovers.
    package var started = Date()
    package var render: Renderer
    /// The report's cap on thread pages (``ReportSite``).
    package var reportThreadPages = 1000
    /// Told what an archive is doing now: its name and a status (`reading`, `rendering thread 3 of 40`, …).
    package var progress: @Sendable (String, String) -> Void = { _, _ in }
    /// Told warnings: a metric that did not converge, temporary files removed.
    package var warn: @Sendable (String) -> Void = { _ in }

    /// A batch into `out`, reading with `reader`, drawing with `render`.
    ///
    /// - Parameters:
    ///   - out: The folder that receives one subfolder per archive and the gallery.
    ///   - reader: How archives are read (jobs, line limits, strictness).
    ///   - drawThreads: Draw one SVG per thread of at least `minThreadLength` tweets.
    ///   - minThreadLength: The shortest thread that gets a drawing.
    ///   - force: Redo archives whose folders are up to date.
    ///   - render: Turns DOT text into SVG bytes (GraphExport does not link Graphviz; the caller does).
    public init(
        out: URL, reader: ArchiveReader = ArchiveReader(), drawThreads: Bool = true, minThreadLength: Int = 2,
        force: Bool = false, render: @escaping Renderer
    ) {
        self.out = out
        self.force = force
        self.reader = reader
        self.drawThreads = drawThreads
        self.minThreadLength = minThreadLength
        self.render = render
    }

    /// Exports every archive in `arguments` (files, directories of archives; none: the bundled sample), `jobs` at
    /// a time, then writes the gallery.
    ///
    /// - Returns: one result per archive, in folder-name order of the arguments.
    /// - Throws: `ArchiveError` when an argument does not exist; `FileWriteError` when the gallery cannot be
    ///   written. A failing archive does not throw: see ``Result/failure``.
    /// - Complexity: the analyses' and Graphviz's for every archive.
    public func run(_ arguments: [String], jobs: Int) throws -> [Result] {
        let units = try Self.units(for: arguments, out: out.path)
        removeStaleTemporaries(units)
        let results = run(units, jobs: jobs)
        try writeGallery(results)
        return results
    }

    /// Expands the arguments: files as they are, directories into their regular, non-hidden files, leaving out
    /// this batch's own outputs when `out` is (or is inside) an input directory. The same file given twice (by any
    /// path) is one archive. Folder names come from ``BatchNames``.
    ///
    /// - Throws: `ArchiveError` (`unreadable`) naming an argument that does not exist.
    package static func units(for arguments: [String], out: String) throws(ArchiveError) -> [Unit] {
        if arguments.isEmpty { return [Unit(path: SampleArchive.path, name: "alexxubyte", isSample: true)] }
        let outIdentity = identity(out)
        let gallery = identity((out as NSString).appendingPathComponent("index.html"))
        var paths: [String] = []
        var seen: Set<[UInt64]> = []
        for argument in arguments {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                throw ArchiveError(kind: .unreadable, file: argument, message: "no such file or directory")
            }
            if isDirectory.boolValue && ArchiveReader.isAccountArchiveFolder(argument) {
                paths.append(argument) // an unpacked Twitter/X archive is one archive
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
    /// the leftovers of a batch that was killed mid-write. Nothing else is touched; each removal is told to ``warn``.
    package func removeStaleTemporaries(_ units: [Unit]) {
        var folders = [out]
        for unit in units {
            folders.append(out.appendingPathComponent(unit.name))
            folders.append(out.appendingPathComponent(unit.name).appendingPathComponent("threads"))
        }
        for folder in folders {
            for name in AtomicFile.removeStaleTemporaries(in: folder, olderThan: started) {
                warn("removed \(folder.appendingPathComponent(name).path), left by an interrupted run")
            }
        }
    }

    /// Processes `units`, `jobs` at a time; `finished` is told each result as it comes.
    package func run(_ units: [Unit], jobs: Int, finished: @Sendable (Result) -> Void = { _ in }) -> [Result] {
        // An `NSLock`, not `Synchronization.Mutex`, which ThreadSanitizer cannot see on Linux (see GraphvizSession).
        let lock = NSLock()
        nonisolated(unsafe) var results = [Result?](repeating: nil, count: units.count)
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(jobs, units.count)) { _ in
            while true {
                let k = next.add(1, ordering: .relaxed).oldValue
                guard k < units.count else { return }
                let result = process(units[k])
                lock.withLock { results[k] = result }
                finished(result)
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
            let manifest = try? JSONDecoder().decode(Manifest.self, from: data)
        else { return nil }
        for file in manifest.files + manifest.threadDiagrams + ["manifest.json"] {
            guard FileManager.default.fileExists(atPath: folder.appendingPathComponent(file).path) else { return nil }
        }
        return manifest
    }

    /// Reads, analyses, exports and draws one archive into its folder.
    func process(_ unit: Unit) -> Result {
        let folder = out.appendingPathComponent(unit.name)
        let fingerprint = try? InputFingerprint(path: unit.path, options: optionsKey)
        if let manifest = upToDate(unit, folder: folder, fingerprint: fingerprint) {
            return Result(unit: unit, skipped: true, manifest: manifest)
        }
        do throws(any Error) {
            progress(unit.name, "reading")
            var archive = try reader.read(paths: [unit.path])
            if unit.isSample, !archive.inputs.isEmpty { archive.inputs[0].name = SampleArchive.displayName }
            let graph = ReplyGraph(archive)
            var files: [String] = []
            func write(_ name: String, _ data: Data) throws {
                try AtomicFile.write(data, to: folder.appendingPathComponent(name))
                files.append(name)
            }
            func export(_ name: String, _ source: some ExportSource, _ format: ExportFormat) throws {
                try source.writeExport(format, to: folder.appendingPathComponent(name))
                files.append(name)
            }

            progress(unit.name, "analysing")
            let json = ReportJSON.encoder()
            let summary = ArchiveSummary(archive)
            try write("summary.json", Data(try ReportJSON.encode(summary, with: json).utf8))
            let threads = ThreadsReport(graph, minLength: 2)
            try write("threads.json", Data(try ReportJSON.encode(threads, with: json).utf8))
            let users = graph.userGraph(.mention)
            let panel = try CentralityPanel().compute(in: users)
            // A metric that does not converge is named in centrality.json ("failed") and told; the archive goes on.
            for metric in CentralityPanel.Metric.allCases {
                guard let failure = panel.failures[metric] else { continue }
                warn("\(unit.name): \(CentralityTable.note(metric, failure))")
            }
            let table = CentralityTable(
                graph: users, kind: .mention, result: panel,
                metrics: CentralityPanel.Metric.allCases, top: 0)
            try write("centrality.json", Data(try ReportJSON.encode(table, with: json).utf8))
            let promotions = PromotionReport(graph: graph)
            try write("promotions.json", Data(try ReportJSON.encode(promotions, with: json).utf8))

            progress(unit.name, "exporting")
            // Streamed as written: the tweet graph is made node by node and never held whole, nor is either text.
            try export("tweets.graphml", TweetGraphExport(graph), .graphml)
            let interaction = graph.userGraph(.interaction)
            let scores = try UserGraphMetrics(in: interaction)
            try export("users.gexf", ExportGraph(userGraph: interaction, kind: .interaction, metrics: scores), .gexf)

            var stopped: [String] = []
            /// Draws `graph` into `name`; a drawing stopped by the renderer is noted and left out.
            func draw(_ name: String, _ graph: DOTGraph, layout: Layout) throws -> Bool {
                do {
                    try write(name, try svg(graph, layout: layout))
                    return true
                } catch let error as Stopped {
                    stopped.append("\(name): \(error)")
                    return false
                }
            }
            progress(unit.name, "rendering the mention network")
            _ = try draw("mentions.svg", try mentions(graph), layout: .sfdp)
            progress(unit.name, "rendering the timeline")
            _ = try draw("timeline.svg", TimelineView(graph: graph, lastDays: nil).graph, layout: .dot)
            var diagrams: [String] = []
            if drawThreads {
                let drawn = graph.threads.filter { $0.length >= minThreadLength }
                // The promotion report already classified every tweet: colour the parts from it.
                var categories: [TweetID: [PromotionCategory]] = [:]
                for decision in promotions.tweets { categories[decision.id] = decision.categories }
                for (k, thread) in drawn.enumerated() {
                    progress(unit.name, "rendering thread \(k + 1) of \(drawn.count)")
                    let parts = thread.tweets.compactMap { id in categories[id].map { (id, $0) } }
                    let view = ThreadView(
                        thread: thread, in: graph,
                        categories: Dictionary(uniqueKeysWithValues: parts))
                    let name = "threads/\(thread.root).svg"
                    if try draw(name, view.graph, layout: .dot) { diagrams.append(name) }
                }
                files.removeAll { $0.hasPrefix("threads/") }
            }

            progress(unit.name, "writing the report")
            let drawings = Dictionary(
                uniqueKeysWithValues: diagrams.map { path in
                    (
                        TweetID(UInt64(URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent) ?? 0),
                        [".."] + path.split(separator: "/").map(String.init)
                    ) // relative to report/
                })
            let analysis = try ReportAnalysis(graph, summary: summary, promotions: promotions, timeZone: .utc)
            let report = ArchiveReport(
                name: unit.isSample ? SampleArchive.displayName : unit.name,
                analysis: analysis, maxThreadPages: reportThreadPages,
                threadDrawings: drawings)
            try report.write(to: folder.appendingPathComponent("report"))
            files.append("report/index.html")

            let stats = threads.stats
            let order = [
                "tweets", "authors", "span", "threads", "longest thread", "replies", "users mentioned",
                "promotions", "skipped lines",
            ]
            let span = summary.first.map { "\($0.day) … \(summary.last!.day)" } ?? "–"
            let figures = [
                "tweets": "\(summary.tweets)", "authors": "\(summary.authors)", "span": span,
                "threads": "\(stats.count) (\(Int((stats.threadedShare.values.max() ?? 0) * 100))% of tweets)",
                "longest thread": "\(stats.maxLength) tweets", "replies": "\(summary.replies)",
                "users mentioned": "\(summary.distinctMentioned)",
                "promotions": "\(promotions.tweets.count)",
                "skipped lines": "\(summary.skipped.values.reduce(0, +))",
            ]
            let manifest = Manifest(
                archive: unit.isSample ? SampleArchive.displayName : unit.path,
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
            return Result(unit: unit, failure: error)
        }
    }

    /// The interaction network of the batch's mentions.svg: the 150 best-connected users, sized by weighted
    /// PageRank and coloured by Louvain community.
    private func mentions(_ graph: ReplyGraph) throws(CentralityError) -> DOTGraph {
        let users = UserGraph.project(.interaction, tweets: graph.archive.tweets, options: UserGraphOptions())
        let ranking = Ranking(graph: users, scores: try PageRank(weighted: true).scores(in: users))
        // Best-connected rather than highest PageRank: the account at the centre of a one-account archive
        // mentions everyone but is rarely mentioned, and a PageRank cut would drop it with all its edges.
        let mentions = MentionGraph(ranking: ranking, communities: Louvain().communities(in: users)).bestConnected(150)
        return MentionsView(mentions, title: "interaction network").graph
    }

    /// Renders through ``render``, telling it the graph's size.
    private func svg(_ graph: DOTGraph, layout: Layout) throws -> Data {
        let elements =
            graph.nodes.count + graph.edges.count
            + graph.subgraphs.reduce(0) { $0 + $1.nodes.count + $1.edges.count }
        do { return try render(graph.dot, layout, elements) } catch let error as Stopped { throw error } catch {
            throw RenderFailure(description: "Graphviz: \(error)")
        }
    }

    /// Writes the gallery, OUT/index.html, for `results`.
    ///
    /// - Throws: `FileWriteError`.
    package func writeGallery(_ results: [Result]) throws {
        let entries = results.map { result -> Gallery.Entry in
            let name = result.unit.name
            guard let manifest = result.manifest else {
                return Gallery.Entry(
                    name: name, status: "failed: \(result.failureMessage ?? "unknown error")",
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
            return Gallery.Entry(
                name: name, status: status,
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
