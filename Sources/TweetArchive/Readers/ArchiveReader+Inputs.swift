import Foundation

extension ArchiveReader {
    /// One thing to read, found from the paths given.
    enum Input {
        case standardInput
        /// A file read by content; `explicit` when named on its own (a stray file found in a folder is skipped,
        /// a named one that is no archive is an error).
        case file(String, explicit: Bool)
        /// A zip, read as a Twitter/X archive; `explicit` when named on its own (a damaged zip found in a folder
        /// is noted and skipped, a named one is an error).
        case zip(String, explicit: Bool)
        /// A folder that is a Twitter/X archive (or its `data/` folder).
        case accountFolder(AccountArchive)
    }

    /// What a directory walk found besides inputs: places it did not go into, as diagnostics (`dir: reason`).
    struct Walk {
        var inputs: [Input] = []
        var notes: [Diagnostic] = []
        /// Directories already walked, by device and inode: a symbolic link back up is followed once.
        var visited = Set<[UInt64]>()
    }

    /// The inputs a path stands for: `-`, a file, a zip, an account archive's folder, or a folder walked
    /// recursively (at most ``Options/maxDirectoryDepth`` deep, each directory once, regular files only).
    func inputs(for path: String, walk: inout Walk) throws(ArchiveError) {
        if path == "-" {
            walk.inputs.append(.standardInput)
            return
        }
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw ArchiveError(
                kind: .unreadable, file: path,
                message: errno == ENOENT ? "no such file or directory" : String(cString: strerror(errno)))
        }
        if (status.st_mode & S_IFMT) == S_IFDIR {
            try walkDirectory(path, depth: 0, status: status, walk: &walk)
        } else if (status.st_mode & S_IFMT) == S_IFREG && Self.startsLikeZip(path) {
            walk.inputs.append(.zip(path, explicit: true))
        } else {
            walk.inputs.append(.file(path, explicit: true)) // a FIFO named on its own is read as asked
        }
    }

    private func walkDirectory(_ path: String, depth: Int, status: stat, walk: inout Walk) throws(ArchiveError) {
        guard walk.visited.insert([UInt64(status.st_dev), UInt64(status.st_ino)]).inserted else {
            walk.notes.append(
                Diagnostic(
                    file: path, line: 0, reason: .symlinkLoop,
                    detail: "a folder already walked (a symbolic link loop); not walked again"))
            return
        }
        if let archive = try AccountArchive.open(path, isDirectory: true) {
            walk.inputs.append(.accountFolder(archive))
            return
        }
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
            if depth == 0 { throw ArchiveError(kind: .unreadable, file: path, message: "cannot list directory") }
            walk.notes.append(Diagnostic(file: path, line: 0, reason: .unreadable, detail: "cannot list directory"))
            return
        }
        for name in names.sorted() where !name.hasPrefix(".") {
            let child = (path as NSString).appendingPathComponent(name)
            var childStatus = stat()
            guard stat(child, &childStatus) == 0 else { continue } // a dangling link
            switch childStatus.st_mode & S_IFMT {
            case S_IFDIR:
                if depth + 1 > options.maxDirectoryDepth {
                    walk.notes.append(
                        Diagnostic(
                            file: child, line: 0, reason: .tooDeep,
                            detail: "more than \(options.maxDirectoryDepth) folders down; not walked"))
                } else {
                    try walkDirectory(child, depth: depth + 1, status: childStatus, walk: &walk)
                }
            case S_IFREG:
                walk.inputs.append(
                    Self.startsLikeZip(child) ? .zip(child, explicit: false) : .file(child, explicit: false))
            default:
                // FIFOs, sockets, devices: reading one could block forever or never end.
                walk.notes.append(
                    Diagnostic(
                        file: child, line: 0, reason: .notARegularFile,
                        detail: "a FIFO, socket or device; not read"))
            }
        }
    }

    /// Whether the regular file at `path` begins with a ZIP signature.
    static func startsLikeZip(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        let file = FileHandle(fileDescriptor: descriptor, closeOnDealloc: false)
        guard let head = try? file.read(upToCount: 4) else { return false }
        return ZipFile.looksLikeZip([UInt8](head))
    }
}

extension ArchiveReader {
    /// Whether `path` is a folder that reads as one Twitter/X archive (its unpacked root or its `data/` folder), as
    /// opposed to a folder of archives.
    package static func isAccountArchiveFolder(_ path: String) -> Bool {
        (try? AccountArchive.open(path, isDirectory: true)) != nil
    }

    /// Whether `path` is a regular file (symbolic links followed): folders are read for these only, never for
    /// FIFOs, sockets or devices, which could block a read forever.
    package static func isRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
    }
}
