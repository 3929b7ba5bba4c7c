import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a batch run's outputs were made from: the archive's identity (its resolved path), its size, modification
/// time and a hash of its bytes, and the options that shape the outputs. A folder is up to date only when all of
/// these match, so a different file, a file replaced by one with an older mtime, or a rerun with other options is
/// redone.
///
///     let key = try InputFingerprint(path: "a.txt", options: "strict=false")
///     key == (try InputFingerprint(path: "./a.txt", options: "strict=false"))   // true: same file, same bytes
///
/// - Complexity: O(file size): the hash reads the whole file, in 1 MiB blocks.
struct InputFingerprint: Codable, Hashable, Sendable {
    var path: String
    var size: Int64
    var modified: Int64 // nanoseconds since 1970
    var contentHash: String // 64-bit FNV-1a over the bytes' words, hexadecimal
    var options: String

    /// The file name of the fingerprint in an archive's output folder. Hidden, and not part of the gallery.
    static let fileName = ".replygraph-input.json"

    init(path: String, options: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        if let resolved = realpath(path, nil) {
            self.path = String(cString: resolved)
            free(resolved)
        } else {
            self.path = path
        }
        size = Int64(info.st_size)
        modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
        self.options = options
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var block = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let n = read(fd, &block, block.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            if n == 0 { break }
            // FNV-1a over 64-bit words (the tail byte by byte): a few hundred MB/s, well ahead of the parse.
            let bytes = block.span.bytes
            var offset = 0
            while offset + 8 <= n {
                hash = (hash ^ bytes.unsafeLoadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x100_0000_01b3
                offset += 8
            }
            while offset < n {
                hash = (hash ^ UInt64(block[offset])) &* 0x100_0000_01b3
                offset += 1
            }
        }
        contentHash = String(hash, radix: 16)
    }
}

/// Output folder names for a batch's archives: unique, and the same for the same set of inputs whatever their order.
///
///     BatchNames.names(for: ["d/a-2.txt", "d/a.txt", "d/a.jsonl"])   // ["a-2", "a.txt", "a.jsonl"]
///
/// Each archive is named after its file without the extension (`alexxubyte.twint.txt` → `alexxubyte`). Archives that
/// would share a name (compared case-insensitively) take their whole file name, then their parent folder's name in
/// front, then a hash of their path behind; a name is never given a counter that depends on the order of the
/// arguments.
///
/// - Complexity: O(n log n) per round, at most four rounds.
enum BatchNames {
    static let reserved: Set<String> = ["index.html"]

    static func names(for paths: [String]) -> [String] {
        var level = Array(repeating: 0, count: paths.count)
        var names = paths.map { name($0, level: 0) }
        for _ in 0..<3 {
            var groups: [String: [Int]] = [:]
            for (k, name) in names.enumerated() { groups[name.lowercased(), default: []].append(k) }
            let clashing = groups.filter { $0.value.count > 1 || reserved.contains($0.key) }.flatMap(\.value)
            if clashing.isEmpty { break }
            for k in clashing {
                level[k] += 1
                names[k] = name(paths[k], level: level[k])
            }
        }
        return names
    }

    private static func name(_ path: String, level: Int) -> String {
        let url = URL(fileURLWithPath: path)
        var stem = url.deletingPathExtension().lastPathComponent
        if stem.hasSuffix(".twint") { stem = String(stem.dropLast(6)) }
        let parent = url.deletingLastPathComponent().lastPathComponent
        let raw =
            switch level {
            case 0: stem
            case 1: url.lastPathComponent
            case 2: parent + "_" + url.lastPathComponent
            default: parent + "_" + url.lastPathComponent + "-" + hash(url.standardizedFileURL.path)
            }
        var name = String(raw.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." ? $0 : "_" })
        if name.isEmpty || name.hasPrefix(".") { name = "archive" + name }
        return name
    }

    private static func hash(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
