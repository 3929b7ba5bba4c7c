/// A user→user graph: dense `Int32` node indices, CSR out- and in-adjacency with `Double` weights, immutable.
///
///     let graph = UserGraph(labels: ["a", "B", "c"],
///                           edges: [.init(0, 1, 2), .init(1, 2), .init(2, 0)], directed: true)
///     graph.node(named: "b")          // 1 (lookup is case-insensitive, O(1))
///     graph.successors(of: 0)         // [1]
///     graph.outWeights(of: 0)         // [2.0]
///
/// Rows of both adjacencies are sorted by neighbour index. An undirected graph stores each edge in both rows, so
/// its in-adjacency equals its out-adjacency; a self-loop appears once in its row.
///
/// Self-loops are always recorded in `selfLoopWeights`. They appear in the adjacency (and so in every metric)
/// only when the graph was built with `includeSelf: true`; by default metrics see the graph without them, as most
/// of networkx's references define them (``CoreNumber`` ignores them in any case).
public struct UserGraph: Sendable {
    /// One weighted edge by node index.
    public struct Edge: Hashable, Sendable {
        /// The node the edge leaves.
        public var source: Int32
        /// The node the edge enters.
        public var target: Int32
        /// How many interactions the edge stands for (or their weighted sum).
        public var weight: Double

        package init(_ source: Int32, _ target: Int32, _ weight: Double = 1) {
            self.source = source
            self.target = target
            self.weight = weight
        }
    }

    /// Whether edges have a direction.
    public let isDirected: Bool
    /// Node labels (display handles as first seen), by node index.
    public let labels: [String]
    /// Out-adjacency: the successors of `v` are `outTargets[outOffsets[v]..<outOffsets[v + 1]]`.
    package let outOffsets: [Int]
    package let outTargets: [Int32]
    package let outWeights: [Double]
    /// In-adjacency: the predecessors of `v` are `inSources[inOffsets[v]..<inOffsets[v + 1]]`.
    package let inOffsets: [Int]
    package let inSources: [Int32]
    package let inWeights: [Double]
    /// Per-kind weights aligned with ``outTargets``, indexed by ``InteractionKind/rawValue``; empty unless the
    /// graph is an ``UserGraphKind/interaction`` projection. `outWeights` holds their total.
    package let outKindWeights: [[Double]]
    /// The weight of each node's self-loop (0 for none), whether or not the adjacency includes it.
    package let selfLoopWeights: [Double]
    /// Whether self-loops are part of the adjacency.
    package let includesSelfLoops: Bool
    private let nodeOfKey: [String: Int32]

    /// Number of nodes.
    public var nodeCount: Int { labels.count }

    /// Number of edges in the adjacency (an undirected edge counts once, a self-loop once).
    public var edgeCount: Int {
        if isDirected { return outTargets.count }
        var loops = 0
        for v in 0..<nodeCount {
            for i in outOffsets[v]..<outOffsets[v + 1] where outTargets[i] == Int32(v) { loops += 1 }
        }
        return (outTargets.count - loops) / 2 + loops
    }

    /// The node of `handle`, compared case-insensitively, in O(1).
    public func node(_ handle: Handle) -> Int32? { nodeOfKey[handle.key] }

    /// The node labelled `name` (case-insensitive, a leading `@` ignored), in O(1).
    public func node(named name: String) -> Int32? { nodeOfKey[Handle(name).key] }

    /// The nodes `v` has edges to, in O(1) (a view of the adjacency).
    public func successors(of v: Int32) -> ArraySlice<Int32> { outTargets[outOffsets[Int(v)]..<outOffsets[Int(v) + 1]] }
    package func outWeights(of v: Int32) -> ArraySlice<Double> {
        outWeights[outOffsets[Int(v)]..<outOffsets[Int(v) + 1]]
    }
    /// The nodes with edges to `v`, in O(1) (a view of the adjacency).
    public func predecessors(of v: Int32) -> ArraySlice<Int32> { inSources[inOffsets[Int(v)]..<inOffsets[Int(v) + 1]] }
    package func inWeights(of v: Int32) -> ArraySlice<Double> { inWeights[inOffsets[Int(v)]..<inOffsets[Int(v) + 1]] }

    /// The weight of the edge `source → target` in the adjacency, found by binary search in the row.
    ///
    /// - Complexity: O(log d) for the source's out-degree d.
    public func weight(from source: Int32, to target: Int32) -> Double? {
        var lo = outOffsets[Int(source)]
        var hi = outOffsets[Int(source) + 1]
        while lo < hi {
            let mid = (lo + hi) / 2
            if outTargets[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        return lo < outOffsets[Int(source) + 1] && outTargets[lo] == target ? outWeights[lo] : nil
    }

    /// The edges of the adjacency, sorted by (source, target); an undirected edge once with `source <= target`.
    public var edges: [Edge] {
        var result: [Edge] = []
        result.reserveCapacity(outTargets.count)
        for v in 0..<nodeCount {
            for i in outOffsets[v]..<outOffsets[v + 1] where isDirected || outTargets[i] >= Int32(v) {
                result.append(Edge(Int32(v), outTargets[i], outWeights[i]))
            }
        }
        return result
    }

    /// Builds a graph from labelled nodes and edges; parallel edges are merged by summing weights (in an
    /// undirected graph `u–v` and `v–u` are the same edge).
    ///
    /// Labels that differ only in case still name distinct nodes here; lookup by name finds the first.
    /// - Complexity: O(n + m log m).
    package init(labels: [String], edges: [Edge], directed: Bool, includeSelf: Bool = false) {
        var builder = Builder(directed: directed, kindCount: 1)
        for e in edges {
            precondition(
                Int(e.source) < labels.count && Int(e.target) < labels.count && e.source >= 0
                    && e.target >= 0, "edge endpoint out of range")
            builder.add(e.source, e.target, kind: 0, weight: e.weight)
        }
        self.init(labels: labels, builder: builder, includeSelf: includeSelf, keepKinds: false)
    }

    /// `keys`, when given, are the labels' distinct handle keys (``Handle/key``), so that they are not folded again.
    init(labels: [String], keys: [String]? = nil, builder: Builder, includeSelf: Bool, keepKinds: Bool) {
        let n = labels.count
        isDirected = builder.directed
        self.labels = labels
        includesSelfLoops = includeSelf
        var index: [String: Int32] = [:]
        index.reserveCapacity(n)
        if let keys {
            precondition(keys.count == n, "one key per label")
            for (i, key) in keys.enumerated() { index[key] = Int32(i) }
        } else {
            for (i, label) in labels.enumerated() {
                let key = Handle(label).key
                if index[key] == nil { index[key] = Int32(i) }
            }
        }
        nodeOfKey = index

        let merged = builder.merged()
        let kinds = builder.kindCount
        var loops = [Double](repeating: 0, count: n)
        // Directed rows: (u, v) as merged; undirected: both directions.
        var rows: [(key: UInt64, edge: Int)] = []
        rows.reserveCapacity(merged.keys.count * (isDirected ? 1 : 2))
        for (i, key) in merged.keys.enumerated() {
            let u = key >> 32
            let v = key & 0xFFFF_FFFF
            if u == v {
                loops[Int(u)] += merged.total(i)
                if !includeSelf { continue }
            }
            rows.append((key, i))
            if !isDirected && u != v { rows.append(((v << 32) | u, i)) }
        }
        if !isDirected { rows.sort { $0.key < $1.key } }
        selfLoopWeights = loops

        var offsets = [Int](repeating: 0, count: n + 1)
        var targets = [Int32]()
        targets.reserveCapacity(rows.count)
        var weights = [Double]()
        weights.reserveCapacity(rows.count)
        var kindWeights = keepKinds ? [[Double]](repeating: [], count: kinds) : []
        for row in rows {
            offsets[Int(row.key >> 32) + 1] += 1
            targets.append(Int32(truncatingIfNeeded: row.key & 0xFFFF_FFFF))
            weights.append(merged.total(row.edge))
            if keepKinds { for k in 0..<kinds { kindWeights[k].append(merged.weights[row.edge * kinds + k]) } }
        }
        for v in 0..<n { offsets[v + 1] += offsets[v] }
        outOffsets = offsets
        outTargets = targets
        outWeights = weights
        outKindWeights = kindWeights

        if isDirected {
            var inOff = [Int](repeating: 0, count: n + 1)
            for t in targets { inOff[Int(t) + 1] += 1 }
            for v in 0..<n { inOff[v + 1] += inOff[v] }
            var cursor = inOff
            var sources = [Int32](repeating: 0, count: targets.count)
            var inW = [Double](repeating: 0, count: targets.count)
            for u in 0..<n {
                for i in offsets[u]..<offsets[u + 1] {
                    let t = Int(targets[i])
                    sources[cursor[t]] = Int32(u)
                    inW[cursor[t]] = weights[i]
                    cursor[t] += 1
                }
            }
            inOffsets = inOff
            inSources = sources
            inWeights = inW
        } else {
            inOffsets = offsets
            inSources = targets
            inWeights = weights
        }
    }
}

extension UserGraph {
    /// Accumulates weighted edges with per-kind weights, then merges duplicates.
    struct Builder {
        let directed: Bool
        let kindCount: Int
        var keys: [UInt64] = []
        var weights: [Double] = []

        init(directed: Bool, kindCount: Int) {
            self.directed = directed
            self.kindCount = kindCount
        }

        mutating func add(_ u: Int32, _ v: Int32, kind: Int, weight: Double) {
            var a = UInt64(UInt32(u))
            var b = UInt64(UInt32(v))
            if !directed && a > b { swap(&a, &b) }
            keys.append((a << 32) | b)
            for k in 0..<kindCount { weights.append(k == kind ? weight : 0) }
        }

        struct Merged {
            var keys: [UInt64]
            var weights: [Double]
            let kindCount: Int
            func total(_ i: Int) -> Double {
                var s = 0.0
                for k in 0..<kindCount { s += weights[i * kindCount + k] }
                return s
            }
        }

        /// Unique (u, v) keys in ascending order with summed per-kind weights (summed in the order they were added:
        /// the radix order is stable).
        func merged() -> Merged {
            // Keys that are already unique and ascending (a projection's compacted edges) are the result.
            var ascending = true
            for i in keys.indices.dropFirst() where keys[i - 1] >= keys[i] {
                ascending = false
                break
            }
            if ascending { return Merged(keys: keys, weights: weights, kindCount: kindCount) }
            let order = stableRadixOrder(of: keys)
            var outKeys: [UInt64] = []
            var outWeights: [Double] = []
            outKeys.reserveCapacity(keys.count)
            outWeights.reserveCapacity(weights.count)
            for position in order {
                let i = Int(position)
                if outKeys.last != keys[i] {
                    outKeys.append(keys[i])
                    outWeights.append(contentsOf: repeatElement(0, count: kindCount))
                }
                let base = outWeights.count - kindCount
                for k in 0..<kindCount { outWeights[base + k] += weights[i * kindCount + k] }
            }
            return Merged(keys: outKeys, weights: outWeights, kindCount: kindCount)
        }
    }
}
