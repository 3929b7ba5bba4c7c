/// Density as `networkx.density`: `m / (n (n − 1))` directed, `2m / (n (n − 1))` undirected, 0 for n ≤ 1.
///
///     let graph = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1)], directed: true)
///     Density().value(in: graph)   // 0.1666...
///
/// Self-loops count as edges when the adjacency includes them, as in networkx.
///
/// - Complexity: O(n) (an undirected graph counts its self-loops).
package struct Density: Hashable, Sendable {
    package init() {}

    package func value(in graph: UserGraph) -> Double {
        let n = Double(graph.nodeCount)
        guard n > 1 else { return 0 }
        let m = Double(graph.edgeCount)
        return graph.isDirected ? m / (n * (n - 1)) : 2 * m / (n * (n - 1))
    }
}
