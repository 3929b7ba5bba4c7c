import Foundation
import Testing

@testable import ReplyGraph

/// The triangle-listing clustering coefficient against the wedge scan it replaced (networkx's own order of work),
/// on seeded random graphs with hubs, reciprocal edges and self-loops: equal without weights (integer counts),
/// within rounding with them.
@Suite struct ClusteringTriangleTests {
    /// The previous implementation, O(Σ deg²): every neighbour's neighbourhood scanned from every node.
    enum WedgeScan {
        static func maxWeight(_ graph: UserGraph, _ weighted: Bool) -> Double {
            guard weighted, let m = graph.outWeights.max() else { return 1 }
            return m
        }

        static func scores(_ graph: UserGraph, weighted: Bool) -> [Double] {
            graph.isDirected ? directed(graph, weighted) : undirected(graph, weighted)
        }

        static func undirected(_ graph: UserGraph, _ weighted: Bool) -> [Double] {
            let n = graph.nodeCount
            let maxW = maxWeight(graph, weighted)
            var mark = [Double](repeating: -1, count: n) // weight of i–k, or −1 when k is not i's neighbour
            var result = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var d = 0
                for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] where graph.outTargets[p] != Int32(i) {
                    mark[Int(graph.outTargets[p])] = graph.outWeights[p] / maxW
                    d += 1
                }
                var t = 0.0
                for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] where graph.outTargets[p] != Int32(i) {
                    let j = Int(graph.outTargets[p])
                    let wij = graph.outWeights[p] / maxW
                    for q in graph.outOffsets[j]..<graph.outOffsets[j + 1] {
                        let k = Int(graph.outTargets[q])
                        if k == j || mark[k] < 0 { continue }
                        t += weighted ? cbrt(wij * (graph.outWeights[q] / maxW) * mark[k]) : 1
                    }
                }
                for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] { mark[Int(graph.outTargets[p])] = -1 }
                result[i] = t == 0 ? 0 : t / Double(d * (d - 1))
            }
            return result
        }

        static func directed(_ graph: UserGraph, _ weighted: Bool) -> [Double] {
            let n = graph.nodeCount
            let maxW = maxWeight(graph, weighted)
            var predW = [Double](repeating: -1, count: n) // weight of k → i, or −1
            var succW = [Double](repeating: -1, count: n) // weight of i → k, or −1
            var result = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var dPred = 0
                var dSucc = 0
                var dBoth = 0
                for p in graph.inOffsets[i]..<graph.inOffsets[i + 1] where graph.inSources[p] != Int32(i) {
                    predW[Int(graph.inSources[p])] = graph.inWeights[p] / maxW
                    dPred += 1
                }
                for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] where graph.outTargets[p] != Int32(i) {
                    let k = Int(graph.outTargets[p])
                    succW[k] = graph.outWeights[p] / maxW
                    dSucc += 1
                    if predW[k] >= 0 { dBoth += 1 }
                }
                var t = 0.0
                // Each j adjacent to i, once as a predecessor and once as a successor when both.
                func visit(_ j: Int, _ wj: Double) {
                    for q in graph.inOffsets[j]..<graph.inOffsets[j + 1] {
                        let k = Int(graph.inSources[q])
                        if k == j { continue }
                        let wkj = graph.inWeights[q] / maxW
                        if predW[k] >= 0 { t += weighted ? cbrt(wj * predW[k] * wkj) : 1 }
                        if succW[k] >= 0 { t += weighted ? cbrt(wj * succW[k] * wkj) : 1 }
                    }
                    for q in graph.outOffsets[j]..<graph.outOffsets[j + 1] {
                        let k = Int(graph.outTargets[q])
                        if k == j { continue }
                        let wjk = graph.outWeights[q] / maxW
                        if predW[k] >= 0 { t += weighted ? cbrt(wj * predW[k] * wjk) : 1 }
                        if succW[k] >= 0 { t += weighted ? cbrt(wj * succW[k] * wjk) : 1 }
                    }
                }
                for p in graph.inOffsets[i]..<graph.inOffsets[i + 1] where graph.inSources[p] != Int32(i) {
                    visit(Int(graph.inSources[p]), graph.inWeights[p] / maxW)
                }
                for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] where graph.outTargets[p] != Int32(i) {
                    visit(Int(graph.outTargets[p]), graph.outWeights[p] / maxW)
                }
                for p in graph.inOffsets[i]..<graph.inOffsets[i + 1] { predW[Int(graph.inSources[p])] = -1 }
                for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] { succW[Int(graph.outTargets[p])] = -1 }
                let dTotal = dPred + dSucc
                let denominator = Double((dTotal * (dTotal - 1) - 2 * dBoth) * 2)
                result[i] = t == 0 ? 0 : t / denominator
            }
            return result
        }
    }

    static func randomGraph(seed: UInt64, nodes: Int, edges: Int, directed: Bool) -> UserGraph {
        var generator = SeededGenerator(seed: seed)
        var list: [UserGraph.Edge] = []
        for _ in 0..<edges {
            // A skewed target (a few hubs), a uniform source, small integer weights, some loops and reverse edges.
            let u = Int32(Int.random(in: 0..<nodes, using: &generator))
            let hub = Double.random(in: 0..<1, using: &generator)
            let v = Int32(Double(nodes) * hub * hub * hub)
            let w = Double(Int.random(in: 1...4, using: &generator))
            list.append(.init(u, v, w))
            if Int.random(in: 0..<5, using: &generator) == 0 { list.append(.init(v, u, w)) }
        }
        return UserGraph(
            labels: (0..<nodes).map { "u\($0)" }, edges: list, directed: directed,
            includeSelf: seed % 2 == 0)
    }

    @Test(arguments: [(1, true), (2, true), (3, false), (4, false), (5, true)])
    func matchesTheWedgeScan(seed: UInt64, directed: Bool) {
        let graph = Self.randomGraph(seed: seed, nodes: 300, edges: 3_000, directed: directed)
        #expect(ClusteringCoefficient().scores(in: graph) == WedgeScan.scores(graph, weighted: false))
        let weighted = ClusteringCoefficient(weighted: true).scores(in: graph)
        let reference = WedgeScan.scores(graph, weighted: true)
        #expect(zip(weighted, reference).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($1)) })
        #expect(weighted.contains { $0 > 0 })
    }
}
