/// HITS hub and authority scores with networkx's normalisation (each vector sums to 1).
///
///     let graph = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(0, 2)], directed: true)
///     let (hubs, authorities) = try HITS().scores(in: graph)
///     hubs          // [1.0, 0.0, 0.0]
///     authorities   // [0.0, 0.5, 0.5]
///
/// The iteration is networkx's reference one (`_hits_python`): from uniform hubs, `a = Aᵀh`, `h = Aa` with edge
/// weights, each rescaled by its maximum, until the L1 change of `h` is below `tolerance`. `networkx.hits` computes
/// the same dominant singular vectors with ARPACK; the two agree whenever the top singular value is simple. A graph
/// without edges (or with only zero weights) gives uniform scores.
///
/// - Complexity: O(k (n + m)) for k iterations.
public struct HITS: Hashable, Sendable {
    package var maxIterations: Int
    package var tolerance: Double
    package var weighted: Bool

    /// HITS as networkx's reference iteration (weighted by default).
    public init(maxIterations: Int = 100, tolerance: Double = 1e-8, weighted: Bool = true) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.weighted = weighted
    }

    /// Every user's hub and authority scores, keyed by handle.
    ///
    ///     let (hubs, authorities) = try HITS().rankings(in: graph)
    ///     hubs.top(1)   // [Entry(handle: @a, score: 1.0)]
    ///
    /// - Throws: ``CentralityError`` when the iteration does not converge.
    /// - Complexity: O(k (n + m)) for k iterations.
    public func rankings(in graph: UserGraph) throws(CentralityError) -> (hubs: Ranking, authorities: Ranking) {
        let (hubs, authorities) = try scores(in: graph)
        return (Ranking(graph: graph, scores: hubs), Ranking(graph: graph, scores: authorities))
    }

    /// Hub and authority scores by node index.
    ///
    /// - Throws: ``CentralityError`` `hits` when the iteration does not converge.
    package func scores(in graph: UserGraph) throws(CentralityError) -> (hubs: [Double], authorities: [Double]) {
        let n = graph.nodeCount
        if n == 0 { return ([], []) }
        var h = [Double](repeating: 1 / Double(n), count: n)
        var a = [Double](repeating: 0, count: n)
        var hNext = [Double](repeating: 0, count: n)
        for _ in 0..<maxIterations {
            for v in 0..<n {
                var acc = 0.0
                for i in graph.inOffsets[v]..<graph.inOffsets[v + 1] {
                    acc += h[Int(graph.inSources[i])] * (weighted ? graph.inWeights[i] : 1)
                }
                a[v] = acc
            }
            for u in 0..<n {
                var acc = 0.0
                for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] {
                    acc += a[Int(graph.outTargets[i])] * (weighted ? graph.outWeights[i] : 1)
                }
                hNext[u] = acc
            }
            let hMax = hNext.max()!
            let aMax = a.max()!
            if hMax <= 0 || aMax <= 0 {
                let uniform = [Double](repeating: 1 / Double(n), count: n)
                return (uniform, uniform)
            }
            var err = 0.0
            for v in 0..<n {
                hNext[v] /= hMax
                a[v] /= aMax
                err += abs(hNext[v] - h[v])
            }
            swap(&h, &hNext)
            if err < tolerance {
                let hSum = h.reduce(0, +)
                let aSum = a.reduce(0, +)
                return (h.map { $0 / hSum }, a.map { $0 / aSum })
            }
        }
        throw .notConverged("hits", iterations: maxIterations)
    }
}
