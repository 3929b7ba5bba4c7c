/// Harmonic centrality as `networkx.harmonic_centrality`: the sum of `1 / d(v, u)` over every other node v that
/// reaches u.
///
///     let path = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2)], directed: false)
///     HarmonicCentrality().scores(in: path)   // [1.5, 2.0, 1.5]
///
/// Distances are incoming for a directed graph (as networkx sums `1/d` from each source to the node); with
/// `weighted`, an edge's length is `1 / weight`.
///
/// - Complexity: O(n (n + m)) unweighted, O(n (n + m) log n) weighted, split across `threads`.
public struct HarmonicCentrality: Hashable, Sendable {
    package var weighted: Bool
    /// Worker threads (each node's search is independent; results do not depend on this).
    package var threads: Int

    /// Harmonic centrality over hop counts, or with `weighted` over edge lengths `1 / weight`, on `threads` workers.
    public init(weighted: Bool = false, threads: Int = 2) {
        self.weighted = weighted
        self.threads = threads
    }

    /// The harmonic centrality of every node, by node index.
    /// Every user's harmonic centrality, keyed by handle.
    ///
    /// - Complexity: O(n (n + m)) unweighted, O(n (n + m) log n) weighted.
    public func ranking(in graph: UserGraph) -> Ranking {
        Ranking(graph: graph, scores: scores(in: graph))
    }

    package func scores(in graph: UserGraph) -> [Double] {
        let n = graph.nodeCount
        let weighted = self.weighted
        return SourceChunks.sum(sources: n, length: n, threads: threads) { chunk, chunks in
            var result = [Double](repeating: 0, count: n)
            var search = ShortestPaths(
                offsets: graph.inOffsets, targets: graph.inSources,
                weights: weighted ? graph.inWeights : nil)
            for u in stride(from: chunk, to: n, by: chunks) {
                search.search(from: Int32(u))
                var total = 0.0
                for i in 0..<search.reached {
                    let d = search.distance[Int(search.order[i])]
                    if d > 0 { total += 1 / d }
                }
                result[u] = total
            }
            return result
        }
    }
}
