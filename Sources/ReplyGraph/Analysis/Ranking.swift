import TweetArchive

/// Scores of a user graph's nodes, looked up by handle and listed best first.
///
///     let ranking = try PageRank().ranking(in: userGraph)
///     ranking.top(3)                       // [(handle: @a, score: 0.21), (handle: @b, score: 0.18), …]
///     ranking[Handle("a")]                 // 0.21
///
/// Ties in ``top(_:)`` are broken by handle (case-insensitive), so the order is the same on every run.
public struct Ranking: Sendable {
    /// One ranked user.
    public struct Entry: Hashable, Sendable {
        /// The user, with the spelling first seen in the archive.
        public var handle: Handle
        /// The user's score.
        public var score: Double
    }

    /// The graph the scores belong to.
    package let graph: UserGraph
    /// Scores by node index of ``graph``.
    package let scores: [Double]

    /// Scores by node index of `graph` (`scores.count == graph.nodeCount`).
    package init(graph: UserGraph, scores: [Double]) {
        precondition(scores.count == graph.nodeCount, "one score per node")
        self.graph = graph
        self.scores = scores
    }

    /// Number of ranked users.
    public var count: Int { scores.count }

    /// The score of `handle` (compared case-insensitively), or nil when the user is not in the graph.
    public subscript(handle: Handle) -> Double? {
        graph.node(handle).map { scores[Int($0)] }
    }

    /// The `k` best-scored users, best first, ties by handle.
    ///
    /// - Complexity: O(n log k) for n users.
    public func top(_ k: Int) -> [Entry] {
        let k = Swift.max(0, Swift.min(k, count))
        guard k > 0 else { return [] }
        let keys = graph.labels.map { Handle($0).key }
        func before(_ a: Int, _ b: Int) -> Bool {
            scores[a] != scores[b] ? scores[a] > scores[b] : keys[a] < keys[b]
        }
        var best: [Int] = []
        best.reserveCapacity(k + 1)
        for v in 0..<count {
            if best.count == k, !before(v, best[k - 1]) { continue }
            let at = best.partitioningIndex { before(v, $0) }
            best.insert(v, at: at)
            if best.count > k { best.removeLast() }
        }
        return best.map { Entry(handle: Handle(graph.labels[$0]), score: scores[$0]) }
    }

    /// Every user with its score, best first, ties by handle.
    public var entries: [Entry] { top(count) }
}

extension Array {
    /// The first index whose element satisfies `belongs`, for a predicate that is false then true along the array.
    fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if belongs(self[mid]) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}

extension Sequence {
    /// The first `limit` elements in the order `before` defines (a strict total order), best first: one pass that
    /// keeps the best `limit` in order, not a sort of every element (a large archive has millions of authors or
    /// link targets, and a report shows 10 or 25).
    ///
    ///     [5, 1, 4, 2].leading(2, by: >)   // [5, 4]
    ///
    /// - Complexity: O(n · log k) comparisons and O(n · k) moves at worst, for n elements and k = `limit`; O(n)
    ///   when most elements fall behind the k-th best, as counts do.
    func leading(_ limit: Int, by before: (Element, Element) -> Bool) -> [Element] {
        var best: [Element] = []
        guard limit > 0 else { return best }
        for element in self {
            if best.count == limit, !before(element, best[limit - 1]) { continue }
            var low = 0
            var high = best.count
            while low < high {
                let mid = (low + high) / 2
                if before(best[mid], element) { low = mid + 1 } else { high = mid }
            }
            best.insert(element, at: low)
            if best.count > limit { best.removeLast() }
        }
        return best
    }
}
