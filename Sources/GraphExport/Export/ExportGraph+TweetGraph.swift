import ReplyGraph

extension ExportGraph {
    /// The tweet graph of a `ReplyGraph`: tweets, users and tweets referenced from outside the archive, joined by
    /// `authored`, `replies_to`, `mentions`, `continues`, `quotes`, `retweets` and `follow_up_of` edges.
    ///
    ///     let export = ExportGraph(tweetGraph: ReplyGraph(archive))
    ///     export.nodes.filter { $0.kind == "tweet" }.count == archive.tweets.count   // true
    ///
    /// Node ids: a tweet's decimal id (also for external tweets), `@` + the lower-cased handle for users.
    /// Tweet attributes: `author`, `created_at` (ISO 8601), `text`, `is_reply`, `is_retweet`, `thread_root` and
    /// `thread_position` (members of a thread), engagement counts where the archive has them. Users: `handle`,
    /// `tweets`. External tweets: `author`, `text` where known. Edges: `continues` and `follow_up_of` carry
    /// `confidence` and `reason`; `mentions` (each @handle in the text, once) carries `in_reply_run`.
    ///
    /// Built from the `Tweet`/`TweetThread` API only. Ordering: tweets by id, external tweets by id, users by
    /// handle; edges by their source tweet, then kind.
    ///
    /// - Complexity: O(T + M + L) for T tweets, M mentions and L thread links.
    public init(tweetGraph graph: ReplyGraph) {
        self.init(archive: graph.archive, threads: graph.threads, followUps: graph.followUps)
    }

    /// The tweet graph from plain parts, independent of how threads were reconstructed (see
    /// ``init(tweetGraph:)``); follow-ups are those given plus each thread's own.
    package init(archive: Archive, threads: [TweetThread], followUps: [FollowUp] = []) {
        self.init(collecting: TweetGraphExport(archive: archive, threads: threads, followUps: followUps))
    }
}
