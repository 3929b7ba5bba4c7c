/// Betweenness centrality by Brandes' algorithm, scaled exactly as `networkx.betweenness_centrality`.
///
///     let path = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2)], directed: false)
///     BetweennessCentrality().scores(in: path)                      // [0.0, 1.0, 0.0]
///     BetweennessCentrality(normalized: false).scores(in: path)     // [0.0, 1.0, 0.0]
///
/// Shortest paths are hop counts, or with `weighted` Dijkstra distances with edge length `1 / weight` (networkx
/// with a `weight` attribute holding that length; edges of weight ≤ 0 are skipped). `endpoints` counts a path's
/// ends, as networkx's option. Scaling follows networkx's `_rescale`: normalized by the number of (s, t) pairs,
/// halved for undirected graphs when not normalized.
///
/// Sampling: with `sampleCount` k, k distinct pivot sources are drawn with `SeededGenerator` from `seed` and the
/// sums are rescaled as networkx does for `k` (sources and non-sources scaled separately when endpoints are
/// excluded). The pivots differ from networkx's (which uses Python's `random`); pass `sources` to use an
/// explicit pivot set, which then matches networkx given the same nodes.
///
/// Sources are split across `threads` workers (`SourceChunks`, over `Parallel`) in a fixed interleaving of 16
/// chunks whose partial sums are added in chunk order, so results do not depend on the thread count or timing.
///
/// - Complexity: O(s · m) unweighted, O(s · m log n) weighted, for s sources (n, or k when sampled); O(n) memory
///   per chunk.
public struct BetweennessCentrality: Hashable, Sendable {
    package var normalized: Bool
    package var weighted: Bool
    package var endpoints: Bool
    /// Number of random pivot sources (networkx's `k`); `nil` for all nodes.
    package var sampleCount: Int?
    package var seed: UInt64
    /// Explicit pivot sources (networkx's sampled semantics with these nodes); overrides `sampleCount`.
    package var sources: [Int32]?
    /// Worker threads for the sources.
    package var threads: Int

    /// Exact betweenness, or sampled from `sampleCount` seeded pivot sources.
    ///
    /// - Parameters:
    ///   - normalized: Divide by the number of (s, t) pairs, as networkx's `normalized=True`.
    ///   - weighted: Dijkstra distances with edge length `1 / weight`; otherwise hop counts.
    ///   - endpoints: Count a path's two ends too.
    ///   - sampleCount: Number of random pivot sources (networkx's `k`); `nil` for every node.
    ///   - seed: The pivots' seed.
    ///   - threads: Worker threads for the sources (the result does not depend on it).
    public init(
        normalized: Bool = true, weighted: Bool = false, endpoints: Bool = false, sampleCount: Int? = nil,
        seed: UInt64 = 0, threads: Int = 2
    ) {
        self.init(
            normalized: normalized, weighted: weighted, endpoints: endpoints, sampleCount: sampleCount,
            seed: seed, sources: nil, threads: threads)
    }

    /// Betweenness from explicit pivot sources by node index (networkx's sampled semantics with these nodes).
    package init(
        normalized: Bool = true, weighted: Bool = false, endpoints: Bool = false, sampleCount: Int? = nil,
        seed: UInt64 = 0, sources: [Int32]?, threads: Int = 2
    ) {
        self.normalized = normalized
        self.weighted = weighted
        self.endpoints = endpoints
        self.sampleCount = sampleCount
        self.seed = seed
        self.sources = sources
        self.threads = threads
    }

    /// The pivot sources a sampled run uses: `k` distinct nodes from a seeded partial Fisher–Yates shuffle.
    package static func samplePivots(count k: Int, nodeCount n: Int, seed: UInt64) -> [Int32] {
        var rng = SeededGenerator(seed: seed)
        var pool = (0..<Int32(n)).map { $0 }
        let k = min(max(k, 0), n)
        for i in 0..<k {
            let j = i + Int(rng.next(upperBound: UInt64(n - i)))
            pool.swapAt(i, j)
        }
        return Array(pool[0..<k])
    }

    /// Every user's betweenness, keyed by handle.
    ///
    ///     BetweennessCentrality().ranking(in: path).top(1)   // [Entry(handle: @b, score: 1.0)]
    ///
    /// - Complexity: O(s · m) unweighted, O(s · m log n) weighted, for s sources.
    public func ranking(in graph: UserGraph) -> Ranking { Ranking(graph: graph, scores: scores(in: graph)) }

    /// The betweenness of every node, by node index.
    package func scores(in graph: UserGraph) -> [Double] {
        let n = graph.nodeCount
        if n == 0 { return [] }
        let sampled: [Int32]?
        if let sources {
            sampled = sources
        } else if let k = sampleCount {
            sampled = Self.samplePivots(count: k, nodeCount: n, seed: seed)
        } else {
            sampled = nil
        }
        let pivots = sampled ?? (0..<Int32(n)).map { $0 }

        let lengths: [Double]? = weighted ? graph.outWeights.map { $0 > 0 ? 1 / $0 : .infinity } : nil
        let endpoints = self.endpoints
        var result = SourceChunks.sum(sources: pivots.count, length: n, threads: threads) { chunk, chunks in
            var acc = BrandesAccumulator(n: n)
            var i = chunk
            while i < pivots.count {
                if let lengths {
                    acc.weightedSource(pivots[i], graph: graph, lengths: lengths, endpoints: endpoints)
                } else {
                    acc.unweightedSource(pivots[i], graph: graph, endpoints: endpoints)
                }
                i += chunks
            }
            return acc.betweenness
        }
        rescale(&result, sampled: sampled, directed: graph.isDirected)
        return result
    }

    /// networkx's `_rescale`.
    private func rescale(_ b: inout [Double], sampled: [Int32]?, directed: Bool) {
        let n = b.count
        let bigN = Double(endpoints ? n : n - 1)
        if bigN < 2 { return }
        let k = sampled.map { Double($0.count) }
        let kSource = k ?? bigN
        if k == nil || endpoints {
            let scale = normalized ? 1 / (kSource * (bigN - 1)) : bigN / (kSource * (directed ? 1 : 2))
            if scale != 1 { for v in 0..<n { b[v] *= scale } }
            return
        }
        // Sampled without endpoints: pivots cannot count themselves. networkx yields NaN for k = 1 pivots; a
        // pivot's own sum is 0 there, so 0 is the defined result here.
        let correction = directed ? 1.0 : 2.0
        let scaleSource =
            kSource > 1 ? (normalized ? 1 / ((kSource - 1) * (bigN - 1)) : bigN / ((kSource - 1) * correction)) : 0
        let scaleOther = normalized ? 1 / (kSource * (bigN - 1)) : bigN / (kSource * correction)
        var isPivot = [Bool](repeating: false, count: n)
        for s in sampled! { isPivot[Int(s)] = true }
        for v in 0..<n { b[v] *= isPivot[v] ? scaleSource : scaleOther }
    }
}

/// Brandes' single-source dependency accumulation with buffers reused across sources.
private struct BrandesAccumulator {
    var betweenness: [Double]
    var distance: [Int32]
    var weightedDistance: [Double]
    var sigma: [Double]
    var coefficient: [Double]
    var order: [Int32]
    /// Shortest-path DAG successors in BFS order, and where each BFS position's run starts (unweighted runs).
    var dag: [Int32] = []
    var dagStart: [Int]
    var heap = DistanceHeap()

    init(n: Int) {
        betweenness = [Double](repeating: 0, count: n)
        distance = [Int32](repeating: -1, count: n)
        weightedDistance = [Double](repeating: .infinity, count: n)
        sigma = [Double](repeating: 0, count: n)
        coefficient = [Double](repeating: 0, count: n)
        order = [Int32](repeating: 0, count: n)
        dagStart = [Int](repeating: 0, count: n + 1)
    }

    mutating func unweightedSource(_ s: Int32, graph: UserGraph, endpoints: Bool) {
        if dag.count < graph.outTargets.count { dag = [Int32](repeating: 0, count: graph.outTargets.count) }
        Self.unweightedSource(
            s, offsets: graph.outOffsets.span, targets: graph.outTargets.span, endpoints: endpoints,
            dist: &distance, sigma: &sigma, coef: &coefficient, order: &order,
            dagStart: &dagStart, dag: &dag, bc: &betweenness)
    }

    /// ``unweightedSource(_:graph:endpoints:)`` over the buffers, each passed on its own.
    private static func unweightedSource(
        _ s: Int32, offsets off: Span<Int>, targets tgt: Span<Int32>,
        endpoints: Bool, dist: inout [Int32], sigma: inout [Double],
        coef: inout [Double], order: inout [Int32], dagStart: inout [Int],
        dag: inout [Int32], bc: inout [Double]
    ) {
        var dist = dist.mutableSpan
        var sigma = sigma.mutableSpan
        var coef = coef.mutableSpan
        var order = order.mutableSpan
        var dagStart = dagStart.mutableSpan
        var dag = dag.mutableSpan
        var bc = bc.mutableSpan
        var reached = 0
        dist[Int(s)] = 0
        sigma[Int(s)] = 1
        order[0] = s
        reached = 1
        var head = 0
        var dagCount = 0
        // Breadth-first, recording each node's shortest-path DAG successors contiguously in BFS order.
        while head < reached {
            let v = Int(order[head])
            dagStart[head] = dagCount
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
                    dag[dagCount] = Int32(w)
                    dagCount += 1
                } else if dw == next {
                    sigma[w] += sv
                    dag[dagCount] = Int32(w)
                    dagCount += 1
                }
            }
        }
        dagStart[reached] = dagCount
        // Dependencies in reverse BFS order, pulled from each node's DAG successors.
        var idx = reached - 1
        while idx >= 0 {
            let v = Int(order[idx])
            var sum = 0.0
            for p in dagStart[idx]..<dagStart[idx + 1] { sum += coef[Int(dag[p])] }
            let delta = sigma[v] * sum
            coef[v] = (1 + delta) / sigma[v]
            if v != Int(s) { bc[v] += endpoints ? delta + 1 : delta }
            idx -= 1
        }
        if endpoints { bc[Int(s)] += Double(reached - 1) }
        for i in 0..<reached { dist[Int(order[i])] = -1 }
    }

    mutating func weightedSource(_ s: Int32, graph: UserGraph, lengths: [Double], endpoints: Bool) {
        let off = graph.outOffsets
        let tgt = graph.outTargets
        var reached = 0
        weightedDistance[Int(s)] = 0
        sigma[Int(s)] = 1
        heap.removeAll()
        heap.push(0, s)
        while let (d, v32) = heap.pop() {
            let v = Int(v32)
            if d > weightedDistance[v] { continue }
            order[reached] = v32
            reached += 1
            let sv = sigma[v]
            for i in off[v]..<off[v + 1] where lengths[i].isFinite {
                let w = Int(tgt[i])
                let nd = d + lengths[i]
                if nd < weightedDistance[w] {
                    weightedDistance[w] = nd
                    sigma[w] = sv
                    heap.push(nd, Int32(w))
                } else if nd == weightedDistance[w] && distance[w] != 1 {
                    sigma[w] += sv
                }
            }
            distance[v] = 1 // settled
        }
        var idx = reached - 1
        while idx >= 0 {
            let v = Int(order[idx])
            let dv = weightedDistance[v]
            var sum = 0.0
            for i in off[v]..<off[v + 1] where lengths[i].isFinite {
                let w = Int(tgt[i])
                if w != v && dv + lengths[i] == weightedDistance[w] { sum += coefficient[w] }
            }
            let delta = sigma[v] * sum
            coefficient[v] = (1 + delta) / sigma[v]
            if v != Int(s) { betweenness[v] += endpoints ? delta + 1 : delta }
            idx -= 1
        }
        if endpoints { betweenness[Int(s)] += Double(reached - 1) }
        for i in 0..<reached {
            let v = Int(order[i])
            weightedDistance[v] = .infinity
            distance[v] = -1
            sigma[v] = 0
            coefficient[v] = 0
        }
    }
}
