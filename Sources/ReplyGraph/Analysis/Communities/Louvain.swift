/// Louvain community detection on the undirected projection, following `networkx.community.louvain_communities`.
///
///     let graph = UserGraph.project(.mention, tweets: archive.tweets)
///     let result = Louvain(seed: 7).communities(in: graph)
///     result.count        // communities found
///     result.modularity   // of the partition, in the undirected projection
///
/// Each level moves nodes, in a seeded random order, to the neighbouring community with the largest positive
/// modularity gain until no node would move; after the first pass only the nodes whose neighbours moved are visited
/// again. Communities are then merged into nodes and the next level runs, until a level improves modularity by no
/// more than `threshold`. The result is the last level's partition, as networkx
/// returns. The same seed gives the same partition; it differs from networkx's for the same seed number (its
/// order comes from Python's `random`), and modularity is comparable, not equal.
///
/// - Complexity: O(m) for the first pass of a level, less for the revisits; O(log n) levels.
public struct Louvain: Hashable, Sendable {
    package var resolution: Double
    package var threshold: Double
    package var seed: UInt64

    /// Louvain at `resolution` (above 1 favours smaller communities), stopping when a level gains no more than
    /// `threshold` modularity; `seed` fixes the node order.
    public init(resolution: Double = 1, threshold: Double = 1e-7, seed: UInt64 = 0) {
        self.resolution = resolution
        self.threshold = threshold
        self.seed = seed
    }

    /// The communities of `input`'s undirected projection.
    ///
    /// - Complexity: O(m) per sweep.
    public func communities(in input: UserGraph) -> Communities {
        let graph = input.undirected()
        let n = graph.nodeCount
        var rng = SeededGenerator(seed: seed)
        // Level graph as CSR with the self-loop weight separate.
        var level = LevelGraph(graph)
        let m = level.totalWeight
        var nodeCommunity = (0..<Int32(n)).map { $0 } // original node → current level node
        if m <= 0 { return Communities(rawLabels: nodeCommunity, modularityIn: graph, resolution: resolution) }
        var mod = level.modularity(of: (0..<Int32(level.count)).map { $0 }, resolution: resolution)
        var (assignment, improvement) = level.oneLevel(m: m, resolution: resolution, rng: &rng)
        improvement = true
        var result = nodeCommunity
        while improvement {
            for v in 0..<n { result[v] = assignment[Int(nodeCommunity[v])] }
            let newMod = level.modularity(of: assignment, resolution: resolution)
            if newMod - mod <= threshold { break }
            mod = newMod
            let (aggregated, renumbered) = level.aggregate(assignment)
            for v in 0..<n { nodeCommunity[v] = renumbered[Int(nodeCommunity[v])] }
            level = aggregated
            (assignment, improvement) = level.oneLevel(m: m, resolution: resolution, rng: &rng)
        }
        return Communities(rawLabels: result, modularityIn: graph, resolution: resolution)
    }
}

/// An undirected weighted graph for one Louvain level: neighbours without self-loops, loops kept apart.
private struct LevelGraph {
    var offsets: [Int]
    var targets: [Int32]
    var weights: [Double]
    var loops: [Double]
    var degree: [Double]
    var count: Int { loops.count }
    var totalWeight: Double

    init(offsets: [Int], targets: [Int32], weights: [Double], loops: [Double]) {
        self.offsets = offsets
        self.targets = targets
        self.weights = weights
        self.loops = loops
        var degree = [Double](repeating: 0, count: loops.count)
        var total = 0.0
        for v in 0..<loops.count {
            var d = 2 * loops[v]
            for i in offsets[v]..<offsets[v + 1] { d += weights[i] }
            degree[v] = d
            total += d
        }
        self.degree = degree
        totalWeight = total / 2
    }

    init(_ graph: UserGraph) {
        let n = graph.nodeCount
        var offsets = [Int](repeating: 0, count: n + 1)
        var targets: [Int32] = []
        var weights: [Double] = []
        var loops = [Double](repeating: 0, count: n)
        for v in 0..<n {
            for i in graph.outOffsets[v]..<graph.outOffsets[v + 1] {
                if graph.outTargets[i] == Int32(v) {
                    loops[v] += graph.outWeights[i]
                    continue
                }
                targets.append(graph.outTargets[i])
                weights.append(graph.outWeights[i])
            }
            offsets[v + 1] = targets.count
        }
        self.init(offsets: offsets, targets: targets, weights: weights, loops: loops)
    }

    func modularity(of community: [Int32], resolution: Double) -> Double {
        let n = count
        var internalW = [Double](repeating: 0, count: n)
        var tot = [Double](repeating: 0, count: n)
        for v in 0..<n {
            let c = Int(community[v])
            tot[c] += degree[v]
            internalW[c] += loops[v]
            for i in offsets[v]..<offsets[v + 1] where Int(targets[i]) > v && community[Int(targets[i])] == community[v]
            {
                internalW[c] += weights[i]
            }
        }
        let m = totalWeight
        guard m > 0 else { return 0 }
        var q = 0.0
        for c in 0..<n { q += internalW[c] / m - resolution * tot[c] * tot[c] / (4 * m * m) }
        return q
    }

    /// One level of local moves: the community of each node, and whether any node moved.
    ///
    /// Every node is visited once in a seeded random order; after that only the nodes whose neighbourhood changed
    /// are: a node that moves puts its neighbours outside its new community back in the queue (the fast local move
    /// of Leiden, Traag, Waltman & van Eck 2019, after Ozaki, Tezuka & Inaba 2016). networkx sweeps over every node
    /// until a sweep moves none, which repeats the work on the nodes that settled early; the queue reaches the same
    /// modularity in a fraction of the visits.
    func oneLevel(m: Double, resolution: Double, rng: inout SeededGenerator) -> ([Int32], Bool) {
        let n = count
        var community = (0..<Int32(n)).map { $0 }
        var stot = degree
        var queue = (0..<Int32(n)).map { $0 }
        queue.shuffle(using: &rng)
        var queued = [Bool](repeating: true, count: n)
        var head = 0
        var waiting = n
        var weightTo = [Double](repeating: 0, count: n)
        var isTouched = [Bool](repeating: false, count: n) // not `weightTo == 0`: zero-weight edges exist
        var touched: [Int32] = []
        var improvement = false
        while waiting > 0 {
            let u = Int(queue[head])
            head = head + 1 == n ? 0 : head + 1
            waiting -= 1
            queued[u] = false
            let current = Int(community[u])
            var bestCommunity = current
            var bestGain = 0.0
            touched.removeAll(keepingCapacity: true)
            for i in offsets[u]..<offsets[u + 1] {
                let c = Int(community[Int(targets[i])])
                if !isTouched[c] {
                    isTouched[c] = true
                    touched.append(Int32(c))
                }
                weightTo[c] += weights[i]
            }
            let d = degree[u]
            stot[current] -= d
            let removeCost = -weightTo[current] / m + resolution * (stot[current] * d) / (2 * m * m)
            for c32 in touched {
                let c = Int(c32)
                let gain = removeCost + weightTo[c] / m - resolution * (stot[c] * d) / (2 * m * m)
                if gain > bestGain {
                    bestGain = gain
                    bestCommunity = c
                }
            }
            for c in touched {
                weightTo[Int(c)] = 0
                isTouched[Int(c)] = false
            }
            stot[bestCommunity] += d
            guard bestCommunity != current else { continue }
            community[u] = Int32(bestCommunity)
            improvement = true
            // The queue holds each node at most once, so n slots never overflow.
            for i in offsets[u]..<offsets[u + 1] {
                let w = Int(targets[i])
                guard !queued[w], Int(community[w]) != bestCommunity else { continue }
                queued[w] = true
                let tail = head + waiting
                queue[tail >= n ? tail - n : tail] = Int32(w)
                waiting += 1
            }
        }
        return (community, improvement)
    }

    /// Merges each community into one node: the new graph and each old node's new index.
    ///
    /// Each edge between two communities is summed into its pair in the order the nodes are visited, and each new
    /// node's neighbours are listed in ascending order: a stable radix sort of the pairs' keys gives both in O(m),
    /// with no hash table (a level of a million-user graph has millions of pairs).
    func aggregate(_ community: [Int32]) -> (LevelGraph, [Int32]) {
        var renumber = [Int32](repeating: -1, count: count)
        var next: Int32 = 0
        for v in 0..<count where renumber[Int(community[v])] < 0 {
            renumber[Int(community[v])] = next
            next += 1
        }
        let k = Int(next)
        let newOf = (0..<count).map { renumber[Int(community[$0])] }
        var loops = [Double](repeating: 0, count: k)
        // Edges between communities, once each (from the smaller node), keyed low community << 32 | high one.
        var keys: [UInt64] = []
        var pairWeights: [Double] = []
        keys.reserveCapacity(targets.count / 2)
        pairWeights.reserveCapacity(targets.count / 2)
        for v in 0..<count {
            let cv = newOf[v]
            loops[Int(cv)] += self.loops[v]
            for i in offsets[v]..<offsets[v + 1] where Int(targets[i]) > v {
                let cw = newOf[Int(targets[i])]
                if cv == cw {
                    loops[Int(cv)] += weights[i]
                    continue
                }
                keys.append((UInt64(min(cv, cw)) << 32) | UInt64(max(cv, cw)))
                pairWeights.append(weights[i])
            }
        }
        let order = stableRadixOrder(of: keys)
        // Sum runs of equal keys, in visiting order (as a dictionary accumulating them would).
        var low: [Int32] = []
        var high: [Int32] = []
        var summed: [Double] = []
        var below = [Int](repeating: 0, count: k) // neighbours with a smaller index, per new node
        var degree = [Int](repeating: 0, count: k)
        var r = 0
        while r < order.count {
            let key = keys[Int(order[r])]
            var w = 0.0
            while r < order.count && keys[Int(order[r])] == key {
                w += pairWeights[Int(order[r])]
                r += 1
            }
            let a = Int32(truncatingIfNeeded: key >> 32)
            let b = Int32(truncatingIfNeeded: key & 0xFFFF_FFFF)
            low.append(a)
            high.append(b)
            summed.append(w)
            degree[Int(a)] += 1
            degree[Int(b)] += 1
            below[Int(b)] += 1
        }
        var offsets = [Int](repeating: 0, count: k + 1)
        for c in 0..<k { offsets[c + 1] = offsets[c] + degree[c] }
        // Pairs come sorted by (low, high): for each node, its smaller neighbours arrive in ascending order as the
        // `high` side and its larger ones in ascending order as the `low` side, so two cursors fill each row sorted.
        var lowerCursor = Array(offsets.dropLast())
        var upperCursor = (0..<k).map { offsets[$0] + below[$0] }
        var targets = [Int32](repeating: 0, count: offsets[k])
        var weights = [Double](repeating: 0, count: offsets[k])
        for p in low.indices {
            let a = Int(low[p])
            let b = Int(high[p])
            targets[lowerCursor[b]] = low[p]
            weights[lowerCursor[b]] = summed[p]
            lowerCursor[b] += 1
            targets[upperCursor[a]] = high[p]
            weights[upperCursor[a]] = summed[p]
            upperCursor[a] += 1
        }
        return (LevelGraph(offsets: offsets, targets: targets, weights: weights, loops: loops), newOf)
    }
}
