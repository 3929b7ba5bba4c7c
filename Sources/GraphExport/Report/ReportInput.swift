import ReplyGraph

/// Everything the report shows, computed beforehand by the analyses (the report runs none itself).
package struct ReportInput: Sendable {
    /// The archive's name, shown in titles.
    package var name: String
    package var archive: Archive
    package var threads: [TweetThread]
    /// Every follow-up found (a thread's page shows those pointing into it).
    package var followUps: [FollowUp]
    package var summary: ArchiveSummary
    /// Computed with ``timeZone``.
    package var promotions: PromotionReport
    package var engagement: EngagementReport
    package var timeZone: ReportTimeZone
    package var users: RankedUsers
    /// At most this many threads get a page (and a row in the thread index): the longest, then the earliest.
    package var maxThreadPages: Int
    /// Graphviz drawings of threads beside the report (batch): root → path segments relative to the report folder.
    package var threadDrawings: [TweetID: [String]]

    /// - Parameters:
    ///   - threads: the threads of `archive` (``ReplyGraph/threads``, or hand-made ones).
    package init(
        name: String, archive: Archive, threads: [TweetThread], followUps: [FollowUp], summary: ArchiveSummary,
        promotions: PromotionReport, engagement: EngagementReport, timeZone: ReportTimeZone,
        users: RankedUsers, maxThreadPages: Int, threadDrawings: [TweetID: [String]] = [:]
    ) {
        self.name = name
        self.archive = archive
        self.threads = threads
        self.followUps = followUps
        self.summary = summary
        self.promotions = promotions
        self.engagement = engagement
        self.timeZone = timeZone
        self.users = users
        self.maxThreadPages = maxThreadPages
        self.threadDrawings = threadDrawings
    }
}

/// The users of a user graph with two centralities and their community (communities ranked by size, 0 the largest).
package struct RankedUsers: Sendable {
    /// Which graph: "mention", "interaction", ….
    package var graph: String
    package var labels: [String]
    package var pageRank: [Double]
    package var betweenness: [Double]
    /// How betweenness was computed when not exactly ("sampled, ±0.01 with 90% probability").
    package var betweennessNote: String?
    /// Per user, the rank of its community by size.
    package var community: [Int]
    /// Community sizes, largest first.
    package var communitySizes: [Int]
    package var modularity: Double

    package init(
        graph: String, labels: [String], pageRank: [Double], betweenness: [Double], betweennessNote: String?,
        community: [Int], communitySizes: [Int], modularity: Double
    ) {
        self.graph = graph
        self.labels = labels
        self.pageRank = pageRank
        self.betweenness = betweenness
        self.betweennessNote = betweennessNote
        self.community = community
        self.communitySizes = communitySizes
        self.modularity = modularity
    }

    /// The ranking ReplyGraph computed, with a note when betweenness was sampled.
    package init(_ ranking: UserRanking) {
        self.init(
            graph: ranking.kind.rawValue, labels: ranking.labels, pageRank: ranking.pageRank,
            betweenness: ranking.betweenness,
            betweennessNote: ranking.isSampled
                ? "Betweenness is sampled: within ±0.01 of the exact value for "
                    + "every user with probability 0.9." : nil,
            community: ranking.community, communitySizes: ranking.communitySizes,
            modularity: ranking.modularity)
    }

    /// No users.
    package static let empty = RankedUsers(
        graph: "mention", labels: [], pageRank: [], betweenness: [],
        betweennessNote: nil, community: [], communitySizes: [], modularity: 0)
}
