#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a file descriptor in large chunks and hands out its lines as byte buffers, without building `String`s.
///
/// Lines end at `\n` (a preceding `\r` is dropped). A line longer than `maxLineLength` bytes is not buffered
/// whole: its bytes are discarded up to the next newline and the callback receives `nil` for it, so memory stays
/// bounded however long the line. The buffer starts at two chunks and grows (doubling) only while a line longer
/// than that is being read, so a bound of many megabytes costs nothing for files of short lines.
///
/// - Complexity: O(n) in the input's bytes; memory O(chunk size + the longest line kept).
struct LineReader {
    /// Readable bytes that follow every line handed out (the next line's, or zeros): a parser may load a vector
    /// that runs past a line's end, and ignore what lies beyond it.
    static let padding = 32

    let descriptor: Int32
    let maxLineLength: Int
    var chunkSize = 1 << 20
    /// When set, only these bytes of the file are read, with `pread(2)` (so several readers can share one
    /// descriptor); otherwise the descriptor is read from its current position to the end.
    var byteRange: Range<Int>?

    /// Calls `body` with each line (1-based line number, bytes or `nil` if too long). Returns the total bytes read.
    /// Throws when `read(2)` fails, or rethrows what `body` throws.
    func forEachLine(_ body: (Int, TextBytes?) throws -> Void) throws -> Int {
        // At most room for the longest kept line (plus a `\r` before its newline) and one more chunk, so a read
        // never asks for zero bytes (which `read(2)` would answer like end of file); at first two chunks.
        let largest = max(chunkSize, maxLineLength + 1) + chunkSize
        // `padding` zero bytes behind the buffer: whatever follows a line is readable and initialised.
        let buffer = InputBuffer(capacity: min(largest, 2 * chunkSize), padding: Self.padding)
        var filled = 0 // bytes valid in buffer
        var lineNumber = 0
        var discarding = false // inside an over-long line
        var total = 0
        var eof = false
        var offset = byteRange?.lowerBound ?? 0
        while !eof {
            let n: Int
            if let byteRange {
                let wanted = min(buffer.capacity - filled, byteRange.upperBound - offset)
                n = buffer.fill(from: descriptor, into: filled..<filled + wanted, fileOffset: offset)
                if n > 0 { offset += n }
            } else {
                n = buffer.fill(from: descriptor, into: filled..<buffer.capacity)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw LineReaderError(errno: errno)
            }
            if n == 0 {
                eof = true
            } else {
                total += n
                filled += n
            }
            var start = 0
            var scan = 0
            while scan < filled {
                guard let end = buffer.firstIndex(of: 0x0A, in: scan..<filled) else { break }
                lineNumber += 1
                if discarding {
                    discarding = false
                    try body(lineNumber, nil)
                } else {
                    var lineEnd = end
                    if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    if lineEnd - start > maxLineLength {
                        try body(lineNumber, nil)
                    } else {
                        try body(lineNumber, buffer.bytes(start..<lineEnd))
                    }
                }
                start = end + 1
                scan = start
            }
            // Keep the unfinished line's bytes, unless it is already too long (a last byte may be a `\r` that is
            // not part of the line).
            let rest = filled - start
            if discarding || rest > maxLineLength + 1 {
                discarding = true
                filled = 0
            } else {
                buffer.moveToStart(start..<filled)
                filled = rest
                if buffer.capacity - filled < chunkSize && buffer.capacity < largest {
                    // A long line in progress: room for it and another chunk.
                    buffer.grow(to: min(largest, max(2 * buffer.capacity, filled + chunkSize)), keeping: filled)
                }
            }
            if eof && (filled > 0 || discarding) {
                lineNumber += 1
                if discarding {
                    try body(lineNumber, nil)
                } else {
                    var lineEnd = filled
                    if buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                    try body(lineNumber, lineEnd > maxLineLength ? nil : buffer.bytes(0..<lineEnd))
                }
            }
        }
        return total
    }
}

struct LineReaderError: Error {
    var errno: Int32
    var message: String { String(cString: strerror(errno)) }
}
