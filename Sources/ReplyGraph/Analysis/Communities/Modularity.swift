/// Modularity of a partition as `networkx.community.modularity`, for directed and undirected graphs.
///
///     let two = UserGraph(labels: ["a", "b", "c", "d"], edges: [.init(0, 1), .init(2, 3)], directed: false)
///     try Modularity().value(of: [[0, 1], [2, 3]], in: two)   // 0.5
///
/// Undirected: `Σ_c L_c / m − γ (Σ_{v∈c} k_v / 2m)²` (a self-loop adds twice to its node's degree). Directed:
/// `Σ_c L_c / m − γ (Σ k_out)(Σ k_in) / m²`. Weights are used unless `weighted` is false. A graph without edge
/// weight has modularity 0 (networkx divides by zero there).
///
/// - Complexity: O(n + m).
package struct Modularity: Hashable, Sendable {
    package var resolution: Double
    package var weighted: Bool

    package init(resolution: Double = 1, weighted: Bool = true) {
        self.resolution = resolution
        self.weighted = weighted
    }

    /// The modularity of `communities` (lists of node indices) in `graph`.
    ///
    /// - Throws: ``CentralityError`` `modularity` when the communities are not a partition of the nodes.
    package func value(of communities: [[Int32]], in graph: UserGraph) throws(CentralityError) -> Double {
        let n = graph.nodeCount
        var community = [Int32](repeating: -1, count: n)
        for (c, members) in communities.enumerated() {
            for v in members {
                guard v >= 0, Int(v) < n, community[Int(v)] < 0 else {
                    throw .invalidArgument("modularity", "communities are not a partition of the graph's nodes")
                }
                community[Int(v)] = Int32(c)
            }
        }
        guard !community.contains(-1) else {
            throw .invalidArgument("modularity", "communities are not a partition of the graph's nodes")
        }
        return value(communityOfNode: community, communityCount: communities.count, in: graph)
    }

    func value(communityOfNode community: [Int32], communityCount: Int, in graph: UserGraph) -> Double {
        let n = graph.nodeCount
        var internalWeight = [Double](repeating: 0, count: communityCount)
        var outSum = [Double](repeating: 0, count: communityCount)
        var inSum = [Double](repeating: 0, count: communityCount)
        var total = 0.0
        for u in 0..<n {
            let cu = Int(community[u])
            for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] {
                let v = Int(graph.outTargets[i])
                let w = weighted ? graph.outWeights[i] : 1
                if graph.isDirected {
                    total += w
                    outSum[cu] += w
                    inSum[Int(community[v])] += w
                    if community[v] == community[u] { internalWeight[cu] += w }
                } else {
                    let loop = v == u
                    outSum[cu] += loop ? 2 * w : w
                    if v >= u {
                        total += w
                        if community[v] == community[u] { internalWeight[cu] += w }
                    }
                }
            }
        }
        guard total > 0 else { return 0 }
        var q = 0.0
        if graph.isDirected {
            let norm = 1 / (total * total)
            for c in 0..<communityCount { q += internalWeight[c] / total - resolution * outSum[c] * inSum[c] * norm }
        } else {
            let degreeSum = 2 * total
            let norm = 1 / (degreeSum * degreeSum)
            for c in 0..<communityCount { q += internalWeight[c] / total - resolution * outSum[c] * outSum[c] * norm }
        }
        return q
    }
}

/// Communities found by a detection algorithm.
public struct Communities: Hashable, Sendable {
    /// Each community's nodes in ascending order; communities ordered by their smallest node.
    package let members: [[Int32]]
    /// The community of each node, by node index (an index into ``members``).
    package let communityOfNode: [Int32]
    /// The partition's modularity in the graph it was found in (the undirected projection for directed input).
    public let modularity: Double
    /// The graph's node labels (handles by node index).
    package let labels: [String]

    /// Number of communities.
    public var count: Int { members.count }

    /// Each community's users, in node order; communities ordered by their first user.
    public var groups: [[Handle]] { members.map { $0.map { Handle(labels[Int($0)]) } } }

    init(rawLabels: [Int32], modularityIn graph: UserGraph, resolution: Double) {
        let components = Components(rawLabels: rawLabels, labels: graph.labels)
        labels = graph.labels
        members = components.members
        communityOfNode = components.componentOfNode
        modularity = Modularity(resolution: resolution).value(
            communityOfNode: communityOfNode,
            communityCount: members.count, in: graph)
    }
}
