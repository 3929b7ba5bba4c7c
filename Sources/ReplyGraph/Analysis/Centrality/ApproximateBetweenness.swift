import Foundation

/// Betweenness estimated from sampled shortest paths, within ±ε of the exact normalized betweenness for every node
/// at once with probability at least 1 − δ (Riondato & Kornaropoulos, "Fast approximation of betweenness
/// centrality through sampling", WSDM 2014).
///
///     let path = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2)], directed: false)
///     let estimate = try ApproximateBetweenness(epsilon: 0.05, delta: 0.1, seed: 1).estimate(in: path)
///     estimate.samples               // 5945 sampled pairs
///     estimate.scores                // [0.0, 0.99..., 0.0]: exact is [0, 1, 0]; b's score is within ±0.05 of 1
///     estimate.vertexDiameterBound   // 3
///
/// **What is estimated.** The scores are on the scale of ``BetweennessCentrality`` with `normalized: true`
/// (networkx's `betweenness_centrality`, endpoints excluded): for node v, the share of ordered pairs (s, t) of
/// other nodes, s ≠ t, weighted by the fraction of s → t shortest paths through v, i.e. the Brandes sum divided by
/// (n − 1)(n − 2), directed or undirected alike (undirected, each unordered pair counts as two ordered ones).
///
/// **How.** Each of r samples draws an ordered pair (s, t), s ≠ t, uniformly from all n(n − 1), finds the s → t
/// shortest paths by a breadth-first search from s that stops as soon as t is reached (Dijkstra when `weighted`),
/// and walks back from t choosing each predecessor u with probability σ_su / Σσ, which picks one of the shortest
/// paths uniformly; every inner node of that path gains 1. A pair with no path adds nothing. The count over r has
/// expectation RK's b(v) = Σ_{s≠t} σ_st(v)/σ_st / (n(n − 1)) = nx(v) · (n − 2)/n, so it is scaled by n/(n − 2), and
/// the sample is sized for ε′ = ε (n − 2)/n so that the bound holds after scaling.
///
/// **Sample size** (``sampleSize(epsilon:delta:vertexDiameter:nodeCount:universalConstant:)``): the smaller of
/// - RK's ε-sample bound r = ⌈(c/ε′²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉, where VD bounds the vertex diameter (the
///   range set of shortest paths has VC dimension at most ⌊log₂(VD − 2)⌋ + 1) and c is the universal constant of
///   the ε-sample theorem; RK use c ≈ 0.5, the estimate of Löffler & Phillips (2009), and so does the default here;
/// - the Hoeffding bound with a union over the n nodes, r = ⌈ln(2n/δ)/(2ε′²)⌉, which needs no constant.
///
/// VD is ``VertexDiameterBound`` (an upper bound, computed in linear time; an upper bound only makes r larger).
/// When VD < 3 no shortest path has an inner node: every score is exactly 0 and nothing is sampled.
///
/// Deterministic for a given `seed`, whatever `threads`: samples are dealt to 16 fixed chunks, each with its own
/// generator derived from the seed, and the chunks' counts are added in chunk order (``SourceChunks``).
///
/// - Complexity: O(r · (n + m)) worst case, for r samples; each search stops at t, so it is usually much less.
///   O(n) memory per chunk. r does not grow with the graph (only through log VD and, for the union bound, log n).
public struct ApproximateBetweenness: Hashable, Sendable {
    /// The additive error allowed on every node's normalized betweenness, in (0, 1).
    public var epsilon: Double
    /// The probability, in (0, 1), that some node misses the ±ε bound.
    public var delta: Double
    /// Shortest paths by Dijkstra with edge length `1 / weight` (as ``BetweennessCentrality``'s `weighted`).
    public var weighted: Bool
    public var seed: UInt64
    /// Worker threads for the samples (results do not depend on this).
    public var threads: Int
    /// c in RK's sample size.
    public var universalConstant: Double

    /// An estimate and how it was made.
    public struct Estimate: Hashable, Sendable {
        /// Estimated normalized betweenness, by node index.
        public var scores: [Double]
        /// Number of sampled (s, t) pairs.
        public var samples: Int
        /// The vertex-diameter upper bound the sample size used.
        public var vertexDiameterBound: Int
    }

    public init(epsilon: Double, delta: Double = 0.1, weighted: Bool = false, seed: UInt64 = 0, threads: Int = 2,
                universalConstant: Double = 0.5) {
        self.epsilon = epsilon
        self.delta = delta
        self.weighted = weighted
        self.seed = seed
        self.threads = threads
        self.universalConstant = universalConstant
    }

    /// The number of sampled pairs that guarantees ±`epsilon` on networkx's normalized scale with probability
    /// 1 − `delta`, for a graph of `nodeCount` nodes whose vertex diameter is at most `vertexDiameter`.
    ///
    ///     ApproximateBetweenness.sampleSize(epsilon: 0.01, delta: 0.1, vertexDiameter: 18, nodeCount: 1_000_002)
    ///     // 36514: ⌈0.5 / ε′² · (⌊log₂ 16⌋ + 1 + ln 10)⌉, ε′ ≈ 0.01 (the union bound would need 84057)
    ///
    /// - Returns: 0 when no node can have nonzero betweenness (fewer than 3 nodes, or VD < 3).
    public static func sampleSize(epsilon: Double, delta: Double, vertexDiameter: Int, nodeCount: Int,
                                  universalConstant c: Double = 0.5) -> Int {
        guard nodeCount >= 3, vertexDiameter >= 3 else { return 0 }
        let n = Double(nodeCount)
        let e = epsilon * (n - 2) / n
        // ⌊log₂(VD − 2)⌋ without floating point.
        let floorLog2 = Int.bitWidth - 1 - (vertexDiameter - 2).leadingZeroBitCount
        let vc = c / (e * e) * (Double(floorLog2 + 1) + log(1 / delta))
        let union = log(2 * n / delta) / (2 * e * e)
        return Int(min(vc, union).rounded(.up))
    }

    /// Estimates every node's normalized betweenness.
    ///
    /// - Throws: ``CentralityError/invalidArgument(_:_:)`` unless 0 < ε < 1 and 0 < δ < 1.
    public func estimate(in graph: UserGraph) throws(CentralityError) -> Estimate {
        guard epsilon > 0 && epsilon < 1 else {
            throw .invalidArgument("betweenness", "epsilon must be in (0, 1), got \(epsilon)")
        }
        guard delta > 0 && delta < 1 else {
            throw .invalidArgument("betweenness", "delta must be in (0, 1), got \(delta)")
        }
        let n = graph.nodeCount
        let diameter = VertexDiameterBound(weighted: weighted).value(in: graph)
        let r = Self.sampleSize(epsilon: epsilon, delta: delta, vertexDiameter: diameter, nodeCount: n,
                                universalConstant: universalConstant)
        guard r > 0 else {
            return Estimate(scores: [Double](repeating: 0, count: n), samples: 0, vertexDiameterBound: diameter)
        }
        let outLengths: [Double]? = weighted ? graph.outWeights.map { $0 > 0 ? 1 / $0 : .infinity } : nil
        let inLengths: [Double]? = weighted ? graph.inWeights.map { $0 > 0 ? 1 / $0 : .infinity } : nil
        let seed = self.seed
        var counts = SourceChunks.sum(sources: r, length: n, threads: threads) { chunk, chunks in
            var sampler = PathSampler(n: n, weighted: outLengths != nil)
            var rng = SeededGenerator(seed: seed ^ (UInt64(chunk) &* 0xD1B5_4A32_D192_ED03))
            var i = chunk
            while i < r {
                let s = Int(rng.next(upperBound: UInt64(n)))
                var t = Int(rng.next(upperBound: UInt64(n - 1)))
                if t >= s { t += 1 }
                if let outLengths, let inLengths {
                    sampler.weightedPath(s, t, graph: graph, outLengths: outLengths, inLengths: inLengths, rng: &rng)
                } else {
                    sampler.unweightedPath(s, t, graph: graph, rng: &rng)
                }
                i += chunks
            }
            return sampler.counts
        }
        let scale = Double(n) / (Double(n - 2) * Double(r))
        for v in 0..<n { counts[v] *= scale }
        return Estimate(scores: counts, samples: r, vertexDiameterBound: diameter)
    }
}

/// One uniformly random shortest path per call, its inner nodes counted; buffers reused across calls.
private struct PathSampler {
    var counts: [Double]
    var distance: [Int32]
    var sigma: [Double]
    var order: [Int32]
    var weightedDistance: [Double]
    var settled: [Bool]
    var heap = DistanceHeap()

    init(n: Int, weighted: Bool) {
        counts = [Double](repeating: 0, count: n)
        distance = [Int32](repeating: -1, count: n)
        sigma = [Double](repeating: 0, count: n)
        order = [Int32](repeating: 0, count: n)
        weightedDistance = weighted ? [Double](repeating: .infinity, count: n) : []
        settled = weighted ? [Bool](repeating: false, count: n) : []
    }

    /// A uniform double in [0, 1).
    private static func unit(_ rng: inout SeededGenerator) -> Double { Double(rng.next() >> 11) * 0x1p-53 }

    /// Breadth-first from `s` until `t` is found (every node one level closer than t is then found, with its
    /// final path count), then back from t choosing predecessors in proportion to their path counts.
    mutating func unweightedPath(_ s: Int, _ t: Int, graph: UserGraph, rng: inout SeededGenerator) {
        graph.outOffsets.withUnsafeBufferPointer { off in
        graph.outTargets.withUnsafeBufferPointer { tgt in
        graph.inOffsets.withUnsafeBufferPointer { inOff in
        graph.inSources.withUnsafeBufferPointer { src in
        distance.withUnsafeMutableBufferPointer { dist in
        sigma.withUnsafeMutableBufferPointer { sigma in
        order.withUnsafeMutableBufferPointer { order in
        counts.withUnsafeMutableBufferPointer { counts in
            dist[s] = 0
            sigma[s] = 1
            order[0] = Int32(s)
            var reached = 1, head = 0
            var found = false
            search: while head < reached {
                let v = Int(order[head])
                head += 1
                let next = dist[v] + 1
                let sv = sigma[v]
                for i in off[v]..<off[v + 1] {
                    let w = Int(tgt[i])
                    let dw = dist[w]
                    if dw < 0 {
                        dist[w] = next
                        sigma[w] = sv
                        order[reached] = Int32(w)
                        reached += 1
                        if w == t { found = true; break search }
                    } else if dw == next {
                        sigma[w] += sv
                    }
                }
            }
            if found {
                var x = t
                while true {
                    let level = dist[x] - 1
                    var total = 0.0
                    for i in inOff[x]..<inOff[x + 1] where dist[Int(src[i])] == level { total += sigma[Int(src[i])] }
                    var pick = Self.unit(&rng) * total
                    var chosen = -1
                    for i in inOff[x]..<inOff[x + 1] where dist[Int(src[i])] == level {
                        chosen = Int(src[i])
                        pick -= sigma[chosen]
                        if pick < 0 { break }
                    }
                    if chosen == s { break }
                    counts[chosen] += 1
                    x = chosen
                }
            }
            for i in 0..<reached { dist[Int(order[i])] = -1 }
        }}}}}}}}
    }

    /// Dijkstra from `s` until `t` is settled (every node closer than t is then settled, with its final path
    /// count), then back from t as in the unweighted case.
    mutating func weightedPath(_ s: Int, _ t: Int, graph: UserGraph, outLengths: [Double], inLengths: [Double],
                               rng: inout SeededGenerator) {
        let off = graph.outOffsets, tgt = graph.outTargets, inOff = graph.inOffsets, src = graph.inSources
        var touched = 1
        order[0] = Int32(s)
        weightedDistance[s] = 0
        sigma[s] = 1
        heap.removeAll()
        heap.push(0, Int32(s))
        var found = false
        while let (d, v32) = heap.pop() {
            let v = Int(v32)
            if settled[v] || d > weightedDistance[v] { continue }
            settled[v] = true
            if v == t { found = true; break }
            let sv = sigma[v]
            for i in off[v]..<off[v + 1] where outLengths[i].isFinite {
                let w = Int(tgt[i])
                if settled[w] { continue }
                let nd = d + outLengths[i]
                if nd < weightedDistance[w] {
                    if weightedDistance[w] == .infinity {
                        order[touched] = Int32(w)
                        touched += 1
                    }
                    weightedDistance[w] = nd
                    sigma[w] = sv
                    heap.push(nd, Int32(w))
                } else if nd == weightedDistance[w] {
                    sigma[w] += sv
                }
            }
        }
        if found {
            var x = t
            while true {
                let dx = weightedDistance[x]
                var total = 0.0
                for i in inOff[x]..<inOff[x + 1] where inLengths[i].isFinite {
                    let u = Int(src[i])
                    if u != x && settled[u] && weightedDistance[u] + inLengths[i] == dx { total += sigma[u] }
                }
                var pick = Self.unit(&rng) * total
                var chosen = -1
                for i in inOff[x]..<inOff[x + 1] where inLengths[i].isFinite {
                    let u = Int(src[i])
                    if u != x && settled[u] && weightedDistance[u] + inLengths[i] == dx {
                        chosen = u
                        pick -= sigma[u]
                        if pick < 0 { break }
                    }
                }
                if chosen == s || chosen < 0 { break }
                counts[chosen] += 1
                x = chosen
            }
        }
        for i in 0..<touched {
            let v = Int(order[i])
            weightedDistance[v] = .infinity
            sigma[v] = 0
            settled[v] = false
        }
    }
}
