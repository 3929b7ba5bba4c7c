/// Closeness centrality as `networkx.closeness_centrality` with its default `wf_improved=True`
/// (Wasserman–Faust): `(r − 1) / Σd × (r − 1) / (n − 1)` over the r nodes that reach the node.
///
///     let path = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2)], directed: false)
///     ClosenessCentrality().scores(in: path)   // [0.666..., 1.0, 0.666...]
///
/// For a directed graph distances are incoming (from every other node to this one), as networkx does by
/// reversing the graph. With `weighted`, an edge's length is `1 / weight`. A node nothing reaches scores 0.
///
/// - Complexity: O(n (n + m)) unweighted, O(n (n + m) log n) weighted, split across `threads`.
public struct ClosenessCentrality: Hashable, Sendable {
    package var wfImproved: Bool
    package var weighted: Bool
    /// Worker threads (each node's search is independent; results do not depend on this).
    package var threads: Int

    /// Closeness with networkx's defaults.
    ///
    /// - Parameters:
    ///   - wfImproved: Scale by the share of nodes that reach the node (Wasserman–Faust), networkx's default.
    ///   - weighted: Edge length `1 / weight`; otherwise hop counts.
    ///   - threads: Worker threads (the result does not depend on it).
    public init(wfImproved: Bool = true, weighted: Bool = false, threads: Int = 2) {
        self.wfImproved = wfImproved
        self.weighted = weighted
        self.threads = threads
    }

    /// The closeness of every node, by node index.
    /// Every user's closeness, keyed by handle.
    ///
    /// - Complexity: O(n (n + m)) unweighted, O(n (n + m) log n) weighted.
    public func ranking(in graph: UserGraph) -> Ranking {
        Ranking(graph: graph, scores: scores(in: graph))
    }

    package func scores(in graph: UserGraph) -> [Double] {
        let n = graph.nodeCount
        let wfImproved = self.wfImproved
        let weighted = self.weighted
        return SourceChunks.sum(sources: n, length: n, threads: threads) { chunk, chunks in
            var result = [Double](repeating: 0, count: n)
            var search = ShortestPaths(
                offsets: graph.inOffsets, targets: graph.inSources,
                weights: weighted ? graph.inWeights : nil)
            for u in stride(from: chunk, to: n, by: chunks) {
                search.search(from: Int32(u))
                var total = 0.0
                for i in 0..<search.reached { total += search.distance[Int(search.order[i])] }
                let reached = Double(search.reached)
                if total > 0 && n > 1 {
                    var c = (reached - 1) / total
                    if wfImproved { c *= (reached - 1) / Double(n - 1) }
                    result[u] = c
                }
            }
            return result
        }
    }
}
