/// Asynchronous label propagation on the undirected projection, with networkx's `asyn_lpa_communities`
/// semantics and a seed.
///
///     let result = try LabelPropagation(seed: 3).communities(in: graph)
///     result.groups    // communities, each a list of handles
///
/// Every node starts with its own label. Each round visits the nodes in a seeded random order; a node whose label
/// is not among the most frequent (weight-summed) labels of its neighbours takes one of those, chosen at random.
/// Rounds repeat until no label changes. This is networkx's asynchronous variant, not the semi-synchronous
/// `label_propagation_communities` (whose result depends on Python's set order); the random choices come from
/// `SeededGenerator`, so partitions differ from networkx's for the same seed number.
///
/// - Complexity: O(m) per round.
public struct LabelPropagation: Hashable, Sendable {
    package var seed: UInt64
    package var weighted: Bool
    package var maxRounds: Int

    /// Label propagation with `seed` for the visiting order and ties, by edge weight unless `weighted` is false,
    /// for at most `maxRounds` rounds.
    public init(seed: UInt64 = 0, weighted: Bool = true, maxRounds: Int = 1000) {
        self.seed = seed
        self.weighted = weighted
        self.maxRounds = maxRounds
    }

    /// The communities of `input`'s undirected projection.
    ///
    /// - Throws: ``CentralityError`` `label_propagation` when labels still change after `maxRounds` rounds.
    /// - Complexity: O(m) per round.
    public func communities(in input: UserGraph) throws(CentralityError) -> Communities {
        let graph = input.undirected()
        let n = graph.nodeCount
        var rng = SeededGenerator(seed: seed)
        var label = (0..<Int32(n)).map { $0 }
        var frequency = [Double](repeating: 0, count: n)
        var isSeen = [Bool](repeating: false, count: n) // not `frequency == 0`: zero-weight edges exist
        var seen: [Int32] = []
        var best: [Int32] = []
        var order = (0..<n).map { $0 }
        for _ in 0..<maxRounds {
            var changed = false
            order.shuffle(using: &rng)
            for u in order where graph.outOffsets[u] < graph.outOffsets[u + 1] {
                seen.removeAll(keepingCapacity: true)
                for i in graph.outOffsets[u]..<graph.outOffsets[u + 1] {
                    let l = label[Int(graph.outTargets[i])]
                    if !isSeen[Int(l)] {
                        isSeen[Int(l)] = true
                        seen.append(l)
                    }
                    frequency[Int(l)] += weighted ? graph.outWeights[i] : 1
                }
                var top = -Double.infinity
                for l in seen { top = max(top, frequency[Int(l)]) }
                best.removeAll(keepingCapacity: true)
                for l in seen where frequency[Int(l)] == top { best.append(l) }
                for l in seen {
                    frequency[Int(l)] = 0
                    isSeen[Int(l)] = false
                }
                if !best.contains(label[u]) {
                    label[u] = best[Int(rng.next(upperBound: UInt64(best.count)))]
                    changed = true
                }
            }
            if !changed { return Communities(rawLabels: label, modularityIn: graph, resolution: 1) }
        }
        throw .notConverged("label_propagation", iterations: maxRounds)
    }
}
