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

    /// Sorts `store[segment]` by kind, keeping the order of equal kinds: insertion for a few edges, else a
    /// counting sort through `scratch`.
    private static func sortByKind(
        _ store: inout ContiguousArray<Edge>, _ segment: Range<Int>, _ scratch: inout [Edge]
    ) {
        if segment.count <= 16 {
            for i in segment.dropFirst() {
                let e = store[i]
                var j = i
                while j > segment.lowerBound && store[j - 1].kind.rawValue > e.kind.rawValue {
                    store[j] = store[j - 1]
                    j -= 1
                }
                store[j] = e
            }
            return
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: store[segment])
        var next = [Int](repeating: 0, count: EdgeKind.allCases.count + 1)
        for e in scratch { next[Int(e.kind.rawValue) + 1] += 1 }
        for k in 0..<EdgeKind.allCases.count { next[k + 1] += next[k] }
        for e in scratch {
            store[segment.lowerBound + next[Int(e.kind.rawValue)]] = e
            next[Int(e.kind.rawValue)] += 1
        }
    }

    /// Users are tagged with the sign bit until their base offset is known.
    private static let userTag: Int32 = Int32.min

    /// Freezes the graph: resolves user ids, builds the out-adjacency with one stable counting sort by source
    /// (then by kind within each source, where its edges were not added in kind order), and the in-adjacency with
    /// stable counting sorts by kind and by target. The collected edges are released as soon as they are sorted.
    ///
    /// - Complexity: O(N + E).
    package consuming func build() -> TweetGraph {
        let userBase = Int32(archive.tweets.count + externalIDs.count)
        let nodeCount = Int(userBase) + users.count
        precondition(nodeCount < Int(Int32.max) && edges.count < Int(Int32.max), "graph too large for Int32 ids")
        func resolve(_ n: NodeID) -> NodeID {
            n.rawValue < 0 ? NodeID(rawValue: (n.rawValue & Int32.max) + userBase) : n
        }
        let kinds = EdgeKind.allCases.count
        var countsByKind = [Int](repeating: 0, count: kinds)
        var outOffsets = ContiguousArray<Int32>(repeating: 0, count: nodeCount + 1)
        for e in edges {
            countsByKind[Int(e.kind.rawValue)] += 1
            outOffsets[resolve(e.source).index + 1] += 1
        }
        for i in 0..<nodeCount { outOffsets[i + 1] += outOffsets[i] }

        // Out-adjacency: a stable counting sort by source, then each source's edges stably by kind.
        var store = ContiguousArray<Edge>(unsafeUninitializedCapacity: edges.count) { buffer, count in
            var next = outOffsets
            for e in edges {
                let source = resolve(e.source)
                buffer.baseAddress!.advanced(by: Int(next[source.index])).initialize(
                    to: Edge(source: source, target: resolve(e.target), kind: e.kind, confidence: e.confidence))
                next[source.index] += 1
            }
            count = edges.count
        }
        edges = []
        var scratch: [Edge] = []
        for v in 0..<nodeCount {
            let segment = Int(outOffsets[v])..<Int(outOffsets[v + 1])
            guard segment.count > 1 else { continue }
            var sorted = true
            for i in segment.dropFirst() where store[i - 1].kind.rawValue > store[i].kind.rawValue {
                sorted = false
                break
            }
            if !sorted { Self.sortByKind(&store, segment, &scratch) }
        }

        // In-adjacency: edge indices by target, stable by kind and then by position in the store; one read of the
        // store per kind that occurs (reading it in order beats gathering edges through a list of indices).
        var inOffsets = ContiguousArray<Int32>(repeating: 0, count: nodeCount + 1)
        for e in store { inOffsets[e.target.index + 1] += 1 }
        for i in 0..<nodeCount { inOffsets[i + 1] += inOffsets[i] }
        let inEdges = ContiguousArray<Int32>(unsafeUninitializedCapacity: store.count) { buffer, count in
            var next = inOffsets
            for kind in EdgeKind.allCases where countsByKind[Int(kind.rawValue)] > 0 {
                for (i, e) in store.enumerated() where e.kind == kind {
                    let t = e.target.index
                    buffer[Int(next[t])] = Int32(i)
                    next[t] += 1
                }
            }
            count = store.count
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
