#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
#if canImport(CZlib)
    import CZlib // ZIPFoundation's module for the system zlib (Linux)
#elseif canImport(zlib)
    import zlib
#endif

// The input side's byte storage: `InputBuffer`, the one buffer that files, lines and zip entries are read into
// (`LineReader`'s window, `ArchiveReader`'s chunks and probes, `ZipFile`'s compressed input and inflated output,
// an account folder's files), with the raw calls that fill it (`read(2)`, `pread(2)`, `memchr(3)`, `memmove(3)`,
// zlib's `inflate` and `crc32`).
//
// Invariant: a buffer's `capacity + padding` bytes are allocated and initialised (to zero) when it is made or
// grown, and freed only by its `deinit` or a `grow(to:keeping:)` that replaces them; every access here stays within
// `0..<capacity` (checked with a precondition) and a handed-out `TextBytes` may also read the padding behind it.
// A `TextBytes` of a buffer is valid only until the buffer is next filled, moved, grown or freed, which its users
// guarantee by using it only during one call; a zlib stream pointed into a buffer (`setInput(of:_:)`) is run only
// while that buffer lives. Everything else in the module reads input through this type and `TextBytes`.

/// A byte buffer that input is read into, followed by `padding` zero bytes that a parser may read past a line's
/// end.
///
///     let buffer = InputBuffer(capacity: 1 << 20)
///     let n = buffer.fill(from: descriptor, into: 0..<buffer.capacity)   // like read(2): -1 sets errno
///     if n > 0 { parse(buffer.bytes(0..<n)) }
///
/// - Complexity: every accessor is O(1), except the searches and copies, linear in their range.
final class InputBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    /// The bytes that may be filled.
    private(set) var capacity: Int
    /// Zero bytes behind ``capacity``, readable through a ``TextBytes`` that ends near it.
    let padding: Int

    /// A buffer of `capacity` zero bytes, and `padding` more behind them.
    init(capacity: Int, padding: Int = 0) {
        precondition(capacity >= 0 && padding >= 0)
        self.capacity = capacity
        self.padding = padding
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity + padding, 1))
        base.initialize(repeating: 0, count: capacity + padding)
    }

    deinit { base.deallocate() }

    @inline(__always) private func check(_ range: Range<Int>) {
        precondition(range.lowerBound >= 0 && range.upperBound <= capacity, "outside the input buffer")
    }

    /// The byte at `i`.
    @inline(__always) subscript(i: Int) -> UInt8 {
        precondition(i >= 0 && i < capacity, "outside the input buffer")
        return base[i]
    }

    /// The bytes in `range`, indexed from 0; the buffer's bytes behind them (and its padding) stay readable.
    @inline(__always) func bytes(_ range: Range<Int>) -> TextBytes {
        check(range)
        return TextBytes(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// The offset of the first `byte` in `range`, found with `memchr(3)`.
    @inline(__always) func firstIndex(of byte: UInt8, in range: Range<Int>) -> Int? {
        check(range)
        guard let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// Moves the bytes in `range` to the start of the buffer.
    func moveToStart(_ range: Range<Int>) {
        check(range)
        if range.lowerBound > 0 && !range.isEmpty { memmove(base, base + range.lowerBound, range.count) }
    }

    /// Replaces the buffer by one of `newCapacity` bytes (and the same padding) that starts with the first `count`
    /// bytes of this one; the rest is zero.
    func grow(to newCapacity: Int, keeping count: Int) {
        check(0..<count)
        precondition(newCapacity >= count)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity + padding)
        larger.initialize(from: base, count: count)
        (larger + count).initialize(repeating: 0, count: newCapacity + padding - count)
        base.deallocate()
        base = larger
        capacity = newCapacity
    }

    /// Reads from `descriptor` into `range`: with `read(2)` at the descriptor's position, or with `pread(2)` at
    /// `fileOffset`. Returns what the call returns: the bytes read, 0 at the end of the file, -1 with `errno` set.
    func fill(from descriptor: Int32, into range: Range<Int>, fileOffset: Int? = nil) -> Int {
        check(range)
        if let fileOffset {
            return pread(descriptor, base + range.lowerBound, range.count, off_t(fileOffset))
        }
        return read(descriptor, base + range.lowerBound, range.count)
    }

    // MARK: - zlib

    /// The CRC-32 of the bytes in `range`, continuing `crc` (zlib's `crc32`).
    func checksum(_ crc: UInt, _ range: Range<Int>) -> UInt {
        check(range)
        return crc32(crc, base + range.lowerBound, UInt32(range.count))
    }

    /// Points `stream`'s input at the bytes in `range` (which must stay alive while the stream reads them).
    func setInput(of stream: inout z_stream, _ range: Range<Int>) {
        check(range)
        stream.next_in = base + range.lowerBound
        stream.avail_in = UInt32(range.count)
    }

    /// Inflates from `stream` into the whole buffer (`inflate` with `Z_NO_FLUSH`): zlib's status, and the bytes
    /// written from the buffer's start.
    func decompress(from stream: inout z_stream) -> (status: Int32, count: Int) {
        stream.next_out = base
        stream.avail_out = UInt32(capacity)
        let status = inflate(&stream, Z_NO_FLUSH)
        return (status, capacity - Int(stream.avail_out))
    }
}
