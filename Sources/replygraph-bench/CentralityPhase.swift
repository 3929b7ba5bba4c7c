// `replygraph-bench centrality edges KIND ARCHIVE... [--include-self]`: the user graph's edge list as TSV
//   (`# directed=D nodes=N edges=M`, then `n<TAB>index<TAB>label` and `e<TAB>source<TAB>target<TAB>weight`).
// `replygraph-bench centrality time KIND ARCHIVE... [--repeat R] [--threads T]`: one JSON line with the seconds
//   PageRank and exact betweenness take on that graph (best of R runs).
// `replygraph-bench centrality approx KIND ARCHIVE... [--epsilon E] [--delta D] [--seeds S] [--threads T]
//   [--weighted]`: exact betweenness once, then `ApproximateBetweenness` with seeds 0..<S; one JSON line with the
//   exact seconds, each run's seconds and largest absolute error against exact, the sample size and the
//   vertex-diameter bound (the empirical check of the ±ε guarantee in Scripts/bench-approx-betweenness.sh).
//   With `--harmonic`, the same for `SampledHarmonicCentrality` against exact harmonic centrality (errors divided
//   by n - 1, the scale on which the bound is ε).
import Dispatch
import Foundation
import ReplyGraph

extension Bench {
    static func centrality(_ args: [String]) throws {
        var rest = args
        guard rest.count >= 3, let kind = UserGraphKind(rawValue: rest[1]) else {
            print(
                "usage: replygraph-bench centrality edges|time|approx KIND ARCHIVE... [--include-self] [--repeat R] [--threads T]"
            )
            exit(64)
        }
        let mode = rest.removeFirst()
        rest.removeFirst()
        var options = UserGraphOptions()
        var repeats = 3
        var threads = 2
        var epsilon = 0.01
        var delta = 0.1
        var seeds = 5
        var weighted = false
        var harmonic = false
        var paths: [String] = []
        var i = 0
        while i < rest.count {
            switch rest[i] {
            case "--include-self": options.includeSelf = true
            case "--repeat":
                i += 1
                repeats = Int(rest[i]) ?? repeats
            case "--threads":
                i += 1
                threads = Int(rest[i]) ?? threads
            case "--epsilon":
                i += 1
                epsilon = Double(rest[i]) ?? epsilon
            case "--delta":
                i += 1
                delta = Double(rest[i]) ?? delta
            case "--seeds":
                i += 1
                seeds = Int(rest[i]) ?? seeds
            case "--weighted": weighted = true
            case "--harmonic": harmonic = true
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
            graph = UserGraph.project(
                kind, tweets: archive.tweets, externalTweets: archive.externalTweets,
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
            print(
                "{\"phase\":\"centrality\",\"kind\":\"\(kind.rawValue)\",\"nodes\":\(graph.nodeCount),"
                    + "\"edges\":\(graph.edgeCount),\"project_seconds\":\(seconds(projectTime)),"
                    + "\"pagerank_seconds\":\(best.pagerank),\"betweenness_seconds\":\(best.betweenness),"
                    + "\"threads\":\(threads),\"checksum\":\(checksum)}")
        case "approx" where harmonic:
            var exact: [Double] = []
            let exactTime = clock.measure {
                exact = HarmonicCentrality(weighted: weighted, threads: threads).scores(in: graph)
            }
            var runs: [String] = []
            var pivots = 0
            for seed in 0..<UInt64(seeds) {
                var estimate: SampledHarmonicCentrality.Estimate!
                let t = try clock.measure {
                    estimate = try SampledHarmonicCentrality(
                        epsilon: epsilon, delta: delta, weighted: weighted,
                        seed: seed, threads: threads
                    ).estimate(in: graph)
                }
                pivots = estimate.pivots
                // On the normalized scale h / (n - 1), where the bound is epsilon.
                let error = (zip(estimate.scores, exact).map { abs($0 - $1) }.max() ?? 0) / Double(graph.nodeCount - 1)
                runs.append("{\"seed\":\(seed),\"seconds\":\(seconds(t)),\"max_error\":\(error)}")
            }
            let fields: [String] = [
                "\"phase\":\"sampled-harmonic\"", "\"kind\":\"\(kind.rawValue)\"", "\"nodes\":\(graph.nodeCount)",
                "\"edges\":\(graph.edgeCount)", "\"weighted\":\(weighted)", "\"threads\":\(threads)",
                "\"epsilon\":\(epsilon)", "\"delta\":\(delta)", "\"samples\":\(pivots)",
                "\"exact_seconds\":\(seconds(exactTime))", "\"runs\":[\(runs.joined(separator: ","))]",
            ]
            print("{" + fields.joined(separator: ",") + "}")
        case "approx":
            var exact: [Double] = []
            let exactTime = clock.measure {
                exact = BetweennessCentrality(weighted: weighted, threads: threads).scores(in: graph)
            }
            // The guard's estimate (16 probes) and the exact work (every source), to calibrate its constants.
            let estimated = ExactBetweennessCost().estimatedSeconds(in: graph, weighted: weighted, threads: threads)
            let work = ExactBetweennessCost(probes: graph.nodeCount).workUnits(in: graph)
            var runs: [String] = []
            var samples = 0
            var diameter = 0
            for seed in 0..<UInt64(seeds) {
                var estimate: ApproximateBetweenness.Estimate!
                let t = try clock.measure {
                    estimate = try ApproximateBetweenness(
                        epsilon: epsilon, delta: delta, weighted: weighted,
                        seed: seed, threads: threads
                    ).estimate(in: graph)
                }
                samples = estimate.samples
                diameter = estimate.vertexDiameterBound
                let error = zip(estimate.scores, exact).map { abs($0 - $1) }.max() ?? 0
                runs.append("{\"seed\":\(seed),\"seconds\":\(seconds(t)),\"max_error\":\(error)}")
            }
            let perUnit = seconds(exactTime) * Double(threads) / work
            let fields: [String] = [
                "\"phase\":\"approx-betweenness\"", "\"kind\":\"\(kind.rawValue)\"", "\"nodes\":\(graph.nodeCount)",
                "\"edges\":\(graph.edgeCount)", "\"arcs\":\(graph.outTargets.count)", "\"weighted\":\(weighted)",
                "\"threads\":\(threads)", "\"epsilon\":\(epsilon)", "\"delta\":\(delta)", "\"samples\":\(samples)",
                "\"vertex_diameter_bound\":\(diameter)", "\"exact_seconds\":\(seconds(exactTime))",
                "\"exact_max\":\(exact.max() ?? 0)", "\"estimated_exact_seconds\":\(estimated)",
                "\"exact_work_units\":\(work)", "\"core_seconds_per_unit\":\(perUnit)",
                "\"runs\":[\(runs.joined(separator: ","))]",
            ]
            print("{" + fields.joined(separator: ",") + "}")
        default:
            print("unknown mode \(mode)")
            exit(64)
        }
    }
}
