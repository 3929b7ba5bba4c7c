import Foundation
import GraphExport
import ReplyGraph
import Testing

/// The report and the communities as a library user makes them: analyses from ReplyGraph, pages from GraphExport.
@Suite("ArchiveReport")
struct ArchiveReportTests {
    static func sample() throws -> ReplyGraph {
        var archive = try ArchiveReader().read(paths: [SampleArchive.path])
        archive.inputs[0].name = SampleArchive.displayName
        return ReplyGraph(archive)
    }

    @Test("writes the overview, the thread index and a page per thread; removes a page an earlier report left")
    func writesPages() throws {
        let graph = try Self.sample()
        let analysis = try ReportAnalysis(graph)
        #expect(analysis.users.labels.count == graph.userGraph(.interaction).nodeCount)
        #expect(analysis.users.communitySizes == analysis.users.communitySizes.sorted(by: >))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let stale = folder.appendingPathComponent("threads/1.html")
        try FileManager.default.createDirectory(
            at: stale.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data("old".utf8).write(to: stale)

        let report = ArchiveReport(name: "sample", analysis: analysis, maxThreadPages: 5)
        try report.write(to: folder)
        let index = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("PageRank"))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("threads.html").path))
        let pages = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("threads").path)
        #expect(pages.count == min(5, graph.threads.count))
        #expect(!FileManager.default.fileExists(atPath: stale.path))
    }

    @Test("communities are reported largest first, members sorted by folded handle, small ones left out")
    func communityReport() throws {
        let users = try Self.sample().userGraph(.mention)
        let found = Louvain().communities(in: users)
        let report = CommunityReport(found, graph: .mention, algorithm: .louvain, minSize: 2)
        #expect(report.count == found.count)
        #expect(report.communities.map(\.size) == report.communities.map(\.size).sorted(by: >))
        #expect(report.communities.allSatisfy { $0.size >= 2 && $0.size == $0.members.count })
        for community in report.communities {
            #expect(community.members == community.members.sorted { Handle.fold($0) < Handle.fold($1) })
        }
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"graph\":\"mention\"") && json.contains("\"algorithm\":\"louvain\""))
    }
}
