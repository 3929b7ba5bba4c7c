import Foundation
import Testing

/// The CLI on a Twitter/X archive as users get it, and on folders that hold no archive (exit code 66).
@Suite struct AccountArchiveCommandTests {
    /// A minimal unpacked archive: a manifest naming the owner, one tweets part, a like and a deleted tweet.
    private func makeArchive() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("cli-archive-\(UUID().uuidString)")
        let data = root.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        try Data("<html></html>".utf8).write(to: root.appendingPathComponent("Your archive.html"))
        func tweet(_ id: String, _ text: String) -> String {
            "{ \"tweet\" : { \"id_str\" : \"\(id)\", \"created_at\" : \"Wed Nov 30 12:00:00 +0000 2022\", "
                + "\"full_text\" : \"\(text)\", \"favorite_count\" : \"1\", \"retweet_count\" : \"0\" } }"
        }
        let files = [
            "manifest.js": """
            window.__THAR_CONFIG = { "userInfo" : { "accountId" : "7", "userName" : "carol_c", "displayName" : "Carol" },
              "dataTypes" : {
                "tweets" : { "files" : [ { "fileName" : "data/tweets.js", "globalName" : "YTD.tweets.part0", "count" : "2" } ] },
                "deletedTweets" : { "files" : [ { "fileName" : "data/deleted-tweets.js", "count" : "1" } ] },
                "like" : { "files" : [ { "fileName" : "data/like.js", "count" : "1" } ] },
                "directMessages" : { "files" : [ { "fileName" : "data/direct-messages.js", "count" : "1" } ] }
              } }
            """,
            "tweets.js": "window.YTD.tweets.part0 = [ \(tweet("1600000000000000001", "hello")), "
                + "\(tweet("1600000000000000002", "@dave hi")) ]",
            "deleted-tweets.js": "window.YTD.deleted_tweets.part0 = [ \(tweet("1600000000000000003", "gone")) ]",
            "like.js":
                "window.YTD.like.part0 = [ { \"like\" : { \"tweetId\" : \"9\", \"fullText\" : \"not mine\" } } ]",
            "direct-messages.js": "not even JSON: never opened",
        ]
        for (name, text) in files { try Data(text.utf8).write(to: data.appendingPathComponent(name)) }
        return root
    }

    @Test func summaryReadsTheUnpackedArchiveAsOne() throws {
        let root = try makeArchive()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = try CLIRunner.run(["summary", root.path])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        #expect(result.stdout.contains("tweets          2\n"))
        #expect(result.stdout.contains("authors         1 (carol_c)"))
        #expect(result.stdout.contains("archive         \(root.path): @carol_c (Carol), read by its manifest"))
        #expect(result.stdout.contains("  other tweets  deleted 1; not read (--include KIND to read them)"))
        #expect(result.stdout.contains("  not read      directMessages, like (not the account's posts"))

        let included = try CLIRunner.run(["summary", "--format", "json", "--include", "deleted", root.path])
        #expect(included.status == 0)
        let json = try included.json()
        #expect(json["tweets"] as? Int == 3)
        let archives = try #require(json["account_archives"] as? [[String: Any]])
        #expect(archives.first?["owner"] as? String == "carol_c")
        #expect(archives.first?["other_tweets"] as? [String: Int] == ["deleted": 1])
        #expect(archives.first?["other_tweets_included"] as? [String] == ["deleted"])
        #expect(archives.first?["skipped_kinds"] as? [String] == ["directMessages", "like"])
    }

    @Test func aPathHoldingNoArchiveExitsWith66() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-none-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("# notes\n".utf8).write(to: directory.appendingPathComponent("notes.md"))
        let result = try CLIRunner.run(["summary", directory.path])
        #expect(result.status == 66)
        #expect(result.stdout.isEmpty)
        #expect(
            result.stderr.hasPrefix("replygraph: \(directory.path): no archive found: looked for a Twitter/X archive"))
    }

    /// Issue 15 row 7, for batch: a FIFO among the archives of a folder blocked the run forever.
    @Test func batchSkipsAFIFOAndTakesAnUnpackedArchiveWhole() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-fifo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let root = try makeArchive()
        try FileManager.default.moveItem(at: root, to: directory.appendingPathComponent("twitter-carol"))
        try #require(mkfifo(directory.appendingPathComponent("stuck.pipe").path, 0o600) == 0)
        let out = directory.appendingPathComponent("gallery")
        let result = try CLIRunner.run(["batch", directory.path, "--out", out.path, "--skip-thread-diagrams"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("1 of 1 archives done"))
        let summary = try Data(contentsOf: out.appendingPathComponent("twitter-carol/summary.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: summary) as? [String: Any])
        #expect(json["tweets"] as? Int == 2)
    }
}
