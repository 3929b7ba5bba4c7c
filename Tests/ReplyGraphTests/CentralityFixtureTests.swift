import Foundation
import Testing

@testable import ReplyGraph

/// One fixture of `Fixtures/centrality/`: a graph's edges and networkx's values for it
/// (made by `Scripts/make-centrality-fixtures.sh`; see the README there).
struct CentralityFixture {
    let name: String
    let directed: Bool
    let includeSelf: Bool
    let nodes: [String]
    let edges: [UserGraph.Edge]
    let metrics: [String: Any]

    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/centrality")

    static let names = [
        "sample-mention", "sample-mention-self", "sample-interaction", "corpus10k-mention",
        "corpus10k-interaction", "corpus10k-comention", "karate-undirected", "karate-directed",
    ]

    init(_ name: String) throws {
        let data = try Data(contentsOf: Self.directory.appendingPathComponent(name + ".json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        self.name = name
        directed = try #require(json["directed"] as? Bool)
        includeSelf = try #require(json["include_self"] as? Bool)
        nodes = try #require(json["nodes"] as? [String])
        let rawEdges = try #require(json["edges"] as? [[NSNumber]])
        edges = rawEdges.map { UserGraph.Edge(Int32($0[0].intValue), Int32($0[1].intValue), $0[2].doubleValue) }
        metrics = try #require(json["metrics"] as? [String: Any])
    }

    var graph: UserGraph { UserGraph(labels: nodes, edges: edges, directed: directed, includeSelf: includeSelf) }

    func vector(_ key: String) -> [Double]? { (metrics[key] as? [NSNumber])?.map(\.doubleValue) }
    func object(_ key: String) -> [String: Any]? { metrics[key] as? [String: Any] }
    func number(_ key: String) -> Double? { (metrics[key] as? NSNumber)?.doubleValue }
}

/// Asserts two vectors agree entry by entry within `tolerance`, naming the first differing node.
func expectClose(
    _ actual: [Double], _ expected: [Double]?, tolerance: Double, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    guard let expected else {
        Issue.record("\(what): no expected values in the fixture", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.count == expected.count, "\(what): length", sourceLocation: sourceLocation)
    var worst = (index: -1, gap: 0.0)
    for i in 0..<min(actual.count, expected.count) {
        let gap = abs(actual[i] - expected[i])
        if !(gap <= tolerance) && (worst.index < 0 || gap > worst.gap || gap.isNaN) { worst = (i, gap) }
    }
    if worst.index >= 0 {
        Issue.record(
            "\(what): node \(worst.index) is \(actual[worst.index]), networkx \(expected[worst.index])",
            sourceLocation: sourceLocation)
    }
}

@Suite("Centrality vs networkx fixtures")
struct CentralityFixtureTests {
    static let exact = 1e-9
    static let iterative = 1e-6

    @Test(arguments: CentralityFixture.names)
    func degree(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        expectClose(DegreeCentrality().scores(in: g), f.vector("degree_centrality"), tolerance: Self.exact, "degree")
        expectClose(
            DegreeCentrality(weighted: true, normalized: false).scores(in: g), f.vector("degree_weighted"),
            tolerance: Self.exact, "weighted degree")
        if f.directed {
            expectClose(
                DegreeCentrality(direction: .incoming).scores(in: g), f.vector("in_degree_centrality"),
                tolerance: Self.exact, "in-degree")
            expectClose(
                DegreeCentrality(direction: .outgoing).scores(in: g), f.vector("out_degree_centrality"),
                tolerance: Self.exact, "out-degree")
            expectClose(
                DegreeCentrality(direction: .incoming, weighted: true, normalized: false).scores(in: g),
                f.vector("in_degree_weighted"), tolerance: Self.exact, "weighted in-degree")
            expectClose(
                DegreeCentrality(direction: .outgoing, weighted: true, normalized: false).scores(in: g),
                f.vector("out_degree_weighted"), tolerance: Self.exact, "weighted out-degree")
        }
    }

    @Test(arguments: CentralityFixture.names)
    func pageRank(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        expectClose(
            try PageRank(maxIterations: 10_000, tolerance: 1e-10).scores(in: g), f.vector("pagerank"),
            tolerance: Self.iterative, "pagerank")
        expectClose(
            try PageRank(maxIterations: 10_000, tolerance: 1e-10, weighted: false).scores(in: g),
            f.vector("pagerank_unweighted"), tolerance: Self.iterative, "unweighted pagerank")
        let personalized = try #require(f.object("pagerank_personalized"))
        let p = try #require(personalized["personalization"] as? [NSNumber]).map(\.doubleValue)
        let expected = try #require(personalized["values"] as? [NSNumber]).map(\.doubleValue)
        expectClose(
            try PageRank(damping: 0.9, maxIterations: 10_000, tolerance: 1e-10, personalization: p).scores(in: g),
            expected, tolerance: Self.iterative, "personalized pagerank")
        let dangling = try #require(f.object("pagerank_dangling"))
        let d = try #require(dangling["dangling"] as? [NSNumber]).map(\.doubleValue)
        expectClose(
            try PageRank(maxIterations: 10_000, tolerance: 1e-10, dangling: d).scores(in: g),
            (dangling["values"] as? [NSNumber])?.map(\.doubleValue), tolerance: Self.iterative,
            "pagerank with dangling weights")
    }

    @Test(arguments: CentralityFixture.names)
    func betweenness(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        expectClose(
            BetweennessCentrality().scores(in: g), f.vector("betweenness"), tolerance: Self.exact, "betweenness")
        expectClose(
            BetweennessCentrality(threads: 1).scores(in: g), f.vector("betweenness"), tolerance: Self.exact,
            "betweenness, one thread")
        expectClose(
            BetweennessCentrality(normalized: false).scores(in: g), f.vector("betweenness_unnormalized"),
            tolerance: Self.exact, "unnormalized betweenness")
        expectClose(
            BetweennessCentrality(endpoints: true).scores(in: g), f.vector("betweenness_endpoints"),
            tolerance: Self.exact, "betweenness with endpoints")
        expectClose(
            BetweennessCentrality(weighted: true).scores(in: g), f.vector("betweenness_weighted"),
            tolerance: Self.exact, "weighted betweenness")
        for (key, b) in [
            ("betweenness_sampled", BetweennessCentrality()),
            (
                "betweenness_sampled_unnormalized_endpoints",
                BetweennessCentrality(normalized: false, endpoints: true)
            ),
        ] {
            let sampled = try #require(f.object(key))
            var metric = b
            metric.sources = try #require(sampled["sources"] as? [NSNumber]).map { Int32($0.intValue) }
            expectClose(
                metric.scores(in: g), (sampled["values"] as? [NSNumber])?.map(\.doubleValue),
                tolerance: Self.exact, key)
        }
    }

    @Test(arguments: CentralityFixture.names)
    func closenessAndHarmonic(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        expectClose(ClosenessCentrality().scores(in: g), f.vector("closeness"), tolerance: Self.exact, "closeness")
        expectClose(
            ClosenessCentrality(weighted: true).scores(in: g), f.vector("closeness_weighted"),
            tolerance: Self.exact, "weighted closeness")
        expectClose(HarmonicCentrality().scores(in: g), f.vector("harmonic"), tolerance: Self.exact, "harmonic")
        expectClose(
            HarmonicCentrality(weighted: true).scores(in: g), f.vector("harmonic_weighted"),
            tolerance: Self.exact, "weighted harmonic")
    }

    @Test(arguments: CentralityFixture.names)
    func eigenvectorAndHITS(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        expectClose(
            try EigenvectorCentrality(maxIterations: 100_000, tolerance: 1e-10).scores(in: g),
            f.vector("eigenvector"), tolerance: Self.iterative, "eigenvector")
        expectClose(
            try EigenvectorCentrality(maxIterations: 100_000, tolerance: 1e-10, weighted: true).scores(in: g),
            f.vector("eigenvector_weighted"), tolerance: Self.iterative, "weighted eigenvector")
        let (hubs, authorities) = try HITS(maxIterations: 100_000, tolerance: 1e-12).scores(in: g)
        expectClose(hubs, f.vector("hits_hubs"), tolerance: Self.iterative, "hubs")
        expectClose(authorities, f.vector("hits_authorities"), tolerance: Self.iterative, "authorities")
    }

    @Test(arguments: CentralityFixture.names)
    func structure(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        #expect(CoreNumber().values(in: g) == (f.metrics["core_number"] as? [NSNumber])?.map(\.intValue))
        let weak = (f.metrics["weak_components"] as? [[NSNumber]])?.map { $0.map { Int32($0.intValue) } }
        let strong = (f.metrics["strong_components"] as? [[NSNumber]])?.map { $0.map { Int32($0.intValue) } }
        #expect(Components(of: g, .weak).members == weak)
        #expect(Components(of: g, .strong).members == strong)
        if f.directed {
            let expected = try #require(f.number("reciprocity"))
            let actual = try #require(Reciprocity().value(in: g))
            #expect(abs(actual - expected) <= Self.exact)
        } else {
            #expect(Reciprocity().value(in: g) == nil)
        }
        #expect(abs(Density().value(in: g) - (f.number("density") ?? .nan)) <= Self.exact)
    }

    @Test(arguments: CentralityFixture.names)
    func clustering(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        expectClose(ClusteringCoefficient().scores(in: g), f.vector("clustering"), tolerance: Self.exact, "clustering")
        expectClose(
            ClusteringCoefficient(weighted: true).scores(in: g), f.vector("clustering_weighted"),
            tolerance: Self.exact, "weighted clustering")
        #expect(abs(ClusteringCoefficient().average(in: g) - (f.number("average_clustering") ?? .nan)) <= Self.exact)
        #expect(
            abs(
                ClusteringCoefficient(weighted: true).average(in: g)
                    - (f.number("average_clustering_weighted") ?? .nan)) <= Self.exact)
    }

    @Test(arguments: CentralityFixture.names)
    func communities(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        let louvain = try #require(f.object("louvain"))
        let partition = try #require(louvain["partition"] as? [[NSNumber]]).map { $0.map { Int32($0.intValue) } }
        let expected = try #require((louvain["modularity"] as? NSNumber)?.doubleValue)
        let undirected = g.undirected()
        #expect(abs(try Modularity().value(of: partition, in: undirected) - expected) <= Self.exact)
        let half = try #require((louvain["modularity_resolution_0_5"] as? NSNumber)?.doubleValue)
        #expect(abs(try Modularity(resolution: 0.5).value(of: partition, in: undirected) - half) <= Self.exact)
        if f.directed {
            let directed = try #require((louvain["modularity_directed"] as? NSNumber)?.doubleValue)
            #expect(abs(try Modularity().value(of: partition, in: g) - directed) <= Self.exact)
        }
        let seed = UInt64(try #require((louvain["seed"] as? NSNumber)?.intValue))
        let ours = Louvain(seed: seed).communities(in: g)
        #expect(ours.modularity >= expected - 0.01, "Louvain modularity \(ours.modularity) vs networkx \(expected)")
        #expect(abs(ours.modularity - (try Modularity().value(of: ours.members, in: undirected))) <= Self.exact)
    }
}
