import Foundation
import TweetArchive

/// A fixed-length column of per-tweet values that thread reconstruction's parallel decoding parts write in place:
/// the one shared-memory storage type of ``ReconstructionState``.
///
/// Copies of a column share its storage (a class that owns the memory and frees it). The invariant that makes the
/// sharing safe: ``ReconstructionState/linkAll()`` gives each part a copy of the state, and a part reads and writes
/// only the slots of its own authors' tweets (every candidate, chain root and follow-up of a tweet is its author's),
/// so no slot is touched by two threads; ``ReconstructionState/findFollowUps(threads:threadIndex:parts:)`` splits
/// the authors the same way. The per-tweet passes before decoding (``TweetWalk``, and
/// ``ReconstructionState/authors(of:)``) write from all cores too, each call only the slots of its own tweet or its
/// own contiguous part; everything else reads or writes a column on one thread, before or after those passes. Value
/// copies for callers come from ``array``. Columns filled once before decoding (times, markers, word sets) are read
/// in place as well: at ten million tweets a copy of each would add a gigabyte to the peak.
struct DecisionColumn<Element>: @unchecked Sendable {
    private final class Storage {
        let base: UnsafeMutablePointer<Element>
        let count: Int

        init(repeating value: Element, count: Int) {
            let base = UnsafeMutablePointer<Element>.allocate(capacity: Swift.max(count, 1))
            // A large column is filled on all cores: filling is mostly the kernel handing out fresh zeroed pages,
            // which each core can do for its own part.
            let parts = count >= Storage.parallelFill ? ProcessInfo.processInfo.activeProcessorCount : 1
            nonisolated(unsafe) let shared = base
            nonisolated(unsafe) let value = value
            Parallel.forEachChunk(of: count, chunks: parts) { range, _ in
                (shared + range.lowerBound).initialize(repeating: value, count: range.count)
            }
            self.base = base
            self.count = count
        }

        /// Columns of at least this many slots are filled in parallel parts.
        static var parallelFill: Int { 1 << 20 }

        deinit {
            base.deinitialize(count: count)
            base.deallocate()
        }
    }

    private let storage: Storage

    init(repeating value: Element, count: Int) {
        storage = Storage(repeating: value, count: count)
    }

    var count: Int { storage.count }

    /// The slot of tweet `i`; setting it writes the storage that every copy of this column shares.
    subscript(i: Int) -> Element {
        get {
            precondition(i >= 0 && i < storage.count, "tweet index out of range")
            return storage.base[i]
        }
        nonmutating set {
            precondition(i >= 0 && i < storage.count, "tweet index out of range")
            storage.base[i] = newValue
        }
    }

    /// A value copy of the column.
    var array: ContiguousArray<Element> {
        ContiguousArray(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }
}
