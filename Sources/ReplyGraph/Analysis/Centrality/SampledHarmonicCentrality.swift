import Foundation

/// Harmonic centrality estimated from k random pivots, within ±ε·(n − 1) of ``HarmonicCentrality`` for every node at
/// once with probability at least 1 − δ (pivot sampling as Eppstein & Wang, "Fast approximation of centrality",
/// SODA 2001, with a Hoeffding bound).
///
///     let star = UserGraph(labels: ["hub", "a", "b", "c"], edges: [.init(0, 1), .init(0, 2), .init(0, 3)],
///                          directed: false)
///     let estimate = try SampledHarmonicCentrality(epsilon: 0.05, exactWhenCheaper: false).estimate(in: star)
///     estimate.pivots    // 1559
///     estimate.scores    // about [3, 2, 2, 2], each within ±0.15 (ε · (n − 1)) with probability ≥ 0.9
///
/// **How.** Each pivot v is drawn uniformly (with replacement) from all n nodes, and one search from v (breadth-first,
/// Dijkstra with `weighted`) gives d(v, u) for every u; node u collects X = 1/d(v, u) (0 when v = u or v does not
/// reach u). E[X] = h(u)/n for h networkx's harmonic centrality (the sum of 1/d(v, u) over the nodes v that reach
/// u), so the estimate is n/k · ΣX.
///
/// **Bound.** X lies in [0, R], with R = 1 for hop counts and R = the largest edge weight when `weighted` (a path
/// is at least one edge of length 1/weight). By Hoeffding's inequality and a union bound over the n nodes, k =
/// ⌈R² ln(2n/δ) / (2ε′²)⌉ pivots keep every mean within ±ε′ of h(u)/n with probability 1 − δ; with ε′ = ε(n − 1)/n
/// the estimate is within ±ε(n − 1) of h(u), that is ±ε on the scale of h/(n − 1), which lies in [0, 1] when R = 1.
///
/// With `exactWhenCheaper` (the default), k ≥ n computes ``HarmonicCentrality`` exactly instead: n searches, no
/// error. Deterministic for a given `seed`, whatever `threads` (pivots are dealt to fixed chunks, as in
/// ``ApproximateBetweenness``).
///
/// - Complexity: O(k (n + m)) unweighted, O(k (n + m) log n) weighted; k grows only with log n.
package struct SampledHarmonicCentrality: Hashable, Sendable {
    /// The additive error allowed on every h(u)/(n − 1), in (0, 1).
    package var epsilon: Double
    /// The probability, in (0, 1), that some node misses the bound.
    package var delta: Double
    package var weighted: Bool
    package var seed: UInt64
    package var threads: Int
    /// Compute exactly when the pivots would be at least n searches.
    package var exactWhenCheaper: Bool

    /// An estimate and how it was made.
    package struct Estimate: Hashable, Sendable {
        /// Estimated harmonic centrality (networkx's scale, not divided by n − 1), by node index.
        package var scores: [Double]
        /// Number of pivots searched (0 when exact).
        package var pivots: Int
        /// The largest absolute error the bound allows on a score: ε (n − 1) (0 when exact).
        package var absoluteError: Double
        package var isExact: Bool
    }

    package init(
        epsilon: Double, delta: Double = 0.1, weighted: Bool = false, seed: UInt64 = 0, threads: Int = 2,
        exactWhenCheaper: Bool = true
    ) {
        self.epsilon = epsilon
        self.delta = delta
        self.weighted = weighted
        self.seed = seed
        self.threads = threads
        self.exactWhenCheaper = exactWhenCheaper
    }

    /// Pivots for ±`epsilon` on h/(n − 1) with probability 1 − `delta`, when each term is at most `range`.
    ///
    ///     SampledHarmonicCentrality.pivotCount(epsilon: 0.01, delta: 0.1, nodeCount: 1_000_000)   // 84057
    package static func pivotCount(epsilon: Double, delta: Double, nodeCount: Int, range: Double = 1) -> Int {
        guard nodeCount >= 2 else { return 0 }
        let n = Double(nodeCount)
        let e = epsilon * (n - 1) / n
        return Int((range * range * log(2 * n / delta) / (2 * e * e)).rounded(.up))
    }

    /// Estimates every node's harmonic centrality.
    ///
    /// - Throws: ``CentralityError/invalidArgument(_:_:)`` unless 0 < ε < 1 and 0 < δ < 1.
    package func estimate(in graph: UserGraph) throws(CentralityError) -> Estimate {
        guard epsilon > 0 && epsilon < 1 else {
            throw .invalidArgument("harmonic", "epsilon must be in (0, 1), got \(epsilon)")
        }
        guard delta > 0 && delta < 1 else {
            throw .invalidArgument("harmonic", "delta must be in (0, 1), got \(delta)")
        }
        let n = graph.nodeCount
        let range = weighted ? max(1, graph.outWeights.max() ?? 1) : 1
        let k = Self.pivotCount(epsilon: epsilon, delta: delta, nodeCount: n, range: range)
        if k == 0 || (exactWhenCheaper && k >= n) {
            return Estimate(
                scores: HarmonicCentrality(weighted: weighted, threads: threads).scores(in: graph),
                pivots: 0, absoluteError: 0, isExact: true)
        }
        let seed = self.seed
        let weights: [Double]? = weighted ? graph.outWeights : nil
        var sums = SourceChunks.sum(sources: k, length: n, threads: threads) { chunk, chunks in
            var result = [Double](repeating: 0, count: n)
            var search = ShortestPaths(offsets: graph.outOffsets, targets: graph.outTargets, weights: weights)
            var rng = SeededGenerator(seed: seed ^ (UInt64(chunk) &* 0xD1B5_4A32_D192_ED03))
            var i = chunk
            while i < k {
                search.search(from: Int32(rng.next(upperBound: UInt64(n))))
                for j in 1..<max(search.reached, 1) {
                    let u = Int(search.order[j])
                    let d = search.distance[u]
                    if d > 0 { result[u] += 1 / d }
                }
                i += chunks
            }
            return result
        }
        let scale = Double(n) / Double(k)
        for u in 0..<n { sums[u] *= scale }
        return Estimate(scores: sums, pivots: k, absoluteError: epsilon * Double(n - 1), isExact: false)
    }
}
