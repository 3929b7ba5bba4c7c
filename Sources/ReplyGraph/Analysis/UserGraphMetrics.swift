/// The node metrics a user-graph export carries: PageRank, betweenness, in- and out-degree, and the Louvain community.
///
///     let users = ReplyGraph(archive).userGraph(.interaction)
///     let metrics = try UserGraphMetrics(in: users)
///     metrics.scores[.pagerank]?.count == users.nodeCount   // true
///
/// Computed here, by ReplyGraph's analyses, and passed to `ExportGraph(userGraph:kind:metrics:)`, which only
/// converts them (`replygraph export --metrics`, `batch`'s `users.gexf`).
public struct UserGraphMetrics: Sendable {
    /// The metrics computed, in export order.
    package static let metrics: [CentralityPanel.Metric] = [.pagerank, .betweenness, .inDegree, .outDegree]

    /// PageRank, betweenness, in-degree and out-degree, each by node index.
    public var scores: [CentralityPanel.Metric: [Double]]
    /// The Louvain community of each node (seed 0), by node index.
    public var community: [Int32]

    /// Computes the metrics of `graph`.
    ///
    /// - Throws: `CentralityError` when PageRank does not converge.
    /// - Complexity: betweenness's, O(n·m).
    public init(in graph: UserGraph) throws(CentralityError) {
        scores = try CentralityPanel(metrics: Self.metrics).compute(in: graph).scores
        community = Louvain().communities(in: graph).communityOfNode
    }

    /// The scores by attribute name, as exports write them: each metric's JSON key (`pagerank`, `in_degree`, …)
    /// and `community`.
    package var attributes: [String: [Double]] {
        var named: [String: [Double]] = [:]
        for (metric, values) in scores { named[metric.key] = values }
        named["community"] = community.map(Double.init)
        return named
    }
}
