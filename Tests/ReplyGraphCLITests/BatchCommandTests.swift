import Foundation
import Testing

@Suite struct BatchCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "replygraph-batch-\(UUID().uuidString)")

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
        let json =
            #"{"id": 1625211630396264450, "username": "dave", "tweet": "hello @alice", "created_at": "2023-02-13 19:13:42 UTC", "mentions": ["alice"], "reply_to": []}"#
        try Data((json + "\n").utf8).write(to: archives.appendingPathComponent("dave.jsonl"))
        try Data("this is not an archive\n".utf8).write(to: archives.appendingPathComponent("broken.txt"))
        return archives
    }

    @Test func oneBadArchiveIsReportedAndTheRestComplete() throws {
        let archives = try makeArchives()
        let out = directory.appendingPathComponent("out")
        let result = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(result.status == 65) // not every archive succeeded
        #expect(result.stderr.contains("broken: FAILED"))
        for name in ["alice", "dave"] {
            for file in [
                "summary.json", "threads.json", "centrality.json", "promotions.json", "mentions.svg",
                "tweets.graphml", "users.gexf", "manifest.json",
            ] {
                let path = out.appendingPathComponent("\(name)/\(file)").path
                #expect(FileManager.default.fileExists(atPath: path), "missing \(path)")
            }
        }
        #expect(
            FileManager.default.fileExists(
                atPath: out.appendingPathComponent("alice/threads/1625536625030885377.svg").path))
        let html = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(html.contains("alice/mentions.svg") && html.contains("dave/summary.json") && html.contains("failed"))
        // No temporary files are left behind by the atomic writes.
        let leftovers =
            FileManager.default.enumerator(atPath: out.path)?.compactMap { $0 as? String }
            .filter { $0.contains(".tmp") } ?? []
        #expect(leftovers.isEmpty)
        let summary = try #require(
            try JSONSerialization.jsonObject(
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
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(5)], ofItemAtPath: alice.path)
        let stale = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(stale.stderr.components(separatedBy: "up to date").count - 1 == 1)
        let forced = try CLIRunner.run(["batch", archives.path, "--out", out.path, "--force"])
        #expect(!forced.stderr.contains("up to date"))
    }

    @Test func missingInputIsExitCode66() throws {
        #expect(try CLIRunner.run(["batch", "/no/such/dir", "--out", directory.path]).status == 66)
    }

    /// A twint text archive of `count` tweets by `author`.
    func twint(_ author: String, count: Int) -> String {
        (0..<count).map { k in
            "\(1_625_536_625_030_885_377 + k * 1_000_000) 2023-02-14 16:45:0\(k % 10) +0000 <\(author)> tweet \(k) @bob"
        }.joined(separator: "\n") + "\n"
    }

    func tweets(_ folder: URL) throws -> Int? {
        let object = try JSONSerialization.jsonObject(
            with: Data(contentsOf: folder.appendingPathComponent("summary.json")))
        return (object as? [String: Any])?["tweets"] as? Int
    }

    @Test func archivesThatShareANameGetUniqueStableFolders() throws {
        let archives = directory.appendingPathComponent("archives")
        try FileManager.default.createDirectory(at: archives, withIntermediateDirectories: true)
        try Data(twint("alice", count: 1).utf8).write(to: archives.appendingPathComponent("a-2.txt"))
        try Data(twint("bob", count: 2).utf8).write(to: archives.appendingPathComponent("a.txt"))
        let json =
            #"{"id": 1625211630396264450, "username": "dave", "tweet": "hello @alice", "created_at": "2023-02-13 19:13:42 UTC", "mentions": ["alice"], "reply_to": []}"#
        try Data(
            (json + "\n" + json.replacingOccurrences(of: "450", with: "451") + "\n"
                + json.replacingOccurrences(of: "450", with: "452") + "\n").utf8
        )
        .write(to: archives.appendingPathComponent("a.jsonl"))
        let out = directory.appendingPathComponent("out")
        let result = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try tweets(out.appendingPathComponent("a-2")) == 1)
        #expect(try tweets(out.appendingPathComponent("a.txt")) == 2)
        #expect(try tweets(out.appendingPathComponent("a.jsonl")) == 3)
        // The same names whatever the order of the arguments.
        let files = ["a.jsonl", "a.txt", "a-2.txt"].map { archives.appendingPathComponent($0).path }
        let out2 = directory.appendingPathComponent("out2")
        #expect(try CLIRunner.run(["batch"] + files + ["--out", out2.path, "--force"]).status == 0)
        let folders = try FileManager.default.contentsOfDirectory(atPath: out2.path).filter { !$0.hasSuffix(".html") }
        #expect(folders.sorted() == ["a-2", "a.jsonl", "a.txt"])
        #expect(try tweets(out2.appendingPathComponent("a.jsonl")) == 3)
    }

    @Test func upToDateMeansTheSameFileWithTheSameBytes() throws {
        let archives = directory.appendingPathComponent("archives")
        try FileManager.default.createDirectory(at: archives, withIntermediateDirectories: true)
        let a = archives.appendingPathComponent("a.txt")
        try Data(twint("alice", count: 3).utf8).write(to: a)
        let out = directory.appendingPathComponent("out")
        #expect(try CLIRunner.run(["batch", archives.path, "--out", out.path]).status == 0)
        #expect(try tweets(out.appendingPathComponent("a")) == 3)
        // Another archive takes the place of a.txt under the same folder name, with an older mtime.
        try FileManager.default.removeItem(at: a)
        let b = archives.appendingPathComponent("a.jsonl")
        let json =
            #"{"id": 1625211630396264450, "username": "dave", "tweet": "hello @alice", "created_at": "2023-02-13 19:13:42 UTC", "mentions": ["alice"], "reply_to": []}"#
        try Data((json + "\n").utf8).write(to: b)
        let old = Date().addingTimeInterval(-86_400)
        try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: b.path)
        let second = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(!second.stderr.contains("up to date"), "\(second.stderr)")
        #expect(try tweets(out.appendingPathComponent("a")) == 1)
        // The same file rewritten with other bytes of the same length, its mtime put back: still redone.
        let before = try FileManager.default.attributesOfItem(atPath: b.path)[.modificationDate] as? Date
        try Data((json.replacingOccurrences(of: "hello", with: "HELLO") + "\n").utf8).write(to: b)
        try FileManager.default.setAttributes([.modificationDate: try #require(before)], ofItemAtPath: b.path)
        let third = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(!third.stderr.contains("up to date"), "\(third.stderr)")
        // And nothing changed: up to date.
        let fourth = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(fourth.stderr.contains("a: up to date"), "\(fourth.stderr)")
    }

    @Test func aBatchIntoItsOwnInputFolderSkipsItsOutputsOnTheRerun() throws {
        let folder = directory.appendingPathComponent("both")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(twint("alice", count: 2).utf8).write(to: folder.appendingPathComponent("alice.txt"))
        let first = try CLIRunner.run(["batch", folder.path, "--out", folder.path])
        #expect(first.status == 0, "\(first.stderr)")
        let second = try CLIRunner.run(["batch", folder.path, "--out", folder.path])
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("1 of 1 archives done"))
        #expect(!second.stderr.contains("FAILED"))
    }

    @Test func temporaryFilesOfAKilledRunAreRemovedOnTheNextRun() throws {
        let archives = try makeArchives()
        try FileManager.default.removeItem(at: archives.appendingPathComponent("broken.txt"))
        let out = directory.appendingPathComponent("out")
        #expect(try CLIRunner.run(["batch", archives.path, "--out", out.path]).status == 0)
        let alice = out.appendingPathComponent("alice")
        let uuid = UUID().uuidString
        let leftovers = [
            alice.appendingPathComponent(".summary.json.tmp-\(uuid)"),
            alice.appendingPathComponent("threads/.1625536625030885377.svg.tmp-\(uuid)"),
            out.appendingPathComponent(".index.html.tmp-\(uuid)"),
        ]
        let mine = [alice.appendingPathComponent(".notes.tmp-mine"), alice.appendingPathComponent("notes.txt")]
        for file in leftovers + mine {
            try Data("partial".utf8).write(to: file)
            try FileManager.default.setAttributes(
                [.modificationDate: Date().addingTimeInterval(-60)],
                ofItemAtPath: file.path)
        }
        let rerun = try CLIRunner.run(["batch", archives.path, "--out", out.path])
        #expect(rerun.status == 0)
        for file in leftovers { #expect(!FileManager.default.fileExists(atPath: file.path), "\(file.path) is left") }
        for file in mine { #expect(FileManager.default.fileExists(atPath: file.path), "\(file.path) was removed") }
        #expect(rerun.stderr.contains("left by an interrupted run"))
    }

    @Test func aFIFOInAnInputFolderIsNotReadAsAnArchive() throws {
        let archives = try makeArchives()
        try FileManager.default.removeItem(at: archives.appendingPathComponent("broken.txt"))
        try #require(mkfifo(archives.appendingPathComponent("pipe.txt").path, 0o600) == 0)
        let result = try CLIRunner.run(["batch", archives.path, "--out", directory.appendingPathComponent("out").path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("2 of 2 archives done"))
    }

    @Test func anOutputFolderThatCannotBeCreatedIs73WithThePath() throws {
        // /sys refuses new folders even to root; for others a folder without write permission does.
        let parent: URL
        if geteuid() == 0 {
            parent = URL(fileURLWithPath: "/sys")
        } else {
            parent = directory.appendingPathComponent("readonly")
            try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
            try #require(chmod(parent.path, 0o555) == 0)
        }
        let out = parent.appendingPathComponent("replygraph-\(UUID().uuidString)")
        let result = try CLIRunner.run(["batch", "--out", out.path, "--skip-thread-diagrams"])
        #expect(result.status == 73, "\(result.stderr)")
        // The reason is the system's (EPERM in /sys, EACCES in a read-only folder); the folder is named.
        #expect(result.stderr.contains("cannot write \(out.path)/index.html: "))
        #expect(result.stderr.contains("(creating folder \(out.path)); is the folder writable?"))
        #expect(!result.stderr.contains("NSCocoaErrorDomain"))
    }
}
