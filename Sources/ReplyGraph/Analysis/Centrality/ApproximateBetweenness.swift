import Foundation

/// Betweenness estimated from sampled shortest paths, within ±ε of the exact normalized betweenness for every node
/// at once with probability at least 1 − δ (Riondato & Kornaropoulos, "Fast approximation of betweenness
/// centrality through sampling", WSDM 2014).
///
///     let path = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2)], directed: false)
///     let estimate = try ApproximateBetweenness(epsilon: 0.05, delta: 0.1, seed: 1).estimate(in: path)
///     estimate.samples               // 5945 sampled pairs
///     estimate.ranking.top(1)        // [Entry(handle: @b, score: ≈1)]: exact is 1; a and c are exactly 0
///     estimate.vertexDiameterBound   // 3
///
/// **What is estimated.** The scores are on the scale of ``BetweennessCentrality`` with `normalized: true`
/// (networkx's `betweenness_centrality`, endpoints excluded): for node v, the share of ordered pairs (s, t) of
/// other nodes, s ≠ t, weighted by the fraction of s → t shortest paths through v, i.e. the Brandes sum divided by
/// (n − 1)(n − 2), directed or undirected alike (undirected, each unordered pair counts as two ordered ones).
///
/// **How.** Each of r samples draws an ordered pair (s, t), s ≠ t, uniformly from all n(n − 1) and picks one of
/// the s → t shortest paths uniformly at random; every inner node of that path gains 1. The paths are found by a
/// balanced bidirectional breadth-first search that stops at the first level where the two searches meet (as in
/// KADABRA, Borassi & Natale 2016; it reads a small part of the graph where a full search reads all of it), or
/// with `weighted` by Dijkstra from s stopped when t is settled; the path is then drawn by a walk that chooses each
/// next node in proportion to its number of shortest paths. A pair with no path adds nothing. The count over r has
/// expectation RK's b(v) = Σ_{s≠t} σ_st(v)/σ_st / (n(n − 1)) = nx(v) · (n − 2)/n, so it is scaled by n/(n − 2), and
/// the sample is sized for ε′ = ε (n − 2)/n so that the bound holds after scaling.
///
/// **Sample size** (`sampleSize(epsilon:delta:vertexDiameter:nodeCount:universalConstant:)`): the smaller of
/// - RK's ε-sample bound r = ⌈(c/ε′²)(⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉, where VD bounds the vertex diameter (the
///   range set of shortest paths has VC dimension at most ⌊log₂(VD − 2)⌋ + 1) and c is the universal constant of
///   the ε-sample theorem; RK use c ≈ 0.5, the estimate of Löffler & Phillips (2009), and so does the default here;
/// - the Hoeffding bound with a union over the n nodes, r = ⌈ln(2n/δ)/(2ε′²)⌉, which needs no constant.
///
/// c = 0.5 is an empirical estimate, not a proven value: where RK's bound is the smaller, the guarantee rests on
/// it; where the union bound is, it rests on nothing but Hoeffding's inequality. `universalConstant: 1` doubles
/// RK's bound (the union bound still caps r).
///
/// VD is `VertexDiameterBound` (an upper bound, computed in linear time; an upper bound only makes r larger).
/// When VD < 3 no shortest path has an inner node: every score is exactly 0 and nothing is sampled.
///
/// Deterministic for a given `seed`, whatever `threads`: samples are dealt to 16 fixed chunks, each with its own
/// generator derived from the seed, and the chunks' counts are added in chunk order (`SourceChunks`).
///
/// - Complexity: O(r · (n + m)) worst case, for r samples; each search stops where the two sides meet (weighted:
///   at t), so it is usually much less.
///   O(n) memory per chunk. r does not grow with the graph (only through log VD and, for the union bound, log n).
public struct ApproximateBetweenness: Hashable, Sendable {
    /// The additive error allowed on every node's normalized betweenness, in (0, 1).
    package var epsilon: Double
    /// The probability, in (0, 1), that some node misses the ±ε bound.
    package var delta: Double
    /// Shortest paths by Dijkstra with edge length `1 / weight` (as ``BetweennessCentrality``'s `weighted`).
    package var weighted: Bool
    package var seed: UInt64
    /// Worker threads for the samples (results do not depend on this).
    package var threads: Int
    /// c in RK's sample size.
    package var universalConstant: Double
    /// Weighted only: compute exactly when the sample is at least n pairs. A weighted sample is a one-sided
    /// Dijkstra that stops at t, about a third of one Brandes source on the 1M-tweet graphs, so r ≥ n samples cost
    /// more than the n sources of the exact computation (whose error is 0). Unweighted samples use the
    /// bidirectional search and are cheaper than a source by one to two orders of magnitude, so they always sample.
    package var exactWhenCheaper: Bool

    /// An estimate and how it was made.
    public struct Estimate: Sendable {
        /// Estimated normalized betweenness of every user, keyed by handle.
        public var ranking: Ranking
        /// Number of sampled (s, t) pairs.
        public var samples: Int
        /// The vertex-diameter upper bound the sample size used.
        public var vertexDiameterBound: Int
        /// Whether the scores were computed exactly instead (cheaper than the sample); `samples` is then 0.
        public var isExact: Bool = false

        /// Estimated normalized betweenness, by node index.
        package var scores: [Double] { ranking.scores }
    }

    /// An estimator within ±`epsilon` of exact normalized betweenness, with probability at least 1 − `delta`.
    ///
    /// - Parameters:
    ///   - epsilon: The additive error allowed on every node's normalized betweenness, in (0, 1).
    ///   - delta: The probability, in (0, 1), that some node misses the bound.
    ///   - weighted: Dijkstra with edge length `1 / weight`; otherwise hop counts.
    ///   - seed: The samples' seed (the same seed gives the same estimate).
    ///   - threads: Worker threads (the result does not depend on it).
    ///   - universalConstant: c in Riondato and Kornaropoulos' sample size.
    ///   - exactWhenCheaper: Weighted only: compute exactly when the sample is at least n pairs.
    public init(
        epsilon: Double, delta: Double = 0.1, weighted: Bool = false, seed: UInt64 = 0, threads: Int = 2,
        universalConstant: Double = 0.5, exactWhenCheaper: Bool = true
    ) {
        self.epsilon = epsilon
        self.delta = delta
        self.weighted = weighted
        self.seed = seed
        self.threads = threads
        self.universalConstant = universalConstant
        self.exactWhenCheaper = exactWhenCheaper
    }

    /// The number of sampled pairs that guarantees ±`epsilon` on networkx's normalized scale with probability
    /// 1 − `delta`, for a graph of `nodeCount` nodes whose vertex diameter is at most `vertexDiameter`.
    ///
    ///     ApproximateBetweenness.sampleSize(epsilon: 0.01, delta: 0.1, vertexDiameter: 18, nodeCount: 1_000_002)
    ///     // 36514: ⌈0.5 / ε′² · (⌊log₂ 16⌋ + 1 + ln 10)⌉, ε′ ≈ 0.01 (the union bound would need 84057)
    ///
    /// - Returns: 0 when no node can have nonzero betweenness (fewer than 3 nodes, or VD < 3).
    package static func sampleSize(
        epsilon: Double, delta: Double, vertexDiameter: Int, nodeCount: Int,
        universalConstant c: Double = 0.5
    ) -> Int {
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
    /// - Throws: `CentralityError/invalidArgument(_:_:)` unless 0 < ε < 1 and 0 < δ < 1.
    public func estimate(in graph: UserGraph) throws(CentralityError) -> Estimate {
        guard epsilon > 0 && epsilon < 1 else {
            throw .invalidArgument("betweenness", "epsilon must be in (0, 1), got \(epsilon)")
        }
        guard delta > 0 && delta < 1 else {
            throw .invalidArgument("betweenness", "delta must be in (0, 1), got \(delta)")
        }
        let n = graph.nodeCount
        let diameter = VertexDiameterBound(weighted: weighted).value(in: graph)
        let r = Self.sampleSize(
            epsilon: epsilon, delta: delta, vertexDiameter: diameter, nodeCount: n,
            universalConstant: universalConstant)
        guard r > 0 else {
            return Estimate(
                ranking: Ranking(graph: graph, scores: [Double](repeating: 0, count: n)), samples: 0,
                vertexDiameterBound: diameter)
        }
        if weighted && exactWhenCheaper && r >= n {
            let scores = BetweennessCentrality(weighted: true, threads: threads).scores(in: graph)
            return Estimate(
                ranking: Ranking(graph: graph, scores: scores), samples: 0, vertexDiameterBound: diameter,
                isExact: true)
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
        return Estimate(ranking: Ranking(graph: graph, scores: counts), samples: r, vertexDiameterBound: diameter)
    }
}

/// One uniformly random shortest path per call, its inner nodes counted; buffers reused across calls.
struct PathSampler {
    var counts: [Double]
    /// Forward search from s: hop distance (-1 unreached), path count σ_s·, and the nodes reached in BFS order.
    var distance: [Int32]
    var sigma: [Double]
    var order: [Int32]
    /// Backward search from t over in-edges, likewise (unweighted only).
    var backDistance: [Int32]
    var backSigma: [Double]
    var backOrder: [Int32]
    /// Nodes found by both searches in the level where they first touched.
    var meeting: [Int32]
    var weightedDistance: [Double]
    var settled: [Bool]
    var heap = DistanceHeap()

    init(n: Int, weighted: Bool) {
        counts = [Double](repeating: 0, count: n)
        distance = [Int32](repeating: -1, count: n)
        sigma = [Double](repeating: 0, count: n)
        order = [Int32](repeating: 0, count: n)
        backDistance = weighted ? [] : [Int32](repeating: -1, count: n)
        backSigma = weighted ? [] : [Double](repeating: 0, count: n)
        backOrder = weighted ? [] : [Int32](repeating: 0, count: n)
        meeting = weighted ? [] : [Int32](repeating: 0, count: n)
        weightedDistance = weighted ? [Double](repeating: .infinity, count: n) : []
        settled = weighted ? [Bool](repeating: false, count: n) : []
    }

    /// A uniform double in [0, 1).
    private static func unit(_ rng: inout SeededGenerator) -> Double { Double(rng.next() >> 11) * 0x1p-53 }

    /// Expands the whole level `queue[start..<end]` of one side of ``unweightedPath(_:_:graph:rng:)``'s search
    /// over the adjacency `offsets`/`neighbours` (out-edges forward, in-edges backward), counting shortest paths in
    /// `sigma`; each newly reached node that the other side has reached (`otherDistance` ≥ 0) is added to `meet`.
    ///
    /// - Returns: The next level's start and end in `queue`, and its degree sum (which side expands next).
    @inline(__always)
    private static func expandLevel(
        from start: Int, to end: Int, offsets: Span<Int>, neighbours: Span<Int32>,
        distance: inout MutableSpan<Int32>, sigma: inout MutableSpan<Double>,
        queue: inout MutableSpan<Int32>, otherDistance: borrowing MutableSpan<Int32>,
        meet: inout MutableSpan<Int32>, met: inout Int
    )
        -> (start: Int, end: Int, degree: Int)
    {
        var count = end
        var degree = 0
        for k in start..<end {
            let v = Int(queue[k])
            let next = distance[v] + 1
            let sv = sigma[v]
            for i in offsets[v]..<offsets[v + 1] {
                let w = Int(neighbours[i])
                let dw = distance[w]
                if dw < 0 {
                    distance[w] = next
                    sigma[w] = sv
                    queue[count] = Int32(w)
                    count += 1
                    degree += offsets[w + 1] - offsets[w]
                    if otherDistance[w] >= 0 {
                        meet[met] = Int32(w)
                        met += 1
                    }
                } else if dw == next {
                    sigma[w] += sv
                }
            }
        }
        return (end, count, degree)
    }

    /// Balanced bidirectional breadth-first search (as in KADABRA, Borassi & Natale 2016): a search forward from
    /// `s` and one backward from `t` each expand a whole level at a time, whichever frontier has the smaller degree
    /// sum, until a level finds nodes the other search has reached. Then:
    ///
    /// - The two balls were disjoint before that level, so every shortest path crosses the level's meeting nodes
    ///   exactly once, and the number through meeting node w is σ_s(w) · σ_t(w), both final (each side's counts
    ///   are final one level beyond its last full expansion, which is where the meeting nodes are).
    /// - Choosing w in proportion to σ_s(w) σ_t(w), then walking back to s choosing each predecessor u in
    ///   proportion to σ_s(u), and on to t choosing each successor x in proportion to σ_t(x), gives every
    ///   shortest s → t path probability 1/σ_st.
    mutating func unweightedPath(_ s: Int, _ t: Int, graph: UserGraph, rng: inout SeededGenerator) {
        Self.unweightedPath(
            s, t, off: graph.outOffsets.span, tgt: graph.outTargets.span,
            inOff: graph.inOffsets.span, src: graph.inSources.span, rng: &rng,
            dF: &distance, sF: &sigma, qF: &order, dB: &backDistance, sB: &backSigma,
            qB: &backOrder, meet: &meeting, counts: &counts)
    }

    /// ``unweightedPath(_:_:graph:rng:)`` over the buffers, each passed on its own.
    private static func unweightedPath(
        _ s: Int, _ t: Int, off: Span<Int>, tgt: Span<Int32>, inOff: Span<Int>,
        src: Span<Int32>, rng: inout SeededGenerator, dF: inout [Int32],
        sF: inout [Double], qF: inout [Int32], dB: inout [Int32], sB: inout [Double],
        qB: inout [Int32], meet: inout [Int32], counts: inout [Double]
    ) {
        var dF = dF.mutableSpan
        var sF = sF.mutableSpan
        var qF = qF.mutableSpan
        var dB = dB.mutableSpan
        var sB = sB.mutableSpan
        var qB = qB.mutableSpan
        var meet = meet.mutableSpan
        var counts = counts.mutableSpan
        dF[s] = 0
        sF[s] = 1
        qF[0] = Int32(s)
        dB[t] = 0
        sB[t] = 1
        qB[0] = Int32(t)
        var fStart = 0
        var fCount = 1
        var bStart = 0
        var bCount = 1
        var fDegree = off[s + 1] - off[s]
        var bDegree = inOff[t + 1] - inOff[t]
        var met = 0
        while met == 0 && fStart < fCount && bStart < bCount {
            if fDegree <= bDegree {
                (fStart, fCount, fDegree) = Self.expandLevel(
                    from: fStart, to: fCount, offsets: off, neighbours: tgt,
                    distance: &dF, sigma: &sF, queue: &qF,
                    otherDistance: dB, meet: &meet, met: &met)
            } else {
                (bStart, bCount, bDegree) = Self.expandLevel(
                    from: bStart, to: bCount, offsets: inOff,
                    neighbours: src, distance: &dB, sigma: &sB, queue: &qB,
                    otherDistance: dF, meet: &meet, met: &met)
            }
        }
        if met > 0 {
            var total = 0.0
            for k in 0..<met { total += sF[Int(meet[k])] * sB[Int(meet[k])] }
            var pick = Self.unit(&rng) * total
            var w = -1
            for k in 0..<met {
                w = Int(meet[k])
                pick -= sF[w] * sB[w]
                if pick < 0 { break }
            }
            if w != s && w != t { counts[w] += 1 }
            // Back to s over in-edges, one forward level at a time.
            var y = w
            while y != s {
                let level = dF[y] - 1
                var sum = 0.0
                for i in inOff[y]..<inOff[y + 1] where dF[Int(src[i])] == level { sum += sF[Int(src[i])] }
                var p = Self.unit(&rng) * sum
                var chosen = -1
                for i in inOff[y]..<inOff[y + 1] where dF[Int(src[i])] == level {
                    chosen = Int(src[i])
                    p -= sF[chosen]
                    if p < 0 { break }
                }
                if chosen < 0 { break } // unreachable: a node found at level k has a neighbour at k - 1
                y = chosen
                if y != s { counts[y] += 1 }
            }
            // On to t over out-edges, one backward level at a time.
            y = w
            while y != t {
                let level = dB[y] - 1
                var sum = 0.0
                for i in off[y]..<off[y + 1] where dB[Int(tgt[i])] == level { sum += sB[Int(tgt[i])] }
                var p = Self.unit(&rng) * sum
                var chosen = -1
                for i in off[y]..<off[y + 1] where dB[Int(tgt[i])] == level {
                    chosen = Int(tgt[i])
                    p -= sB[chosen]
                    if p < 0 { break }
                }
                if chosen < 0 { break } // unreachable: a node found at level k has a neighbour at k - 1
                y = chosen
                if y != t { counts[y] += 1 }
            }
        }
        for k in 0..<fCount { dF[Int(qF[k])] = -1 }
        for k in 0..<bCount { dB[Int(qB[k])] = -1 }
    }

    /// Dijkstra from `s` until `t` is settled (every node closer than t is then settled, with its final path
    /// count), then back from t as in the unweighted case.
    mutating func weightedPath(
        _ s: Int, _ t: Int, graph: UserGraph, outLengths: [Double], inLengths: [Double],
        rng: inout SeededGenerator
    ) {
        let off = graph.outOffsets
        let tgt = graph.outTargets
        let inOff = graph.inOffsets
        let src = graph.inSources
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
            if v == t {
                found = true
                break
            }
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
