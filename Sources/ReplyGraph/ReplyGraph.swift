/// An archive's reply graph: its tweets, the threads reconstructed from them, follow-ups, and the typed graph over
/// tweets, external tweets and users.
///
///     let archive = try ArchiveReader().read(paths: [SampleArchive.path])
///     let graph = ReplyGraph(archive)
///     graph.threads.count                       // 228 threads of two or more tweets
///     graph.thread(containing: id)?.links       // how each part attaches, with confidence and reason
///     graph.nodeCount                           // 2469: 2073 tweets and 396 users
///     graph.edgeCount(.continues)               // 1283, one per link
///     let me = graph.node(for: Handle("AlexXuByte"))!
///     graph.edges(from: me, kind: .authored).count   // 2073
///     graph.edges(to: me, kind: .mentions).count     // 86 tweets mention the account
///
/// Building one reconstructs threads (`ThreadReconstructor`) and then freezes the typed graph (``TweetGraph``);
/// the value is immutable and `Sendable`.
///
/// - Complexity: O(n + e) for n tweets and e edges once the archive is in time order (O(n log n) otherwise).
public struct ReplyGraph: Sendable {
    /// The archive the graph was built from, in time order.
    public let archive: Archive
    /// Threads ordered by root id.
    public let threads: [TweetThread]
    /// Follow-ups ordered by tweet id.
    public let followUps: [FollowUp]
    /// The options thread reconstruction ran with.
    public let options: ThreadOptions
    /// The typed graph; node lookup, edges by kind, degrees.
    public let tweetGraph: TweetGraph
    /// For each archive tweet, the index of its thread in ``threads``, or -1.
    private let threadIndex: ContiguousArray<Int32>

    /// Reconstructs the threads and follow-ups of `archive` and builds the typed graph.
    public init(_ archive: Archive, options: ThreadOptions = ThreadOptions()) {
        self.archive = archive
        self.options = options
        let result = ThreadReconstructor(options: options).run(archive)
        self.threads = result.threads
        self.followUps = result.followUps
        self.threadIndex = result.threadIndex
        self.tweetGraph = GraphBuilder.replyGraph(archive, result)
    }

    /// The archive's tweets, in time order.
    package var tweets: [Tweet] { archive.tweets }

    /// The thread `id` belongs to, in O(1).
    public func thread(containing id: TweetID) -> TweetThread? {
        guard let i = archive.index(of: id), threadIndex[i] >= 0 else { return nil }
        return threads[Int(threadIndex[i])]
    }
}
