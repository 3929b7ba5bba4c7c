import Foundation
import Testing

@Suite struct ReportCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "replygraph-report-\(UUID().uuidString)")

    /// A thread of two numbered parts with a hostile first line, and a reply.
    func archive() throws -> URL {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let url = directory.appendingPathComponent("alice.txt")
        let text = """
            1625536646887399424 2023-02-14 16:45:12 +0000 <alice> /2 second part @bob
            1625536625030885377 2023-02-14 16:45:07 +0000 <alice> /1 A thread about <script>alert(1)</script> caches 🧵
            1625313228476805121 2023-02-14 01:57:25 +0000 <alice> @carol thanks!
            """
        try Data(text.utf8).write(to: url)
        return url
    }

    func read(_ path: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent(path), encoding: .utf8)
    }

    @Test func writesTheOverviewTheIndexAndAPagePerThread() throws {
        let input = try archive()
        let result = try CLIRunner.run(["report", input.path, "-o", directory.appendingPathComponent("out").path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("] writing 3 pages"))
        #expect(result.stdout.isEmpty)
        let overview = try read("out/index.html")
        #expect(overview.hasPrefix("<!DOCTYPE html>"))
        #expect(overview.contains("id=\"chart-thread-lengths\"") && overview.contains("id=\"chart-posting-hours\""))
        let index = try read("out/threads.html")
        #expect(index.contains("href=\"threads/1625536625030885377.html\""))
        let page = try read("out/threads/1625536625030885377.html")
        #expect(page.contains("A thread about &lt;script&gt;alert(1)&lt;/script&gt; caches"))
        #expect(!page.contains("<script>alert"))
        // No temporary files are left behind by the atomic writes.
        let names =
            FileManager.default.enumerator(atPath: directory.appendingPathComponent("out").path)?
            .compactMap { $0 as? String } ?? []
        #expect(names.sorted() == ["index.html", "threads", "threads.html", "threads/1625536625030885377.html"])
    }

    @Test func quietRunsSayNothingAndTheSameInputGivesTheSameBytes() throws {
        let input = try archive()
        let a = try CLIRunner.run(["report", input.path, "-q", "-o", directory.appendingPathComponent("a").path])
        let b = try CLIRunner.run(["report", input.path, "-q", "--out", directory.appendingPathComponent("b").path])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stderr.isEmpty)
        for file in ["index.html", "threads.html", "threads/1625536625030885377.html"] {
            #expect(try read("a/\(file)") == read("b/\(file)"), "\(file)")
        }
    }

    @Test func capsThreadPagesWithANote() throws {
        let input = try archive()
        let result = try CLIRunner.run([
            "report", input.path, "-q", "--max-thread-pages", "0",
            "-o", directory.appendingPathComponent("out").path,
        ])
        #expect(result.status == 0)
        #expect(try read("out/threads.html").contains("capped at 0 thread pages"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("out/threads").path))
    }

    @Test func badOptionsAndUnwritableFoldersExitWithTheirCodes() throws {
        let input = try archive()
        let tz = try CLIRunner.run(["report", input.path, "--tz", "Mars/Olympus", "-o", directory.path])
        #expect(tz.status == 64)
        #expect(tz.stderr.contains("--tz"))
        let missing = try CLIRunner.run([
            "report", directory.appendingPathComponent("nope.txt").path, "-o", directory.path,
        ])
        #expect(missing.status == 66)
        // A regular file where the folder should be: nothing can be created inside it.
        let blocker = directory.appendingPathComponent("blocker")
        try Data("x".utf8).write(to: blocker)
        let blocked = try CLIRunner.run(["report", input.path, "-q", "-o", blocker.path])
        #expect(blocked.status == 73, "\(blocked.stderr)")
        #expect(blocked.stderr.contains("index.html"))
    }

    @Test func batchWritesAReportPerArchiveAndTheGalleryLinksToIt() throws {
        let input = try archive()
        let out = directory.appendingPathComponent("gallery")
        let result = try CLIRunner.run(["batch", input.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let gallery = try read("gallery/index.html")
        #expect(gallery.contains("href=\"alice/report/index.html\""))
        let page = try read("gallery/alice/report/threads/1625536625030885377.html")
        // The thread page links to Graphviz's drawing of the same thread, two folders up.
        #expect(page.contains("href=\"../../threads/1625536625030885377.svg\""))
        #expect(
            FileManager.default.fileExists(
                atPath: out.appendingPathComponent("alice/threads/1625536625030885377.svg").path))
    }
}
