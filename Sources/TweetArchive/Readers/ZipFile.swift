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

/// A ZIP file read in place: its central directory, and each entry's bytes inflated as a stream of chunks. Nothing
/// is extracted to disk, so no entry name, `../` or absolute, can make a write anywhere.
///
///     let zip = try ZipFile(path: "twitter-2024-01-01-abc.zip")
///     let entry = zip.entries.first { $0.name == "data/tweets.js" }!
///     try zip.read(entry, limit: 1 << 30) { chunk in parser.feed(chunk) }
///
/// The ZIP support's raw calls (`pread(2)`, zlib's `inflate` and `crc32`) run on ``InputBuffer``s, the buffers
/// they fill; this file decides what is read and checks it. The file is trusted for nothing: offsets and sizes are checked against the file's size before they are used, an
/// entry may not inflate past the size it declares nor past the caller's limit (zip bombs), and compressed data is
/// read only within the entry's own bytes, so a truncated or corrupt stream ends in an error, never a loop.
///
/// - Complexity: Opening reads the central directory, O(entries); reading an entry is linear in its bytes, with
///   1 MiB of output buffer and 256 KiB of input buffer.
final class ZipFile {
    struct Entry: Sendable {
        /// The path inside the archive as stored (`data/tweets.js`).
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        /// The size the entry declares once inflated.
        var size: Int
        var localHeaderOffset: Int

        /// A name that would leave the archive's root if it were extracted: absolute, or with a `..` component.
        var isUnsafe: Bool {
            name.hasPrefix("/") || name.hasPrefix("\\")
                || name.split(whereSeparator: { $0 == "/" || $0 == "\\" })
                    .contains("..")
        }
    }

    /// Why a ZIP file or one of its entries could not be read.
    struct Failure: Error {
        var reason: Diagnostic.Reason
        var detail: String
    }

    let path: String
    let fileSize: Int
    private(set) var entries: [Entry] = []
    private let descriptor: Int32

    /// Opens `path` and reads its central directory.
    init(path: String) throws(Failure) {
        self.path = path
        descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw Failure(reason: .unreadable, detail: String(cString: strerror(errno))) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw Failure(reason: .unreadable, detail: "not a regular file")
        }
        fileSize = Int(status.st_size)
        do {
            entries = try readDirectory()
        } catch {
            close(descriptor)
            throw error
        }
    }

    deinit { close(descriptor) }

    /// Whether the file at `descriptor` starts like a ZIP file (a local header, or the empty archive's record).
    static func looksLikeZip(_ head: [UInt8]) -> Bool {
        head.count >= 4 && head[0] == 0x50 && head[1] == 0x4B
            && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6)
    }

    // MARK: - Central directory

    private func readDirectory() throws(Failure) -> [Entry] {
        // The end-of-central-directory record: 22 bytes and a comment of at most 65,535, at the end of the file.
        let tailLength = min(fileSize, 22 + 0xFFFF)
        let tail = try bytes(at: fileSize - tailLength, count: tailLength)
        var end = -1
        var k = tail.count - 22
        while k >= 0 {
            if Self.u32(tail, k) == 0x0605_4B50 {
                end = k
                break
            }
            k -= 1
        }
        guard end >= 0 else {
            throw Failure(
                reason: .truncatedZip,
                detail: "no end-of-central-directory record: the file is cut short "
                    + "or not a ZIP file")
        }
        var count = Int(Self.u16(tail, end + 10))
        var directorySize = Int(Self.u32(tail, end + 12))
        var directoryOffset = Int(Self.u32(tail, end + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the ZIP64 end record.
            let locator = fileSize - tailLength + end - 20
            guard locator >= 0 else { throw Failure(reason: .corruptZip, detail: "ZIP64 locator missing") }
            let located = try bytes(at: locator, count: 20)
            guard Self.u32(located, 0) == 0x0706_4B50 else {
                throw Failure(reason: .corruptZip, detail: "ZIP64 locator missing")
            }
            let recordOffset = Self.u64(located, 8)
            guard recordOffset >= 0, recordOffset <= fileSize - 56 else {
                throw Failure(reason: .corruptZip, detail: "ZIP64 end record outside the file")
            }
            let record = try bytes(at: recordOffset, count: 56)
            guard Self.u32(record, 0) == 0x0606_4B50 else {
                throw Failure(reason: .corruptZip, detail: "ZIP64 end record missing")
            }
            count = Self.u64(record, 32)
            directorySize = Self.u64(record, 40)
            directoryOffset = Self.u64(record, 48)
        }
        guard directoryOffset >= 0, directorySize >= 0, directoryOffset <= fileSize,
            directorySize <= fileSize - directoryOffset, count >= 0, count <= directorySize / 46 + 1
        else {
            throw Failure(reason: .corruptZip, detail: "the central directory lies outside the file")
        }
        let directory = try bytes(at: directoryOffset, count: directorySize)
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, Self.u32(directory, at) == 0x0201_4B50 else {
                throw Failure(reason: .corruptZip, detail: "central directory entry \(entries.count + 1) is damaged")
            }
            let nameLength = Int(Self.u16(directory, at + 28))
            let extraLength = Int(Self.u16(directory, at + 30))
            let commentLength = Int(Self.u16(directory, at + 32))
            guard at + 46 + nameLength + extraLength + commentLength <= directory.count else {
                throw Failure(reason: .corruptZip, detail: "central directory entry \(entries.count + 1) is damaged")
            }
            let name = String(decoding: directory[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            var entry = Entry(
                name: name, method: Self.u16(directory, at + 10), flags: Self.u16(directory, at + 8),
                crc: Self.u32(directory, at + 16), compressedSize: Int(Self.u32(directory, at + 20)),
                size: Int(Self.u32(directory, at + 24)),
                localHeaderOffset: Int(Self.u32(directory, at + 42)))
            // ZIP64 sizes and offset, in that order, for each 32-bit field that is saturated.
            var extra = at + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = Self.u16(directory, extra)
                let length = Int(Self.u16(directory, extra + 2))
                if id == 1 {
                    var field = extra + 4
                    let fieldEnd = min(extraEnd, field + length)
                    if entry.size == 0xFFFF_FFFF, field + 8 <= fieldEnd {
                        entry.size = Self.u64(directory, field)
                        field += 8
                    }
                    if entry.compressedSize == 0xFFFF_FFFF, field + 8 <= fieldEnd {
                        entry.compressedSize = Self.u64(directory, field)
                        field += 8
                    }
                    if entry.localHeaderOffset == 0xFFFF_FFFF, field + 8 <= fieldEnd {
                        entry.localHeaderOffset = Self.u64(directory, field)
                    }
                }
                extra += 4 + length
            }
            entries.append(entry)
            at += 46 + nameLength + extraLength + commentLength
        }
        return entries
    }

    // MARK: - Entries

    /// Calls `body` with the entry's bytes, in chunks of at most 1 MiB, in order.
    ///
    /// - Throws: ``Failure`` when the entry is encrypted, compressed by a method other than deflate, lies outside
    ///   the file, declares or inflates to more than `limit` bytes or more than it declares, is corrupt or cut
    ///   short, or fails its CRC; rethrows what `body` throws.
    func read<E: Error>(
        _ entry: Entry, limit: Int,
        _ body: (TextBytes) throws(E) -> Void
    ) throws(Either<Failure, E>) {
        guard entry.flags & 1 == 0 else { throw .left(Failure(reason: .encrypted, detail: "the entry is encrypted")) }
        guard entry.size <= limit else {
            throw .left(
                Failure(
                    reason: .tooLarge,
                    detail: "declares \(entry.size) bytes inflated, more than the "
                        + "\(limit) allowed (a zip bomb?); not read"))
        }
        let header: [UInt8]
        do { header = try bytes(at: entry.localHeaderOffset, count: 30) } catch { throw .left(error) }
        guard Self.u32(header, 0) == 0x0403_4B50 else {
            throw .left(Failure(reason: .corruptZip, detail: "the entry's local header is missing"))
        }
        let dataOffset = entry.localHeaderOffset + 30 + Int(Self.u16(header, 26)) + Int(Self.u16(header, 28))
        guard entry.compressedSize >= 0, dataOffset <= fileSize, entry.compressedSize <= fileSize - dataOffset else {
            throw .left(Failure(reason: .truncatedZip, detail: "the entry's data runs past the end of the file"))
        }
        let output = InputBuffer(capacity: 1 << 20)
        var crc = crc32(0, nil, 0)
        var produced = 0
        func deliver(_ count: Int) throws(Either<Failure, E>) {
            produced += count
            guard produced <= entry.size else {
                throw .left(
                    Failure(
                        reason: .tooLarge,
                        detail: "inflates past the \(entry.size) bytes it declares "
                            + "(a zip bomb?); stopped"))
            }
            crc = output.checksum(crc, 0..<count)
            do { try body(output.bytes(0..<count)) } catch { throw .right(error) }
        }

        switch entry.method {
        case 0: // stored
            var offset = 0
            while offset < entry.compressedSize {
                let n = min(1 << 20, entry.compressedSize - offset)
                do { try read(into: output, count: n, at: dataOffset + offset) } catch { throw .left(error) }
                offset += n
                try deliver(n)
            }
        case 8: // deflate, raw
            var stream = z_stream()
            guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                throw .left(Failure(reason: .corruptZip, detail: "zlib could not start"))
            }
            defer { inflateEnd(&stream) }
            let inputCapacity = 256 << 10
            let input = InputBuffer(capacity: inputCapacity)
            var consumed = 0 // compressed bytes read from the file
            var finished = false
            while !finished {
                if stream.avail_in == 0 {
                    guard consumed < entry.compressedSize else {
                        throw .left(
                            Failure(
                                reason: .truncatedZip,
                                detail: "the compressed data ends before the stream does"))
                    }
                    let n = min(inputCapacity, entry.compressedSize - consumed)
                    do { try read(into: input, count: n, at: dataOffset + consumed) } catch { throw .left(error) }
                    consumed += n
                    input.setInput(of: &stream, 0..<n)
                }
                let (status, count) = output.decompress(from: &stream)
                switch status {
                case Z_STREAM_END: finished = true
                case Z_OK, Z_BUF_ERROR: break
                default:
                    throw .left(Failure(reason: .corruptZip, detail: "the compressed data is corrupt (zlib \(status))"))
                }
                if count > 0 { try deliver(count) }
                if status == Z_BUF_ERROR && count == 0 && stream.avail_in > 0 {
                    throw .left(Failure(reason: .corruptZip, detail: "the compressed data makes no progress"))
                }
            }
        default:
            throw .left(
                Failure(
                    reason: .unsupportedCompression,
                    detail: "compression method \(entry.method) (only stored and deflate are read)"))
        }
        guard produced == entry.size else {
            throw .left(Failure(reason: .truncatedZip, detail: "inflates to \(produced) bytes, declares \(entry.size)"))
        }
        guard UInt32(crc) == entry.crc else {
            throw .left(Failure(reason: .corruptZip, detail: "CRC mismatch: the entry's bytes are damaged"))
        }
    }

    // MARK: - Bytes

    private func bytes(at offset: Int, count: Int) throws(Failure) -> [UInt8] {
        let buffer = InputBuffer(capacity: count)
        try read(into: buffer, count: count, at: offset)
        return Array(buffer.bytes(0..<count))
    }

    /// Fills the first `count` bytes of `target` from the file at `offset`.
    private func read(into target: InputBuffer, count: Int, at offset: Int) throws(Failure) {
        guard offset >= 0, count >= 0, count <= fileSize - offset else {
            throw Failure(reason: .truncatedZip, detail: "a record lies past the end of the file")
        }
        var done = 0
        while done < count {
            let n = target.fill(from: descriptor, into: done..<count, fileOffset: offset + done)
            if n < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: .unreadable, detail: String(cString: strerror(errno)))
            }
            if n == 0 { throw Failure(reason: .truncatedZip, detail: "the file ends early") }
            done += n
        }
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> UInt16 { UInt16(b[at]) | UInt16(b[at + 1]) << 8 }
    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        UInt32(b[at]) | UInt32(b[at + 1]) << 8 | UInt32(b[at + 2]) << 16 | UInt32(b[at + 3]) << 24
    }
    /// A 64-bit field, clamped to `Int.max` (a hostile size must not trap).
    private static func u64(_ b: [UInt8], _ at: Int) -> Int {
        let low = UInt64(u32(b, at))
        let high = UInt64(u32(b, at + 4))
        return Int(clamping: high << 32 | low)
    }
}

/// One of two errors (a ZIP failure, or what the caller's chunk handler threw).
enum Either<Left: Error, Right: Error>: Error {
    case left(Left)
    case right(Right)
}
