/// Collects nodes and edges, then freezes them into a ``TweetGraph``.
///
///     var builder = GraphBuilder(archive: archive)
///     let bob = builder.user(Handle("bob"))
///     builder.addEdge(from: bob, to: NodeID(0), kind: .authored)
///     let graph = builder.build()
///     graph.edgeCount(.authored)   // 1
///
/// Tweet nodes exist from the start (one per archive tweet); external tweets and users are added on first use and
/// keep that id. Edges may be added in any order; ``build()`` sorts them with two stable counting sorts.
package struct GraphBuilder: Sendable {
    package let archive: Archive
    private var externalIDs: ContiguousArray<TweetID> = []
    private var externalIndex: [TweetID: Int32] = [:]
    private var users: ContiguousArray<Handle> = []
    private var userIndex: [String: Int32] = [:]
    private var edges: ContiguousArray<Edge> = []

    package init(archive: Archive, expectedEdges: Int = 0) {
        self.archive = archive
        edges.reserveCapacity(expectedEdges)
    }

    /// The node of a tweet id: its archive node, else an external-tweet node (added if new).
    package mutating func tweet(_ id: TweetID) -> NodeID {
        if let i = archive.index(of: id) { return NodeID(i) }
        if let x = externalIndex[id] { return NodeID(archive.tweets.count + Int(x)) }
        let x = Int32(externalIDs.count)
        externalIDs.append(id)
        externalIndex[id] = x
        return NodeID(archive.tweets.count + Int(x))
    }

    /// The node of a user, added on first use with this spelling.
    ///
    /// User nodes are numbered after all external tweets, so their final ids are assigned in ``build()``; the value
    /// returned here is provisional and only valid as an argument to ``addEdge(from:to:kind:confidence:)``.
    package mutating func user(_ handle: Handle) -> NodeID {
        if let u = userIndex[handle.key] { return NodeID(rawValue: Self.userTag | u) }
        let u = Int32(users.count)
        users.append(handle)
        userIndex[handle.key] = u
        return NodeID(rawValue: Self.userTag | u)
    }

    package mutating func addEdge(from source: NodeID, to target: NodeID, kind: EdgeKind, confidence: Float = 1) {
        edges.append(Edge(source: source, target: target, kind: kind, confidence: confidence))
    }

    /// Adds `other`'s nodes and edges after this builder's, as if its edges had been added here, in its order:
    /// `other`'s users and external tweets that are new here are numbered after this builder's own, in the order
    /// `other` first used them. Both builders must be of the same archive.
    package mutating func append(_ other: GraphBuilder) {
        var userIDs = ContiguousArray<Int32>()
        userIDs.reserveCapacity(other.users.count)
        for handle in other.users { userIDs.append(user(handle).rawValue) }
        var externalIDs = ContiguousArray<Int32>()
        externalIDs.reserveCapacity(other.externalIDs.count)
        for id in other.externalIDs { externalIDs.append(tweet(id).rawValue) }
        let tweets = Int32(archive.tweets.count)
        func resolve(_ n: NodeID) -> NodeID {
            if n.rawValue < 0 { return NodeID(rawValue: userIDs[Int(n.rawValue & Int32.max)]) }
            return n.rawValue < tweets ? n : NodeID(rawValue: externalIDs[Int(n.rawValue - tweets)])
        }
        edges.reserveCapacity(edges.count + other.edges.count)
        for e in other.edges {
            edges.append(
                Edge(source: resolve(e.source), target: resolve(e.target), kind: e.kind, confidence: e.confidence))
        }
    }

    /// Users are tagged with the sign bit until their base offset is known.
    private static let userTag: Int32 = Int32.min

    /// Freezes the graph: resolves user ids, then builds out- and in-adjacency with stable counting sorts by kind
    /// and by endpoint.
    ///
    /// - Complexity: O(N + E).
    package func build() -> TweetGraph {
        let userBase = Int32(archive.tweets.count + externalIDs.count)
        let nodeCount = Int(userBase) + users.count
        precondition(nodeCount < Int(Int32.max) && edges.count < Int(Int32.max), "graph too large for Int32 ids")
        func resolve(_ n: NodeID) -> NodeID {
            n.rawValue < 0 ? NodeID(rawValue: (n.rawValue & Int32.max) + userBase) : n
        }
        let kinds = EdgeKind.allCases.count
        var countsByKind = [Int](repeating: 0, count: kinds)
        for e in edges { countsByKind[Int(e.kind.rawValue)] += 1 }

        // Pass 1: stable counting sort by kind.
        var kindStart = [Int](repeating: 0, count: kinds + 1)
        for k in 0..<kinds { kindStart[k + 1] = kindStart[k] + countsByKind[k] }
        var byKind = ContiguousArray<Edge>(unsafeUninitializedCapacity: edges.count) { buffer, count in
            var next = kindStart
            for e in edges {
                let k = Int(e.kind.rawValue)
                buffer.baseAddress!.advanced(by: next[k]).initialize(
                    to: Edge(
                        source: resolve(e.source), target: resolve(e.target), kind: e.kind,
                        confidence: e.confidence))
                next[k] += 1
            }
            count = edges.count
        }

        // Pass 2: stable counting sort by source → out-adjacency.
        var outOffsets = ContiguousArray<Int32>(repeating: 0, count: nodeCount + 1)
        for e in byKind { outOffsets[e.source.index + 1] += 1 }
        for i in 0..<nodeCount { outOffsets[i + 1] += outOffsets[i] }
        let store = ContiguousArray<Edge>(unsafeUninitializedCapacity: byKind.count) { buffer, count in
            var next = outOffsets
            for e in byKind {
                buffer.baseAddress!.advanced(by: Int(next[e.source.index])).initialize(to: e)
                next[e.source.index] += 1
            }
            count = byKind.count
        }
        byKind = []

        // In-adjacency: edge indices, stable by kind (store is not kind-major, so sort indices by kind first).
        var kindOrder = ContiguousArray<Int32>(repeating: 0, count: store.count)
        do {
            var next = kindStart
            for (i, e) in store.enumerated() {
                let k = Int(e.kind.rawValue)
                kindOrder[next[k]] = Int32(i)
                next[k] += 1
            }
        }
        var inOffsets = ContiguousArray<Int32>(repeating: 0, count: nodeCount + 1)
        for e in store { inOffsets[e.target.index + 1] += 1 }
        for i in 0..<nodeCount { inOffsets[i + 1] += inOffsets[i] }
        var inEdges = ContiguousArray<Int32>(repeating: 0, count: store.count)
        do {
            var next = inOffsets
            for i in kindOrder {
                let t = store[Int(i)].target.index
                inEdges[Int(next[t])] = i
                next[t] += 1
            }
        }
        let graph = TweetGraph(
            archive: archive, externalIDs: externalIDs, externalIndex: externalIndex, users: users,
            userIndex: userIndex, edgeStore: store, outOffsets: outOffsets, inEdges: inEdges,
            inOffsets: inOffsets, countsByKind: countsByKind)
        #if DEBUG
            graph.checkInvariants()
        #endif
        return graph
    }
}
