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
