#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Immutable UTF-8 bytes shared by many tweets' texts: readers write each text behind the last one in a block of
/// two megabytes (one huge page), so a million texts cost a few hundred allocations instead of a million, and no per-text
/// header. A tweet keeps its block alive; bytes once written never change.
///
/// Only the reader that owns a block appends to it, and only past every text already handed out, so tweets
/// sharing a block may be read from any thread: see ``SharedText``.
@usableFromInline
final class TextBlock {
    /// The bytes: ``HugePages/allocate(_:)`` memory, freed with the block.
    @usableFromInline let base: UnsafeMutablePointer<UInt8>

    private init(capacity: Int) {
        base = HugePages.allocate(capacity).bindMemory(to: UInt8.self, capacity: max(capacity, 1))
    }

    deinit { free(base) }

    /// A block that can hold at least `capacity` bytes, empty. A reader's blocks (``TextArena/blockSize``) are
    /// whole huge pages.
    static func make(capacity: Int) -> TextBlock { TextBlock(capacity: capacity) }

    /// A block holding exactly `text`'s UTF-8.
    static func make(copying text: String) -> (block: TextBlock, count: Int) {
        var text = text
        return text.withUTF8 { bytes in
            let block = make(capacity: bytes.count)
            if let source = bytes.baseAddress { block.base.initialize(from: source, count: bytes.count) }
            return (block, bytes.count)
        }
    }
}

/// A tweet's reference to its text block. `ManagedBuffer` is not `Sendable`; a block is, in the way tweets use
/// it: bytes handed out are never written again (`@unchecked`).
@usableFromInline
struct SharedText: @unchecked Sendable {
    @usableFromInline let block: TextBlock

    @inlinable init(_ block: TextBlock) { self.block = block }
}

/// Where a reader writes texts: the current block and its free space.
struct TextArena {
    static let blockSize = HugePages.size
    private(set) var block = TextBlock.make(capacity: TextArena.blockSize)
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity = TextArena.blockSize
    private var used = 0

    init() { base = block.base }

    /// Room for `count` more bytes at the end of the current block (a new block when it is full); returns where
    /// they go. Follow with ``commit(_:)`` once they are written.
    mutating func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        if used + count > capacity {
            capacity = max(Self.blockSize, count)
            block = TextBlock.make(capacity: capacity)
            base = block.base
            used = 0
        }
        return base + used
    }

    /// Marks `count` reserved bytes as written; returns where the text starts in ``block``.
    mutating func commit(_ count: Int) -> Int {
        let start = used
        used += count
        return start
    }
}
