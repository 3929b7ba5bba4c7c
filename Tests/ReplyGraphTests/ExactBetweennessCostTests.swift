import Testing

@testable import ReplyGraph

/// The estimate behind `replygraph centrality`'s refusal of hours-long exact betweenness, checked without running
/// exact betweenness on the large graphs.
@Suite("Exact betweenness cost")
struct ExactBetweennessCostTests {
    /// A strongly connected directed graph: a ring of n users, each also mentioning `extra` random others.
    static func ring(_ n: Int, extra: Int, seed: UInt64) -> UserGraph {
        var rng = SeededGenerator(seed: seed)
        var edges: [UserGraph.Edge] = []
        edges.reserveCapacity(n * (extra + 1))
        for u in 0..<n {
            edges.append(.init(Int32(u), Int32((u + 1) % n)))
            for _ in 0..<extra { edges.append(.init(Int32(u), Int32(rng.next(upperBound: UInt64(n))))) }
        }
        return UserGraph(labels: (0..<n).map { "u\($0)" }, edges: edges, directed: true)
    }

    @Test func refusesABigStronglyConnectedGraph() {
        // 40,000 users, about 240,000 edges: every search reaches everyone, n · (n + m) ≈ 1.1e10 units.
        let g = Self.ring(40_000, extra: 5, seed: 1)
        let units = ExactBetweennessCost().workUnits(in: g)
        let full = Double(g.nodeCount) * Double(g.nodeCount + g.outTargets.count)
        #expect(abs(units - full) / full < 1e-9, "every probe reaches every node")
        let seconds = ExactBetweennessCost().estimatedSeconds(in: g, weighted: false, threads: 2)
        #expect(seconds > ExactBetweennessCost.refusalSeconds, "\(seconds) s")
        #expect(abs(seconds - full * ExactBetweennessCost.secondsPerUnit / 2) < 1e-6)
        // Weighted (Dijkstra) costs more per unit.
        #expect(ExactBetweennessCost().estimatedSeconds(in: g, weighted: true, threads: 2) > seconds)
    }

    @Test func acceptsAGraphWhoseSearchesReachLittle() {
        // 200,000 users mentioned by one hub: n · (n + m) is 8e10, but a search from anyone but the hub reads one
        // node, so the true work (about 600,000 units) is a few milliseconds.
        let n = 200_000
        let g = UserGraph(labels: (0..<n).map { "u\($0)" }, edges: (1..<Int32(n)).map { .init(0, $0) }, directed: true)
        let seconds = ExactBetweennessCost().estimatedSeconds(in: g, weighted: false, threads: 2)
        #expect(seconds < 1, "\(seconds) s")
        let exactUnits = ExactBetweennessCost(probes: n).workUnits(in: g)
        #expect(exactUnits == Double(n - 1) + Double(n + n - 1))
    }

    @Test(arguments: CentralityFixture.names)
    func acceptsEveryFixture(_ name: String) throws {
        let g = try CentralityFixture(name).graph
        #expect(ExactBetweennessCost().estimatedSeconds(in: g, weighted: true, threads: 2) < 1)
    }

    @Test func theProbeEstimateIsCloseToTheExactWorkOnARandomGraph() {
        var rng = SeededGenerator(seed: 4)
        let edges = (0..<6000).map { _ in
            UserGraph.Edge(Int32(rng.next(upperBound: UInt64(2000))), Int32(rng.next(upperBound: UInt64(2000))))
        }
        let g = UserGraph(labels: (0..<2000).map { "u\($0)" }, edges: edges, directed: true)
        let probed = ExactBetweennessCost(probes: 16, seed: 2).workUnits(in: g)
        let exact = ExactBetweennessCost(probes: g.nodeCount).workUnits(in: g)
        #expect(abs(probed - exact) / exact < 0.25, "probed \(probed), exact \(exact)")
    }
}
