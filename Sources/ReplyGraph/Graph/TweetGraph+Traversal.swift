extension TweetGraph {
    /// Which way a traversal follows edges.
    package enum Direction: Sendable {
        /// Along edges, source → target (a reply to its parent).
        case outgoing
        /// Against edges, target → source (a tweet to its replies).
        case incoming
    }

    /// Nodes reachable from `start` along edges of the given kinds, `start` first, in depth-first preorder.
    ///
    ///     // A tweet and every reply or continuation below it, however deep the chain:
    ///     graph.reachable(from: root, kinds: [.repliesTo, .continues], direction: .incoming)
    ///
    /// Uses an explicit stack and a visited bit set, never recursion: reply chains can be 100,000 deep.
    ///
    /// - Complexity: O(V' + E') for the nodes and edges reached, plus O(N / 64) words for the bit set.
    package func reachable(from start: NodeID, kinds: [EdgeKind], direction: Direction) -> [NodeID] {
        var visited = [UInt64](repeating: 0, count: (nodeCount + 63) / 64)
        func mark(_ n: NodeID) -> Bool {
            let (w, b) = (n.index >> 6, UInt64(1) << UInt64(n.index & 63))
            if visited[w] & b != 0 { return false }
            visited[w] |= b
            return true
        }
        var result: [NodeID] = []
        var stack = [start]
        _ = mark(start)
        while let node = stack.popLast() {
            result.append(node)
            for kind in kinds.reversed() {
                let edges =
                    direction == .outgoing ? self.edges(from: node, kind: kind) : self.edges(to: node, kind: kind)
                for edge in edges.reversed() {
                    let next = direction == .outgoing ? edge.target : edge.source
                    if mark(next) { stack.append(next) }
                }
            }
        }
        return result
    }

    /// The chain from `start` following the first out-edge of `kind` at each step: `start`, its parent, its
    /// parent's parent, … Stops at a node without such an edge, or before revisiting a node (a cycle in bad data).
    ///
    ///     graph.chain(from: lastPart, kind: .continues).last   // the thread's root
    ///
    /// - Complexity: O(k log d) for a chain of k nodes of out-degree at most d, with a loop, not recursion.
    package func chain(from start: NodeID, kind: EdgeKind) -> [NodeID] {
        var result = [start]
        var seen: Set<NodeID> = [start]
        var node = start
        while let next = edges(from: node, kind: kind).first?.target, seen.insert(next).inserted {
            result.append(next)
            node = next
        }
        return result
    }
}
