/// Which edges a degree counts.
public enum DegreeDirection: String, CaseIterable, Hashable, Sendable {
    /// In plus out for a directed graph (networkx `degree`); the neighbour count for an undirected one, where a
    /// self-loop (when included) counts twice.
    case total
    /// Incoming edges (`in_degree`); for an undirected graph the same as `total`.
    case incoming
    /// Outgoing edges (`out_degree`); for an undirected graph the same as `total`.
    case outgoing
}

/// Degree, in-degree and out-degree, raw or weighted, optionally normalized as networkx's `degree_centrality`.
///
///     let graph = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1, 3), .init(0, 2)], directed: true)
///     DegreeCentrality(direction: .outgoing).scores(in: graph)                  // [1.0, 0.0, 0.0]
///     DegreeCentrality(direction: .outgoing, weighted: true, normalized: false).scores(in: graph)  // [4, 0, 0]
///
/// Normalized scores divide by `n − 1` (networkx `degree_centrality`, `in_degree_centrality`,
/// `out_degree_centrality`); with `n ≤ 1` every node scores 1, as there. Weighted degrees are networkx's
/// `degree(weight="weight")` (strength); normalizing them uses the same `n − 1`.
public struct DegreeCentrality: Hashable, Sendable {
    package var direction: DegreeDirection
    package var weighted: Bool
    package var normalized: Bool

    /// Degree in `direction`, as weight sums with `weighted`, divided by `n − 1` when `normalized`.
    public init(direction: DegreeDirection = .total, weighted: Bool = false, normalized: Bool = true) {
        self.direction = direction
        self.weighted = weighted
        self.normalized = normalized
    }

    /// The degree of every node, by node index.
    ///
    /// - Complexity: O(n + m).
    /// Every user's degree, keyed by handle.
    ///
    /// - Complexity: O(n + m).
    public func ranking(in graph: UserGraph) -> Ranking {
        Ranking(graph: graph, scores: scores(in: graph))
    }

    package func scores(in graph: UserGraph) -> [Double] {
        let n = graph.nodeCount
        if normalized && n <= 1 { return [Double](repeating: 1, count: n) }
        var result = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var out = 0.0
            var inc = 0.0
            if direction != .incoming || !graph.isDirected {
                for i in graph.outOffsets[v]..<graph.outOffsets[v + 1] {
                    let w = weighted ? graph.outWeights[i] : 1
                    out += w
                    // networkx counts an undirected self-loop twice.
                    if !graph.isDirected && graph.outTargets[i] == Int32(v) { out += w }
                }
            }
            if graph.isDirected && direction != .outgoing {
                for i in graph.inOffsets[v]..<graph.inOffsets[v + 1] { inc += weighted ? graph.inWeights[i] : 1 }
            }
            result[v] = out + inc
        }
        if normalized {
            let s = 1 / Double(n - 1)
            for v in 0..<n { result[v] *= s }
        }
        return result
    }
}
