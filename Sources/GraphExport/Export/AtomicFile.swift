import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Whole-file writes that a reader never sees half done: write a temporary file in the same directory, flush it to
/// disk, then `rename(2)` it over the destination. Missing parent directories are created.
///
///     try AtomicFile.write(Data("hello\n".utf8), to: URL(fileURLWithPath: "out/greeting.txt"))
///
/// Only regular files are replaced. A destination that exists and is not a regular file (a device such as
/// `/dev/null`, a FIFO, a terminal) is opened and written in place, never renamed over; a symbolic link to a regular
/// file has its target replaced and stays a link. A replaced file keeps its permission bits (and, for root, its
/// owner); a new file gets `0666` less the process's umask, as `open(2)` gives it.
///
/// Temporary files are named `.NAME.tmp-UUID`; ``removeStaleTemporaries(in:olderThan:)`` clears the ones a killed
/// process left behind.
package enum AtomicFile {
    /// Writes `data` to `url` atomically; on failure the destination is untouched and the temporary file removed.
    ///
    /// - Throws: ``FileWriteError`` naming the path, the step and the system's reason.
    /// - Complexity: O(`data.count`), plus one `fsync`.
    package static func write(_ data: Data, to url: URL) throws {
        try write(to: url) { $0.write(data) }
    }

    /// Writes what `contents` writes into a ``FileSink`` to `url` atomically, as a stream: the bytes go to the
    /// temporary file through the sink's 1 MiB buffer as they come, so the output is never held whole in memory.
    /// On failure, or when `contents` throws, the destination is untouched and the temporary file removed.
    ///
    ///     try AtomicFile.write(to: URL(fileURLWithPath: "rows.csv")) { out in
    ///         for k in 0..<1_000_000 { out.write("\(k)\r\n") }
    ///     }
    ///
    /// - Throws: ``FileWriteError`` naming the path, the step and the system's reason, or what `contents` threw.
    /// - Complexity: O(bytes written), plus one `fsync`; memory O(1) beyond what `contents` holds.
    package static func write(to url: URL, _ contents: (inout FileSink) throws -> Void) throws {
        let destination = try Destination(url)
        if destination.inPlace {
            try destination.writeInPlace(contents)
            return
        }
        let temporary = try destination.writeTemporary(contents)
        if rename(temporary, destination.path) != 0 {
            let code = errno
            unlink(temporary)
            throw FileWriteError(
                destination: destination.requested, path: destination.directory, step: .replace,
                code: code)
        }
    }

    /// Writes `text` as UTF-8.
    package static func write(_ text: String, to url: URL) throws {
        try write(to: url) { $0.write(text) }
    }

    /// Writes several files so that either all of them are replaced or none is: every temporary file is written
    /// and flushed first, then they are renamed in order; when a rename fails, the files already replaced are put
    /// back from hard-linked backups (or removed when they are new).
    ///
    ///     try AtomicFile.write([(nodes, dir.appendingPathComponent("nodes.csv")),
    ///                           (edges, dir.appendingPathComponent("edges.csv"))])
    ///
    /// Destinations that are not regular files are written in place after the others, as ``write(_:to:)-(Data,_)``
    /// does, and cannot be rolled back.
    ///
    /// - Throws: ``FileWriteError``; the old files are then all still in place.
    /// - Complexity: O(total bytes), plus one `fsync` per file.
    package static func write(_ files: [(data: Data, url: URL)]) throws {
        try write(files, rename: { rename($0, $1) })
    }

    /// ``write(_:)-([(Data,URL)])`` with the `rename(2)` call passed in, so tests can make one fail.
    package static func write(_ files: [(data: Data, url: URL)], rename: (String, String) -> Int32) throws {
        try write(
            streams: files.map { file in (file.url, { (out: inout FileSink) in out.write(file.data) }) },
            rename: rename)
    }

    /// Several files written as streams (see ``write(to:_:)``), replaced all together or not at all as
    /// ``write(_:)-([(Data,URL)])`` does: each file's `contents` fills its temporary file in turn, then they are
    /// renamed in order.
    ///
    ///     try AtomicFile.write(streams: [(dir.appendingPathComponent("nodes.csv"), { writeNodes(&$0) }),
    ///                                    (dir.appendingPathComponent("edges.csv"), { writeEdges(&$0) })])
    ///
    /// - Throws: ``FileWriteError`` or what a `contents` threw; the old files are then all still in place.
    /// - Complexity: O(total bytes), plus one `fsync` per file; memory O(1) beyond what the writers hold.
    package static func write(streams files: [(url: URL, contents: (inout FileSink) throws -> Void)]) throws {
        try write(streams: files, rename: { rename($0, $1) })
    }

    /// ``write(streams:)`` with the `rename(2)` call passed in, so tests can make one fail.
    package static func write(
        streams files: [(url: URL, contents: (inout FileSink) throws -> Void)],
        rename: (String, String) -> Int32
    ) throws {
        let destinations = try files.map { try Destination($0.url) }
        var temporaries: [String] = []
        do {
            for (file, destination) in zip(files, destinations) where !destination.inPlace {
                temporaries.append(try destination.writeTemporary(file.contents))
            }
        } catch {
            for temporary in temporaries { unlink(temporary) }
            throw error
        }
        let replaced = destinations.filter { !$0.inPlace }
        // Back up every file about to be replaced by a hard link, so a failed rename can be undone.
        var backups: [String?] = []
        for destination in replaced {
            let backup = destination.directory + "/" + temporaryName(for: destination.name, kind: "bak")
            backups.append(link(destination.path, backup) == 0 ? backup : nil)
        }
        defer { for case let backup? in backups { unlink(backup) } }
        for (k, destination) in replaced.enumerated() where rename(temporaries[k], destination.path) != 0 {
            let code = errno
            for j in 0..<k {
                if let backup = backups[j] { _ = rename(backup, replaced[j].path) } else { unlink(replaced[j].path) }
            }
            for temporary in temporaries[k...] { unlink(temporary) }
            throw FileWriteError(
                destination: destination.requested, path: destination.directory, step: .replace,
                code: code)
        }
        for (file, destination) in zip(files, destinations) where destination.inPlace {
            try destination.writeInPlace(file.contents)
        }
    }

    /// Removes the temporary files this writer names (`.NAME.tmp-UUID`, `.NAME.bak-UUID`) from `directory` when
    /// they are regular files last modified before `date`: the leftovers of a process that was killed mid-write.
    /// Anything else, including a user's file that merely looks similar, is left alone.
    ///
    ///     AtomicFile.removeStaleTemporaries(in: out, olderThan: processStart)   // [".summary.json.tmp-…"]
    ///
    /// - Returns: The names removed.
    /// - Complexity: O(entries in `directory`).
    @discardableResult
    package static func removeStaleTemporaries(in directory: URL, olderThan date: Date) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return [] }
        var removed: [String] = []
        for name in names.sorted() where isTemporaryName(name) {
            let path = directory.path + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG,
                Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9 < date.timeIntervalSince1970,
                unlink(path) == 0
            else { continue }
            removed.append(name)
        }
        return removed
    }

    /// Whether `name` is one of this writer's temporary names: `.`, a name, `.tmp-` or `.bak-`, and an uppercase
    /// UUID (8-4-4-4-12 hexadecimal digits).
    package static func isTemporaryName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count > 1 + 1 + 5 + 36, bytes[0] == UInt8(ascii: ".") else { return false }
        let uuid = bytes.suffix(36)
        let marker = String(decoding: bytes.dropLast(36).suffix(5), as: UTF8.self)
        guard marker == ".tmp-" || marker == ".bak-" else { return false }
        for (k, byte) in uuid.enumerated() {
            if [8, 13, 18, 23].contains(k) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) else { return false }
            }
        }
        return true
    }

    /// `.NAME.KIND-UUID`, with NAME shortened so the whole stays within the 255-byte name limit.
    static func temporaryName(for name: String, kind: String) -> String {
        var prefix = Substring(name)
        while prefix.utf8.count > 200 { prefix = prefix.dropLast() }
        return ".\(prefix).\(kind)-\(UUID().uuidString)"
    }
}

/// One file to write: where it is, and whether it is replaced (regular or new) or written in place.
private struct Destination {
    /// The path as the caller gave it, for messages.
    let requested: String
    /// The path written: the requested one, or the target of a symbolic link to a regular file.
    let path: String
    let directory: String
    let name: String
    /// An existing non-regular file (device, FIFO, socket, terminal): opened and written, never renamed over.
    let inPlace: Bool
    /// The mode and owner of the regular file being replaced.
    let existing: (mode: mode_t, uid: uid_t, gid: gid_t)?

    init(_ url: URL) throws {
        requested = url.path
        var path = url.path
        var info = stat()
        var exists = stat(path, &info) == 0
        if exists, info.st_mode & S_IFMT == S_IFDIR {
            throw FileWriteError(destination: requested, path: requested, step: .refuse, code: EISDIR)
        }
        var linkInfo = stat()
        let linkToRegular =
            exists && info.st_mode & S_IFMT == S_IFREG && lstat(path, &linkInfo) == 0
            && linkInfo.st_mode & S_IFMT == S_IFLNK
        // /dev/stdout and /proc/self/fd/N are links too: what they point at is written in place, never replaced.
        let special = requested.hasPrefix("/dev/") || requested.hasPrefix("/proc/")
        if linkToRegular, !special, let resolved = realpath(path, nil) {
            // Replace the link's target and keep the link.
            path = String(cString: resolved)
            free(resolved)
            exists = stat(path, &info) == 0
        }
        self.path = path
        let slash = path.lastIndex(of: "/")
        directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
        name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        let regular = exists && info.st_mode & S_IFMT == S_IFREG
        inPlace = exists && (!regular || (linkToRegular && special))
        existing = regular ? (info.st_mode & 0o7777, info.st_uid, info.st_gid) : nil
    }

    /// Opens the existing file for writing and writes `data`. A regular file reached through `/dev/stdout` or
    /// `/proc/self/fd/N` is appended to: the shell already truncated it for `>`, and `>>` means append.
    func writeInPlace(_ contents: (inout FileSink) throws -> Void) throws {
        let fd = open(path, O_WRONLY | (existing == nil ? 0 : O_APPEND) | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw FileWriteError(destination: requested, path: requested, step: .create, code: errno) }
        defer { close(fd) }
        var sink = FileSink(fd: fd, path: requested)
        try contents(&sink)
        try sink.finish()
    }

    /// Writes what `contents` writes to a new temporary file beside the destination, with the final mode,
    /// flushed to disk.
    ///
    /// - Returns: The temporary file's path.
    func writeTemporary(_ contents: (inout FileSink) throws -> Void) throws -> String {
        try makeDirectories(directory)
        let temporary = directory + "/" + AtomicFile.temporaryName(for: name, kind: "tmp")
        // A replacement starts private and gets the old file's mode once its bytes are in; a new file gets
        // 0666 less the umask from open(2).
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existing == nil ? 0o666 : 0o600)
        guard fd >= 0 else {
            throw FileWriteError(destination: requested, path: directory, step: .create, code: errno)
        }
        var isOpen = true
        do {
            var sink = FileSink(fd: fd, path: requested)
            try contents(&sink)
            try sink.finish()
            if let existing {
                if geteuid() == 0 { _ = fchown(fd, existing.uid, existing.gid) }
                guard fchmod(fd, existing.mode) == 0 else { throw failure(errno) }
            }
            guard fsync(fd) == 0 else { throw failure(errno) }
            isOpen = false
            guard close(fd) == 0 else { throw failure(errno) }
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            throw error
        }
        return temporary
    }

    private func failure(_ code: Int32) -> FileWriteError {
        FileWriteError(destination: requested, path: requested, step: .write, code: code)
    }

    /// `mkdir -p`, with the failing folder and `errno` in the error.
    private func makeDirectories(_ directory: String) throws {
        var info = stat()
        if stat(directory, &info) == 0 {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw FileWriteError(destination: requested, path: directory, step: .createFolder, code: ENOTDIR)
            }
            return
        }
        if let slash = directory.lastIndex(of: "/"), slash != directory.startIndex {
            try makeDirectories(String(directory[..<slash]))
        }
        if mkdir(directory, 0o777) != 0 && errno != EEXIST {
            throw FileWriteError(destination: requested, path: directory, step: .createFolder, code: errno)
        }
    }
}
