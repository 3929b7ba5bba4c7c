/// Single-source shortest paths over one CSR adjacency, reusing its buffers across sources.
///
/// Unweighted searches are breadth-first; weighted ones are Dijkstra with edge length `1 / weight` (edges of
/// weight ≤ 0 are skipped: an infinitely long edge joins nothing). Used by closeness, harmonic centrality and
/// betweenness.
struct ShortestPaths {
    let offsets: [Int]
    let targets: [Int32]
    /// Edge lengths aligned with `targets`, or `nil` for unit lengths (BFS).
    let lengths: [Double]?
    /// Distance of each node from the last source; `.infinity` when unreached.
    var distance: [Double]
    /// Nodes reached by the last search, in settling order (source first).
    var order: [Int32]
    var reached = 0
    private var heap = DistanceHeap()

    init(offsets: [Int], targets: [Int32], weights: [Double]?) {
        self.offsets = offsets
        self.targets = targets
        self.lengths = weights.map { ws in ws.map { $0 > 0 ? 1 / $0 : .infinity } }
        let n = offsets.count - 1
        distance = [Double](repeating: .infinity, count: n)
        order = [Int32](repeating: 0, count: n)
    }

    /// Searches from `source`, first clearing what the previous search reached.
    mutating func search(from source: Int32) {
        for i in 0..<reached { distance[Int(order[i])] = .infinity }
        reached = 0
        distance[Int(source)] = 0
        if let lengths {
            heap.removeAll()
            heap.push(0, source)
            while let (d, v) = heap.pop() {
                // Each push of a node lowers its distance, so only its last entry is current.
                if d > distance[Int(v)] { continue }
                order[reached] = v
                reached += 1
                for i in offsets[Int(v)]..<offsets[Int(v) + 1] where lengths[i].isFinite {
                    let w = Int(targets[i])
                    let nd = d + lengths[i]
                    if nd < distance[w] {
                        distance[w] = nd
                        heap.push(nd, Int32(w))
                    }
                }
            }
        } else {
            order[0] = source
            reached = 1
            var head = 0
            while head < reached {
                let v = Int(order[head])
                head += 1
                let next = distance[v] + 1
                for i in offsets[v]..<offsets[v + 1] {
                    let w = Int(targets[i])
                    if distance[w] == .infinity {
                        distance[w] = next
                        order[reached] = Int32(w)
                        reached += 1
                    }
                }
            }
        }
    }
}

/// A binary min-heap of (distance, node) pairs, for Dijkstra with lazy deletion.
struct DistanceHeap {
    private var keys: [Double] = []
    private var nodes: [Int32] = []

    var isEmpty: Bool { keys.isEmpty }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        nodes.removeAll(keepingCapacity: true)
    }

    mutating func push(_ key: Double, _ node: Int32) {
        keys.append(key)
        nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            if keys[parent] <= key { break }
            keys[i] = keys[parent]
            nodes[i] = nodes[parent]
            i = parent
        }
        keys[i] = key
        nodes[i] = node
    }

    mutating func pop() -> (Double, Int32)? {
        guard let top = keys.first else { return nil }
        let topNode = nodes[0]
        let lastKey = keys.removeLast()
        let lastNode = nodes.removeLast()
        let count = keys.count
        if count > 0 {
            var i = 0
            while true {
                var child = 2 * i + 1
                if child >= count { break }
                if child + 1 < count && keys[child + 1] < keys[child] { child += 1 }
                if keys[child] >= lastKey { break }
                keys[i] = keys[child]
                nodes[i] = nodes[child]
                i = child
            }
            keys[i] = lastKey
            nodes[i] = lastNode
        }
        return (top, topNode)
    }
}
