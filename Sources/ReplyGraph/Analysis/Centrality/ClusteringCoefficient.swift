import Foundation

/// Local clustering coefficients and their average, as `networkx.clustering` and `average_clustering`.
///
///     let triangle = UserGraph(labels: ["a", "b", "c", "d"],
///                              edges: [.init(0, 1), .init(1, 2), .init(2, 0), .init(2, 3)], directed: false)
///     ClusteringCoefficient().scores(in: triangle)    // [1.0, 1.0, 0.333..., 0.0]
///     ClusteringCoefficient().average(in: triangle)   // 0.583...
///
/// Undirected: triangles over `d (d − 1) / 2`. Directed: Fagiolo's directed triangles over
/// `2 (d_tot (d_tot − 1) − 2 d_↔)`. Weighted (networkx's `weight="weight"`): the geometric mean of the triangle's
/// edge weights, each divided by the graph's largest weight. Self-loops never form triangles.
///
/// Triangles are listed once each on the simple undirected graph underneath (a pair of users is adjacent when an
/// edge joins them either way), with every edge oriented towards its endpoint of higher degree (Chiba–Nishizeki,
/// the "forward" algorithm). A hub then never scans its own neighbours' neighbourhoods, so a user mentioned by a
/// hundred thousand others costs what its edges cost, not their square. Each triangle adds to its three corners
/// what networkx's per-node wedge scan adds: for Fagiolo's count, the product over the triangle's three pairs of
/// the directed edges joining them (one term per choice of one edge per pair).
///
/// - Complexity: O(m √m) time for m edges (much less on skewed graphs), O(n + m) extra memory.
package struct ClusteringCoefficient: Hashable, Sendable {
    package var weighted: Bool

    package init(weighted: Bool = false) { self.weighted = weighted }

    /// The coefficient of every node, by node index.
    package func scores(in graph: UserGraph) -> [Double] {
        let pairs = SimplePairs(graph, scale: maxWeight(graph))
        let n = graph.nodeCount
        var triangles = [Double](repeating: 0, count: n)
        pairs.forEachTriangle { a, b, c, ab, ac, bc in
            if weighted {
                triangles[a] += pairs.weightedTerm(ab, ac, bc)
                triangles[b] += pairs.weightedTerm(ab, bc, ac)
                triangles[c] += pairs.weightedTerm(ac, bc, ab)
            } else {
                // Unweighted: every corner sees the same count, an integer (so the sums are exact).
                let count = 2 * pairs.edgeCount(ab) * pairs.edgeCount(ac) * pairs.edgeCount(bc)
                triangles[a] += count
                triangles[b] += count
                triangles[c] += count
            }
        }
        var result = [Double](repeating: 0, count: n)
        for i in 0..<n where triangles[i] != 0 {
            result[i] = triangles[i] / denominator(of: i, in: graph)
        }
        return result
    }

    /// The mean coefficient over all nodes (zeros counted); 0 for an empty graph.
    package func average(in graph: UserGraph) -> Double {
        let c = scores(in: graph)
        return c.isEmpty ? 0 : c.reduce(0, +) / Double(c.count)
    }

    private func maxWeight(_ graph: UserGraph) -> Double {
        guard weighted, let m = graph.outWeights.max() else { return 1 }
        return m
    }

    /// The number of ordered neighbour pairs the triangle count is divided by: `d (d − 1)` undirected,
    /// `2 (d_tot (d_tot − 1) − 2 d_↔)` directed (self-loops left out).
    private func denominator(of i: Int, in graph: UserGraph) -> Double {
        let v = Int32(i)
        var d = 0
        for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] where graph.outTargets[p] != v { d += 1 }
        guard graph.isDirected else { return Double(d * (d - 1)) }
        var dPred = 0
        var dBoth = 0
        for p in graph.inOffsets[i]..<graph.inOffsets[i + 1] where graph.inSources[p] != v {
            dPred += 1
            if graph.weight(from: v, to: graph.inSources[p]) != nil { dBoth += 1 }
        }
        let dTotal = dPred + d
        return Double((dTotal * (dTotal - 1) - 2 * dBoth) * 2)
    }
}

/// The simple undirected graph under a ``UserGraph``, self-loops left out: for each unordered pair of adjacent
/// nodes, the (scaled) weights of the edges joining them, one or (directed, both ways) two.
private struct SimplePairs {
    /// Neighbours of `v`: `neighbours[offsets[v]..<offsets[v + 1]]`, sorted; `first`/`second` the pair's edge
    /// weights divided by the graph's largest (`second` only where `both`: two edges join the pair).
    var offsets: [Int]
    var neighbours: [Int32]
    var first: [Double]
    var second: [Double]
    var both: [Bool]

    init(_ graph: UserGraph, scale: Double) {
        let n = graph.nodeCount
        offsets = [Int](repeating: 0, count: n + 1)
        neighbours = []
        first = []
        second = []
        both = []
        let capacity = graph.outTargets.count + (graph.isDirected ? graph.inSources.count : 0)
        neighbours.reserveCapacity(capacity)
        first.reserveCapacity(capacity)
        second.reserveCapacity(capacity)
        both.reserveCapacity(capacity)
        for v in 0..<n {
            let me = Int32(v)
            var i = graph.outOffsets[v]
            var j = graph.isDirected ? graph.inOffsets[v] : 0
            let iEnd = graph.outOffsets[v + 1]
            let jEnd = graph.isDirected ? graph.inOffsets[v + 1] : 0
            // Both rows are sorted by neighbour index: merge them.
            while i < iEnd || j < jEnd {
                let out = i < iEnd ? graph.outTargets[i] : Int32.max
                let inn = j < jEnd ? graph.inSources[j] : Int32.max
                let w = min(out, inn)
                var a = 0.0
                var b = 0.0
                var edges = 0
                if out == w {
                    a = graph.outWeights[i] / scale
                    i += 1
                    edges = 1
                }
                if inn == w {
                    let x = graph.inWeights[j] / scale
                    if edges == 0 { a = x } else { b = x }
                    j += 1
                    edges += 1
                }
                guard w != me else { continue }
                neighbours.append(w)
                first.append(a)
                second.append(b)
                both.append(edges == 2)
            }
            offsets[v + 1] = neighbours.count
        }
    }

    /// How many edges join the pair at position `p` (1 or 2).
    @inline(__always) func edgeCount(_ p: Int) -> Double { both[p] ? 2 : 1 }

    /// One corner's share of a triangle, weighted: `cbrt(w_xy · w_xz · w_yz)` summed over one edge per pair, for
    /// both orders of the corner's two other nodes, as networkx's scan from that corner adds it. `xy` and `xz` are
    /// the corner's pairs, `yz` the opposite one.
    @inline(__always) func weightedTerm(_ xy: Int, _ xz: Int, _ yz: Int) -> Double {
        var t = 0.0
        for k in 0..<8 {
            guard k & 1 == 0 || both[xy], k & 2 == 0 || both[xz], k & 4 == 0 || both[yz] else { continue }
            let u = k & 1 == 0 ? first[xy] : second[xy]
            let v = k & 2 == 0 ? first[xz] : second[xz]
            let w = k & 4 == 0 ? first[yz] : second[yz]
            t += cbrt(u * v * w)
            t += cbrt(v * u * w)
        }
        return t
    }

    /// Calls `body(a, b, c, ab, ac, bc)` once for every triangle {a, b, c}, with the positions of its three pairs.
    ///
    /// Nodes are ranked by degree (then index) and each pair is kept only in the row of its lower-ranked end; a
    /// triangle is found from its lowest-ranked corner, through its middle one.
    func forEachTriangle(_ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        let n = offsets.count - 1
        guard n > 2 else { return }
        var rank = [Int32](repeating: 0, count: n)
        let order = (0..<n).sorted {
            let a = offsets[$0 + 1] - offsets[$0]
            let b = offsets[$1 + 1] - offsets[$1]
            return a != b ? a < b : $0 < $1
        }
        for (r, v) in order.enumerated() { rank[v] = Int32(r) }
        // Forward rows: the pairs leading to a higher-ranked neighbour, as positions in `neighbours`.
        var forwardOffsets = [Int](repeating: 0, count: n + 1)
        var forward: [Int] = []
        forward.reserveCapacity(neighbours.count / 2)
        for v in 0..<n {
            for p in offsets[v]..<offsets[v + 1] where rank[Int(neighbours[p])] > rank[v] { forward.append(p) }
            forwardOffsets[v + 1] = forward.count
        }
        var mark = [Int](repeating: -1, count: n) // position of the pair a–x while scanning a, or −1
        for a in 0..<n {
            let row = forwardOffsets[a]..<forwardOffsets[a + 1]
            guard row.count >= 2 else { continue }
            for q in row { mark[Int(neighbours[forward[q]])] = forward[q] }
            for q in row {
                let ab = forward[q]
                let b = Int(neighbours[ab])
                for r in forwardOffsets[b]..<forwardOffsets[b + 1] {
                    let bc = forward[r]
                    let c = Int(neighbours[bc])
                    let ac = mark[c]
                    if ac >= 0 { body(a, b, c, ab, ac, bc) }
                }
            }
            for q in row { mark[Int(neighbours[forward[q]])] = -1 }
        }
    }
}
