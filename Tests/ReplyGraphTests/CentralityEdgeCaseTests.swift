import Testing

@testable import ReplyGraph

/// Degenerate inputs: every metric returns a defined value (networkx's convention where it has one), never NaN,
/// a crash or an endless loop.
@Suite("Centrality edge cases")
struct CentralityEdgeCaseTests {
    static let empty = UserGraph(labels: [], edges: [], directed: true)
    static let single = UserGraph(labels: ["a"], edges: [], directed: true)
    static let disconnected = UserGraph(
        labels: ["a", "b", "c", "d", "e"],
        edges: [.init(0, 1, 2), .init(1, 0), .init(2, 3)], directed: true)
    static let onlySelfLoops = UserGraph(labels: ["a", "b"], edges: [.init(0, 0, 3), .init(1, 1)], directed: true)
    static let onlySelfLoopsIncluded = UserGraph(
        labels: ["a", "b"], edges: [.init(0, 0, 3), .init(1, 1)],
        directed: true, includeSelf: true)
    static let zeroWeights = UserGraph(
        labels: ["a", "b", "c"], edges: [.init(0, 1, 0), .init(1, 2, 0), .init(2, 0, 1)],
        directed: true)
    static let undirectedSelf = UserGraph(
        labels: ["a", "b", "c"], edges: [.init(0, 0), .init(0, 1), .init(1, 2)],
        directed: false, includeSelf: true)

    static let graphs: [(String, UserGraph)] = [
        ("empty", empty), ("single", single), ("disconnected", disconnected), ("self-loops", onlySelfLoops),
        ("self-loops included", onlySelfLoopsIncluded), ("zero weights", zeroWeights),
        ("undirected with a loop", undirectedSelf), ("undirected disconnected", disconnected.undirected()),
    ]

    static func finite(_ values: [Double]) -> Bool { values.allSatisfy(\.isFinite) }

    @Test(arguments: 0..<graphs.count)
    func everyMetricIsDefined(_ index: Int) throws {
        let (name, g) = Self.graphs[index]
        let n = g.nodeCount
        for metric in [
            DegreeCentrality(), DegreeCentrality(direction: .incoming, weighted: true),
            DegreeCentrality(direction: .outgoing, normalized: false),
        ] {
            let s = metric.scores(in: g)
            #expect(s.count == n && Self.finite(s), "\(name) degree")
        }
        for s in [
            try PageRank().scores(in: g), try PageRank(weighted: false).scores(in: g),
            BetweennessCentrality().scores(in: g), BetweennessCentrality(weighted: true).scores(in: g),
            BetweennessCentrality(endpoints: true).scores(in: g),
            BetweennessCentrality(sampleCount: 1, seed: 3).scores(in: g),
            ClosenessCentrality().scores(in: g), ClosenessCentrality(weighted: true).scores(in: g),
            HarmonicCentrality().scores(in: g), HarmonicCentrality(weighted: true).scores(in: g),
            try EigenvectorCentrality(maxIterations: 10_000).scores(in: g),
            try HITS(maxIterations: 10_000).scores(in: g).hubs,
            try HITS(maxIterations: 10_000).scores(in: g).authorities,
            ClusteringCoefficient().scores(in: g), ClusteringCoefficient(weighted: true).scores(in: g),
        ] {
            #expect(s.count == n && Self.finite(s), "\(name)")
        }
        if n > 0 { #expect(abs(try PageRank().scores(in: g).reduce(0, +) - 1) < 1e-9, "\(name) pagerank sums to 1") }
        #expect(CoreNumber().values(in: g).count == n)
        #expect(Components(of: g, .weak).componentOfNode.count == n)
        #expect(Components(of: g, .strong).members.flatMap { $0 }.sorted() == (0..<Int32(n)).map { $0 })
        #expect(Density().value(in: g).isFinite)
        #expect(ClusteringCoefficient().average(in: g).isFinite)
        let louvain = Louvain(seed: 1).communities(in: g)
        #expect(louvain.modularity.isFinite && louvain.communityOfNode.count == n)
        let lpa = try LabelPropagation(seed: 1).communities(in: g)
        #expect(lpa.modularity.isFinite && lpa.communityOfNode.count == n)
        #expect(try Modularity().value(of: louvain.members, in: g).isFinite)
    }

    @Test func conventionsOnTinyGraphs() throws {
        #expect(try PageRank().scores(in: Self.empty).isEmpty)
        #expect(try PageRank().scores(in: Self.single) == [1])
        #expect(DegreeCentrality().scores(in: Self.single) == [1]) // networkx: n ≤ 1 → 1
        #expect(BetweennessCentrality().scores(in: Self.single) == [0])
        #expect(ClosenessCentrality().scores(in: Self.single) == [0])
        #expect(Density().value(in: Self.single) == 0)
        #expect(Reciprocity().value(in: Self.empty) == nil) // networkx raises
        #expect(Reciprocity().value(in: Self.onlySelfLoopsIncluded) == 0) // a loop is not reciprocal
        #expect(try Modularity().value(of: [[0], [1]], in: Self.onlySelfLoops) == 0) // no edges
        // Self-loops: recorded, kept out of the adjacency unless included, never in core numbers.
        #expect(Self.onlySelfLoops.selfLoopWeights == [3, 1] && Self.onlySelfLoops.edgeCount == 0)
        #expect(Self.onlySelfLoopsIncluded.edgeCount == 2)
        #expect(CoreNumber().values(in: Self.onlySelfLoopsIncluded) == [0, 0])
        // An undirected self-loop counts twice in the degree, as in networkx.
        #expect(DegreeCentrality(normalized: false).scores(in: Self.undirectedSelf) == [3, 2, 1])
        // Zero-weight edges: dangling for PageRank, absent for distances.
        // Only 2 → 0 (weight 1) has a length, so only node 0 is reached, from node 2.
        #expect(ClosenessCentrality(weighted: true).scores(in: Self.zeroWeights) == [0.5, 0, 0])
        #expect(HarmonicCentrality(weighted: true).scores(in: Self.zeroWeights) == [1, 0, 0])
    }

    @Test func handlesDifferingOnlyInCaseAreOneNode() throws {
        let tweets = [
            Tweet(id: TweetID(10), author: Handle("Ann"), text: "hi @BOB and @bob"),
            Tweet(id: TweetID(11), author: Handle("ann"), text: "again @Bob"),
        ]
        let g = UserGraph.project(.mention, tweets: tweets)
        #expect(g.labels == ["Ann", "BOB"])
        #expect(g.edges == [UserGraph.Edge(0, 1, 2)])
        #expect(try PageRank().scores(in: g).count == 2)
    }

    @Test func nonConvergenceNamesTheMetric() {
        let g = UserGraph(
            labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2), .init(2, 0), .init(0, 2)],
            directed: true)
        #expect { try PageRank(maxIterations: 1, tolerance: 1e-15).scores(in: g) } throws: {
            ($0 as? CentralityError)?.metric == "pagerank" && ($0 as? CentralityError)?.isNotConverged == true
        }
        #expect { try EigenvectorCentrality(maxIterations: 1, tolerance: 1e-15).scores(in: g) } throws: {
            ($0 as? CentralityError)?.metric == "eigenvector_centrality"
        }
        #expect { try HITS(maxIterations: 1, tolerance: 1e-15).scores(in: g) } throws: {
            ($0 as? CentralityError)?.metric == "hits"
        }
        #expect { try PageRank(personalization: [0, 0, 0]).scores(in: g) } throws: {
            ($0 as? CentralityError)?.description.hasPrefix("pagerank:") == true
        }
        #expect { try Modularity().value(of: [[0, 1]], in: g) } throws: {
            ($0 as? CentralityError)?.metric == "modularity"
        }
        // A bipartite star never settles for unshifted HITS-like oscillation; label propagation on it still stops.
        let star = UserGraph(
            labels: ["h", "a", "b", "c"], edges: [.init(0, 1), .init(0, 2), .init(0, 3)], directed: false)
        #expect((try? LabelPropagation(seed: 9).communities(in: star)) != nil)
    }

    @Test func seededAlgorithmsAreDeterministic() throws {
        let f = try CentralityFixture("karate-undirected")
        let g = f.graph
        #expect(Louvain(seed: 5).communities(in: g) == Louvain(seed: 5).communities(in: g))
        #expect(try LabelPropagation(seed: 5).communities(in: g) == (try LabelPropagation(seed: 5).communities(in: g)))
        let sampled = BetweennessCentrality(sampleCount: 10, seed: 8)
        #expect(sampled.scores(in: g) == sampled.scores(in: g))
        #expect(BetweennessCentrality(threads: 1).scores(in: g) == BetweennessCentrality(threads: 4).scores(in: g))
        #expect(ClosenessCentrality(threads: 1).scores(in: g) == ClosenessCentrality(threads: 3).scores(in: g))
        #expect(
            HarmonicCentrality(weighted: true, threads: 1).scores(in: g)
                == HarmonicCentrality(weighted: true, threads: 2).scores(in: g))
        let pivots = BetweennessCentrality.samplePivots(count: 10, nodeCount: g.nodeCount, seed: 8)
        #expect(Set(pivots).count == 10)
        #expect(BetweennessCentrality(sources: pivots).scores(in: g) == sampled.scores(in: g))
    }

    @Test func labelPropagationReachesAStableLabelling() throws {
        let g = try CentralityFixture("karate-undirected").graph
        let result = try LabelPropagation(seed: 11).communities(in: g)
        // Every node's community is among the heaviest among its neighbours (the stopping rule).
        for u in 0..<g.nodeCount {
            var weight: [Int32: Double] = [:]
            for (v, w) in zip(g.successors(of: Int32(u)), g.outWeights(of: Int32(u))) {
                weight[result.communityOfNode[Int(v)], default: 0] += w
            }
            #expect(weight[result.communityOfNode[u]] == weight.values.max())
        }
        #expect(result.count >= 1 && result.count < g.nodeCount)
    }

    /// Louvain's aggregation sums each pair of communities in visiting order: the radix sort must be a stable sort
    /// by key, whatever the key widths (one pass per half up to several), duplicates and empty input.
    @Test(arguments: [(0, 1), (1, 1), (500, 3), (5_000, 20), (20_000, 31)])
    func radixOrderIsTheStableSortByKey(count: Int, bits: Int) {
        var rng = SeededGenerator(seed: UInt64(count + bits))
        let limit = UInt64(1) << UInt64(bits)
        // Few distinct values, so that equal keys (whose order must be kept) are common.
        let keys = (0..<count).map { _ in
            (UInt64.random(in: 0..<min(limit, 64), using: &rng) * (limit / min(limit, 64))) << 32
                | UInt64.random(in: 0..<min(limit, 8), using: &rng)
        }
        let reference = keys.indices.sorted { (keys[$0], $0) < (keys[$1], $1) }.map(Int32.init)
        #expect(stableRadixOrder(of: keys, bits: bits) == reference)
        #expect(stableRadixOrder(of: keys) == reference)
    }
}
