import Dispatch

/// Work split over the cores: the one place where concurrent workers write into shared storage.
///
/// Every entry point hands each worker its own indices. A worker writes only the result slots of those indices, and
/// the storage it writes lives until `DispatchQueue.concurrentPerform` returns, which happens only after every
/// worker has finished. So writes never overlap, and all of them are visible to the caller afterwards.
package enum Parallel {
    /// `chunks` contiguous parts of `0..<count` whose sizes differ by at most one; part `k` is
    /// `count·k/chunks ..< count·(k+1)/chunks`.
    package static func chunk(_ k: Int, of chunks: Int, count: Int) -> Range<Int> {
        (count * k / chunks)..<(count * (k + 1) / chunks)
    }

    /// Calls `body` with each of `chunks` contiguous parts of `0..<count` (see ``chunk(_:of:count:)``) and its
    /// number, on all cores, in no set order. Empty parts are skipped. With one part, runs on the calling thread.
    package static func forEachChunk(of count: Int, chunks: Int, _ body: @Sendable (Range<Int>, Int) -> Void) {
        let chunks = Swift.max(1, Swift.min(chunks, count))
        guard count > 0 else { return }
        if chunks == 1 { return body(0..<count, 0) }
        DispatchQueue.concurrentPerform(iterations: chunks) { k in
            let range = chunk(k, of: chunks, count: count)
            if !range.isEmpty { body(range, k) }
        }
    }

    /// `body(i)` for each `i` in `0..<count`, computed on all cores in `chunks` contiguous parts, in index order.
    ///
    ///     let squares = Parallel.map(1_000, chunks: 64) { $0 * $0 }
    package static func map<T>(_ count: Int, chunks: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            nonisolated(unsafe) let base = buffer.baseAddress!
            forEachChunk(of: count, chunks: chunks) { range, _ in
                for i in range { (base + i).initialize(to: body(i)) }
            }
            initialized = count
        }
    }
}

extension Parallel {
    /// Calls `consume` with `make(0)`, `make(1)`, … in order on the calling thread, while `make(k + 1)` runs on
    /// another thread (where it may use all cores, e.g. through ``map(_:chunks:_:)``): making the next result and
    /// consuming this one overlap, and at most two results are alive at once.
    ///
    ///     Parallel.pipeline(3, make: { "part \($0)" }, consume: { print($0) })   // part 0, part 1, part 2
    ///
    /// Each result is written by the thread that makes it before that thread leaves a dispatch group, and read by
    /// the calling thread only after waiting for the group, so the two never touch it at once.
    ///
    /// - Complexity: `count` calls of `make` and of `consume`, and one dispatch per result.
    package static func pipeline<T: Sendable>(
        _ count: Int, make: @escaping @Sendable (Int) -> T, consume: (T) -> Void
    ) {
        guard count > 0 else { return }
        var current = make(0)
        for k in 0..<count {
            let next = Slot<T>()
            let group = DispatchGroup()
            if k + 1 < count {
                DispatchQueue.global().async(group: group) { next.value = make(k + 1) }
            }
            consume(current)
            group.wait()
            guard let value = next.value else { return }
            current = value
        }
    }

    /// A result handed from the thread that makes it to the one that waits for it (see ``pipeline(_:make:consume:)``).
    private final class Slot<T>: @unchecked Sendable {
        var value: T?
    }
}
