#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The text storage of an archive: `TextBlock` (texts and entity records in huge-page memory), `TextArena` (the
// reader's writer into blocks) and `HugePages` (the allocation and the kernel advice behind them).
//
// Invariant: a block's bytes are written only by the reader that owns the block, and only past every byte already
// handed out to a tweet; bytes once handed out never change and live as long as the block, which every tweet that
// points into it keeps alive. Everything else reads texts through `Tweet` and `TextBytes`.

/// Immutable UTF-8 bytes shared by many tweets' texts and their entity records: readers write each text, then its
/// record, behind the last ones in a block of two megabytes (one huge page), so a million texts cost a few hundred
/// allocations instead of millions, and no per-text header. A tweet keeps its block alive; bytes once handed out
/// never change.
///
/// Only the reader that owns a block appends to it, and only past every text already handed out, so tweets
/// sharing a block may be read from any thread: see ``SharedText``.
@usableFromInline
final class TextBlock {
    /// The bytes: ``HugePages/allocate(_:)`` memory, freed with the block.
    @usableFromInline let base: UnsafeMutablePointer<UInt8>
    /// The bytes allocated (tests add them up to check what an archive keeps).
    let capacity: Int

    private init(capacity: Int) {
        base = HugePages.allocate(capacity).bindMemory(to: UInt8.self, capacity: max(capacity, 1))
        self.capacity = capacity
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

/// A tweet's reference to its text block. A class holding a pointer is not `Sendable`; a block is, in the way
/// tweets use it: bytes handed out are never written again (`@unchecked`).
@usableFromInline
struct SharedText: @unchecked Sendable {
    @usableFromInline let block: TextBlock

    @inlinable init(_ block: TextBlock) { self.block = block }
}

/// Where a reader writes texts, and the entity record behind each: the current block and its free space.
struct TextArena {
    /// A reader's blocks: one huge page each.
    static let blockSize = HugePages.size
    /// Zero bytes a writer leaves behind a new text, not committed (its record, or the next text, writes over
    /// them): the entity scanner reads its last sixteen bytes, and one more, in place.
    static let padding = 16
    private(set) var block: TextBlock
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0
    /// The size of each new block (more when one text needs more).
    private let newBlockSize: Int

    /// An arena whose blocks hold `blockSize` bytes: ``blockSize`` for a reader, the text's own size (plus room
    /// for a small record) for a single text. `firstBlockSize` sizes the first block alone: a reader of a small
    /// file starts with a block its size, so that a thousand small files do not keep a thousand huge pages.
    init(blockSize: Int = TextArena.blockSize, firstBlockSize: Int? = nil) {
        newBlockSize = blockSize
        capacity = min(blockSize, firstBlockSize ?? blockSize)
        block = TextBlock.make(capacity: capacity)
        base = block.base
    }

    /// Room for `count` more bytes at the end of the current block (a new block when it is full); returns where
    /// they go. Follow with ``commit(_:)`` once they are written.
    mutating func reserve(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        if used + count > capacity {
            capacity = max(newBlockSize, count)
            block = TextBlock.make(capacity: capacity)
            base = block.base
            used = 0
        }
        return base + used
    }

    /// A writer over room for `count` more bytes at the end of the current block (a new block when it is full);
    /// follow with ``commit(_:)`` once they are written.
    mutating func writer(reserving count: Int) -> ByteWriter { ByteWriter(reserve(count), capacity: count) }

    /// Marks `count` reserved bytes as written; returns where the text starts in ``block``.
    mutating func commit(_ count: Int) -> Int {
        let start = used
        used += count
        return start
    }

    /// Writes `text`'s UTF-8 and ``padding`` zero bytes; returns where it starts in ``block`` and its length.
    mutating func append(_ text: String) -> (start: Int, count: Int) {
        var text = text
        return text.withUTF8 { bytes in
            let target = reserve(bytes.count + Self.padding)
            if let source = bytes.baseAddress { target.initialize(from: source, count: bytes.count) }
            (target + bytes.count).initialize(repeating: 0, count: Self.padding)
            return (commit(bytes.count), bytes.count)
        }
    }

    /// Room for a `count`-byte record, 4-byte aligned, in the block of the text written last (`textCount` bytes
    /// at `textStart` in ``block``): where the record starts, and where the text now starts. When the block has
    /// no room left, the text moves to the start of a new block and the record follows it there (once per block
    /// for a reader), so a record and the text it points into always share a block. The room is taken at once:
    /// write the record before anything else is written.
    mutating func reserveRecord(_ count: Int, text textStart: Int, count textCount: Int)
        -> (record: Int, textStart: Int)
    {
        assert(textStart + textCount == used, "the record must follow the text written last")
        let record = EntityRecord.aligned(used)
        if record + count <= capacity {
            used = record + count
            return (record, textStart)
        }
        let old = block // alive until the text is copied out of it
        let moved = EntityRecord.aligned(textCount)
        capacity = max(newBlockSize, moved + count)
        block = TextBlock.make(capacity: capacity)
        base = block.base
        withExtendedLifetime(old) { base.initialize(from: old.base + textStart, count: textCount) }
        used = moved + count
        return (moved, 0)
    }
}

// MARK: - Huge pages

/// Memory a reader fills once and keeps (text blocks, the tweet array, sort keys), asked of the kernel in 2 MiB
/// pages where it offers them: Linux's transparent huge pages in `madvise` mode, the Debian default. A million
/// tweets touch about 330 MB; in 4 KiB pages that is 80,000 first-touch page faults, a fifth of a one-core read.
///
/// Advice only: where the kernel has no huge pages, or ignores the advice, memory behaves as before.
enum HugePages {
    /// The huge page size advised for (x86-64 and arm64 with 4 KiB base pages).
    static let size = 2 << 20

    /// Advises huge pages for the whole 2 MiB-aligned pages inside `count` bytes at `start`; returns whether the
    /// kernel took the advice (false off Linux, for too small a range, or when it refuses).
    @discardableResult
    static func advise(_ start: UnsafeMutableRawPointer, count: Int) -> Bool {
        #if os(Linux)
            let mask = UInt(size - 1)
            let from = (UInt(bitPattern: start) + mask) & ~mask
            let to = (UInt(bitPattern: start) &+ UInt(count)) & ~mask
            guard to > from, let page = UnsafeMutableRawPointer(bitPattern: from) else { return false }
            return madvise(page, Int(to - from), MADV_HUGEPAGE) == 0
        #else
            return false
        #endif
    }

    /// `count` bytes, from `malloc`, except that `count` of at least ``size`` is aligned to ``size`` and advised,
    /// so the bytes lie in whole huge pages. Free with `free`.
    static func allocate(_ count: Int) -> UnsafeMutableRawPointer {
        var memory: UnsafeMutableRawPointer?
        if count >= size {
            if posix_memalign(&memory, size, count) != 0 { memory = nil }
            if let memory { advise(memory, count: count) }
        } else {
            memory = malloc(max(count, 1))
        }
        guard let memory else { fatalError("out of memory allocating \(count) bytes") }
        return memory
    }
}

extension Array {
    /// `reserveCapacity(n)`, and huge pages advised for the reserved elements (see ``HugePages``): for arrays of
    /// many megabytes filled once.
    mutating func reserveCapacityInHugePages(_ n: Int) {
        reserveCapacity(n)
        let bytes = capacity * MemoryLayout<Element>.stride
        guard bytes >= HugePages.size else { return }
        // The buffer pointer covers `count` elements, but its base is where all `capacity` of them live.
        withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { HugePages.advise(UnsafeMutableRawPointer(base), count: bytes) }
        }
    }
}
