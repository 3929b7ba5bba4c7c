extension ReconstructionState {
    /// Turns chains of two or more tweets into ``Thread`` values and finds follow-ups.
    ///
    /// - Complexity: O(n) for n tweets, plus sorting the threads by root id.
    mutating func finish() -> Reconstruction {
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
        var threads = members.map(makeThread)
        let followUps = findFollowUps(threads: threads, threadIndex: threadIndex)
        for f in followUps {
            if let i = archive.index(of: f.target), threadIndex[i] >= 0 {
                threads[Int(threadIndex[i])].followUps.append(f)
            }
        }
        return Reconstruction(threads: threads, followUps: followUps, threadIndex: threadIndex, parent: parent,
                              confidence: confidence, authorOf: authorOf, authorCount: authorKeys.count)
    }

    func makeThread(_ members: [Int32]) -> Thread {
        let first = tweets[Int(members[0])]
        var links: [ThreadLink] = []
        links.reserveCapacity(members.count - 1)
        var weakest = 1.0
        for m in members.dropFirst() {
            let i = Int(m)
            let p = Int(parent[i])
            links.append(ThreadLink(from: tweets[i].id, to: tweets[p].id, confidence: Double(confidence[i]),
                                    reason: reason[i]))
            weakest = min(weakest, Double(confidence[i]))
        }
        let numbers = members.map { markers[Int($0)]?.number }
        // The dominant style among numbered members; "mixed" when none covers two thirds of them. Dot numbers count
        // only when the root shows one, or when the parts after an unnumbered root run 1, 2, 3, …: otherwise they
        // are list items inside the parts, not part numbers.
        var styleCounts: [NumberingStyle: Int] = [:]
        let rest = members.dropFirst().map { markers[Int($0)] }
        let rootIsDotted = markers[Int(members[0])]?.style == .dot
            || rest.enumerated().allSatisfy { $0.element?.style == .dot && $0.element?.number == $0.offset + 1 }
        for m in members {
            if let style = markers[Int(m)]?.style, style != .dot || rootIsDotted { styleCounts[style, default: 0] += 1 }
        }
        let numbered = styleCounts.values.reduce(0, +)
        var style = NumberingStyle.none
        var missing: [Int] = []
        var repeated: [Int] = []
        if let top = styleCounts.max(by: { $0.value < $1.value || $0.value == $1.value && $0.key.rawValue > $1.key.rawValue }) {
            style = top.value * 3 >= numbered * 2 ? top.key : .mixed
            let seen = members.compactMap { markers[Int($0)] }.filter { $0.style == top.key }.map(\.number)
            var counts: [Int: Int] = [:]
            for n in seen { counts[n, default: 0] += 1 }
            repeated = counts.filter { $0.value > 1 }.map(\.key).sorted()
            if let lo = seen.first, let hi = seen.max(), hi > lo {
                missing = (lo...hi).filter { counts[$0] == nil }
            }
        }
        let last = tweets[Int(members[members.count - 1])]
        return Thread(root: first.id, author: first.author, tweets: members.map { tweets[Int($0)].id }, links: links,
                      numbering: style, numbers: numbers, missingNumbers: missing, repeatedNumbers: repeated,
                      confidence: weakest, start: first.createdAt, end: last.createdAt)
    }
}
