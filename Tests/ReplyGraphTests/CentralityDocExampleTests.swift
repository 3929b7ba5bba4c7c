import Testing

@testable import ReplyGraph

/// The examples in the metrics' doc comments, checked, so the documentation cannot drift from the code.
@Suite("Centrality doc examples")
struct CentralityDocExampleTests {
    static let path = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2)], directed: false)
    static let triangleWithTail = UserGraph(
        labels: ["a", "b", "c", "d"],
        edges: [.init(0, 1), .init(1, 2), .init(2, 0), .init(2, 3)], directed: false)

    static func close(_ a: [Double], _ b: [Double], _ tolerance: Double = 1e-3) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance }
    }

    @Test func userGraph() {
        let graph = UserGraph(
            labels: ["a", "B", "c"], edges: [.init(0, 1, 2), .init(1, 2), .init(2, 0)], directed: true)
        #expect(graph.node(named: "b") == 1)
        #expect(Array(graph.successors(of: 0)) == [1])
        #expect(Array(graph.outWeights(of: 0)) == [2.0])
        let g = UserGraph(labels: ["a", "b"], edges: [.init(0, 1, 2), .init(1, 0, 3)], directed: true)
        #expect(g.undirected().weight(from: 0, to: 1) == 5)
    }

    @Test func degreeAndPageRank() throws {
        let graph = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1, 3), .init(0, 2)], directed: true)
        #expect(DegreeCentrality(direction: .outgoing).scores(in: graph) == [1, 0, 0])
        #expect(
            DegreeCentrality(direction: .outgoing, weighted: true, normalized: false).scores(in: graph) == [4, 0, 0])
        let cycle = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2), .init(2, 0)], directed: true)
        #expect(Self.close(try PageRank(damping: 0.85).scores(in: cycle), [1 / 3.0, 1 / 3.0, 1 / 3.0], 1e-9))
    }

    @Test func pathMetrics() {
        #expect(BetweennessCentrality().scores(in: Self.path) == [0, 1, 0])
        #expect(BetweennessCentrality(normalized: false).scores(in: Self.path) == [0, 1, 0])
        #expect(Self.close(ClosenessCentrality().scores(in: Self.path), [0.667, 1, 0.667]))
        #expect(HarmonicCentrality().scores(in: Self.path) == [1.5, 2, 1.5])
    }

    @Test func spectral() throws {
        let star = UserGraph(labels: ["hub", "a", "b"], edges: [.init(0, 1), .init(0, 2)], directed: false)
        #expect(Self.close(try EigenvectorCentrality(tolerance: 1e-10).scores(in: star), [0.7071, 0.5, 0.5], 1e-4))
        let fan = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(0, 2)], directed: true)
        let (hubs, authorities) = try HITS().scores(in: fan)
        #expect(hubs == [1, 0, 0] && authorities == [0, 0.5, 0.5])
    }

    @Test func structure() throws {
        #expect(CoreNumber().values(in: Self.triangleWithTail) == [2, 2, 2, 1])
        #expect(Self.close(ClusteringCoefficient().scores(in: Self.triangleWithTail), [1, 1, 0.333, 0]))
        #expect(abs(ClusteringCoefficient().average(in: Self.triangleWithTail) - 0.5833) < 1e-3)
        let weak = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1)], directed: true)
        #expect(Components(of: weak, .weak).members == [[0, 1], [2]])
        let mutual = UserGraph(
            labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 0), .init(1, 2)], directed: true)
        #expect(Components(of: mutual, .strong).members == [[0, 1], [2]])
        #expect(abs(Reciprocity().value(in: mutual)! - 2 / 3.0) < 1e-12)
        #expect(abs(Density().value(in: weak) - 1 / 6.0) < 1e-12)
        let two = UserGraph(labels: ["a", "b", "c", "d"], edges: [.init(0, 1), .init(2, 3)], directed: false)
        #expect(try Modularity().value(of: [[0, 1], [2, 3]], in: two) == 0.5)
        let louvain = Louvain(seed: 1).communities(in: two)
        #expect(louvain.members == [[0, 1], [2, 3]] && louvain.modularity == 0.5)
    }

    @Test func deepChainNeedsNoRecursion() {
        // A reply chain 200,000 deep: Tarjan and the traversals use explicit stacks.
        let n = 200_000
        let chain = UserGraph(
            labels: (0..<n).map { "u\($0)" }, edges: (0..<Int32(n - 1)).map { .init($0, $0 + 1) },
            directed: true)
        #expect(Components(of: chain, .strong).count == n)
        #expect(Components(of: chain, .weak).count == 1)
        #expect(CoreNumber().values(in: chain).max() == 1)
    }
}
