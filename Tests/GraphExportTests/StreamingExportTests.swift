import Foundation
import GraphExport
import ReplyGraph
import ReplyGraphTestSupport
import Testing

/// The streaming exporters against the in-memory ones: same bytes for every format, a bounded buffer, and the
/// atomic-write guarantees when a stream fails half way.
@Suite("Streaming exports")
struct StreamingExportTests {
    func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let formats: [ExportFormat] = [.graphml, .gexf, .json, .dot, .csv]

    /// Every format written through a ``FileSink`` from both sources.
    func expectSameBytes(_ source: TweetGraphExport, _ graph: ExportGraph) throws {
        for format in Self.formats {
            var streamed = ""
            source.write(format, to: &streamed)
            #expect(streamed == graph.text(format), "\(format)")
            let directory = try temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let a = directory.appendingPathComponent("a")
            let b = directory.appendingPathComponent("b")
            let written = try source.writeExport(format, to: a)
            try graph.write(format, to: b)
            for file in written {
                let other = b.appendingPathComponent(file.lastPathComponent)
                #expect(try Data(contentsOf: file) == Data(contentsOf: format == .csv ? other : b), "\(format)")
            }
        }
        #expect(source.nodeSchema.map(\.name) == graph.nodeSchema.map(\.name))
        #expect(source.nodeSchema.map(\.type) == graph.nodeSchema.map(\.type))
        #expect(source.edgeSchema.map(\.name) == graph.edgeSchema.map(\.name))
        #expect(source.edgeSchema.map(\.type) == graph.edgeSchema.map(\.type))
        #expect(source.isMultigraph == graph.isMultigraph)
        var csv = (nodes: "", edges: "")
        source.writeCSVNodes(to: &csv.nodes, dialect: .graphFrames, neutralisingFormulas: false)
        source.writeCSVEdges(to: &csv.edges, dialect: .graphFrames, neutralisingFormulas: false)
        #expect(csv == graph.csv(dialect: .graphFrames, neutralisingFormulas: false))
    }

    @Test("the streamed tweet graph is byte for byte the in-memory one (test archive, hostile text included)")
    func testArchive() throws {
        let source = TweetGraphExport(
            archive: TestArchive.archive, threads: [TestArchive.thread],
            followUps: TestArchive.followUps)
        let graph = ExportGraph(
            archive: TestArchive.archive, threads: [TestArchive.thread],
            followUps: TestArchive.followUps)
        #expect(graph.isMultigraph)
        try expectSameBytes(source, graph)
    }

    @Test("the streamed tweet graph of the sample archive is byte for byte the in-memory one")
    func sample() throws {
        let reply = ReplyGraph(try ArchiveReader().read(paths: [SampleArchive.path]))
        let graph = ExportGraph(tweetGraph: reply)
        // The in-memory graph's schema, recomputed from its nodes, is what the streaming source states up front.
        try expectSameBytes(TweetGraphExport(reply), graph)
    }

    @Test("batches made on all cores are written in order: small batches give the one-pass bytes", arguments: [1, 7])
    func batches(size: Int) throws {
        let reply = ReplyGraph(try ArchiveReader().read(paths: [SampleArchive.path]))
        let source = TweetGraphExport(reply, batchSize: size)
        #expect(source.edgeBatchCount == (reply.archive.tweets.count + size - 1) / size)
        // External tweets and users come in batches of their own, after the tweets'.
        #expect(source.nodeBatchCount > source.edgeBatchCount + 1)
        try expectSameBytes(source, ExportGraph(tweetGraph: reply))
    }

    @Test("an archive without threads or mentions states no thread, mention or confidence columns")
    func plainArchive() throws {
        let archive = try ArchiveReader().read(
            bytes: Array(
                """
                1600000000000000001 2022-01-01 10:00:00 +0000 <alice> hello there
                1600000000000000002 2022-01-01 11:00:00 +0000 <bob> nothing to see

                """.utf8), name: "plain.txt")
        let source = TweetGraphExport(archive: archive, threads: [])
        try expectSameBytes(source, ExportGraph(archive: archive, threads: []))
        #expect(!source.nodeSchema.contains { $0.name == "thread_root" })
        #expect(source.edgeSchema.isEmpty)
        #expect(!source.isMultigraph)
    }

    @Test("a sink writes more than its buffer holds, in order")
    func largeStream() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("rows.txt")
        var expected = ""
        try AtomicFile.write(to: url) { out in
            for k in 0..<200_000 {
                let row = "row \(k) " + String(repeating: "x", count: k % 50) + "\n"
                out.write(row)
                expected += row
            }
            out.write(Data(repeating: 0x41, count: FileSink.capacity + 3)) // larger than the buffer at once
            expected += String(repeating: "A", count: FileSink.capacity + 3)
        }
        #expect(expected.utf8.count > 2 * FileSink.capacity)
        #expect(try String(contentsOf: url, encoding: .utf8) == expected)
    }

    struct Interrupted: Error {}

    @Test("a stream that throws half way leaves the old file and no temporary file")
    func failedStreamLeavesTheOldFile() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("out.csv")
        try AtomicFile.write("old\n", to: url)
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(to: url) { out in
                out.write(String(repeating: "new\n", count: 600_000)) // past the buffer: bytes reached the disk
                throw Interrupted()
            }
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["out.csv"])
    }

    @Test("streams written together are replaced together; a throwing one replaces none")
    func streamsTogether() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let a = directory.appendingPathComponent("nodes.csv")
        let b = directory.appendingPathComponent("edges.csv")
        try AtomicFile.write(streams: [(a, { $0.write("n1\n") }), (b, { $0.write("e1\n") })])
        #expect(throws: Interrupted.self) {
            try AtomicFile.write(streams: [(a, { $0.write("n2\n") }), (b, { _ in throw Interrupted() })])
        }
        #expect(try String(contentsOf: a, encoding: .utf8) == "n1\n")
        #expect(try String(contentsOf: b, encoding: .utf8) == "e1\n")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: directory.path)) == ["nodes.csv", "edges.csv"])
    }

    @Test("a full device fails the stream with the system's reason")
    func fullDevice() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        #expect {
            try AtomicFile.write(to: URL(fileURLWithPath: "/dev/full")) { out in
                out.write(String(repeating: "x", count: 3 * FileSink.capacity))
            }
        } throws: { error in
            (error as? FileWriteError)?.code == ENOSPC
        }
    }
}
