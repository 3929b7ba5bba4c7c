import Synchronization

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
            let (exchanged, current) = installed.compareExchange(expected: 0, desired: UInt(bitPattern: fresh),
                                                                 ordering: .acquiringAndReleasing)
            if exchanged { return fresh }
            Unmanaged<Box>.fromOpaque(fresh).release()   // another thread installed one first
            return UnsafeRawPointer(bitPattern: current)!
        }
    }
}
