import ReplyGraph

/// A user-to-user graph as plain data: scored nodes and weighted edges, with the filters the mentions view offers.
///
///     let graph = MentionGraph(nodes: [.init(handle: "a", score: 0.4, community: 0), .init(handle: "b", score: 0.1)],
///                              edges: [.init(source: "a", target: "b", weight: 3)])
///     graph.top(1).nodes.map(\.handle)            // ["a"]
///     graph.minWeight(5).edges.count              // 0
///
/// It holds no metric code: scores (PageRank, degree, …) and communities come from whoever builds it. Handles are
/// matched exactly, except in ``ego(_:radius:)``, which finds its centre case-insensitively.
public struct MentionGraph: Hashable, Sendable {
    /// A user: handle, score and community.
    public struct Node: Hashable, Sendable {
        /// The user's handle, without `@`.
        public var handle: String
        /// Sizes the node (PageRank, degree, …).
        public var score: Double
        /// Colours the node; `nil` for none.
        public var community: Int?

        /// A user node.
        public init(handle: String, score: Double, community: Int? = nil) {
            self.handle = handle
            self.score = score
            self.community = community
        }
    }

    /// The users, in the order given.
    public var nodes: [Node]
    /// The weighted edges between users.
    public var edges: [WeightedEdge]
    /// Whether an edge goes from its source to its target (mentions) rather than joining them (co-mentions).
    public var isDirected: Bool

    /// A graph of `nodes` and `edges`; nodes missing for an edge's endpoint are added with score 0.
    public init(nodes: [Node], edges: [WeightedEdge], isDirected: Bool = true) {
        var nodes = nodes
        var known = Set(nodes.map(\.handle))
        for edge in edges {
            for handle in [edge.source, edge.target] where known.insert(handle).inserted {
                nodes.append(Node(handle: handle, score: 0))
            }
        }
        self.nodes = nodes
        self.edges = edges
        self.isDirected = isDirected
    }

    /// Keeps the nodes in `handles` and the edges between them.
    package func restricted(to handles: Set<String>) -> MentionGraph {
        MentionGraph(
            nodes: nodes.filter { handles.contains($0.handle) },
            edges: edges.filter { handles.contains($0.source) && handles.contains($0.target) },
            isDirected: isDirected)
    }

    /// The `n` highest-scoring nodes (ties by handle) and the edges among them.
    ///
    /// - Complexity: O(V log V + E).
    public func top(_ n: Int) -> MentionGraph {
        let kept = nodes.sorted { ($1.score, $0.handle) < ($0.score, $1.handle) }.prefix(max(0, n)).map(\.handle)
        return restricted(to: Set(kept))
    }

    /// The `n` best-connected nodes — by weighted degree, then score, then handle — and the edges among them.
    ///
    /// Unlike ``top(_:)`` it keeps hubs that mention many users but are rarely mentioned (the account at the centre
    /// of a one-account archive, which PageRank ranks low), so the cut graph keeps its edges.
    ///
    /// - Complexity: O(V log V + E).
    public func bestConnected(_ n: Int) -> MentionGraph {
        guard nodes.count > n else { return self }
        var strength: [String: Double] = [:]
        for edge in edges {
            strength[edge.source, default: 0] += edge.weight
            strength[edge.target, default: 0] += edge.weight
        }
        let kept = nodes.sorted {
            let (a, b) = (strength[$0.handle] ?? 0, strength[$1.handle] ?? 0)
            return a != b ? a > b : $0.score != $1.score ? $0.score > $1.score : $0.handle < $1.handle
        }.prefix(max(0, n)).map(\.handle)
        return restricted(to: Set(kept))
    }

    /// Drops edges lighter than `weight`, then nodes left without edges.
    ///
    /// - Complexity: O(V + E).
    public func minWeight(_ weight: Double) -> MentionGraph {
        let heavy = edges.filter { $0.weight >= weight }
        let touched = Set(heavy.flatMap { [$0.source, $0.target] })
        return MentionGraph(nodes: nodes.filter { touched.contains($0.handle) }, edges: heavy, isDirected: isDirected)
    }

    /// The `k`-core: the largest subgraph where every node has at least `k` distinct neighbours (edge direction
    /// and self-loops ignored), from ReplyGraph's `CoreNumber` on the undirected graph.
    ///
    /// - Complexity: O(V + E log E).
    public func kCore(_ k: Int) -> MentionGraph {
        let index = Dictionary(
            nodes.enumerated().map { ($1.handle, Int32($0)) }, uniquingKeysWith: { first, _ in first })
        let simple = UserGraph(
            labels: nodes.map(\.handle),
            edges: edges.compactMap { edge in
                guard let source = index[edge.source], let target = index[edge.target] else { return nil }
                return UserGraph.Edge(source, target)
            }, directed: false)
        let core = CoreNumber().values(in: simple)
        return restricted(to: Set(nodes.indices.filter { core[$0] >= k }.map { nodes[$0].handle }))
    }

    /// The nodes within `radius` hops of `handle` (edge direction ignored; matched case-insensitively) and the edges
    /// among them; empty when `handle` is absent.
    ///
    /// - Complexity: O(V + E).
    public func ego(_ handle: String, radius: Int) -> MentionGraph {
        let wanted = Self.fold(handle.hasPrefix("@") ? String(handle.dropFirst()) : handle)
        guard let centre = nodes.first(where: { Self.fold($0.handle) == wanted })?.handle else {
            return MentionGraph(nodes: [], edges: [], isDirected: isDirected)
        }
        var neighbours: [String: [String]] = [:]
        for edge in edges {
            neighbours[edge.source, default: []].append(edge.target)
            neighbours[edge.target, default: []].append(edge.source)
        }
        var seen: Set<String> = [centre]
        var frontier = [centre]
        for _ in 0..<max(0, radius) {
            var next: [String] = []
            for handle in frontier {
                for other in neighbours[handle] ?? [] where seen.insert(other).inserted { next.append(other) }
            }
            frontier = next
        }
        return restricted(to: seen)
    }

    static func fold(_ text: String) -> String {
        String(decoding: text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }
}

/// A weighted edge between two named nodes.
public struct WeightedEdge: Hashable, Sendable {
    /// The source node's name.
    public var source: String
    /// The target node's name.
    public var target: String
    /// The edge's weight (mentions counted, for instance).
    public var weight: Double

    /// An edge from `source` to `target`.
    public init(source: String, target: String, weight: Double = 1) {
        self.source = source
        self.target = target
        self.weight = weight
    }
}
