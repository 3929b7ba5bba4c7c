// `replygraph-bench pipeline ARCHIVE... [--epsilon E] [--delta D] [--threads T] [--edges FILE]`: the large-archive
// pipeline of issue 17 in one process, as a library user runs it: read (on every core), summary, threads, the
// interaction graph, PageRank, Louvain and approximate betweenness (±E with probability 1 − D, default 0.01 and
// 0.1). One JSON line: each phase's wall seconds, the total, the resident set after each phase and the peak
// (getrusage), and the graph's size. `--edges FILE` also writes the interaction graph's edges as `source target`
// lines (node indices, self-loops left out: they carry no betweenness) for Scripts/bench-pipeline.sh to hand the
// same directed graph to networkit; writing it is not timed.
import Foundation
import GraphExport
import ReplyGraph

extension Bench {
    static func pipeline(_ args: [String]) throws {
        var paths: [String] = []
        var epsilon = 0.01
        var delta = 0.1
        var threads = ProcessInfo.processInfo.activeProcessorCount
        var edgesPath: String?
        var i = 0
        func value() throws -> String {
            i += 1
            guard i < args.count else { throw PipelineError("\(args[i - 1]) needs a value") }
            return args[i]
        }
        while i < args.count {
            switch args[i] {
            case "--epsilon": epsilon = try Double(value()) ?? epsilon
            case "--delta": delta = try Double(value()) ?? delta
            case "--threads": threads = try Int(value()) ?? threads
            case "--edges": edgesPath = try value()
            default: paths.append(args[i])
            }
            i += 1
        }
        guard !paths.isEmpty else {
            throw PipelineError(
                "usage: replygraph-bench pipeline ARCHIVE... [--epsilon E] [--delta D] [--threads T] [--edges FILE]")
        }
        if let edgesPath, paths.contains(where: { URL(fileURLWithPath: $0).standardized.path == edgesPath }) {
            throw PipelineError("--edges \(edgesPath) is one of the inputs: refusing to overwrite it")
        }

        let clock = ContinuousClock()
        var phases: [String] = []
        var total = Duration.zero
        func phase<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
            var result: T?
            let elapsed = try clock.measure { result = try body() }
            total += elapsed
            phases.append("\"\(name)\":{\"seconds\":\(seconds(elapsed)),\"rss_mb\":\(residentMegabytes())}")
            return result!
        }

        let archive = try phase("read") { try ArchiveReader(options: .init(jobs: threads)).read(paths: paths) }
        let authors = phase("summary") { ArchiveSummary(archive).authors }
        let graph = phase("threads") { ReplyGraph(archive) }
        let users = phase("interaction_graph") { graph.userGraph(.interaction) }
        let pagerank = try phase("pagerank") { try PageRank().ranking(in: users) }
        let communities = phase("louvain") { Louvain().communities(in: users) }
        let betweenness = try phase("approx_betweenness") {
            try ApproximateBetweenness(epsilon: epsilon, delta: delta, threads: threads).estimate(in: users)
        }
        if let edgesPath { try writeEdges(of: users, to: edgesPath) }

        let fields = [
            "\"phase\":\"pipeline\"", "\"tweets\":\(archive.tweets.count)", "\"authors\":\(authors)",
            "\"threads\":\(graph.threads.count)", "\"users\":\(users.nodeCount)", "\"edges\":\(users.edgeCount)",
            "\"communities\":\(communities.count)", "\"top_pagerank\":\"\(pagerank.top(1).first?.handle.key ?? "")\"",
            "\"epsilon\":\(epsilon)", "\"delta\":\(delta)", "\"samples\":\(betweenness.samples)",
            "\"vertex_diameter_bound\":\(betweenness.vertexDiameterBound)", "\"cores\":\(threads)",
            "\"phases\":{\(phases.joined(separator: ","))}", "\"total_seconds\":\(seconds(total))",
            "\"peak_rss_mb\":\(peakResidentMegabytes())",
        ]
        print("{" + fields.joined(separator: ",") + "}")
    }

    /// A refused or malformed pipeline run.
    private struct PipelineError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    /// `source target` per line, node indices, self-loops left out; streamed through GraphExport's atomic writer
    /// (temporary file and rename), so the list is never held whole.
    private static func writeEdges(of graph: UserGraph, to path: String) throws {
        try AtomicFile.write(to: URL(fileURLWithPath: path)) { out in
            for v in 0..<Int32(graph.nodeCount) {
                for w in graph.successors(of: v) where w != v { out.write("\(v) \(w)\n") }
            }
        }
    }

    /// The resident set now, in MB (`VmRSS` of /proc/self/status; 0 where there is none).
    private static func residentMegabytes() -> Int { statusField("VmRSS:") / 1024 }

    /// The largest resident set so far, in MB (`getrusage`'s `ru_maxrss`, in KB on Linux).
    private static func peakResidentMegabytes() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// A `kB` field of /proc/self/status.
    private static func statusField(_ name: String) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix(name) {
            return Int(line.dropFirst(name.count).split(whereSeparator: \.isWhitespace).first ?? "") ?? 0
        }
        return 0
    }
}
