/// The typed reply graph of an archive: a frozen directed multigraph in compressed sparse row (CSR) form.
///
/// Nodes are dense ``NodeID``s: the archive's tweets first (node `i` is `archive.tweets[i]`), then external tweets
/// known only by id, then users (handles compared case-insensitively, displayed as first seen). Edges carry an
/// ``EdgeKind``. Build one with `GraphBuilder`; once built it is immutable and `Sendable`.
///
///     let graph = ReplyGraph(archive)
///     let alice = graph.node(for: Handle("alice"))!
///     graph.edges(from: alice, kind: .authored).count   // tweets alice wrote
///     graph.edges(to: alice, kind: .mentions).count     // tweets that mention her
///
/// Storage, per edge and per node (bytes):
///
/// | array | element | count | bytes |
/// |---|---|---|---|
/// | `edges` (out-adjacency, sorted by source, then kind) | ``Edge`` (stride 16) | E | 16 E |
/// | `inEdges` (edge indices sorted by target, then kind) | `Int32` | E | 4 E |
/// | `outOffsets`, `inOffsets` | `Int32` | 2 (N + 1) | 8 N |
/// | `externalIDs` + `externalIndex` | `TweetID` + dictionary entry | X | ≈ 8 X + 24 X |
/// | `users` + `userIndex` | `Handle` + dictionary entry | U | ≈ 32 U + 40 U (+ name bytes) |
///
/// Tweet nodes need no table of their own: their ids map to nodes through the archive's index (part of "the
/// tweets themselves"). With E ≥ N, as in any archive (every tweet has its `authored` edge), that is at most
/// 16 + 4 + 8 = 28 bytes per edge plus the external-tweet and user tables; `storageBytes` measures it, and the
/// bench's `threads` phase prints it per edge (about 25 bytes on the synthetic 1M-tweet corpus).
public struct TweetGraph: Sendable {
    /// The archive whose tweets are nodes `0..<tweetCount`.
    public let archive: Archive
    let externalIDs: ContiguousArray<TweetID>
    let externalIndex: [TweetID: Int32]
    let users: ContiguousArray<Handle>
    let userIndex: [String: Int32]
    /// Out-adjacency: all edges, sorted by source, then kind (stable: insertion order within a kind).
    let edgeStore: ContiguousArray<Edge>
    let outOffsets: ContiguousArray<Int32>
    /// In-adjacency: indices into `edgeStore`, sorted by target, then kind.
    let inEdges: ContiguousArray<Int32>
    let inOffsets: ContiguousArray<Int32>
    let countsByKind: [Int]

    /// Archive tweets: nodes `0..<tweetCount`.
    public var tweetCount: Int { archive.tweets.count }
    /// External tweets: nodes `tweetCount..<tweetCount + externalTweetCount`.
    package var externalTweetCount: Int { externalIDs.count }
    /// Users: the last `userCount` nodes.
    public var userCount: Int { users.count }
    /// All nodes: archive tweets, external tweets and users.
    public var nodeCount: Int { outOffsets.count - 1 }
    /// All edges, of every kind.
    public var edgeCount: Int { edgeStore.count }

    /// The number of edges of one kind, in O(1).
    public func edgeCount(_ kind: EdgeKind) -> Int { countsByKind[Int(kind.rawValue)] }

    /// Every node id, in order.
    public var nodes: some RandomAccessCollection<NodeID> { (0..<nodeCount).lazy.map(NodeID.init) }

    /// The node of a tweet (archive or external), in O(1); `nil` for an id the graph does not know.
    public func node(for id: TweetID) -> NodeID? {
        if let i = archive.index(of: id) { return NodeID(i) }
        if let x = externalIndex[id] { return NodeID(tweetCount + Int(x)) }
        return nil
    }

    /// The node of a user, in O(1) (one case-folded hash lookup); `nil` for a handle the graph does not know.
    public func node(for handle: Handle) -> NodeID? {
        userIndex[handle.key].map { NodeID(tweetCount + externalIDs.count + Int($0)) }
    }

    /// What `node` stands for, in O(1).
    public func kind(of node: NodeID) -> NodeKind {
        precondition(node.rawValue >= 0 && node.index < nodeCount, "node \(node) out of range")
        if node.index < tweetCount { return .tweet }
        return node.index < tweetCount + externalIDs.count ? .externalTweet : .user
    }

    /// The tweet id of a tweet or external-tweet node; `nil` for users.
    public func tweetID(of node: NodeID) -> TweetID? {
        switch kind(of: node) {
        case .tweet: archive.tweets[node.index].id
        case .externalTweet: externalIDs[node.index - tweetCount]
        case .user: nil
        }
    }

    /// The archive tweet of a tweet node; `nil` for external tweets and users.
    public func tweet(of node: NodeID) -> Tweet? {
        kind(of: node) == .tweet ? archive.tweets[node.index] : nil
    }

    /// The handle of a user node (as first seen); `nil` for tweets.
    public func handle(of node: NodeID) -> Handle? {
        kind(of: node) == .user ? users[node.index - tweetCount - externalIDs.count] : nil
    }

    /// Edges leaving `node`, optionally of one kind.
    ///
    ///     graph.edges(from: tweetNode, kind: .mentions).map(\.target)   // mentioned users
    ///
    /// - Complexity: O(log d) to find the kind's run among the node's d out-edges; iterating is O(1) per edge.
    public func edges(from node: NodeID, kind: EdgeKind? = nil) -> EdgeList {
        let lo = Int(outOffsets[node.index])
        let hi = Int(outOffsets[node.index + 1])
        guard let kind else { return EdgeList(store: edgeStore, order: nil, range: lo..<hi) }
        let range = kindRange(lo..<hi, kind) { edgeStore[$0].kind }
        return EdgeList(store: edgeStore, order: nil, range: range)
    }

    /// Edges entering `node`, optionally of one kind.
    ///
    ///     graph.edges(to: userNode, kind: .repliesTo).count   // replies the user received by handle
    ///
    /// - Complexity: O(log d) to find the kind's run among the node's d in-edges; iterating is O(1) per edge.
    public func edges(to node: NodeID, kind: EdgeKind? = nil) -> EdgeList {
        let lo = Int(inOffsets[node.index])
        let hi = Int(inOffsets[node.index + 1])
        guard let kind else { return EdgeList(store: edgeStore, order: inEdges, range: lo..<hi) }
        let range = kindRange(lo..<hi, kind) { edgeStore[Int(inEdges[$0])].kind }
        return EdgeList(store: edgeStore, order: inEdges, range: range)
    }

    /// Out-degree of `node`, in O(1).
    package func outDegree(of node: NodeID) -> Int { Int(outOffsets[node.index + 1] - outOffsets[node.index]) }
    /// In-degree of `node`, in O(1).
    package func inDegree(of node: NodeID) -> Int { Int(inOffsets[node.index + 1] - inOffsets[node.index]) }

    /// Bytes held by the graph's own arrays and tables (not the archive): the figure the layout table above adds up.
    package var storageBytes: Int {
        let handleBytes = users.reduce(0) {
            $0 + MemoryLayout<Handle>.stride + $1.display.utf8.count
                + $1.key.utf8.count
        }
        return edgeStore.capacity * MemoryLayout<Edge>.stride
            + inEdges.capacity * 4 + outOffsets.capacity * 4 + inOffsets.capacity * 4
            + externalIDs.capacity * MemoryLayout<TweetID>.stride
            + externalIndex.capacity * (MemoryLayout<TweetID>.stride + 4 + 1)
            + handleBytes + userIndex.capacity * (MemoryLayout<String>.stride + 4 + 1)
    }

    /// The sub-range of `range` whose edges have `kind`, by binary search (edges are sorted by kind per node).
    private func kindRange(_ range: Range<Int>, _ kind: EdgeKind, _ kindAt: (Int) -> EdgeKind) -> Range<Int> {
        func lowerBound(_ value: UInt8) -> Int {
            var lo = range.lowerBound
            var hi = range.upperBound
            while lo < hi {
                let mid = (lo + hi) / 2
                if kindAt(mid).rawValue < value { lo = mid + 1 } else { hi = mid }
            }
            return lo
        }
        return lowerBound(kind.rawValue)..<lowerBound(kind.rawValue + 1)
    }
}

/// A run of edges in a ``TweetGraph``'s adjacency, without copying.
public struct EdgeList: RandomAccessCollection, Sendable {
    let store: ContiguousArray<Edge>
    let order: ContiguousArray<Int32>?
    let range: Range<Int>

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of edges.
    public var endIndex: Int { range.count }
    /// The edge at `position`, in O(1).
    public subscript(position: Int) -> Edge {
        let i = range.lowerBound + position
        return order.map { store[Int($0[i])] } ?? store[i]
    }
}
