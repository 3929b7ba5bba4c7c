import Testing

@testable import ReplyGraph

/// ``VertexDiameterBound`` against the true vertex diameter, found here by a search from every node.
@Suite("Vertex diameter bound")
struct VertexDiameterBoundTests {
    /// The most nodes on any shortest path: hop counts by BFS, or with `weighted` the most hops over the
    /// shortest-path DAG of Dijkstra with edge length 1/weight (ties kept, as betweenness counts them).
    static func trueVertexDiameter(_ g: UserGraph, weighted: Bool) -> Int {
        let n = g.nodeCount
        var best = n > 0 ? 1 : 0
        for s in 0..<n {
            var dist = [Double](repeating: .infinity, count: n)
            var hops = [Int](repeating: 0, count: n)
            var done = [Bool](repeating: false, count: n)
            dist[s] = 0
            // Plain O(n²) Dijkstra (unit lengths when unweighted): small fixtures only.
            while true {
                var v = -1
                for u in 0..<n where !done[u] && dist[u].isFinite && (v < 0 || dist[u] < dist[v]) { v = u }
                if v < 0 { break }
                done[v] = true
                best = max(best, hops[v] + 1)
                for i in g.outOffsets[v]..<g.outOffsets[v + 1] {
                    let w = Int(g.outTargets[i])
                    let weight = g.outWeights[i]
                    if w == v || (weighted && weight <= 0) { continue }
                    let nd = dist[v] + (weighted ? 1 / weight : 1)
                    if nd < dist[w] {
                        dist[w] = nd
                        hops[w] = hops[v] + 1
                    } else if nd == dist[w] {
                        hops[w] = max(hops[w], hops[v] + 1)
                    }
                }
            }
        }
        return best
    }

    @Test(arguments: CentralityFixture.names)
    func boundsTheTrueVertexDiameterOfEveryFixture(_ name: String) throws {
        let g = try CentralityFixture(name).graph
        let hops = Self.trueVertexDiameter(g, weighted: false)
        let bound = VertexDiameterBound().value(in: g)
        #expect(bound >= hops, "\(name): bound \(bound) < true \(hops)")
        #expect(bound <= g.nodeCount)
        let weightedBound = VertexDiameterBound(weighted: true).value(in: g)
        #expect(weightedBound >= Self.trueVertexDiameter(g, weighted: true))
        #expect(weightedBound >= bound)
        // Not uselessly loose on the fixtures: within twice the true value, plus the DAG's chains of singletons.
        if !g.isDirected { #expect(bound <= 2 * hops, "\(name): bound \(bound), true \(hops)") }
    }

    @Test func shapes() {
        // An undirected path rooted at its middle: the two largest distances add up to the whole path.
        let path = UserGraph(
            labels: (0..<7).map { "p\($0)" }, edges: (0..<Int32(6)).map { .init($0, $0 + 1) },
            directed: false)
        #expect(VertexDiameterBound().value(in: path) == 7)
        // A directed chain is 7 singleton components: the condensation's heaviest path is the chain.
        let chain = UserGraph(labels: path.labels, edges: (0..<Int32(6)).map { .init($0, $0 + 1) }, directed: true)
        #expect(VertexDiameterBound().value(in: chain) == 7)
        // Two directed 3-cycles joined by one edge: each cycle's bound is its size (3), plus the link.
        let cycles = UserGraph(
            labels: (0..<6).map { "c\($0)" },
            edges: [
                .init(0, 1), .init(1, 2), .init(2, 0), .init(2, 3),
                .init(3, 4), .init(4, 5), .init(5, 3),
            ], directed: true)
        #expect(Self.trueVertexDiameter(cycles, weighted: false) == 6)
        #expect(VertexDiameterBound().value(in: cycles) == 6)
        #expect(VertexDiameterBound().value(in: UserGraph(labels: [], edges: [], directed: true)) == 0)
        #expect(VertexDiameterBound().value(in: UserGraph(labels: ["a", "b"], edges: [], directed: true)) == 1)
        // A star: every shortest path has at most 3 nodes.
        let star = UserGraph(
            labels: ["hub", "a", "b", "c"], edges: [.init(0, 1), .init(0, 2), .init(0, 3)],
            directed: false)
        #expect(VertexDiameterBound().value(in: star) == 3)
    }
}
