/// A node of a ``TweetGraph``: a dense index in `0..<graph.nodeCount`.
///
/// Archive tweets come first (in archive order, so `NodeID(i)` is `archive.tweets[i]`), then external tweets known
/// only by id, then users.
///
///     let graph = ReplyGraph(archive)
///     let node = graph.tweetGraph.node(for: archive.tweets[0].id)!   // NodeID(0)
///     graph.tweetGraph.kind(of: node)                           // .tweet
public struct NodeID: RawRepresentable, Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The dense node index.
    public var rawValue: Int32

    /// The node with index `rawValue`.
    @inlinable public init(rawValue: Int32) { self.rawValue = rawValue }
    @inlinable package init(_ index: Int) { self.rawValue = Int32(truncatingIfNeeded: index) }

    /// The index as an `Int`, for subscripting.
    @inlinable package var index: Int { Int(rawValue) }

    /// Orders nodes by index.
    @inlinable public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `n` and the index: `n42`.
    public var description: String { "n\(rawValue)" }
}

/// What a node stands for.
public enum NodeKind: UInt8, Hashable, Sendable, CaseIterable, Codable {
    /// A tweet contained in the archive.
    case tweet
    /// A tweet known only by id: a parent, quoted or retweeted tweet absent from the archive.
    case externalTweet
    /// A user, identified by a case-insensitive `Handle`.
    case user
}

/// The type of a directed edge. Raw values order edges within a node's adjacency.
public enum EdgeKind: UInt8, Hashable, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// user → tweet: the user wrote the tweet.
    case authored
    /// tweet → tweet when the parent id is known, else tweet → user for each leading reply handle (never for a
    /// leading handle of a thread continuation: that is a reply prefix, not a reply).
    case repliesTo
    /// tweet → user for each @-mention outside the reply run.
    case mentions
    /// tweet → the previous tweet of its thread (see ``ThreadLink``).
    case continues
    /// tweet → the quoted tweet.
    case quotes
    /// tweet → the retweeted tweet.
    case retweets
    /// tweet → the root of the thread (or the single tweet) it follows up (see ``FollowUp``).
    case followUpOf

    /// The case name: `repliesTo`.
    public var description: String {
        switch self {
        case .authored: "authored"
        case .repliesTo: "repliesTo"
        case .mentions: "mentions"
        case .continues: "continues"
        case .quotes: "quotes"
        case .retweets: "retweets"
        case .followUpOf: "followUpOf"
        }
    }
}

/// One directed, typed edge. `confidence` is 1 for stated facts and the link confidence for inferred
/// `continues` and `followUpOf` edges.
///
/// Layout: `Int32 + Int32 + Float + UInt8` = 13 bytes, stride 16.
public struct Edge: Hashable, Sendable {
    /// Where the edge starts.
    public var source: NodeID
    /// Where the edge ends.
    public var target: NodeID
    /// 1 for stated facts; the link confidence for inferred edges.
    public var confidence: Float
    /// What the edge stands for.
    public var kind: EdgeKind

    @inlinable package init(source: NodeID, target: NodeID, kind: EdgeKind, confidence: Float = 1) {
        self.source = source
        self.target = target
        self.confidence = confidence
        self.kind = kind
    }
}
