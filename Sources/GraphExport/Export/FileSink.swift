import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bounded write buffer in front of a file descriptor: what ``AtomicFile``'s streaming writes hand to their
/// writer, so a large export goes to disk as it is made instead of being held whole in memory.
///
///     try AtomicFile.write(to: URL(fileURLWithPath: "big.graphml")) { out in
///         out.write("<graphml>\n")            // a TextOutputStream: print(..., to: &out) works too
///         for row in rows { out.write(row) }
///     }
///
/// Bytes are passed to `write(2)` whenever the buffer holds ``capacity`` bytes, so the writer's memory stays at one
/// buffer whatever the size of the output. `TextOutputStream.write(_:)` cannot throw: the first failure (a full
/// disk, a closed pipe) is kept, everything written after it is dropped, and ``finish()`` throws it.
///
/// This is GraphExport's one file with raw buffers: `writeAll(_:to:)` hands `write(2)` a
/// pointer into bytes that the caller keeps alive for the call (a `String`'s UTF-8, a `Data`, the buffer), and
/// never past `count`; everything else in the module writes through `FileSink` or `String`.
package struct FileSink: UTF8OutputStream {
    /// The buffer's size: 1 MiB.
    package static let capacity = 1 << 20

    private let fd: Int32
    /// The path named in errors.
    private let path: String
    private var buffer: [UInt8]
    /// The `errno` of the first failed write, or 0.
    package private(set) var failure: Int32 = 0
    /// Bytes handed to the sink so far.
    package private(set) var count = 0

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer = []
        buffer.reserveCapacity(Self.capacity)
    }

    /// A sink on an already open descriptor that it neither owns nor closes (standard output).
    ///
    /// - Parameter name: What errors call it (`standard output`).
    package static func descriptor(_ fd: Int32, name: String) -> FileSink { FileSink(fd: fd, path: name) }

    /// Appends a string's UTF-8 bytes.
    package mutating func write(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends bytes.
    package mutating func write(_ data: Data) {
        data.withUnsafeBytes { append($0) }
    }

    /// Appends bytes.
    package mutating func write(bytes: UnsafeRawBufferPointer) { append(bytes) }

    /// Appends UTF-8 bytes.
    package mutating func write(utf8 bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    private mutating func append(_ bytes: UnsafeRawBufferPointer) {
        count += bytes.count
        guard failure == 0 else { return }
        if buffer.count + bytes.count > Self.capacity {
            drain()
            if bytes.count >= Self.capacity {
                failure = Self.writeAll(bytes, to: fd)
                return
            }
        }
        buffer.append(contentsOf: bytes)
    }

    /// Writes the buffer out and empties it; a failure is kept in ``failure``.
    private mutating func drain() {
        guard failure == 0, !buffer.isEmpty else {
            buffer.removeAll(keepingCapacity: true)
            return
        }
        failure = buffer.withUnsafeBytes { Self.writeAll($0, to: fd) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes out what is buffered.
    ///
    /// - Throws: ``FileWriteError`` (step `write`) for the first write that failed, now or before.
    package mutating func finish() throws {
        drain()
        if failure != 0 { throw FileWriteError(destination: path, path: path, step: .write, code: failure) }
    }

    /// Writes all of `data` to `fd`, retrying interrupted and short writes (the CLI's standard output and error).
    ///
    /// - Returns: 0, or the `errno` of the failed `write`.
    package static func writeAll(_ data: Data, to fd: Int32) -> Int32 {
        data.withUnsafeBytes { writeAll($0, to: fd) }
    }

    /// Writes all of `bytes` to `fd`, retrying interrupted and short writes.
    ///
    /// - Returns: 0, or the `errno` of the failed `write`.
    package static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32) -> Int32 {
        var offset = 0
        while offset < bytes.count {
            let n = Foundation.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            offset += n
        }
        return 0
    }
}
