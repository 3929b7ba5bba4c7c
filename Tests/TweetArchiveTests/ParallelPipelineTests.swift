import Foundation
import Testing

@testable import TweetArchive

/// `Parallel.pipeline`: every result consumed once, in order, on the calling thread, with the next one made
/// meanwhile.
@Suite("Parallel pipeline")
struct ParallelPipelineTests {
    @Test("results are consumed in order, each once", arguments: [0, 1, 2, 17])
    func order(count: Int) {
        var seen: [[Int]] = []
        Parallel.pipeline(
            count,
            make: { k in Parallel.map(100, chunks: 4) { k * 1000 + $0 } },
            consume: { seen.append($0) })
        #expect(seen == (0..<count).map { k in (0..<100).map { k * 1000 + $0 } })
    }

    @Test("the next result is made while this one is consumed")
    func overlap() {
        let made = Counter()
        var madeWhenConsumed: [Int] = []
        Parallel.pipeline(
            3,
            make: { k in
                made.increment()
                return k
            },
            consume: { k in
                // Result k + 1 is made while k is consumed: wait for it (briefly) before looking.
                var waited = 0
                while k < 2 && made.value < k + 2 && waited < 5_000 {
                    usleep(1000)
                    waited += 1
                }
                madeWhenConsumed.append(made.value)
            })
        #expect(madeWhenConsumed == [2, 3, 3])
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var count = 0
        var value: Int { lock.withLock { count } }
        func increment() { lock.withLock { count += 1 } }
    }
}
