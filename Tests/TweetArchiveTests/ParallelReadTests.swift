import Foundation
import Testing

@testable import TweetArchive

/// Reading a large file in parts on several threads must give exactly what one pass gives: the same tweets, the
/// same counts, and diagnostics naming the same lines. The threshold is lowered so that small fixtures split.
@Suite struct ParallelReadTests {
    /// Reads `path` in one pass and in `jobs` parts and expects identical archives.
    private func expectSameInParts(_ path: String, jobs: [Int] = [2, 3, 7], maxReportedIssues: Int = 10_000)
        throws -> Archive
    {
        var single = ArchiveReader.Options(maxReportedIssues: maxReportedIssues, jobs: 1)
        single.parallelThreshold = 1
        let reference = try ArchiveReader(options: single).read(paths: [path])
        for (n, chunk) in jobs.flatMap({ n in [(n, 1 << 15), (n, 7)] }) {
            var split = single
            split.jobs = n
            split.partChunkSize = chunk // 7: parts hand over many chunks, the last one partial
            let archive = try ArchiveReader(options: split).read(paths: [path])
            #expect(archive.tweets == reference.tweets, "jobs \(n)")
            #expect(archive.inputs == reference.inputs, "jobs \(n)")
            #expect(archive.issues == reference.issues, "jobs \(n)")
            #expect(archive.externalTweets == reference.externalTweets, "jobs \(n)")
        }
        return reference
    }

    /// A copy of `sources` joined into one temporary file, each ending in a newline.
    private func joined(_ sources: [String], name: String) throws -> (URL, URL) {
        let directory = try ReaderFixture.temporaryDirectory()
        var bytes = Data()
        for source in sources {
            var data = try Data(contentsOf: URL(fileURLWithPath: source))
            if data.last != 0x0A { data.append(0x0A) }
            bytes.append(data)
        }
        let url = directory.appendingPathComponent(name)
        try bytes.write(to: url)
        return (directory, url)
    }

    @Test func twintTextWithMalformedLinesSplitsIntoTheSameArchive() throws {
        // The sample, then the malformed fixtures (bad ids, dates, log lines, CRLF, invalid UTF-8) in the middle,
        // then the sample again (every id a duplicate), so issues and duplicates fall in different parts.
        let sample = SampleArchive.path
        let (directory, url) = try joined(
            [
                sample, try ReaderFixture.path("malformed/twint-edge.txt"),
                try ReaderFixture.path("malformed/twint-more.txt"), sample,
            ],
            name: "mixed.txt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try expectSameInParts(url.path)
        #expect(archive.tweets.count > 2_000)
        #expect(archive.inputs[0].duplicates >= 2_073)
        #expect(archive.inputs[0].skippedTotal > 0)
        // Line numbers stay those of the whole file: every reported line really holds what it reports.
        // Split as bytes: as `Character`s, "\r\n" is one character and would not split at "\n".
        let lines = try Data(contentsOf: url).split(separator: 0x0A, omittingEmptySubsequences: false)
        for issue in archive.issues where !issue.detail.isEmpty && issue.reason != .lineTooLong {
            let line = String(decoding: lines[issue.line - 1], as: UTF8.self)
            let excerpt = issue.detail.replacingOccurrences(of: "…", with: "")
            #expect(line.hasPrefix(excerpt.prefix(10)), "\(issue) vs \(line.prefix(40))")
        }
    }

    @Test func jsonLineFormatsSplitIntoTheSameArchive() throws {
        let twint = try ReaderFixture.path("twint-json/generated-200.jsonl")
        let (d1, u1) = try joined(
            [twint, try ReaderFixture.path("malformed/twint-edge.jsonl"), twint], name: "t.jsonl")
        defer { try? FileManager.default.removeItem(at: d1) }
        #expect(try expectSameInParts(u1.path).tweets.count >= 200)

        let flat = try ReaderFixture.path("twarc2/flat.jsonl")
        let raw = try ReaderFixture.path("twarc2/noflat.jsonl")
        let (d2, u2) = try joined([raw, raw, try ReaderFixture.path("malformed/twarc2-edge.jsonl")], name: "p.jsonl")
        defer { try? FileManager.default.removeItem(at: d2) }
        let pages = try expectSameInParts(u2.path)
        #expect(!pages.externalTweets.isEmpty) // includes-only tweets merge across parts too
        let (d3, u3) = try joined([flat, flat], name: "f.jsonl")
        defer { try? FileManager.default.removeItem(at: d3) }
        #expect(try expectSameInParts(u3.path).inputs[0].duplicates > 0)
    }

    @Test func reportedIssuesAreTheFirstOnesInFileOrder() throws {
        let sample = SampleArchive.path
        let bad = try ReaderFixture.path("malformed/twint-edge.txt")
        let (directory, url) = try joined([sample, bad, sample, bad, sample, bad], name: "many.txt")
        defer { try? FileManager.default.removeItem(at: directory) }
        let archive = try expectSameInParts(url.path, maxReportedIssues: 5)
        #expect(archive.issues.count == 5)
        #expect(archive.issues.map(\.line) == archive.issues.map(\.line).sorted())
    }
}
