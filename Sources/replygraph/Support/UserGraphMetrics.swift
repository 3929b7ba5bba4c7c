import ReplyGraph

/// The node metrics a user-graph export carries when asked for (`export --metrics`, `batch`'s `users.gexf`):
/// computed here by the analyses of ReplyGraph and passed to the exporter, which only converts.
enum UserGraphMetrics {
    /// `pagerank`, `betweenness`, `in_degree`, `out_degree` and the Louvain `community`, by node index.
    ///
    /// - Throws: `CentralityError` when PageRank does not converge.
    /// - Complexity: betweenness's, O(n·m).
    static func compute(in graph: UserGraph) throws(CentralityError) -> [String: [Double]] {
        var scores: [String: [Double]] = [:]
        let panel = CentralityPanel(metrics: [.pagerank, .betweenness, .inDegree, .outDegree])
        for (metric, values) in try panel.compute(in: graph).scores { scores[metric.key] = values }
        scores["community"] = Louvain().communities(in: graph).communityOfNode.map(Double.init)
        return scores
    }
}
