extension UserGraph {
    /// The undirected projection: `u–v` weighs `w(u→v) + w(v→u)`; an undirected graph is returned as it is.
    ///
    ///     let g = UserGraph(labels: ["a", "b"], edges: [.init(0, 1, 2), .init(1, 0, 3)], directed: true)
    ///     g.undirected().weight(from: 0, to: 1)   // 5.0
    ///
    /// Self-loops in the adjacency are kept (once); per-kind weights are dropped.
    /// - Complexity: O(n + m log m).
    public func undirected() -> UserGraph {
        if !isDirected { return self }
        var builder = Builder(directed: false, kindCount: 1)
        for u in 0..<nodeCount {
            for i in outOffsets[u]..<outOffsets[u + 1] {
                builder.add(Int32(u), outTargets[i], kind: 0, weight: outWeights[i])
            }
        }
        return UserGraph(labels: labels, builder: builder, includeSelf: true, keepKinds: false)
    }
}
