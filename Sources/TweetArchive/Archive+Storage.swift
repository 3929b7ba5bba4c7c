import Synchronization

// The archive's tweet storage: the tweets sorted by id without copies (`sortRemovingDuplicates`, moving tweets
// along a permutation's cycles), a reader's parts joined without copies (`appendMoving`) and the id index built
// once over them (`IDIndex`, installed lock-free).
//
// Invariant: the pointer loops here run over an array this code owns for the call (the tweets being sorted or
// moved, the index's slot table), within its `count`, and leave every element initialised. When parts are joined
// on all cores, each worker moves only its own parts' chunks, into its own range of the joined storage. The
// installed index box is retained once by `LazyIDIndex` and released in its `deinit`, so a lookup borrows it
// unretained while the caller holds the cache.

extension Archive {
    /// Positions of tweets by id: an open-addressing hash table of 32-bit positions over the archive's sorted id
    /// array, which holds the keys.
    ///
    ///     let index = IDIndex(ids: [10, 20, 30])
    ///     index.position(of: 20, in: [10, 20, 30])   // 1
    ///     index.position(of: 25, in: [10, 20, 30])   // nil
    ///
    /// Lookups are O(1) expected with one multiply for the hash; the table takes 4 bytes a slot at most half full
    /// (8 MB for a million tweets, against ~32 MB for a `[TweetID: Int]`) and builds in one pass.
    struct IDIndex: Sendable {
        private var slots: [UInt32]
        private var shift: UInt64

        private static let empty = UInt32.max

        /// - Precondition: `ids` are unique and fewer than `UInt32.max`.
        init(ids: [UInt64]) {
            self = ids.withUnsafeBufferPointer { keys in IDIndex(count: keys.count) { keys[$0] } }
        }

        /// An index over the `count` keys `key(0)`, `key(1)`, ...: the archive reads them from its tweets, so no
        /// separate id array is kept.
        ///
        /// - Precondition: the keys are unique and fewer than `UInt32.max`.
        init(count: Int, key: (Int) -> UInt64) {
            precondition(count < Int(UInt32.max), "too many tweets for a 32-bit index")
            var bits = 4
            while (1 << bits) < count * 2 { bits += 1 }
            shift = UInt64(64 - bits)
            var slots = [UInt32](repeating: Self.empty, count: 1 << bits)
            let mask = (1 << bits) - 1
            let shift = self.shift
            slots.withUnsafeMutableBufferPointer { table in
                for position in 0..<count {
                    var slot = Self.slot(of: key(position), shift: shift)
                    while table[slot] != Self.empty { slot = (slot + 1) & mask }
                    table[slot] = UInt32(position)
                }
            }
            self.slots = slots
        }

        /// The position of `id` in `ids` (the array the index was built from).
        func position(of id: UInt64, in ids: [UInt64]) -> Int? {
            ids.withUnsafeBufferPointer { keys in position(of: id, count: keys.count) { keys[$0] } }
        }

        /// The position of `id` among the keys the index was built from, read through `key`; positions at or past
        /// `count` (keys since removed) never match.
        func position(of id: UInt64, count: Int, key: (Int) -> UInt64) -> Int? {
            slots.withUnsafeBufferPointer { table in
                let mask = table.count - 1
                var slot = Self.slot(of: id, shift: shift)
                while true {
                    let position = table[slot]
                    if position == Self.empty { return nil }
                    if Int(position) < count && key(Int(position)) == id { return Int(position) }
                    slot = (slot + 1) & mask
                }
            }
        }

        /// Fibonacci hashing: the top bits of the id times 2^64/φ. Snowflake ids differ mostly in their high
        /// (time) and low (sequence) bits; the multiply spreads both over the slot number.
        @inline(__always)
        private static func slot(of id: UInt64, shift: UInt64) -> Int {
            Int(truncatingIfNeeded: (id &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }
    }
}

extension Archive {
    /// The ``IDIndex``, built by the first lookup that needs it and shared by the copies of an archive (each change
    /// to ``Archive/tweets`` starts a new one). Lookups from several threads are safe: a thread that finds no index
    /// builds one and installs it unless another was first, and then uses the one installed.
    final class LazyIDIndex: Sendable {
        /// The address of the installed index, a retained ``Box``; 0 until built.
        private let installed = Atomic<UInt>(0)

        final class Box: Sendable {
            let index: IDIndex
            init(_ index: IDIndex) { self.index = index }
        }

        deinit {
            if let box = UnsafeRawPointer(bitPattern: installed.load(ordering: .acquiring)) {
                Unmanaged<Box>.fromOpaque(box).release()
            }
        }

        /// Calls `body` with the index, building it with `build` first if no lookup has yet.
        @inline(__always)
        func withIndex<R>(build: () -> IDIndex, _ body: (IDIndex) -> R) -> R {
            let box = UnsafeRawPointer(bitPattern: installed.load(ordering: .acquiring)) ?? install(build())
            // Unretained: the installed box lives as long as `self`, which the caller holds for the whole call (and
            // retaining it would make every lookup, on every thread, write the same reference count).
            unowned(unsafe) let installed = Unmanaged<Box>.fromOpaque(box).takeUnretainedValue()
            return body(installed.index)
        }

        private func install(_ index: IDIndex) -> UnsafeRawPointer {
            let fresh = UnsafeRawPointer(Unmanaged.passRetained(Box(index)).toOpaque())
            let (exchanged, current) = installed.compareExchange(
                expected: 0, desired: UInt(bitPattern: fresh),
                ordering: .acquiringAndReleasing)
            if exchanged { return fresh }
            Unmanaged<Box>.fromOpaque(fresh).release() // another thread installed one first
            return UnsafeRawPointer(bitPattern: current)!
        }
    }
}

// MARK: - Ordering

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

// MARK: - Joining

extension Array where Element == Tweet {
    /// Appends `source`'s tweets by moving them, and empties `source`: no tweet is retained or released on the way
    /// (the moved-from elements are refilled with one placeholder, so `source` frees nothing but that and its
    /// buffer).
    ///
    /// - Complexity: O(`source.count`).
    mutating func appendMoving(_ source: inout [Tweet]) {
        let placeholder = Tweet(
            id: TweetID(0), author: Handle(""), createdAt: Timestamp(milliseconds: 0), text: "",
            entities: .empty)
        source.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            append(contentsOf: MovingSequence(base: base, count: buffer.count))
            base.initialize(repeating: placeholder, count: buffer.count)
        }
        source = []
    }

    /// Appends the tweets of `parts` (each a list of chunks), in order, by moving them, and empties the parts. The
    /// joined storage is allocated once, advised into huge pages, and filled on all cores: each part moves its
    /// chunks into its own range (the kernel's zeroing of the fresh pages is most of the cost, and each core zeroes
    /// the pages of its own range). As in ``appendMoving(_:)``, no tweet is retained or released on the way.
    ///
    /// - Complexity: O(`count` + the parts' tweets).
    mutating func appendMoving(parts: inout [[[Tweet]]]) {
        let first = count
        var offsets: [Int] = []
        var total = first
        for part in parts {
            offsets.append(total)
            for chunk in part { total += chunk.count }
        }
        guard total > first else { return }
        let joined = [Tweet](unsafeUninitializedCapacity: total) { buffer, initialized in
            let base = buffer.baseAddress!
            HugePages.advise(UnsafeMutableRawPointer(base), count: total * MemoryLayout<Tweet>.stride)
            var earlier: [Tweet] = []
            swap(&earlier, &self)
            _ = Self.move(&earlier, to: base)
            nonisolated(unsafe) let destination = base
            let offsets = offsets
            parts.withUnsafeMutableBufferPointer { list in
                // Each worker touches only its own parts' chunk arrays and its own range of `destination`.
                nonisolated(unsafe) let list = list
                Parallel.forEachChunk(of: list.count, chunks: list.count) { range, _ in
                    for k in range {
                        var at = destination + offsets[k]
                        for c in list[k].indices {
                            at += Self.move(&list[k][c], to: at)
                        }
                        list[k] = []
                    }
                }
            }
            initialized = total
        }
        self = joined
    }

    /// Moves `source`'s tweets to uninitialized memory at `destination` and empties `source` (refilled with a
    /// placeholder, as in ``appendMoving(_:)``); returns how many moved.
    private static func move(_ source: inout [Tweet], to destination: UnsafeMutablePointer<Tweet>) -> Int {
        let placeholder = Tweet(
            id: TweetID(0), author: Handle(""), createdAt: Timestamp(milliseconds: 0), text: "",
            entities: .empty)
        let moved = source.withUnsafeMutableBufferPointer { buffer in
            guard let from = buffer.baseAddress else { return 0 }
            destination.moveInitialize(from: from, count: buffer.count)
            from.initialize(repeating: placeholder, count: buffer.count)
            return buffer.count
        }
        source = []
        return moved
    }
}

/// Yields the tweets at `base..<base + count` by moving them out: the memory is left uninitialized.
private struct MovingSequence: Sequence, IteratorProtocol {
    var base: UnsafeMutablePointer<Tweet>
    var count: Int
    var underestimatedCount: Int { count }

    mutating func next() -> Tweet? {
        guard count > 0 else { return nil }
        let tweet = base.move()
        base += 1
        count -= 1
        return tweet
    }
}
