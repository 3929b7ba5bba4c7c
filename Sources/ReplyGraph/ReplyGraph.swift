/// An archive's reply graph: its tweets, the threads reconstructed from them, and follow-ups.
///
///     let archive = try ArchiveReader().read(paths: [SampleArchive.path])
///     let graph = ReplyGraph(archive)
///     graph.threads.count          // threads of two or more tweets
///     graph.thread(containing: id) // the thread a tweet belongs to, if any
public struct ReplyGraph: Sendable {
    public let archive: Archive
    /// Threads ordered by root id.
    public let threads: [Thread]
    public let followUps: [FollowUp]
    public let options: ThreadOptions
    private let threadOfTweet: [TweetID: Int]

    public init(_ archive: Archive, options: ThreadOptions = ThreadOptions()) {
        self.archive = archive
        self.options = options
        let result = ThreadReconstructor(options: options).reconstruct(archive)
        self.threads = result.threads
        self.followUps = result.followUps
        var index: [TweetID: Int] = [:]
        for (k, thread) in result.threads.enumerated() { for id in thread.tweets { index[id] = k } }
        self.threadOfTweet = index
    }

    public var tweets: [Tweet] { archive.tweets }

    /// The thread `id` belongs to, in O(1).
    public func thread(containing id: TweetID) -> Thread? { threadOfTweet[id].map { threads[$0] } }
}
