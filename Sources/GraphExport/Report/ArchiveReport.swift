import Foundation
import ReplyGraph

/// An archive report as `replygraph report` writes it: a static web site (index.html, threads.html and a page per
/// thread) laid out from analyses computed beforehand by ReplyGraph.
///
///     let analysis = try ReportAnalysis(ReplyGraph(archive))
///     try ArchiveReport(name: "tweets", analysis: analysis).write(to: URL(fileURLWithPath: "report"))
///
/// The pages need no network and open from disk.
public struct ArchiveReport: Sendable {
    package let site: ReportSite

    /// The report of `analysis`, titled `name`, with pages for at most `maxThreadPages` threads (the longest,
    /// then the earliest).
    ///
    /// - Complexity: O(tweets); the pages are made by ``write(to:)``.
    public init(name: String, analysis: ReportAnalysis, maxThreadPages: Int = 1000) {
        self.init(name: name, analysis: analysis, maxThreadPages: maxThreadPages, threadDrawings: [:])
    }

    /// The report with Graphviz drawings of threads beside it (batch): root → path segments relative to the
    /// report folder.
    package init(name: String, analysis: ReportAnalysis, maxThreadPages: Int, threadDrawings: [TweetID: [String]]) {
        let graph = analysis.graph
        site = ReportSite(
            ReportInput(
                name: name, archive: graph.archive, threads: graph.threads, followUps: graph.followUps,
                summary: analysis.summary, promotions: analysis.promotions, engagement: analysis.engagement,
                timeZone: analysis.timeZone, users: RankedUsers(analysis.users), maxThreadPages: maxThreadPages,
                threadDrawings: threadDrawings))
    }

    /// Writes every page under `folder` atomically (missing folders are made), and removes thread pages an
    /// earlier report left there that this one does not have.
    ///
    /// - Throws: `FileWriteError` naming the page that could not be written.
    /// - Complexity: O(size of the pages).
    public func write(to folder: URL) throws {
        let files = site.files
        for file in files {
            try AtomicFile.write(Data(file.contents.utf8), to: folder.appendingPathComponent(file.path))
        }
        let threads = folder.appendingPathComponent("threads")
        let kept = Set(files.map(\.path))
        for name in (try? FileManager.default.contentsOfDirectory(atPath: threads.path)) ?? []
        where name.hasSuffix(".html") && name.dropLast(5).allSatisfy(\.isNumber) && !kept.contains("threads/" + name) {
            try? FileManager.default.removeItem(at: threads.appendingPathComponent(name))
        }
    }
}
