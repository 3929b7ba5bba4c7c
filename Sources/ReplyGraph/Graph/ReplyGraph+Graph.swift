/// The typed-graph queries of ``TweetGraph``, available on ``ReplyGraph`` itself.
///
///     let graph = ReplyGraph(archive)
///     let node = graph.node(for: Handle("alexxubyte"))!
///     graph.kind(of: node)                          // .user
///     graph.edges(from: node, kind: .authored).count   // tweets written
extension ReplyGraph {
    package var nodeCount: Int { tweetGraph.nodeCount }
    package var edgeCount: Int { tweetGraph.edgeCount }
    /// The number of edges of one kind, in O(1).
    package func edgeCount(_ kind: EdgeKind) -> Int { tweetGraph.edgeCount(kind) }
    /// The node of a tweet (archive or external), in O(1).
    package func node(for id: TweetID) -> NodeID? { tweetGraph.node(for: id) }
    /// The node of a user (case-insensitive), in O(1).
    package func node(for handle: Handle) -> NodeID? { tweetGraph.node(for: handle) }
    package func kind(of node: NodeID) -> NodeKind { tweetGraph.kind(of: node) }
    /// The nodes of one kind, in id order, in O(1).
    package func nodes(of kind: NodeKind) -> LazyMapSequence<Range<Int>, NodeID> { tweetGraph.nodes(of: kind) }
    /// Edges leaving `node`, optionally of one kind. - Complexity: O(log d) for d out-edges.
    package func edges(from node: NodeID, kind: EdgeKind? = nil) -> EdgeList {
        tweetGraph.edges(from: node, kind: kind)
    }
    /// Edges entering `node`, optionally of one kind. - Complexity: O(log d) for d in-edges.
    package func edges(to node: NodeID, kind: EdgeKind? = nil) -> EdgeList { tweetGraph.edges(to: node, kind: kind) }
    package func tweetID(of node: NodeID) -> TweetID? { tweetGraph.tweetID(of: node) }
    package func handle(of node: NodeID) -> Handle? { tweetGraph.handle(of: node) }
}
