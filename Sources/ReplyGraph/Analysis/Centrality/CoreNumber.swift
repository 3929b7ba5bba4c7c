/// k-core numbers as `networkx.core_number`, by Batagelj–Zaversnik bucket peeling.
///
///     let triangle = UserGraph(labels: ["a", "b", "c", "d"],
///                              edges: [.init(0, 1), .init(1, 2), .init(2, 0), .init(2, 3)], directed: false)
///     CoreNumber().values(in: triangle)   // [2, 2, 2, 1]
///
/// Self-loops are always ignored (networkx refuses graphs that have them). For a directed graph a node's degree
/// is in + out, so a reciprocated pair counts twice, as in networkx.
///
/// - Complexity: O(n + m).
public struct CoreNumber: Hashable, Sendable {
    /// The k-core decomposition.
    public init() {}

    /// Every user's core number (as a score), keyed by handle.
    ///
    ///     CoreNumber().ranking(in: triangle)[Handle("d")]   // 1.0
    ///
    /// - Complexity: O(n + m).
    public func ranking(in graph: UserGraph) -> Ranking {
        Ranking(graph: graph, scores: values(in: graph).map(Double.init))
    }

    /// The core number of every node, by node index.
    package func values(in graph: UserGraph) -> [Int] {
        let n = graph.nodeCount
        if n == 0 { return [] }
        // Neighbour lists with multiplicity: successors then predecessors (directed), self-loops dropped.
        var offsets = [Int](repeating: 0, count: n + 1)
        for v in 0..<n {
            var d = 0
            for i in graph.outOffsets[v]..<graph.outOffsets[v + 1] where graph.outTargets[i] != Int32(v) { d += 1 }
            if graph.isDirected {
                for i in graph.inOffsets[v]..<graph.inOffsets[v + 1] where graph.inSources[i] != Int32(v) { d += 1 }
            }
            offsets[v + 1] = offsets[v] + d
        }
        var neighbours = [Int32](repeating: 0, count: offsets[n])
        for v in 0..<n {
            var p = offsets[v]
            for i in graph.outOffsets[v]..<graph.outOffsets[v + 1] where graph.outTargets[i] != Int32(v) {
                neighbours[p] = graph.outTargets[i]
                p += 1
            }
            if graph.isDirected {
                for i in graph.inOffsets[v]..<graph.inOffsets[v + 1] where graph.inSources[i] != Int32(v) {
                    neighbours[p] = graph.inSources[i]
                    p += 1
                }
            }
        }
        var core = (0..<n).map { offsets[$0 + 1] - offsets[$0] }
        let maxDegree = core.max()!
        // Bucket sort by degree.
        var binStart = [Int](repeating: 0, count: maxDegree + 2)
        for d in core { binStart[d + 1] += 1 }
        for d in 0...maxDegree { binStart[d + 1] += binStart[d] }
        var position = [Int](repeating: 0, count: n)
        var vertices = [Int](repeating: 0, count: n)
        var fill = binStart
        for v in 0..<n {
            position[v] = fill[core[v]]
            vertices[position[v]] = v
            fill[core[v]] += 1
        }
        for i in 0..<n {
            let v = vertices[i]
            for p in offsets[v]..<offsets[v + 1] {
                let u = Int(neighbours[p])
                if core[u] > core[v] {
                    let du = core[u]
                    let pu = position[u]
                    let pw = binStart[du]
                    let w = vertices[pw]
                    if u != w {
                        position[u] = pw
                        vertices[pu] = w
                        position[w] = pu
                        vertices[pw] = u
                    }
                    binStart[du] += 1
                    core[u] -= 1
                }
            }
        }
        return core
    }
}
