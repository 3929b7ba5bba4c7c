/// An upper bound on a graph's vertex diameter (the most nodes on any shortest path), in linear time.
///
///     let path = UserGraph(labels: ["a", "b", "c", "d"],
///                          edges: [.init(0, 1), .init(1, 2), .init(2, 3)], directed: false)
///     VertexDiameterBound().value(in: path)   // 4 (the true vertex diameter of a 4-node path)
///
/// Computing the vertex diameter exactly takes a search from every node, which is the cost sampling avoids; the
/// sample size of ``ApproximateBetweenness`` only needs an upper bound. The bound here is:
///
/// - **Within one strongly connected component C** (a connected component when undirected), from one root r
///   (the node of highest degree): every shortest path u → w inside C has `d(u, w) ≤ d(u, r) + d(r, w)`, so it has
///   at most `ecc_in(r) + ecc_out(r) + 1` nodes; two breadth-first searches restricted to C give both
///   eccentricities. Undirected, `d(u, r) + d(r, w)` is at most the sum of the two largest distances from r (RK's
///   bound, at most twice the true diameter). Weighted, a shortest path is only known to be simple, so the bound
///   is |C|. In every case the bound is at most |C|.
/// - **Across components**: a shortest path never returns to a component it left, and its part inside each
///   component is itself a shortest path there (every node on a path between two nodes of C is in C). So it has at
///   most as many nodes as the heaviest path of the condensation (the DAG of components), each component weighing
///   its own bound; a longest-path pass over the condensation in topological order gives it. Undirected, there is
///   no edge between components and the bound is the largest component bound.
///
/// - Complexity: O(n + m) time and memory.
package struct VertexDiameterBound: Hashable, Sendable {
    /// Weighted shortest paths (any positive edge lengths): the per-component bound is the component's size.
    package var weighted: Bool

    package init(weighted: Bool = false) {
        self.weighted = weighted
    }

    /// The bound for `graph`: 0 for an empty graph, 1 for one without edges.
    package func value(in graph: UserGraph) -> Int {
        let n = graph.nodeCount
        if n == 0 { return 0 }
        let components = Components(of: graph, .strong)
        let comp = components.componentOfNode
        let count = components.count
        var bound = [Int](repeating: 1, count: count)
        var search = RestrictedSearch(n: n)
        for c in 0..<count where components.members[c].count > 1 {
            let members = components.members[c]
            if weighted {
                bound[c] = members.count
                continue
            }
            var root = members[0]
            var best = -1
            for v in members {
                let degree =
                    graph.outOffsets[Int(v) + 1] - graph.outOffsets[Int(v)]
                    + graph.inOffsets[Int(v) + 1] - graph.inOffsets[Int(v)]
                if degree > best {
                    best = degree
                    root = v
                }
            }
            let out = search.distances(
                from: root, offsets: graph.outOffsets, targets: graph.outTargets,
                component: comp, id: Int32(c))
            let b: Int
            if graph.isDirected {
                let inward = search.distances(
                    from: root, offsets: graph.inOffsets, targets: graph.inSources,
                    component: comp, id: Int32(c))
                b = out.largest + inward.largest + 1
            } else {
                b = out.largest + out.second + 1
            }
            bound[c] = min(b, members.count)
        }
        if !graph.isDirected { return bound.max() ?? 0 }
        return heaviestPath(graph: graph, component: comp, count: count, weight: bound)
    }

    /// The heaviest path of the condensation, by Kahn's topological order.
    private func heaviestPath(graph: UserGraph, component comp: [Int32], count: Int, weight: [Int]) -> Int {
        // Condensation arcs as CSR over components (duplicates kept: they do not change the result).
        var offsets = [Int](repeating: 0, count: count + 1)
        var indegree = [Int](repeating: 0, count: count)
        for u in 0..<graph.nodeCount {
            for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] where comp[Int(graph.outTargets[i])] != comp[u] {
                offsets[Int(comp[u]) + 1] += 1
                indegree[Int(comp[Int(graph.outTargets[i])])] += 1
            }
        }
        for c in 0..<count { offsets[c + 1] += offsets[c] }
        var cursor = offsets
        var arcs = [Int32](repeating: 0, count: offsets[count])
        for u in 0..<graph.nodeCount {
            for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] where comp[Int(graph.outTargets[i])] != comp[u] {
                arcs[cursor[Int(comp[u])]] = comp[Int(graph.outTargets[i])]
                cursor[Int(comp[u])] += 1
            }
        }
        var heaviest = weight
        var queue: [Int32] = []
        queue.reserveCapacity(count)
        for c in 0..<count where indegree[c] == 0 { queue.append(Int32(c)) }
        var head = 0
        var result = 0
        while head < queue.count {
            let c = Int(queue[head])
            head += 1
            result = max(result, heaviest[c])
            for i in offsets[c]..<offsets[c + 1] {
                let d = Int(arcs[i])
                heaviest[d] = max(heaviest[d], heaviest[c] + weight[d])
                indegree[d] -= 1
                if indegree[d] == 0 { queue.append(Int32(d)) }
            }
        }
        return result
    }
}

/// Breadth-first search confined to one component, with buffers reused across components.
private struct RestrictedSearch {
    var distance: [Int32]
    var queue: [Int32]

    init(n: Int) {
        distance = [Int32](repeating: -1, count: n)
        queue = [Int32](repeating: 0, count: n)
    }

    /// The largest and second-largest distance (as a multiset, the root's 0 included) from `root` to the nodes of
    /// component `id`.
    mutating func distances(
        from root: Int32, offsets: [Int], targets: [Int32], component: [Int32],
        id: Int32
    ) -> (largest: Int, second: Int) {
        distance[Int(root)] = 0
        queue[0] = root
        var head = 0
        var tail = 1
        var largest = 0
        var second = 0
        while head < tail {
            let v = Int(queue[head])
            head += 1
            let next = distance[v] + 1
            for i in offsets[v]..<offsets[v + 1] {
                let w = Int(targets[i])
                if distance[w] < 0 && component[w] == id {
                    distance[w] = next
                    queue[tail] = Int32(w)
                    tail += 1
                    let d = Int(next)
                    if d >= largest {
                        second = largest
                        largest = d
                    } else if d > second {
                        second = d
                    }
                }
            }
        }
        for i in 0..<tail { distance[Int(queue[i])] = -1 }
        return (largest, second)
    }
}
