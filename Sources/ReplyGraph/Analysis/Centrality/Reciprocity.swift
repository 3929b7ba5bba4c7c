/// Overall reciprocity as `networkx.overall_reciprocity`: the share of directed edges whose reverse also exists.
///
///     let graph = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 0), .init(1, 2)], directed: true)
///     Reciprocity().value(in: graph)   // 0.666...
///
/// A self-loop (when included) is not reciprocal. networkx refuses undirected graphs and graphs without edges;
/// here both give `nil`.
///
/// - Complexity: O(m log d) for maximum out-degree d.
package struct Reciprocity: Hashable, Sendable {
    package init() {}

    package func value(in graph: UserGraph) -> Double? {
        guard graph.isDirected, !graph.outTargets.isEmpty else { return nil }
        var reciprocated = 0
        for u in 0..<graph.nodeCount {
            for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] {
                let v = graph.outTargets[i]
                if v != Int32(u) && graph.weight(from: v, to: Int32(u)) != nil { reciprocated += 1 }
            }
        }
        return Double(reciprocated) / Double(graph.outTargets.count)
    }
}
