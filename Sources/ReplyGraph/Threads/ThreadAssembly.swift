import Foundation

extension ReconstructionState {
    /// Turns chains of two or more tweets into ``TweetThread`` values and finds follow-ups.
    ///
    /// - Complexity: O(n) for n tweets, plus sorting the threads by root id.
    mutating func finish() -> Reconstruction {
        // What only decoding reads goes before the threads are built: at ten million tweets it is a gigabyte of the
        // peak.
        facts = DecisionColumn(repeating: TweetFacts(), count: 0)
        numbering = DecisionColumn(repeating: ChainNumbering(), count: 0)
        ownRank = DecisionColumn(repeating: 0, count: 0)
        recent = []
        var slot = ContiguousArray<Int32>(repeating: -1, count: chains.count)
        var roots: [(id: TweetID, chain: Int32)] = []
        for (c, chain) in chains.enumerated() where chain.length >= 2 {
            roots.append((tweets[Int(chain.root)].id, Int32(c)))
        }
        roots.sort { $0.id < $1.id }
        for (k, root) in roots.enumerated() { slot[Int(root.chain)] = Int32(k) }
        var members = [[Int32]](repeating: [], count: roots.count)
        var threadIndex = ContiguousArray<Int32>(repeating: -1, count: tweets.count)
        for i in order {
            let k = slot[Int(chainOf[Int(i)])]
            guard k >= 0 else { continue }
            members[Int(k)].append(i)
            threadIndex[Int(i)] = k
        }
        // Each thread depends on its own members only: large archives make them on all cores.
        let state = self
        let chunks = tweets.count >= Self.parallelThreshold ? ProcessInfo.processInfo.activeProcessorCount : 1
        let lists = members // the workers read a constant
        var threads = Parallel.map(lists.count, chunks: chunks) { state.makeThread(lists[$0]) }
        for (k, root) in roots.enumerated() where chains[Int(root.chain)].rootIsReply { threads[k].kind = .replyChain }
        let followUps = findFollowUps(threads: threads, threadIndex: threadIndex)
        for f in followUps {
            if let i = archive.index(of: f.target), threadIndex[i] >= 0 {
                threads[Int(threadIndex[i])].followUps.append(f)
            }
        }
        return Reconstruction(
            threads: threads, followUps: followUps, threadIndex: threadIndex, parent: parent.array,
            confidence: confidence.array, authorOf: authorOf, authorCount: authorKeys.count)
    }

    func makeThread(_ members: [Int32]) -> TweetThread {
        let first = tweets[Int(members[0])]
        var links: [ThreadLink] = []
        links.reserveCapacity(members.count - 1)
        var weakest = 1.0
        for m in members.dropFirst() {
            let i = Int(m)
            let p = Int(parent[i])
            links.append(
                ThreadLink(
                    from: tweets[i].id, to: tweets[p].id, confidence: Double(confidence[i]),
                    reason: reason[i]))
            weakest = min(weakest, Double(confidence[i]))
        }
        let numbers = members.map { markers[Int($0)]?.number }
        // The dominant style among numbered members; "mixed" when none covers two thirds of them. Dot numbers count
        // only when the root shows one, or when the parts after an unnumbered root run 1, 2, 3, …: otherwise they
        // are list items inside the parts, not part numbers.
        var rootIsDotted = markers[Int(members[0])]?.style == .dot
        if !rootIsDotted {
            rootIsDotted = true
            for (offset, m) in members.dropFirst().enumerated() {
                guard let marker = markers[Int(m)], marker.style == .dot, marker.number == offset + 1 else {
                    rootIsDotted = false
                    break
                }
            }
        }
        // Counts per style, indexed like `NumberingStyle.allCases` (a handful of styles: no dictionary).
        let styles = NumberingStyle.allCases
        var styleCounts = [Int](repeating: 0, count: styles.count)
        for m in members {
            if let style = markers[Int(m)]?.style, style != .dot || rootIsDotted {
                styleCounts[styles.firstIndex(of: style)!] += 1
            }
        }
        let numbered = styleCounts.reduce(0, +)
        var style = NumberingStyle.none
        var missing: [Int] = []
        var repeated: [Int] = []
        // The most frequent style; among equals, the one whose raw value sorts first.
        var top: Int?
        for k in styles.indices where styleCounts[k] > 0 {
            if let t = top,
                styleCounts[t] > styleCounts[k]
                    || styleCounts[t] == styleCounts[k] && styles[t].rawValue <= styles[k].rawValue
            {
                continue
            }
            top = k
        }
        if let top {
            let topStyle = styles[top]
            style = styleCounts[top] * 3 >= numbered * 2 ? topStyle : .mixed
            var seen: [Int] = []
            for m in members {
                if let marker = markers[Int(m)], marker.style == topStyle { seen.append(marker.number) }
            }
            let sorted = seen.sorted()
            for k in sorted.indices.dropFirst() where sorted[k] == sorted[k - 1] && repeated.last != sorted[k] {
                repeated.append(sorted[k])
            }
            if let lo = seen.first, let hi = sorted.last, hi > lo {
                var p = 0
                for v in lo...hi {
                    while p < sorted.count && sorted[p] < v { p += 1 }
                    if p == sorted.count || sorted[p] != v { missing.append(v) }
                }
            }
        }
        let last = tweets[Int(members[members.count - 1])]
        return TweetThread(
            root: first.id, author: first.author, tweets: members.map { tweets[Int($0)].id }, links: links,
            numbering: style, numbers: numbers, missingNumbers: missing, repeatedNumbers: repeated,
            confidence: weakest, start: first.createdAt, end: last.createdAt)
    }
}
