/// PageRank exactly as `networkx.pagerank`: power iteration with a personalization vector, dangling-node
/// redistribution and convergence when the L1 change is below `n × tolerance`.
///
///     let graph = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2), .init(2, 0)], directed: true)
///     try PageRank(damping: 0.85).ranking(in: graph)[Handle("a")]   // 0.333...
///
/// Transition probabilities are `w(u,v) / Σ w(u,·)` with edge weights (networkx's default `weight="weight"`);
/// `weighted: false` uses 1 for every edge. Nodes without out-weight (including those whose edges all weigh 0)
/// are dangling: their rank is spread by `dangling` (default: the personalization vector).
///
/// - Complexity: O(k (n + m)) for k iterations.
public struct PageRank: Hashable, Sendable {
    package var damping: Double
    package var maxIterations: Int
    package var tolerance: Double
    package var weighted: Bool
    /// Restart distribution by node index (normalized to sum 1); `nil` for uniform.
    package var personalization: [Double]?
    /// Where dangling nodes' rank goes, by node index (normalized); `nil` for the personalization vector.
    package var dangling: [Double]?
    /// The starting vector by node index (normalized); `nil` for uniform.
    package var start: [Double]?

    /// PageRank with networkx's defaults: uniform restart, start and dangling distributions.
    ///
    /// - Parameters:
    ///   - damping: The probability of following an edge rather than restarting (networkx's `alpha`).
    ///   - maxIterations: The iterations allowed before ``CentralityError`` non-convergence.
    ///   - tolerance: Convergence when the L1 change is below `n × tolerance`.
    ///   - weighted: Transition probabilities by edge weight (tweet counts); otherwise every edge counts 1.
    public init(damping: Double = 0.85, maxIterations: Int = 100, tolerance: Double = 1e-6, weighted: Bool = true) {
        self.init(
            damping: damping, maxIterations: maxIterations, tolerance: tolerance, weighted: weighted,
            personalization: nil)
    }

    /// PageRank with restart, dangling and start vectors by node index (`nil` for uniform).
    package init(
        damping: Double = 0.85, maxIterations: Int = 100, tolerance: Double = 1e-6, weighted: Bool = true,
        personalization: [Double]? = nil, dangling: [Double]? = nil, start: [Double]? = nil
    ) {
        self.damping = damping
        self.maxIterations = maxIterations
        self.tolerance = tolerance
        self.weighted = weighted
        self.personalization = personalization
        self.dangling = dangling
        self.start = start
    }

    /// Every user's PageRank, keyed by handle.
    ///
    ///     let ranking = try PageRank().ranking(in: graph)
    ///     ranking.top(1)   // [Entry(handle: @a, score: 0.333...)]
    ///
    /// - Throws: ``CentralityError`` when the iteration does not converge within `maxIterations`.
    /// - Complexity: O(k (n + m)) for k iterations.
    public func ranking(in graph: UserGraph) throws(CentralityError) -> Ranking {
        Ranking(graph: graph, scores: try scores(in: graph))
    }

    /// The PageRank of every node, by node index; empty for an empty graph.
    ///
    /// - Throws: ``CentralityError`` `pagerank` when the iteration does not converge within `maxIterations`, or
    ///   when a vector has the wrong length, a negative entry or zero sum.
    package func scores(in graph: UserGraph) throws(CentralityError) -> [Double] {
        let n = graph.nodeCount
        if n == 0 { return [] }
        func normalizedVector(_ v: [Double]?, _ name: String) throws(CentralityError) -> [Double]? {
            guard let v else { return nil }
            guard v.count == n else {
                throw .invalidArgument("pagerank", "\(name) has \(v.count) entries for \(n) nodes")
            }
            let sum = v.reduce(0, +)
            guard sum > 0, sum.isFinite, !v.contains(where: { $0 < 0 }) else {
                throw .invalidArgument("pagerank", "\(name) must be non-negative with a positive sum")
            }
            return v.map { $0 / sum }
        }
        let p = try normalizedVector(personalization, "personalization") ?? [Double](repeating: 1 / Double(n), count: n)
        let danglingWeights = try normalizedVector(dangling, "dangling") ?? p
        var x = try normalizedVector(start, "start") ?? [Double](repeating: 1 / Double(n), count: n)

        // Out-strength and its inverse (0 for dangling nodes).
        var invOut = [Double](repeating: 0, count: n)
        var danglingNodes: [Int] = []
        for u in 0..<n {
            var s = 0.0
            for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] { s += weighted ? graph.outWeights[i] : 1 }
            if s != 0 { invOut[u] = 1 / s } else { danglingNodes.append(u) }
        }
        let m = graph.inSources.count
        var inCoefficient = [Double](repeating: 1, count: m)
        if weighted { for i in 0..<m { inCoefficient[i] = graph.inWeights[i] } }
        var y = [Double](repeating: 0, count: n)
        var next = [Double](repeating: 0, count: n)
        let alpha = damping
        let limit = Double(n) * tolerance
        var converged = false
        do {
            let off = graph.inOffsets.span
            let src = graph.inSources.span
            let coef = inCoefficient.span
            let p = p.span
            let dw = danglingWeights.span
            let invOut = invOut.span
            var y = y.mutableSpan
            var next = next.mutableSpan
            var x = x.mutableSpan
            for _ in 0..<maxIterations {
                var danglingSum = 0.0
                for u in danglingNodes { danglingSum += x[u] }
                for u in 0..<n { y[u] = x[u] * invOut[u] }
                var err = 0.0
                for v in 0..<n {
                    var acc = 0.0
                    for i in off[v]..<off[v + 1] { acc += y[Int(src[i])] * coef[i] }
                    let value = alpha * (acc + danglingSum * dw[v]) + (1 - alpha) * p[v]
                    next[v] = value
                    err += abs(value - x[v])
                }
                for v in 0..<n { x[v] = next[v] }
                if err < limit {
                    converged = true
                    break
                }
            }
        }
        if converged { return x }
        throw .notConverged("pagerank", iterations: maxIterations)
    }
}
