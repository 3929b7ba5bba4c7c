/// Eigenvector centrality as `networkx.eigenvector_centrality`: power iteration with `(A + I)ᵀ` (a node's score
/// grows with its in-neighbours' scores), Euclidean normalization, and convergence when the L1 change is below
/// `n × tolerance`.
///
///     let star = UserGraph(labels: ["hub", "a", "b"], edges: [.init(0, 1), .init(0, 2)], directed: false)
///     try EigenvectorCentrality().scores(in: star)   // [0.7071..., 0.5, 0.5]
///
/// The start vector is all ones divided by n (networkx divides `nstart` by its sum). `weighted` defaults to false,
/// networkx's `weight=None`.
///
/// - Complexity: O(k (n + m)) for k iterations.
public struct EigenvectorCentrality: Hashable, Sendable {
    package var maxIterations: Int
    package var tolerance: Double
    package var weighted: Bool

    /// Eigenvector centrality with networkx's defaults (unweighted, 100 iterations, tolerance 1e-6).
    public init(maxIterations: Int = 100, tolerance: Double = 1e-6, weighted: Bool = false) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.weighted = weighted
    }

    /// The score of every node, by node index; empty for an empty graph (networkx refuses one).
    ///
    /// - Throws: ``CentralityError`` `eigenvector_centrality` when the iteration does not converge.
    /// Every user's eigenvector centrality, keyed by handle.
    ///
    /// - Throws: ``CentralityError`` when the iteration does not converge.
    /// - Complexity: O(k (n + m)) for k iterations.
    public func ranking(in graph: UserGraph) throws(CentralityError) -> Ranking {
        Ranking(graph: graph, scores: try scores(in: graph))
    }

    package func scores(in graph: UserGraph) throws(CentralityError) -> [Double] {
        let n = graph.nodeCount
        if n == 0 { return [] }
        var x = [Double](repeating: 1 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        for _ in 0..<maxIterations {
            for v in 0..<n {
                var acc = x[v]
                for i in graph.inOffsets[v]..<graph.inOffsets[v + 1] {
                    acc += x[Int(graph.inSources[i])] * (weighted ? graph.inWeights[i] : 1)
                }
                next[v] = acc
            }
            var sumSquares = 0.0
            for v in 0..<n { sumSquares += next[v] * next[v] }
            var norm = sumSquares.squareRoot()
            if norm == 0 || !norm.isFinite { norm = 1 }
            var err = 0.0
            for v in 0..<n {
                next[v] /= norm
                err += abs(next[v] - x[v])
            }
            swap(&x, &next)
            if err < Double(n) * tolerance { return x }
        }
        throw .notConverged("eigenvector_centrality", iterations: maxIterations)
    }
}
