import TweetArchive

/// Splits per-source work into a fixed number of interleaved chunks (source i in chunk i mod chunks), runs them
/// on up to `threads` workers (``Parallel``) and sums the chunks' result vectors in chunk order, so the result is
/// the same whatever the thread count or scheduling.
enum SourceChunks {
    static func sum(
        sources count: Int, length: Int, threads: Int,
        _ body: @Sendable (_ chunk: Int, _ chunks: Int) -> [Double]
    ) -> [Double] {
        let chunks = min(16, max(1, count))
        let workers = threads > 1 ? min(threads, chunks) : 1
        let partials = Parallel.map(chunks, chunks: workers) { chunk in body(chunk, chunks) }
        var result = [Double](repeating: 0, count: length)
        for partial in partials { for v in 0..<length { result[v] += partial[v] } }
        return result
    }
}
