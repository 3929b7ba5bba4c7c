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
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("a/b").path)
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
