import Foundation

/// Everything an archive report shows, computed: the summary, promotions, the engagement model, and the interaction
/// graph's users ranked by weighted PageRank and betweenness with their Louvain communities.
///
///     let analysis = try ReportAnalysis(ReplyGraph(archive))
///     try ArchiveReport(name: "tweets", analysis: analysis).write(to: folder)   // GraphExport
///
/// The report itself (GraphExport's `ArchiveReport`) runs no analysis: it lays out this value.
public struct ReportAnalysis: Sendable {
    /// Exact betweenness estimated to take longer than this is sampled instead (and the report says so).
    package static let exactBetweennessSeconds = 5.0

    package var graph: ReplyGraph
    package var summary: ArchiveSummary
    /// Computed with `timeZone`.
    package var promotions: PromotionReport
    package var engagement: EngagementReport
    package var timeZone: ReportTimeZone
    package var users: UserRanking

    /// Runs the report's analyses on `graph`, with dates, months and posting hours in `timeZone`.
    ///
    /// - Parameters:
    ///   - graph: The archive's reply graph.
    ///   - timeZone: The zone of the report's dates, months and posting hours.
    ///   - progress: Told each step as it starts (`finding promotions (12 threads)`, `summarising`, …).
    /// - Throws: `CentralityError` when PageRank does not converge.
    /// - Complexity: betweenness's, O(n·m) in the interaction graph (sampled when that would take over 5 s).
    public init(
        _ graph: ReplyGraph, timeZone: ReportTimeZone = .utc,
        progress: (String) -> Void = { _ in }
    ) throws(CentralityError) {
        progress("finding promotions (\(graph.threads.count) threads)")
        var options = PromotionReport.Options(timeZone: timeZone)
        options.minesTemplates = false // the report does not show templates
        let promotions = PromotionReport(graph: graph, options: options)
        progress("summarising")
        try self.init(
            graph, summary: ArchiveSummary(graph.archive), promotions: promotions, timeZone: timeZone,
            progress: progress)
    }

    /// The analyses with `summary` and `promotions` as the caller already has them.
    package init(
        _ graph: ReplyGraph, summary: ArchiveSummary, promotions: PromotionReport, timeZone: ReportTimeZone,
        progress: (String) -> Void = { _ in }
    ) throws(CentralityError) {
        self.graph = graph
        self.summary = summary
        self.promotions = promotions
        self.timeZone = timeZone
        let offset = graph.archive.tweets.first.map { timeZone.offset(at: $0.createdAt) } ?? 0
        progress("modelling engagement")
        // The promotion report already classified every tweet: the model takes its categories.
        var categories: [TweetID: [PromotionCategory]] = [:]
        for decision in promotions.tweets { categories[decision.id] = decision.categories }
        engagement = EngagementReport(
            tweets: graph.tweets, threads: graph.threads, promotions: categories,
            options: .init(utcOffsetSeconds: offset))
        progress("projecting the interaction graph")
        let users = graph.userGraph(.interaction)
        progress("ranking \(users.nodeCount) users")
        self.users = try UserRanking(users, exactBetweennessSeconds: Self.exactBetweennessSeconds)
    }
}

/// The users of a user graph with weighted PageRank, unweighted betweenness and their Louvain community, communities
/// ranked by size (0 the largest): the report's table of top users and its community chart.
package struct UserRanking: Sendable {
    package var kind: UserGraphKind
    package var labels: [String]
    package var pageRank: [Double]
    package var betweenness: [Double]
    /// Betweenness was sampled (within ±0.01 of the exact value for every user with probability 0.9), because
    /// exact betweenness was estimated to take too long.
    package var isSampled: Bool
    /// Per user, the rank of its community by size.
    package var community: [Int]
    /// Community sizes, largest first.
    package var communitySizes: [Int]
    package var modularity: Double

    /// Ranks the users of `users` (an interaction graph), sampling betweenness when exact betweenness is estimated
    /// to take longer than `exactBetweennessSeconds`.
    ///
    /// - Throws: `CentralityError` when PageRank does not converge.
    package init(
        _ users: UserGraph, kind: UserGraphKind = .interaction,
        exactBetweennessSeconds: Double
    ) throws(CentralityError) {
        self.kind = kind
        labels = users.labels
        guard users.nodeCount > 0 else {
            pageRank = []
            betweenness = []
            isSampled = false
            community = []
            communitySizes = []
            modularity = 0
            return
        }
        let sampled =
            ExactBetweennessCost().estimatedSeconds(
                in: users, weighted: false,
                threads: ProcessInfo.processInfo.activeProcessorCount)
            > exactBetweennessSeconds
        // PageRank weighted by how often users interact (in a one-author archive every edge leaves the author, and
        // unweighted PageRank would tie them all); betweenness unweighted (a weight there would be a distance).
        let ranks = try CentralityPanel(metrics: [.pagerank], weighted: true).compute(in: users)
        let paths = try CentralityPanel(
            metrics: [.betweenness],
            errorBound: sampled ? .init(epsilon: 0.01, delta: 0.1) : nil, seed: 0
        )
        .compute(in: users)
        let communities = Louvain(seed: 0).communities(in: users)
        // Communities ranked by size (ties: the order Louvain gave), so colours go to the largest.
        let order = communities.members.indices.sorted {
            (communities.members[$0].count, $1) > (communities.members[$1].count, $0)
        }
        var rank = [Int](repeating: 0, count: communities.members.count)
        for (r, c) in order.enumerated() { rank[c] = r }
        pageRank = ranks.scores[.pagerank] ?? []
        betweenness = paths.scores[.betweenness] ?? []
        isSampled = sampled
        community = communities.communityOfNode.map { rank[Int($0)] }
        communitySizes = order.map { communities.members[$0].count }
        modularity = communities.modularity
    }
}
