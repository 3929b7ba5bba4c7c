import Foundation
import GraphExport
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

    @Test("a missing directory fails and creates nothing")
    func missingDirectory() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(throws: (any Error).self) {
            try AtomicFile.write("x", to: directory.appendingPathComponent("no/such/file.txt"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
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
