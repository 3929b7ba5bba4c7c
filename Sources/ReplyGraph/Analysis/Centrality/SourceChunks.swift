import Dispatch

/// Splits per-source work into a fixed number of interleaved chunks (source i in chunk i mod chunks), runs them
/// on up to `threads` workers and sums the chunks' result vectors in chunk order, so the result is the same
/// whatever the thread count or scheduling.
enum SourceChunks {
    static func sum(sources count: Int, length: Int, threads: Int,
                    _ body: @escaping @Sendable (_ chunk: Int, _ chunks: Int) -> [Double]) -> [Double] {
        let chunks = min(16, max(1, count))
        var partials = [[Double]](repeating: [], count: chunks)
        if threads > 1 && chunks > 1 {
            let box = PartialResults(count: chunks)
            let workers = min(threads, chunks)
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var chunk = worker
                while chunk < chunks {
                    box.store(body(chunk, chunks), at: chunk)
                    chunk += workers
                }
            }
            partials = box.results
        } else {
            for chunk in 0..<chunks { partials[chunk] = body(chunk, chunks) }
        }
        var result = [Double](repeating: 0, count: length)
        for partial in partials { for v in 0..<length { result[v] += partial[v] } }
        return result
    }
}

/// Per-chunk results written by concurrent workers, each to its own slot, under a semaphore.
private final class PartialResults: @unchecked Sendable {
    private var slots: [[Double]]
    private let semaphore = DispatchSemaphore(value: 1)

    init(count: Int) { slots = [[Double]](repeating: [], count: count) }

    var results: [[Double]] {
        semaphore.wait()
        defer { semaphore.signal() }
        return slots
    }

    func store(_ value: [Double], at index: Int) {
        semaphore.wait()
        defer { semaphore.signal() }
        slots[index] = value
    }
}
