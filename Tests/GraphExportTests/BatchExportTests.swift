import Foundation
import GraphExport
import ReplyGraph
import Testing

/// `BatchExport` used as a library: the files it writes for the bundled sample, compared with the committed gallery
/// (`Graphs/`, made by `replygraph batch`), and how it treats a stopped drawing and a bad archive.
@Suite("BatchExport")
struct BatchExportTests {
    /// The committed gallery's folder for the bundled sample.
    static let gallery = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Graphs/alexxubyte")

    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test("the sample's analyses and exports are the committed gallery's bytes; drawings are what render returned")
    func sampleFolder() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        // The renderer under test is the closure: it gets the DOT text and its bytes are what the file holds.
        let batch = BatchExport(out: out, drawThreads: false) { dot, layout, elements in
            Data("<!-- \(layout.rawValue) \(elements) -->\n\(dot)".utf8)
        }
        let results = try batch.run([], jobs: 1)
        let result = try #require(results.first)
        #expect(results.count == 1)
        #expect(result.name == "alexxubyte")
        #expect(result.failure == nil)
        #expect(result.stopped.isEmpty)
        #expect(
            result.files == [
                "summary.json", "threads.json", "centrality.json", "promotions.json",
                "tweets.graphml", "users.gexf", "mentions.svg", "timeline.svg", "report/index.html",
                "manifest.json",
            ])
        let folder = out.appendingPathComponent("alexxubyte")
        for file in [
            "summary.json", "threads.json", "centrality.json", "promotions.json", "tweets.graphml",
            "users.gexf",
        ] {
            let written = try Data(contentsOf: folder.appendingPathComponent(file))
            let committed = try Data(contentsOf: Self.gallery.appendingPathComponent(file))
            #expect(written == committed, "\(file) differs from Graphs/alexxubyte/\(file)")
        }
        let mentions = try String(contentsOf: folder.appendingPathComponent("mentions.svg"), encoding: .utf8)
        #expect(mentions.hasPrefix("<!-- sfdp "))
        #expect(mentions.contains("interaction network"))
        let timeline = try String(contentsOf: folder.appendingPathComponent("timeline.svg"), encoding: .utf8)
        #expect(timeline.hasPrefix("<!-- dot "))
        let report = try String(contentsOf: folder.appendingPathComponent("report/index.html"), encoding: .utf8)
        #expect(report.contains(SampleArchive.displayName))
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("alexxubyte/report/index.html"))
        #expect(index.contains("alexxubyte/mentions.svg"))

        // A second run finds the folder up to date and leaves it as it was.
        let again = try batch.run([], jobs: 1)
        #expect(again.first?.files == result.files)
        #expect(try Data(contentsOf: folder.appendingPathComponent("mentions.svg")) == Data(mentions.utf8))
    }

    @Test("a drawing the renderer stops is left out and named; the archive's other files are written")
    func stoppedDrawings() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let batch = BatchExport(out: out, drawThreads: false) { _, _, _ in
            throw BatchExport.Stopped("stopped after 1 s")
        }
        let result = try #require(try batch.run([], jobs: 1).first)
        #expect(result.failure == nil)
        #expect(result.stopped == ["mentions.svg: stopped after 1 s", "timeline.svg: stopped after 1 s"])
        #expect(!result.files.contains("mentions.svg") && result.files.contains("users.gexf"))
        let folder = out.appendingPathComponent("alexxubyte")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("mentions.svg").path))
        // No fingerprint: the next run tries the drawings again.
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".replygraph-input.json").path))
        let index = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("not drawn: mentions.svg: stopped after 1 s"))
    }

    @Test("a bad archive fails alone; a missing one stops the run before anything is written")
    func failures() throws {
        let out = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let junk = out.appendingPathComponent("junk.bin")
        try Data([0xFF, 0xFE, 0x00, 0x01]).write(to: junk)
        let batch = BatchExport(out: out.appendingPathComponent("gallery"), drawThreads: false) { dot, _, _ in
            Data(dot.utf8)
        }
        let results = try batch.run([junk.path, SampleArchive.path], jobs: 2)
        #expect(results.map(\.name) == ["junk", "alexxubyte"])
        #expect(results[0].failure is ArchiveError)
        #expect(results[0].files.isEmpty)
        #expect(results[1].failure == nil && results[1].files.contains("report/index.html"))
        let index = try String(contentsOf: out.appendingPathComponent("gallery/index.html"), encoding: .utf8)
        #expect(index.contains("failed: "))

        #expect(throws: ArchiveError.self) {
            _ = try batch.run([out.appendingPathComponent("missing.txt").path], jobs: 1)
        }
    }
}
