import Foundation
import GraphExport
import ReplyGraphTestSupport
import Testing

@Suite("AtomicFile")
struct AtomicFileTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("writes, replaces, and leaves no temporary file behind")
    func writeAndReplace() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("out.graphml")
        try AtomicFile.write("first", to: url)
        try AtomicFile.write("second", to: url)
        #expect(try String(contentsOf: url, encoding: .utf8) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.graphml"])
    }

    @Test("missing parent directories are created; an impossible path fails and leaves nothing behind")
    func missingDirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let nested = directory.appendingPathComponent("a/b/file.txt")
        try AtomicFile.write("x", to: nested)
        #expect(try String(contentsOf: nested, encoding: .utf8) == "x")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("a/b").path)
                == ["file.txt"])
        // A regular file where a directory should be: the write fails and no temporary file is left.
        let blocker = directory.appendingPathComponent("blocker")
        try AtomicFile.write("file", to: blocker)
        #expect(throws: (any Error).self) {
            try AtomicFile.write("x", to: blocker.appendingPathComponent("file.txt"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["a", "blocker"])
    }

    @Test("every export format writes through it", arguments: ExportFormat.allCases)
    func exportWrites(format: ExportFormat) throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let graph = ExportGraph(mentions: TestArchive.mentions)
        let files = try graph.write(format, to: directory.appendingPathComponent("g." + format.rawValue))
        #expect(files.count == (format == .csv ? 2 : 1))
        for file in files { #expect(try Data(contentsOf: file).count > 0) }
    }
}

/// The reliability cases of issue 15: what the writer does with devices, FIFOs, links, modes, pairs of files and
/// the temporary files of a killed run.
@Suite("AtomicFile: destinations that are not plain new files")
struct AtomicFileDestinationTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    func fileType(_ path: String) -> mode_t {
        var info = stat()
        return lstat(path, &info) == 0 ? info.st_mode & S_IFMT : 0
    }

    func mode(_ path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0
    }

    @Test("a character device (a copy of /dev/null) is written into, not replaced by a regular file")
    func deviceNodeIsWrittenInPlace() throws {
        guard geteuid() == 0 else {
            print("skipped: mknod of a character device needs root")
            return
        }
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let device = directory.appendingPathComponent("null")
        try #require(mknod(device.path, S_IFCHR | 0o666, dev_t(1 << 8 | 3)) == 0, "mknod failed: errno \(errno)")
        try AtomicFile.write("discarded\n", to: device)
        #expect(fileType(device.path) == S_IFCHR)
        try ExportGraph(mentions: TestArchive.mentions).write(.graphml, to: device)
        #expect(fileType(device.path) == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["null"])
    }

    @Test("a FIFO is opened and written, and stays a FIFO")
    func fifoIsWrittenInPlace() async throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let fifo = directory.appendingPathComponent("pipe")
        try #require(mkfifo(fifo.path, 0o600) == 0)
        // The reader opens the FIFO on another thread (opening blocks until the writer comes).
        let reader = Task.detached { () -> Data in
            let handle = try FileHandle(forReadingFrom: fifo)
            defer { try? handle.close() }
            return try handle.readToEnd() ?? Data()
        }
        try AtomicFile.write("through the pipe\n", to: fifo)
        let received = try await reader.value
        #expect(String(decoding: received, as: UTF8.self) == "through the pipe\n")
        #expect(fileType(fifo.path) == S_IFIFO)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["pipe"])
    }

    @Test("a symbolic link to a regular file keeps being a link; its target is replaced")
    func symbolicLinkKeepsPointing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let target = directory.appendingPathComponent("real.txt")
        let link = directory.appendingPathComponent("link.txt")
        try AtomicFile.write("old", to: target)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
        try AtomicFile.write("new", to: link)
        #expect(fileType(link.path) == S_IFLNK)
        #expect(try String(contentsOf: target, encoding: .utf8) == "new")
    }

    @Test("/proc/self/fd/N (what /dev/stdout links to) onto a regular file appends in place, as >> would")
    func procSelfFdAppends() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let log = directory.appendingPathComponent("log.txt")
        try AtomicFile.write("first\n", to: log)
        var before = stat()
        try #require(stat(log.path, &before) == 0)
        let fd = open(log.path, O_WRONLY | O_APPEND)
        try #require(fd >= 0)
        defer { close(fd) }
        try AtomicFile.write("second\n", to: URL(fileURLWithPath: "/proc/self/fd/\(fd)"))
        #expect(try String(contentsOf: log, encoding: .utf8) == "first\nsecond\n")
        var after = stat()
        try #require(stat(log.path, &after) == 0)
        #expect(after.st_ino == before.st_ino) // the same file, not a replacement
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["log.txt"])
    }

    @Test("replacing a 0600 file keeps 0600; a directory is refused with a reason")
    func replacementKeepsTheMode() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("private.json")
        try AtomicFile.write("{}", to: url)
        try #require(chmod(url.path, 0o600) == 0)
        try AtomicFile.write("{\"a\": 1}", to: url)
        #expect(mode(url.path) == 0o600)
        try #require(chmod(url.path, 0o640) == 0)
        try AtomicFile.write("{}", to: url)
        #expect(mode(url.path) == 0o640)
        #expect(throws: FileWriteError.self) { try AtomicFile.write("x", to: directory) }
    }

    @Test("a read-only folder gives the folder and the reason, not a Cocoa error number")
    func readOnlyFolderIsNamed() throws {
        // /proc refuses new files even for root, as a read-only folder does for everyone else.
        let error = try #require(throws: FileWriteError.self) {
            try AtomicFile.write("x", to: URL(fileURLWithPath: "/proc/replygraph-test.txt"))
        }
        #expect(error.isCreationFailure)
        #expect(error.path == "/proc")
        #expect(!error.localizedDescription.contains("NSCocoaErrorDomain"))
        #expect(error.localizedDescription.contains("/proc"))
    }

    @Test("a pair is replaced together: when the second rename fails, the first file is put back")
    func pairIsReplacedTogether() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let nodes = directory.appendingPathComponent("nodes.csv")
        let edges = directory.appendingPathComponent("edges.csv")
        try AtomicFile.write([(Data("old nodes".utf8), nodes), (Data("old edges".utf8), edges)])
        var calls = 0
        #expect(throws: FileWriteError.self) {
            try AtomicFile.write([(Data("new nodes".utf8), nodes), (Data("new edges".utf8), edges)]) { from, to in
                calls += 1
                if to == edges.path {
                    errno = ENOSPC
                    return -1
                }
                return rename(from, to)
            }
        }
        #expect(calls >= 2)
        #expect(try String(contentsOf: nodes, encoding: .utf8) == "old nodes")
        #expect(try String(contentsOf: edges, encoding: .utf8) == "old edges")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == ["edges.csv", "nodes.csv"])
        // And a pair that succeeds replaces both.
        try AtomicFile.write([(Data("new nodes".utf8), nodes), (Data("new edges".utf8), edges)])
        #expect(try String(contentsOf: nodes, encoding: .utf8) == "new nodes")
        #expect(try String(contentsOf: edges, encoding: .utf8) == "new edges")
    }

    @Test("the temporary files of a killed run are removed; a user's look-alikes and newer ones are kept")
    func staleTemporariesAreRemoved() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let start = Date()
        let uuid = "0F8B5E1C-3A2D-4C6B-9E7F-1234567890AB"
        let stale = [".summary.json.tmp-\(uuid)", ".edges.csv.bak-\(uuid)"]
        let kept = [".notes.tmp-mine", ".x.tmp-\(uuid.lowercased())", "summary.json.tmp-\(uuid)", "keep.txt"]
        for name in stale + kept {
            let path = directory.appendingPathComponent(name).path
            try Data("x".utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes(
                [.modificationDate: start.addingTimeInterval(-60)], ofItemAtPath: path)
        }
        let fresh = ".threads.json.tmp-\(uuid)" // another process writing right now
        try Data("x".utf8).write(to: directory.appendingPathComponent(fresh))
        try FileManager.default.setAttributes(
            [.modificationDate: start.addingTimeInterval(60)],
            ofItemAtPath: directory.appendingPathComponent(fresh).path)
        let removed = AtomicFile.removeStaleTemporaries(in: directory, olderThan: start)
        #expect(removed.sorted() == stale.sorted())
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() == (kept + [fresh]).sorted())
    }
}
