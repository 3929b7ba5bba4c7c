// `replygraph-bench centrality edges KIND ARCHIVE... [--include-self]`: the user graph's edge list as TSV
//   (`# directed=D nodes=N edges=M`, then `n<TAB>index<TAB>label` and `e<TAB>source<TAB>target<TAB>weight`).
// `replygraph-bench centrality time KIND ARCHIVE... [--repeat R] [--threads T]`: one JSON line with the seconds
//   PageRank and exact betweenness take on that graph (best of R runs).
import Dispatch
import Foundation
import ReplyGraph

extension Bench {
    static func centrality(_ args: [String]) throws {
        var rest = args
        guard rest.count >= 3, let kind = UserGraphKind(rawValue: rest[1]) else {
            print("usage: replygraph-bench centrality edges|time KIND ARCHIVE... [--include-self] [--repeat R] [--threads T]")
            exit(64)
        }
        let mode = rest.removeFirst()
        rest.removeFirst()
        var options = UserGraphOptions()
        var repeats = 3, threads = 2
        var paths: [String] = []
        var i = 0
        while i < rest.count {
            switch rest[i] {
            case "--include-self": options.includeSelf = true
            case "--repeat": i += 1; repeats = Int(rest[i]) ?? repeats
            case "--threads": i += 1; threads = Int(rest[i]) ?? threads
            default: paths.append(rest[i])
            }
            i += 1
        }
        let clock = ContinuousClock()
        func seconds(_ d: Duration) -> Double {
            Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        }
        let archive = try ArchiveReader().read(paths: paths)
        var graph: UserGraph!
        let projectTime = clock.measure {
            graph = UserGraph.project(kind, tweets: archive.tweets, externalTweets: archive.externalTweets,
                                      options: options)
        }
        switch mode {
        case "edges":
            var out = "# directed=\(graph.isDirected ? 1 : 0) nodes=\(graph.nodeCount) edges=\(graph.edgeCount)\n"
            for (v, label) in graph.labels.enumerated() { out += "n\t\(v)\t\(label)\n" }
            for e in graph.edges { out += "e\t\(e.source)\t\(e.target)\t\(e.weight)\n" }
            FileHandle.standardOutput.write(out.data(using: .utf8)!)
        case "time":
            var best = (pagerank: Double.infinity, betweenness: Double.infinity)
            var checksum = 0.0
            for _ in 0..<repeats {
                var pr: [Double] = []
                let t1 = try clock.measure { pr = try PageRank(damping: 0.85).scores(in: graph) }
                var bc: [Double] = []
                let t2 = clock.measure { bc = BetweennessCentrality(threads: threads).scores(in: graph) }
                best.pagerank = min(best.pagerank, seconds(t1))
                best.betweenness = min(best.betweenness, seconds(t2))
                checksum = pr.reduce(0, +) + bc.reduce(0, +)
            }
            print("{\"phase\":\"centrality\",\"kind\":\"\(kind.rawValue)\",\"nodes\":\(graph.nodeCount),"
                  + "\"edges\":\(graph.edgeCount),\"project_seconds\":\(seconds(projectTime)),"
                  + "\"pagerank_seconds\":\(best.pagerank),\"betweenness_seconds\":\(best.betweenness),"
                  + "\"threads\":\(threads),\"checksum\":\(checksum)}")
        default:
            print("unknown mode \(mode)")
            exit(64)
        }
    }
}
