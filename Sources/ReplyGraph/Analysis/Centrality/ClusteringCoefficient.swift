import Foundation

/// Local clustering coefficients and their average, as `networkx.clustering` and `average_clustering`.
///
///     let triangle = UserGraph(labels: ["a", "b", "c", "d"],
///                              edges: [.init(0, 1), .init(1, 2), .init(2, 0), .init(2, 3)], directed: false)
///     ClusteringCoefficient().scores(in: triangle)    // [1.0, 1.0, 0.333..., 0.0]
///     ClusteringCoefficient().average(in: triangle)   // 0.583...
///
/// Undirected: triangles over `d (d − 1) / 2`. Directed: Fagiolo's directed triangles over
/// `2 (d_tot (d_tot − 1) − 2 d_↔)`. Weighted (networkx's `weight="weight"`): the geometric mean of the triangle's
/// edge weights, each divided by the graph's largest weight. Self-loops never form triangles.
///
/// - Complexity: O(Σ_v Σ_{u ∈ N(v)} deg(u)) time, O(n) extra memory.
public struct ClusteringCoefficient: Hashable, Sendable {
    public var weighted: Bool

    public init(weighted: Bool = false) { self.weighted = weighted }

    /// The coefficient of every node, by node index.
    public func scores(in graph: UserGraph) -> [Double] {
        graph.isDirected ? directed(graph) : undirected(graph)
    }

    /// The mean coefficient over all nodes (zeros counted); 0 for an empty graph.
    public func average(in graph: UserGraph) -> Double {
        let c = scores(in: graph)
        return c.isEmpty ? 0 : c.reduce(0, +) / Double(c.count)
    }

    private func maxWeight(_ graph: UserGraph) -> Double {
        guard weighted, let m = graph.outWeights.max() else { return 1 }
        return m
    }

    private func undirected(_ graph: UserGraph) -> [Double] {
        let n = graph.nodeCount
        let maxW = maxWeight(graph)
        var mark = [Double](repeating: -1, count: n)   // weight of i–k, or −1 when k is not i's neighbour
        var result = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var d = 0
            for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] where graph.outTargets[p] != Int32(i) {
                mark[Int(graph.outTargets[p])] = graph.outWeights[p] / maxW
                d += 1
            }
            var t = 0.0
            for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] where graph.outTargets[p] != Int32(i) {
                let j = Int(graph.outTargets[p]), wij = graph.outWeights[p] / maxW
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

    private func directed(_ graph: UserGraph) -> [Double] {
        let n = graph.nodeCount
        let maxW = maxWeight(graph)
        var predW = [Double](repeating: -1, count: n)   // weight of k → i, or −1
        var succW = [Double](repeating: -1, count: n)   // weight of i → k, or −1
        var result = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var dPred = 0, dSucc = 0, dBoth = 0
            for p in graph.inOffsets[i]..<graph.inOffsets[i + 1] where graph.inSources[p] != Int32(i) {
                predW[Int(graph.inSources[p])] = graph.inWeights[p] / maxW; dPred += 1
            }
            for p in graph.outOffsets[i]..<graph.outOffsets[i + 1] where graph.outTargets[p] != Int32(i) {
                let k = Int(graph.outTargets[p])
                succW[k] = graph.outWeights[p] / maxW; dSucc += 1
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
