/// How long exact betweenness (``BetweennessCentrality``, Brandes) would take on a graph, estimated from
/// sixteen searches without running it, so a caller can refuse an hours-long run.
///
///     let cost = ExactBetweennessCost()
///     cost.estimatedSeconds(in: graph, weighted: false, threads: 2)   // 1.03 on the 1M-tweet mention graph (0.90 s)
///
/// Brandes does one search per source; a search reads every node it reaches and every arc out of them, and the
/// dependency pass reads them again. The work is therefore n × (the mean over sources of nodes reached + arcs
/// read), which for a directed graph can be far below n · (n + m): in a mention graph most users reach only part of
/// it. The mean is taken over `probes` sources drawn with a seed (all sources when `probes` ≥ n, which gives the
/// exact work), so the estimate costs `probes` breadth-first searches, and the time is that work times a measured
/// constant divided by the threads.
///
/// The constants were measured with `replygraph-bench centrality approx` (release build, 2 threads on the 2 cores)
/// on the 1M-tweet synthetic archive (`gen_corpus.py --tweets 1000000 --authors 5000 --seed 1`), as core-seconds
/// per unit of exact work (all sources). At a load average of about 3 from other jobs: mention graph (6,924 users,
/// 38,950 edges) 1.46e-8, interaction graph (9,464 users, 213,445 edges) 0.77e-8, co-mention graph (5,880 users,
/// 17,218 edges) 1.49e-8; weighted (Dijkstra) 7.1e-8 (mention) and 6.6e-8 (co-mention). The constants are the
/// largest of these, rounded up. The machine is shared, and at a load average of 5 the same graphs measured up to
/// 2.55e-8 (so exact can take up to 1.7 times the estimate there): the estimate tells minutes from hours, not
/// seconds from seconds. The 16-probe work was within 11% of the exact work on all three graphs, and 25% under it on
/// the co-mention graph of `--authors 200000` (17,572 users in 1,439 components, where a probe that lands in a small
/// component reads little): there the estimate was 5.1 s and exact took 7.0 s, and 14.2 s in a busier minute.
///
/// - Complexity: O(probes · (n + m)).
package struct ExactBetweennessCost: Hashable, Sendable {
    /// Seconds per unit of work on one core, hop-count (BFS) betweenness.
    package static let secondsPerUnit = 1.5e-8
    /// Seconds per unit of work on one core, weighted (Dijkstra) betweenness.
    package static let weightedSecondsPerUnit = 7.5e-8

    /// The estimate above which `replygraph centrality` refuses exact betweenness unless given `--exact`.
    package static let refusalSeconds = 60.0

    /// Number of sampled sources whose searches are measured.
    package var probes: Int
    package var seed: UInt64

    package init(probes: Int = 16, seed: UInt64 = 0) {
        self.probes = probes
        self.seed = seed
    }

    /// n × the mean over the probes of (nodes reached + arcs read) by a search from that source.
    package func workUnits(in graph: UserGraph) -> Double {
        let n = graph.nodeCount
        if n == 0 { return 0 }
        let sources =
            probes >= n
            ? (0..<Int32(n)).map { $0 }
            : BetweennessCentrality.samplePivots(count: max(probes, 1), nodeCount: n, seed: seed)
        var search = ShortestPaths(offsets: graph.outOffsets, targets: graph.outTargets, weights: nil)
        var total = 0.0
        for s in sources {
            search.search(from: s)
            var arcs = 0
            for i in 0..<search.reached {
                let v = Int(search.order[i])
                arcs += graph.outOffsets[v + 1] - graph.outOffsets[v]
            }
            total += Double(search.reached + arcs)
        }
        return total / Double(sources.count) * Double(n)
    }

    /// The estimated wall-clock seconds of exact betweenness on `threads` cores.
    package func estimatedSeconds(in graph: UserGraph, weighted: Bool, threads: Int) -> Double {
        workUnits(in: graph) * (weighted ? Self.weightedSecondsPerUnit : Self.secondsPerUnit) / Double(max(threads, 1))
    }
}
