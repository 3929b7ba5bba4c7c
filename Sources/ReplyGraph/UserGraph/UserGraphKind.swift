/// Which user→user relation a ``UserGraph`` projects from tweets.
///
///     UserGraph.project(.mention, tweets: archive.tweets).isDirected     // true
///     UserGraph.project(.coMention, tweets: archive.tweets).isDirected   // false
public enum UserGraphKind: String, CaseIterable, Hashable, Sendable {
    /// Author → each handle in `Tweet/mentionedHandles` (the reply run excluded); weight = tweets.
    case mention
    /// Author → each handle in `Tweet/replyHandles`; weight = tweets.
    case reply
    /// Mentions, replies, quotes and retweets together; per-kind weights and their total.
    case interaction
    /// Undirected: two distinct handles @-mentioned in the same tweet (reply run included); weight = tweets.
    case coMention = "co-mention"

    /// Whether graphs of this kind are directed.
    public var isDirected: Bool { self != .coMention }
}

/// The relation an edge of an ``UserGraphKind/interaction`` graph counts, for per-kind weights.
package enum InteractionKind: Int, CaseIterable, Hashable, Sendable {
    case mention = 0
    case reply, quote, retweet
}

/// Filters applied while projecting a ``UserGraph``.
///
///     var options = UserGraphOptions()
///     options.minWeight = 2          // drop edges seen only once
///     options.includeSelf = true     // keep self-mentions in the adjacency used by metrics
public struct UserGraphOptions: Hashable, Sendable {
    /// Edges whose (total) weight is below this are dropped, and so are nodes left without edges.
    package var minWeight: Double
    /// Only tweets created at or after this instant.
    package var since: Timestamp?
    /// Only tweets created before this instant.
    package var until: Timestamp?
    /// Keep self-loops in the adjacency that metrics read. They are always recorded in
    /// ``UserGraph/selfLoopWeights`` either way.
    package var includeSelf: Bool

    /// Options: drop edges lighter than `minWeight`, keep tweets in `since..<until`, keep self-loops if `includeSelf`.
    public init(minWeight: Double = 0, since: Timestamp? = nil, until: Timestamp? = nil, includeSelf: Bool = false) {
        self.minWeight = minWeight
        self.since = since
        self.until = until
        self.includeSelf = includeSelf
    }
}
