import Foundation
import Testing

@Suite struct BatchCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("replygraph-batch-\(UUID().uuidString)")

    /// Two small archives (one with a thread) and one broken file.
    func makeArchives() throws -> URL {
        let archives = directory.appendingPathComponent("archives")
        try FileManager.default.createDirectory(at: archives, withIntermediateDirectories: true)
        let thread = """
            1625536646887399424 2023-02-14 16:45:12 +0000 <alice> /2 second part @bob
            1625536625030885377 2023-02-14 16:45:07 +0000 <alice> /1 A thread about caches 🧵
            1625313228476805121 2023-02-14 01:57:25 +0000 <alice> @carol thanks!
            """
        try Data(thread.utf8).write(to: archives.appendingPathComponent("alice.txt"))
        let json = #"{"id": 1625211630396264450, "username": "dave", "tweet": "hello @alice", "created_at": "2023-02-13 19:13:42 UTC", "mentions": ["alice"], "reply_to": []}"#
        try Data((json + "\n").utf8).write(to: archives.appendingPathComponent("dave.jsonl"))
        try Data("this is not an archive\n".utf8).write(to: archives.appendingPathComponent("broken.txt"))
        return archives
    }

    @Test func oneBadArchiveIsReportedAndTheRestComplete() throws {
        let archives = try makeArchives()
        let out = directory.appendingPathComponent("out")
        let result = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(result.status == 65)   // not every archive succeeded
        #expect(result.stderr.contains("broken: FAILED"))
        for name in ["alice", "dave"] {
            for file in ["summary.json", "threads.json", "centrality.json", "promotions.json", "mentions.svg",
                         "tweets.graphml", "users.gexf", "manifest.json"] {
                let path = out.appendingPathComponent("\(name)/\(file)").path
                #expect(FileManager.default.fileExists(atPath: path), "missing \(path)")
            }
        }
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("alice/threads/1625536625030885377.svg").path))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("alice/mentions.svg") && html.contains("dave/summary.json") && html.contains("failed"))
        // No temporary files are left behind by the atomic writes.
        let leftovers = FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String }
            .filter { $0.contains(".tmp") } ?? []
        #expect(leftovers.isEmpty)
        let summary = try #require(try JSONSerialization.jsonObject(
            with: Data(contentsOf: out.appendingPathComponent("alice/summary.json"))) as? [String: Any])
        #expect(summary["tweets"] as? Int == 3)
    }

    @Test func aRerunSkipsUpToDateArchivesUnlessForced() throws {
        let archives = try makeArchives()
        try FileManager.default.removeItem(at: archives.appendingPathComponent("broken.txt"))
        let out = directory.appendingPathComponent("out")
        #expect(try CLIRunner.run(["batch", archives.path, "--out", out.path]).status == 0)
        let index = out.appendingPathComponent("index.html")
        let firstIndex = try Data(contentsOf: index)
        let again = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(again.status == 0)
        #expect(again.stderr.components(separatedBy: "up to date").count - 1 == 2)
        // The gallery of a run that skipped everything is the same page: a committed gallery stays unchanged.
        #expect(try Data(contentsOf: index) == firstIndex)
        // Touching an archive makes it stale again.
        let alice = archives.appendingPathComponent("alice.txt")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: alice.path)
        let stale = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(stale.stderr.components(separatedBy: "up to date").count - 1 == 1)
        let forced = try CLIRunner.run(["batch", archives.path, "--out", out.path, "--force"])
        #expect(!forced.stderr.contains("up to date"))
    }

    @Test func missingInputIsExitCode66() throws {
        #expect(try CLIRunner.run(["batch", "/no/such/dir", "--out", directory.path]).status == 66)
    }
}
