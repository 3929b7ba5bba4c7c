import Foundation
import GraphExport
import ReplyGraph

/// Runs the analyses the report shows and writes its site: shared by `report` and `batch`.
enum ReportBuilder {
    /// Exact betweenness estimated to take longer than this is sampled instead (and the report says so).
    static let exactBetweennessSeconds = 5.0

    /// The report's input for `graph`: engagement (with the schedule's time zone), and the interaction graph's
    /// weighted PageRank, betweenness and Louvain communities. `summary` and `promotions` are passed in when the caller has them.
    static func input(name: String, graph: ReplyGraph, summary: ArchiveSummary, promotions: PromotionReport,
                      timeZone: ReportTimeZone, maxThreadPages: Int,
                      threadDrawings: [TweetID: [String]] = [:],
                      progress: (String) -> Void = { _ in }) throws -> ReportInput {
        let offset = graph.archive.tweets.first.map { timeZone.offset(at: $0.createdAt) } ?? 0
        progress("modelling engagement")
        // The promotion report already classified every tweet: the model takes its categories.
        var categories: [TweetID: [PromotionCategory]] = [:]
        for decision in promotions.tweets { categories[decision.id] = decision.categories }
        let engagement = EngagementReport(tweets: graph.tweets, threads: graph.threads, promotions: categories,
                                          options: .init(utcOffsetSeconds: offset))
        progress("projecting the interaction graph")
        let users = graph.userGraph(.interaction)
        progress("ranking \(users.nodeCount) users")
        let ranked = try rankedUsers(users)
        return ReportInput(name: name, archive: graph.archive, threads: graph.threads, followUps: graph.followUps,
                           summary: summary, promotions: promotions, engagement: engagement,
                           timeZone: timeZone, users: ranked,
                           maxThreadPages: maxThreadPages, threadDrawings: threadDrawings)
    }

    static func rankedUsers(_ users: UserGraph) throws -> RankedUsers {
        guard users.nodeCount > 0 else { return .empty }
        let sampled = ExactBetweennessCost().estimatedSeconds(in: users, weighted: false,
                                                             threads: ProcessInfo.processInfo.activeProcessorCount)
            > exactBetweennessSeconds
        // PageRank weighted by how often users interact (in a one-author archive every edge leaves the author, and
        // unweighted PageRank would tie them all); betweenness unweighted (a weight there would be a distance).
        let pageRank = CentralityPanel(metrics: [.pagerank], weighted: true)
        let betweenness = CentralityPanel(metrics: [.betweenness],
                                          errorBound: sampled ? .init(epsilon: 0.01, delta: 0.1) : nil, seed: 0)
        let ranks: CentralityPanel.Result, paths: CentralityPanel.Result
        do {
            ranks = try pageRank.compute(in: users)
            paths = try betweenness.compute(in: users)
        } catch { throw CommandFailure(.software, "\(error)") }
        let communities = Louvain(seed: 0).communities(in: users)
        // Communities ranked by size (ties: the order Louvain gave), so colours go to the largest.
        let order = communities.members.indices.sorted {
            (communities.members[$0].count, $1) > (communities.members[$1].count, $0)
        }
        var rank = [Int](repeating: 0, count: communities.members.count)
        for (r, c) in order.enumerated() { rank[c] = r }
        return RankedUsers(graph: "interaction", labels: users.labels,
                           pageRank: ranks.scores[.pagerank] ?? [],
                           betweenness: paths.scores[.betweenness] ?? [],
                           betweennessNote: sampled ? "Betweenness is sampled: within ±0.01 of the exact value for "
                               + "every user with probability 0.9." : nil,
                           community: communities.communityOfNode.map { rank[Int($0)] },
                           communitySizes: order.map { communities.members[$0].count },
                           modularity: communities.modularity)
    }

    /// Writes every file of `site` under `folder` atomically, and removes thread pages an earlier report left that
    /// this one does not have.
    ///
    /// - Throws: ``CommandFailure`` naming the file that could not be written.
    static func write(_ site: ReportSite, to folder: URL) throws {
        let files = site.files
        for file in files {
            let url = folder.appendingPathComponent(file.path)
            do { try AtomicFile.write(Data(file.contents.utf8), to: url) } catch {
                throw CommandFailure(writing: url.path, error)
            }
        }
        let threads = folder.appendingPathComponent("threads")
        let kept = Set(files.map(\.path))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: threads.path)) ?? []
        where name.hasSuffix(".html") && name.dropLast(5).allSatisfy(\.isNumber) && !kept.contains("threads/" + name) {
            try? FileManager.default.removeItem(at: threads.appendingPathComponent(name))
        }
    }
}
