extension TweetGraph {
    /// The nodes of one kind, in id order: a contiguous range, since kinds are numbered in blocks.
    ///
    ///     graph.nodes(of: .user).count   // users in the graph
    ///
    /// - Complexity: O(1).
    public func nodes(of kind: NodeKind) -> LazyMapSequence<Range<Int>, NodeID> {
        let range: Range<Int>
        switch kind {
        case .tweet: range = 0..<tweetCount
        case .externalTweet: range = tweetCount..<(tweetCount + externalTweetCount)
        case .user: range = (tweetCount + externalTweetCount)..<nodeCount
        }
        return range.lazy.map(NodeID.init)
    }

    /// Checks the CSR invariants: monotone offsets that cover every edge, out-edges grouped by source and sorted by
    /// kind, in-edges a permutation of the edges grouped by target and sorted by kind, and per-kind counts.
    /// ``GraphBuilder/build()`` runs it in debug builds.
    ///
    /// - Complexity: O(N + E).
    package func checkInvariants() {
        precondition(outOffsets.count == inOffsets.count && outOffsets.first == 0 && inOffsets.first == 0)
        precondition(Int(outOffsets.last!) == edgeStore.count && Int(inOffsets.last!) == inEdges.count)
        precondition(inEdges.count == edgeStore.count)
        var counts = [Int](repeating: 0, count: EdgeKind.allCases.count)
        var seen = [Bool](repeating: false, count: edgeStore.count)
        for node in 0..<nodeCount {
            precondition(outOffsets[node] <= outOffsets[node + 1] && inOffsets[node] <= inOffsets[node + 1])
            var lastKind: UInt8 = 0
            for k in Int(outOffsets[node])..<Int(outOffsets[node + 1]) {
                let edge = edgeStore[k]
                precondition(edge.source.index == node && edge.kind.rawValue >= lastKind)
                precondition(edge.target.rawValue >= 0 && edge.target.index < nodeCount)
                lastKind = edge.kind.rawValue
                counts[Int(edge.kind.rawValue)] += 1
            }
            lastKind = 0
            for k in Int(inOffsets[node])..<Int(inOffsets[node + 1]) {
                let e = Int(inEdges[k])
                precondition(!seen[e] && edgeStore[e].target.index == node && edgeStore[e].kind.rawValue >= lastKind)
                seen[e] = true
                lastKind = edgeStore[e].kind.rawValue
            }
        }
        precondition(counts == countsByKind)
    }
}
