/// A partition of a graph's users into weakly or strongly connected components, as networkx's
/// `weakly_connected_components` (`connected_components` when undirected) and `strongly_connected_components`.
///
///     let graph = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 0), .init(1, 2)], directed: true)
///     Components(of: graph, .weak).count        // 1
///     Components(of: graph, .strong).groups     // [[a, b], [c]]
///
/// - Complexity: O(n + m) time and memory, iterative (an explicit queue for weak components, an explicit call stack
///   for Tarjan's strong components): reply chains thousands deep need no recursion.
public struct Components: Hashable, Sendable {
    /// Which paths put two users in one component.
    public enum Connectivity: Hashable, Sendable {
        /// Edges followed either way; for an undirected graph, its connected components.
        case weak
        /// Directed paths both ways; for an undirected graph, its connected components.
        case strong
    }

    /// The component of each node, by node index; components are numbered by their smallest node.
    package let componentOfNode: [Int32]
    /// Each component's nodes in ascending order; components ordered by their smallest node.
    package let members: [[Int32]]

    /// The graph's node labels (handles by node index).
    package let labels: [String]

    /// Number of components.
    public var count: Int { members.count }

    /// Each component's users, in node order; components ordered by their first user.
    public var groups: [[Handle]] { members.map { $0.map { Handle(labels[Int($0)]) } } }

    /// The components of `graph`.
    ///
    /// - Complexity: O(n + m).
    public init(of graph: UserGraph, _ connectivity: Connectivity) {
        switch connectivity {
        case .weak: self.init(rawLabels: Self.weakLabels(graph), labels: graph.labels)
        case .strong: self.init(rawLabels: Self.strongLabels(graph), labels: graph.labels)
        }
    }

    init(rawLabels: [Int32], labels: [String]) {
        self.labels = labels
        var renumber: [Int32: Int32] = [:]
        var members: [[Int32]] = []
        var labels = [Int32](repeating: 0, count: rawLabels.count)
        for (v, raw) in rawLabels.enumerated() {
            let c: Int32
            if let existing = renumber[raw] {
                c = existing
            } else {
                c = Int32(members.count)
                renumber[raw] = c
                members.append([])
            }
            labels[v] = c
            members[Int(c)].append(Int32(v))
        }
        componentOfNode = labels
        self.members = members
    }
}

extension Components {
    /// Each node labelled by a node of its weak component (a breadth-first search from each unlabelled node).
    private static func weakLabels(_ graph: UserGraph) -> [Int32] {
        let n = graph.nodeCount
        var label = [Int32](repeating: -1, count: n)
        var queue = [Int32](repeating: 0, count: n)
        for s in 0..<n where label[s] < 0 {
            label[s] = Int32(s)
            queue[0] = Int32(s)
            var head = 0
            var tail = 1
            while head < tail {
                let v = Int(queue[head])
                head += 1
                for i in graph.outOffsets[v]..<graph.outOffsets[v + 1] where label[Int(graph.outTargets[i])] < 0 {
                    label[Int(graph.outTargets[i])] = Int32(s)
                    queue[tail] = graph.outTargets[i]
                    tail += 1
                }
                for i in graph.inOffsets[v]..<graph.inOffsets[v + 1] where label[Int(graph.inSources[i])] < 0 {
                    label[Int(graph.inSources[i])] = Int32(s)
                    queue[tail] = graph.inSources[i]
                    tail += 1
                }
            }
        }
        return label
    }

    /// Each node labelled by the smallest node of its strong component (an iterative Tarjan).
    private static func strongLabels(_ graph: UserGraph) -> [Int32] {
        let n = graph.nodeCount
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int32] = []
        var label = [Int32](repeating: -1, count: n)
        // Call frames: (node, next edge position).
        var frames: [(v: Int32, edge: Int)] = []
        var counter: Int32 = 0
        for root in 0..<n where index[root] < 0 {
            frames.append((Int32(root), graph.outOffsets[root]))
            index[root] = counter
            low[root] = counter
            counter += 1
            stack.append(Int32(root))
            onStack[root] = true
            while let frame = frames.last {
                let v = Int(frame.v)
                if frame.edge < graph.outOffsets[v + 1] {
                    frames[frames.count - 1].edge += 1
                    let w = Int(graph.outTargets[frame.edge])
                    if index[w] < 0 {
                        index[w] = counter
                        low[w] = counter
                        counter += 1
                        stack.append(Int32(w))
                        onStack[w] = true
                        frames.append((Int32(w), graph.outOffsets[w]))
                    } else if onStack[w] {
                        low[v] = min(low[v], index[w])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last { low[Int(parent.v)] = min(low[Int(parent.v)], low[v]) }
                if low[v] == index[v] {
                    var smallest = Int32(v)
                    var members: [Int32] = []
                    while true {
                        let w = stack.removeLast()
                        onStack[Int(w)] = false
                        members.append(w)
                        smallest = min(smallest, w)
                        if w == Int32(v) { break }
                    }
                    for w in members { label[Int(w)] = smallest }
                }
            }
        }
        return label
    }
}
