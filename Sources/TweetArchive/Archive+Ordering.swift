extension Archive {
    /// Sorts tweets by id in place, keeping the first-read copy of each id, and counts the removed copies per
    /// input.
    ///
    ///     var tweets = [t3, t1, t3b, t2]          // ids 3, 1, 3, 2 read from inputs of 3 and 1 tweets
    ///     Archive.sortRemovingDuplicates(&tweets, inputCounts: [3, 1])   // [1, 0]
    ///     tweets.map(\.id)                        // [1, 2, 3] (the 3 kept is t3, read first)
    ///
    /// Archives come newest first (twint) or oldest first, so the common cases cost one pass: an ascending array
    /// is left alone and a descending one reversed. Otherwise only (id, reading position) pairs are sorted, and the
    /// tweets are moved once, in place, along the permutation's cycles: no copy of the tweet array is ever made.
    ///
    /// - Parameters:
    ///   - tweets: Tweets in reading order; on return sorted by id, each id once.
    ///   - inputCounts: How many of `tweets` each input contributed, in order (they sum to `tweets.count`).
    /// - Returns: The duplicates removed from each input.
    /// - Complexity: O(n) for ascending or descending input, else O(n log n) on 16-byte pairs plus O(n) moves.
    static func sortRemovingDuplicates(_ tweets: inout [Tweet], inputCounts: [Int]) -> [Int] {
        var duplicates = [Int](repeating: 0, count: inputCounts.count)
        let n = tweets.count
        guard n > 1 else { return duplicates }
        if isStrictly(tweets, ascending: true) { return duplicates }
        if isStrictly(tweets, ascending: false) {
            tweets.reverse()
            return duplicates
        }

        // Sort (id, reading position) pairs: the position breaks ties, so the first-read copy comes first. The ids
        // are copied out of the tweets once, so the sort compares 16-byte pairs in one array rather than reaching
        // into 96-byte tweets at random.
        precondition(n < Int(UInt32.max), "too many tweets to order")
        var keys = [(id: UInt64, position: UInt32)]()
        keys.reserveCapacityInHugePages(n)
        tweets.withUnsafeBufferPointer { buffer in
            // Mostly-descending input is fed in reverse, so the adaptive sort finds long ascending runs.
            if buffer[0].id.rawValue > buffer[n - 1].id.rawValue {
                for i in stride(from: n - 1, through: 0, by: -1) { keys.append((buffer[i].id.rawValue, UInt32(i))) }
            } else {
                for i in 0..<n { keys.append((buffer[i].id.rawValue, UInt32(i))) }
            }
        }
        if !insertionSortNearlySorted(&keys) {
            keys.sort(by: precedes)
        }

        // Which input each reading position belongs to, for the duplicate counts.
        var inputStarts: [Int] = []
        var start = 0
        for count in inputCounts {
            inputStarts.append(start)
            start += count
        }
        func input(of position: Int) -> Int {
            var low = 0
            var high = inputStarts.count - 1
            while low < high {
                let mid = (low + high + 1) / 2
                if inputStarts[mid] <= position { low = mid } else { high = mid - 1 }
            }
            return low
        }

        // The permutation: kept tweets in id order, then the duplicates (to be dropped).
        var order = [UInt32](repeating: 0, count: n)
        var dropped: [UInt32] = []
        var kept = 0
        var previous: UInt64?
        for (id, position) in keys {
            if id == previous {
                dropped.append(position)
                if !inputCounts.isEmpty { duplicates[input(of: Int(position))] += 1 }
            } else {
                order[kept] = position
                kept += 1
                previous = id
            }
        }
        order.replaceSubrange(kept..., with: dropped)
        applyInPlace(&tweets, source: order)
        tweets.removeLast(n - kept)
        return duplicates
    }

    /// The order of sort keys: by id, then by reading position (the first-read copy of an id first).
    @inline(__always)
    static func precedes(_ a: (id: UInt64, position: UInt32), _ b: (id: UInt64, position: UInt32)) -> Bool {
        a.id != b.id ? a.id < b.id : a.position < b.position
    }

    /// Sorts `keys` by (id, position) by insertion when they are nearly sorted already (twint lists tweets newest
    /// first with a few out of place: after the reversal above, a few hundred keys in a million move a step or
    /// two); gives up, leaving `keys` a permutation of what they were, once the moves pass one per key.
    ///
    /// - Returns: Whether `keys` are sorted.
    /// - Complexity: O(n + moves), at most O(2n).
    static func insertionSortNearlySorted(_ keys: inout [(id: UInt64, position: UInt32)]) -> Bool {
        keys.withUnsafeMutableBufferPointer { keys in
            let n = keys.count
            var budget = n
            for i in stride(from: 1, to: n, by: 1) {
                let key = keys[i]
                var j = i
                while j > 0 && precedes(key, keys[j - 1]) {
                    keys[j] = keys[j - 1]
                    j -= 1
                    budget -= 1
                }
                keys[j] = key
                if budget < 0 { return false }
            }
            return true
        }
    }

    /// Sets `elements[k]` to the old `elements[source[k]]` for every k, moving each element once along the
    /// permutation's cycles (moves, not copies: no reference counting).
    static func applyInPlace<Element, Position: BinaryInteger>(_ elements: inout [Element], source: [Position]) {
        precondition(source.count == elements.count)
        var done = [Bool](repeating: false, count: source.count)
        elements.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in source.indices where !done[i] {
                done[i] = true
                if Int(source[i]) == i { continue }
                let first = (base + i).move()
                var j = i
                while true {
                    let next = Int(source[j])
                    if next == i {
                        (base + j).initialize(to: first)
                        break
                    }
                    (base + j).moveInitialize(from: base + next, count: 1)
                    done[next] = true
                    j = next
                }
            }
        }
    }

    private static func isStrictly(_ tweets: [Tweet], ascending: Bool) -> Bool {
        tweets.withUnsafeBufferPointer { buffer in
            var previous = buffer[0].id.rawValue
            for k in 1..<buffer.count {
                let id = buffer[k].id.rawValue
                if ascending ? id <= previous : id >= previous { return false }
                previous = id
            }
            return true
        }
    }
}
