/// Summary figures for the threads of a ``ReplyGraph``.
///
///     let stats = ThreadStatistics(ReplyGraph(try ArchiveReader().read(paths: [SampleArchive.path])))
///     stats.count                                 // 228
///     stats.lengthHistogram[2]                    // 33 threads of exactly two tweets
///     stats.medianLength                          // 7.0
///     stats.threadsPerMonth["2022-03"]            // 19
///     stats.threadedShare[Handle("alexxubyte")]   // 0.73: most of the account's tweets sit in threads
///
/// Medians of an even number of values are the mean of the two middle ones; the 90th percentile is the
/// nearest-rank value (the ⌈0.9 n⌉-th smallest). Months are UTC calendar months of each thread's first tweet.
/// With no threads every figure is 0 and the tables are empty.
///
/// - Complexity: O(t log t + n) for t threads and n tweets.
public struct ThreadStatistics: Hashable, Sendable {
    /// The number of threads.
    public var count: Int
    /// Thread length → number of threads of that length.
    public var lengthHistogram: [Int: Int]
    /// The mean number of tweets per thread.
    public var meanLength: Double
    /// The median number of tweets per thread.
    public var medianLength: Double
    /// The 90th percentile of the number of tweets per thread.
    public var p90Length: Int
    /// The longest thread's number of tweets.
    public var maxLength: Int
    /// Median seconds from a thread's first to its last tweet.
    public var medianDuration: Double
    /// `"YYYY-MM"` (UTC, of the first tweet) → threads started that month.
    public var threadsPerMonth: [String: Int]
    /// Each author's share of tweets that sit in a thread, in [0, 1]; every author of the archive is listed.
    public var threadedShare: [Handle: Double]

    /// The statistics of `graph`'s threads.
    public init(_ graph: ReplyGraph) { self.init(threads: graph.threads, tweets: graph.archive.tweets) }

    package init(threads: [TweetThread], tweets: [Tweet]) {
        count = threads.count
        let lengths = threads.map(\.length).sorted()
        lengthHistogram = lengths.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        meanLength = lengths.isEmpty ? 0 : Double(lengths.reduce(0, +)) / Double(lengths.count)
        medianLength = Self.median(lengths.map(Double.init))
        p90Length = lengths.isEmpty ? 0 : lengths[(lengths.count * 9 + 9) / 10 - 1]
        maxLength = lengths.last ?? 0
        medianDuration = Self.median(threads.map(\.duration).sorted())
        threadsPerMonth = threads.reduce(into: [:]) { table, thread in
            let c = thread.start.components()
            let month = c.month < 10 ? "0\(c.month)" : "\(c.month)"
            table["\(c.year)-\(month)", default: 0] += 1
        }
        var total: [Handle: Int] = [:]
        for tweet in tweets { total[tweet.author, default: 0] += 1 }
        var threaded: [Handle: Int] = [:]
        for thread in threads { threaded[thread.author, default: 0] += thread.length }
        threadedShare = total.reduce(into: [:]) { share, entry in
            share[entry.key] = Double(threaded[entry.key] ?? 0) / Double(entry.value)
        }
    }

    /// The median of sorted values; 0 for none.
    static func median(_ sorted: [Double]) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
