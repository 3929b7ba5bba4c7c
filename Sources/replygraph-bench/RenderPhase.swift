// `replygraph-bench render threads DIR [ARCHIVE...] [--min-length L]`: builds the reply graph (the bundled sample
//   when no archive is given) and writes the DOT of every thread with at least L tweets (default 2, as `batch`
//   draws them) to DIR/<root>.dot, so the `dot` command-line tool can render the very same text.
// `replygraph-bench render mentions OUT.dot ARCHIVE... [--top N] [--splines S]`: writes the mentions view of the
//   mention graph (weighted PageRank sizes, Louvain colours, as `replygraph view mentions` builds it), kept to the
//   N users with the highest weighted degree (default 5000) when larger. `--splines` replaces the view's
//   `splines=curved` (e.g. `true`, whose spline routing around thousands of nodes takes sfdp over ten minutes).
// `replygraph-bench render time ENGINE FILE.dot... [--repeat R]`: renders every file to FILE.svg in process
//   (GraphvizRenderer, SVG), R passes over all files (default 3), and prints one JSON line with each pass's
//   seconds, the median pass and the milliseconds per file of the median pass.
import Foundation
import GraphExport
import GraphvizRender
import ReplyGraph

extension Bench {
    static func render(_ args: [String]) throws {
        let usage =
            "usage: replygraph-bench render threads DIR [ARCHIVE...] [--min-length L]\n"
            + "       replygraph-bench render mentions OUT.dot ARCHIVE... [--top N] [--splines S]\n"
            + "       replygraph-bench render time ENGINE FILE.dot... [--repeat R]"
        guard args.count >= 2 else {
            print(usage)
            exit(64)
        }
        var rest = Array(args.dropFirst(2))
        func option(_ name: String, default value: Int) -> Int {
            guard let k = rest.firstIndex(of: name), k + 1 < rest.count, let n = Int(rest[k + 1]) else { return value }
            rest.removeSubrange(k...(k + 1))
            return n
        }
        switch args[0] {
        case "threads":
            let minLength = option("--min-length", default: 2)
            try writeThreadDOT(to: args[1], archives: rest, minLength: minLength)
        case "mentions":
            let top = option("--top", default: 5000)
            var splines: String?
            if let k = rest.firstIndex(of: "--splines"), k + 1 < rest.count {
                splines = rest[k + 1]
                rest.removeSubrange(k...(k + 1))
            }
            guard !rest.isEmpty else {
                print(usage)
                exit(64)
            }
            try writeMentionsDOT(to: args[1], archives: rest, top: top, splines: splines)
        case "time":
            let repeats = option("--repeat", default: 3)
            guard let engine = LayoutEngine(rawValue: args[1]), !rest.isEmpty, repeats >= 1 else {
                print(usage)
                exit(64)
            }
            try timeRenders(engine: engine, files: rest, repeats: repeats)
        default:
            print(usage)
            exit(64)
        }
    }

    static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }

    /// Writes one DOT file per drawn thread, built as `batch` builds its thread diagrams (ThreadView with the
    /// promotion categories of the thread's tweets).
    private static func writeThreadDOT(to folder: String, archives: [String], minLength: Int) throws {
        let archive = try ArchiveReader().read(paths: archives.isEmpty ? [SampleArchive.path] : archives)
        let graph = ReplyGraph(archive)
        let detector = PromotionDetector()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var written = 0
        var bytes = 0
        for thread in graph.threads where thread.length >= minLength {
            let categories = detector.categories(of: thread.tweets, in: archive)
            let dot = ThreadView(thread: thread, in: graph, categories: categories).graph.dot
            try dot.write(toFile: "\(folder)/\(thread.root).dot", atomically: true, encoding: .utf8)
            written += 1
            bytes += dot.utf8.count
        }
        print(
            "{\"phase\":\"render threads\",\"tweets\":\(archive.tweets.count),\"threads\":\(graph.threads.count),"
                + "\"files\":\(written),\"dot_bytes\":\(bytes)}")
    }

    /// Writes the mentions view of the archives' mention graph, restricted to the `top` users by weighted degree
    /// (then PageRank, then handle), as `replygraph render --view mentions --top` does.
    private static func writeMentionsDOT(to path: String, archives: [String], top: Int, splines: String?) throws {
        let archive = try ArchiveReader().read(paths: archives)
        let users = UserGraph.project(.mention, tweets: archive.tweets, options: UserGraphOptions())
        let ranking = Ranking(graph: users, scores: try PageRank(weighted: true).scores(in: users))
        let scored = MentionGraph(ranking: ranking, communities: Louvain().communities(in: users))
        let all = (nodes: scored.nodes.count, edges: scored.edges.count)
        let mentions = scored.bestConnected(top)
        // Curved, as the view drew every size when the README's figures were measured (it now draws dense graphs
        // straight): the benchmark's workload stays the same.
        var mentionsView = MentionsView(mentions, title: "mention network")
        mentionsView.edgeStyle = .curved
        var view = mentionsView.graph
        if let splines { view.attributes["splines"] = .name(splines) }
        let dot = view.dot
        try dot.write(toFile: path, atomically: true, encoding: .utf8)
        print(
            "{\"phase\":\"render mentions\",\"tweets\":\(archive.tweets.count),\"graph_nodes\":\(all.nodes),"
                + "\"graph_edges\":\(all.edges),\"nodes\":\(mentions.nodes.count),\"edges\":\(mentions.edges.count),"
                + "\"splines\":\"\(splines ?? "curved (the view's own)")\",\"dot_bytes\":\(dot.utf8.count)}")
    }

    /// Renders every file to SVG next to it, `repeats` times over; the DOT text is read before the clock starts
    /// (the command-line tool's reading of its input is part of its time, but that is a few KB per file).
    private static func timeRenders(engine: LayoutEngine, files: [String], repeats: Int) throws {
        let inputs = try files.map {
            (
                dot: try String(contentsOfFile: $0, encoding: .utf8),
                svg: URL(fileURLWithPath: ($0 as NSString).deletingPathExtension + ".svg")
            )
        }
        let renderer = GraphvizRenderer(engine: engine, format: .svg)
        let clock = ContinuousClock()
        var passes: [Double] = []
        var warnings = 0
        for _ in 0..<repeats {
            warnings = 0
            let elapsed = try clock.measure {
                for input in inputs {
                    warnings += try renderer.render(input.dot, to: input.svg).warnings.count
                }
            }
            passes.append(seconds(elapsed))
        }
        let median = passes.sorted()[passes.count / 2]
        let list = passes.map { String($0) }.joined(separator: ",")
        print(
            "{\"phase\":\"render time\",\"engine\":\"\(engine.rawValue)\",\"files\":\(inputs.count),"
                + "\"graphviz\":\"\(GraphvizRenderer.graphvizVersion)\",\"passes\":[\(list)],\"median_seconds\":\(median),"
                + "\"ms_per_file\":\(median * 1000 / Double(inputs.count)),\"warnings\":\(warnings)}")
    }
}
