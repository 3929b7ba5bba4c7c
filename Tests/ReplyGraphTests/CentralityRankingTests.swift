import ReplyGraph
import Testing
import TweetArchive

/// The public entry points: every centrality's `ranking(in:)` keys the by-index scores by handle, and the
/// component and community results list handles.
@Suite("Centrality rankings by handle")
struct CentralityRankingTests {
    static let path = UserGraph(labels: ["a", "B", "c"], edges: [.init(0, 1), .init(1, 2)], directed: false)
    static let triangleWithTail = UserGraph(
        labels: ["a", "b", "c", "d"],
        edges: [.init(0, 1), .init(1, 2), .init(2, 0), .init(2, 3)], directed: false)

    /// The ranking holds exactly the package-level scores, each under its node's handle.
    static func matches(_ ranking: Ranking, _ scores: [Double], in graph: UserGraph) -> Bool {
        ranking.count == scores.count
            && graph.labels.indices.allSatisfy { ranking[Handle(graph.labels[$0])] == scores[$0] }
    }

    @Test func betweennessTopIsTheMiddleOfAPath() {
        let ranking = BetweennessCentrality().ranking(in: Self.path)
        #expect(ranking.top(1).map(\.handle.display) == ["B"])
        #expect(ranking[Handle("b")] == 1)
        #expect(ranking[Handle("zz")] == nil)
    }

    @Test func everyRankingCarriesItsScores() throws {
        let g = Self.triangleWithTail
        #expect(Self.matches(try PageRank().ranking(in: g), try PageRank().scores(in: g), in: g))
        #expect(Self.matches(ClosenessCentrality().ranking(in: g), ClosenessCentrality().scores(in: g), in: g))
        #expect(Self.matches(HarmonicCentrality().ranking(in: g), HarmonicCentrality().scores(in: g), in: g))
        #expect(
            Self.matches(try EigenvectorCentrality().ranking(in: g), try EigenvectorCentrality().scores(in: g), in: g))
        #expect(Self.matches(DegreeCentrality().ranking(in: g), DegreeCentrality().scores(in: g), in: g))
        #expect(Self.matches(CoreNumber().ranking(in: g), CoreNumber().values(in: g).map(Double.init), in: g))
        let (hubs, authorities) = try HITS().rankings(in: g)
        let scores = try HITS().scores(in: g)
        #expect(Self.matches(hubs, scores.hubs, in: g) && Self.matches(authorities, scores.authorities, in: g))
        #expect(CoreNumber().ranking(in: g).top(4).map(\.handle.display) == ["a", "b", "c", "d"])
    }

    @Test func estimateAndPanelRankings() throws {
        let estimate = try ApproximateBetweenness(epsilon: 0.05, delta: 0.1, seed: 1).estimate(in: Self.path)
        #expect(estimate.samples == 5945)
        #expect(estimate.ranking.top(1).map(\.handle.display) == ["B"])
        #expect(estimate.ranking[Handle("a")] == 0)
        let result = try CentralityPanel(metrics: [.pagerank]).compute(in: Self.path)
        #expect(result.ranking(.betweenness) == nil)
        let pagerank = try #require(result.ranking(.pagerank))
        #expect(Self.matches(pagerank, try PageRank(weighted: false).scores(in: Self.path), in: Self.path))
    }

    @Test func componentsAndCommunitiesListHandles() {
        let g = UserGraph(labels: ["a", "b", "C"], edges: [.init(0, 1)], directed: true)
        #expect(Components(of: g, .weak).groups == [[Handle("a"), Handle("b")], [Handle("c")]])
        #expect(Components(of: g, .strong).count == 3)
        let two = UserGraph(labels: ["a", "b", "c", "d"], edges: [.init(0, 1), .init(2, 3)], directed: false)
        let communities = Louvain().communities(in: two)
        #expect(communities.groups == [[Handle("a"), Handle("b")], [Handle("c"), Handle("d")]])
        #expect(abs(communities.modularity - 0.5) < 1e-12)
    }
}
