import Foundation
import Testing

@Suite struct SummaryCommandTests {
    @Test func summarisesTheBundledSampleAsJSON() throws {
        let result = try CLIRunner.run(["summary", "--format", "json"])
        #expect(result.status == 0)
        let json = try result.json()
        // 2,073 tweets by one author, Feb 2021 to Feb 2023, as ../shared/data/README.md describes the sample.
        #expect(json["tweets"] as? Int == 2073)
        #expect(json["authors"] as? Int == 1)
        #expect((json["first"] as? String)?.hasPrefix("2021-02-04T16:41:23") == true)
        #expect((json["last"] as? String)?.hasPrefix("2023-02-15T16:45:08") == true)
        #expect(json["ignored"] as? Int == 3)
        #expect(json["duplicates"] as? Int == 0)
        #expect((json["skipped"] as? [String: Int])?.isEmpty == true)
        let top = try #require(json["top_mentions"] as? [[String: Any]])
        #expect(top.count == 10)
        // Sorted by count, descending.
        let counts = top.compactMap { $0["count"] as? Int }
        #expect(counts == counts.sorted(by: >))
        for key in ["replies", "retweets", "counts_present", "distinct_mentioned", "inputs"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
    }

    @Test func jobsSplitALargeFileWithoutChangingTheResult() throws {
        // The sample 30 times over: 9 MB, above the 8 MiB threshold at which a file is read in parts.
        let sample = try Data(
            contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../Sources/TweetArchive/Resources/alexxubyte.twint.txt").standardizedFileURL
        )
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: url) }
        var big = Data()
        for _ in 0..<30 { big.append(sample) }
        try big.write(to: url)
        #expect(big.count >= 8 << 20)
        let one = try CLIRunner.run(["summary", "--format", "json", "--jobs", "1", url.path])
        let three = try CLIRunner.run(["summary", "--format", "json", "--jobs", "3", url.path])
        #expect(one.status == 0 && three.status == 0)
        #expect(one.stdout == three.stdout)
        #expect(try one.json()["duplicates"] as? Int == 2073 * 29)
        #expect(try CLIRunner.run(["summary", "--jobs", "0"]).status == 64)
    }

    @Test func readsStandardInputAndMergesDuplicates() throws {
        let line = "1625899017673793541 2023-02-15 16:45:08 +0000 <bob> hello @alice\n"
        let result = try CLIRunner.run(["summary", "--format", "json", "-", "-"], stdin: Data((line + line).utf8))
        #expect(result.status == 0)
        let json = try result.json()
        #expect(json["tweets"] as? Int == 1)
        #expect(json["duplicates"] as? Int == 1)
    }

    @Test func exitCodesScriptsCanTrust() throws {
        let missing = try CLIRunner.run(["summary", "/no/such/archive.txt"])
        #expect(missing.status == 66)
        #expect(missing.stderr.contains("/no/such/archive.txt"))
        #expect(missing.stdout.isEmpty)

        let notAnArchive = try CLIRunner.temporaryFile("notes.txt", contents: "hello world\n")
        let unsupported = try CLIRunner.run(["summary", notAnArchive.path])
        #expect(unsupported.status == 65)
        #expect(unsupported.stderr.contains("notes.txt:1"))

        let bad =
            "1625899017673793541 2023-02-15 16:45:08 +0000 <bob> fine\n1625899017673793542 2023-99-15 16:45:08 +0000 <bob> bad\n"
        let file = try CLIRunner.temporaryFile("bad.txt", contents: bad)
        let lenient = try CLIRunner.run(["summary", file.path])
        #expect(lenient.status == 0)
        #expect(lenient.stderr.contains("bad.txt:2: bad-date"))
        let strict = try CLIRunner.run(["summary", "--strict", file.path])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("bad.txt:2"))

        let usage = try CLIRunner.run(["summary", "--format", "yaml"])
        #expect(usage.status == 64)
    }
}
