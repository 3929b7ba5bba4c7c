import Foundation
import Testing

@testable import TweetArchive

/// Issue 15's reader rows: what a hostile or unlucky input did to the reader, each fixed and kept fixed.
@Suite struct ReaderReliabilityTests {
    /// Row 2: a thousand five-line archives in one folder kept a 2 MiB text block (a huge page, touched) each:
    /// 2 GB for 5,000 tweets. Each small file now starts with a block its size.
    @Test func manySmallFilesKeepMemoryOfTheirSize() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lines = try String(contentsOfFile: SampleArchive.path, encoding: .utf8)
            .split(separator: "\n").filter { $0.first?.isNumber == true }
        for k in 0..<1_000 {
            let text = (0..<5).map { lines[(k * 5 + $0) % lines.count] }.joined(separator: "\n") + "\n"
            try Data(text.utf8).write(to: directory.appendingPathComponent(String(format: "a%04d.txt", k)))
        }
        let archive = try ArchiveReader().read(paths: [directory.path])
        #expect(archive.inputs.count == 1_000)
        #expect(archive.tweets.count + archive.duplicates == 5_000)
        // The bytes of every distinct text block the tweets keep alive.
        var blocks = Set<ObjectIdentifier>()
        var kept = 0
        for tweet in archive.tweets where blocks.insert(ObjectIdentifier(tweet.textBlock.block)).inserted {
            kept += tweet.textBlock.block.capacity
        }
        let fileBytes = try FileManager.default.contentsOfDirectory(atPath: directory.path).reduce(0) {
            $0
                + ((try? FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent($1).path)[.size]
                    as? Int) ?? 0)
        }
        #expect(kept < 4 * fileBytes + 1_000 * 8192, "\(kept) bytes of text blocks for \(fileBytes) bytes of files")
    }

    @Test func jobsAreCapped() {
        #expect(ArchiveReader.Options(jobs: 1_000).jobs == ArchiveReader.Options.maxJobs)
        #expect(ArchiveReader.Options.maxJobs <= max(8, 4 * ProcessInfo.processInfo.activeProcessorCount))
        #expect(ArchiveReader.Options(jobs: 3).jobs == 3)
    }

    /// Row 7: a FIFO in an input folder blocked `summary` and `batch` forever. Only regular files are read from
    /// folders; the FIFO is named in a note.
    @Test func aFIFOInAFolderIsNotOpened() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.copyItem(
            atPath: SampleArchive.path, toPath: directory.appendingPathComponent("a.txt").path)
        let fifo = directory.appendingPathComponent("b.pipe").path
        try #require(mkfifo(fifo, 0o600) == 0)
        // Read on another thread, so that a regression fails the test instead of hanging it.
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result: Result<Archive, ArchiveError>?
        let path = directory.path
        Thread.detachNewThread {
            result = Result { () throws(ArchiveError) in try ArchiveReader().read(paths: [path]) }
            done.signal()
        }
        if done.wait(timeout: .now() + 30) == .timedOut {
            // Unblock the reader (it opened the FIFO) so the process can finish, then fail.
            let writer = open(fifo, O_WRONLY | O_NONBLOCK)
            if writer >= 0 { close(writer) }
            _ = done.wait(timeout: .now() + 5)
            Issue.record("reading a folder with a FIFO in it did not finish")
            return
        }
        let archive = try #require(try result?.get())
        #expect(archive.tweets.count == 2_073)
        #expect(archive.inputs.count == 1)
        #expect(
            archive.issues.map(\.description) == ["\(fifo): not-a-regular-file: a FIFO, socket or device; not read"])
    }

    @Test func symbolicLinkLoopsAreWalkedOnce() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let inner = directory.appendingPathComponent("inner")
        try FileManager.default.createDirectory(at: inner, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: SampleArchive.path, toPath: inner.appendingPathComponent("a.txt").path)
        try FileManager.default.createSymbolicLink(
            atPath: inner.appendingPathComponent("up").path,
            withDestinationPath: directory.path)
        let archive = try ArchiveReader().read(paths: [directory.path])
        #expect(archive.inputs.count == 1)
        #expect(archive.tweets.count == 2_073)
        #expect(archive.issues.map(\.reason) == [.symlinkLoop])
    }

    @Test func foldersAreWalkedToABoundedDepth() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var deep = directory
        for k in 0..<5 { deep.appendPathComponent("d\(k)") }
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: SampleArchive.path, toPath: deep.appendingPathComponent("a.txt").path)
        #expect(try ArchiveReader().read(paths: [directory.path]).tweets.count == 2_073) // five down: found
        var options = ArchiveReader.Options()
        options.maxDirectoryDepth = 3
        let error = try #require(throws: ArchiveError.self) {
            try ArchiveReader(options: options).read(paths: [directory.path])
        }
        #expect(error.kind == .unreadable) // nothing within three folders: no archive, exit 66
    }

    /// A pretty-printed export with `count` tweets, as Twitter writes it.
    private func export(_ count: Int) -> String {
        SyntheticAccountArchive.tweetsFile(
            part: 0,
            (0..<count).map { k in
                SyntheticAccountArchive.tweetElement(
                    id: String(1_600_000_000_000_000_000 + k), text: "post number \(k)")
            })
    }

    /// Row 9: one `}` removed from the first element of a `tweets.js` lost the whole file (0 tweets, exit 0). The
    /// reader now resynchronises at the next element: one tweet lost, and said so.
    @Test func aMissingBraceLosesOnlyItsElement() throws {
        let whole = export(50)
        // The `}` closing the first element's "edit_info" object (the first "      }," line).
        let broken = whole.replacingOccurrences(
            of: "\n      },\n", with: "\n      ,\n", options: [],
            range: whole.range(of: "\n      },\n"))
        #expect(broken != whole)
        let archive = try ArchiveReader().read(bytes: Array(broken.utf8), name: "tweets.js")
        #expect(archive.tweets.count == 49)
        #expect(archive.tweets.first?.text == "post number 1")
        #expect(archive.skipped == [.unbalanced: 1])
        #expect(
            archive.issues.first?.description.hasPrefix("tweets.js:2: unbalanced: the element's braces do not balance")
                == true)
        // And the element's own closing brace missing: the next element's `{` resynchronises.
        let unclosed = whole.replacingOccurrences(
            of: "\n  },\n  {", with: "\n  ,\n  {", options: [],
            range: whole.range(of: "\n  },\n  {"))
        let second = try ArchiveReader().read(bytes: Array(unclosed.utf8), name: "tweets.js")
        #expect(second.tweets.count == 49)
        #expect(second.skipped == [.unbalanced: 1])
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: RealExports.directory)))
    func aMissingBraceInARealExportLosesOnlyItsElement() throws {
        for (folder, count) in RealExports.counts {
            var bytes = try Array(
                Data(contentsOf: URL(fileURLWithPath: "\(RealExports.directory)/\(folder)/tweets.js")))
            // Remove the first `}` of the file (inside the first element).
            let brace = try #require(bytes.firstIndex(of: UInt8(ascii: "}")))
            bytes.remove(at: brace)
            let archive = try ArchiveReader().read(bytes: bytes, name: "tweets.js")
            #expect(archive.tweets.count == count - 1, "\(folder)")
            #expect(archive.skipped == [.unbalanced: 1], "\(folder)")
        }
    }

    /// Row 10: a minified, one-line `tweets.js` of 1.4 MB went over the 1 MiB line bound: 0 tweets. Account exports
    /// are now bounded by element, not by line.
    @Test func aMinifiedOneLineExportIsRead() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var minified = ""
        for character in export(820) where character != "\n" { minified.append(character) }
        let padding = String(repeating: "x", count: 1_200) // ~1.7 KB a tweet, as real ones
        minified = minified.replacingOccurrences(of: "\"lang\"", with: "\"source\":\"\(padding)\",\"lang\"")
        #expect(minified.utf8.count > 1_400_000)
        let url = directory.appendingPathComponent("tweets.js")
        try Data(minified.utf8).write(to: url)
        let archive = try ArchiveReader(options: .init(exportOwner: Handle("me"))).read(paths: [url.path])
        #expect(archive.tweets.count == 820)
        #expect(archive.issues.isEmpty)
        #expect(archive.inputs[0].lines == 1)
        let fromBytes = try ArchiveReader().read(bytes: Array(minified.utf8), name: "tweets.js")
        #expect(fromBytes.tweets.count == 820)
    }

    /// Row 10, the other half: a 2 MB Twitter API v2 page on one line went over the 1 MiB line bound. JSON lines
    /// are bounded by ``ArchiveReader/Options/maxJSONLineLength`` (64 MiB), and the line buffer grows only for them.
    @Test func aTwoMegabyteAPIPageLineIsRead() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let tweets = (0..<2_000).map { k in
            #"{"id": "\#(1_380_242_611_781_386_245 + k)", "author_id": "7", "created_at": "2021-04-08T19:34:16.000Z", "#
                + #""text": "page tweet \#(k) \#(String(repeating: "z", count: 900))"}"#
        }
        let page =
            #"{"data": ["# + tweets.joined(separator: ", ")
            + #"], "includes": {"users": [{"id": "7", "username": "bob"}]}, "meta": {"result_count": 2000}}"#
        #expect(page.utf8.count > 2_000_000)
        let small =
            #"{"data": [{"id": "1380242611781380000", "author_id": "7", "created_at": "2021-04-08T19:34:16.000Z", "text": "before"}], "includes": {"users": [{"id": "7", "username": "bob"}]}}"#
        let url = directory.appendingPathComponent("pages.jsonl")
        try Data((small + "\n" + page + "\n").utf8).write(to: url)
        let archive = try ArchiveReader().read(paths: [url.path])
        #expect(archive.tweets.count == 2_001)
        #expect(archive.issues.isEmpty)
        #expect(archive.tweets.allSatisfy { $0.author == Handle("bob") })
        // A twint text line keeps its 1 MiB bound.
        let text = directory.appendingPathComponent("long.txt")
        try Data(
            ("1625899016778678274 2023-02-15 16:45:08 +0000 <bob> " + String(repeating: "a", count: 2 << 20)
                + "\n1625899016778678275 2023-02-15 16:45:08 +0000 <bob> after\n").utf8
        ).write(to: text)
        let twint = try ArchiveReader().read(paths: [text.path])
        #expect(twint.tweets.map(\.text) == ["after"])
        #expect(twint.skipped == [.lineTooLong: 1])
    }

    /// Row 15: a byte-order mark at the start of the line where `--jobs 2` splits a file was stripped by the second
    /// part only (60,004 tweets against 60,003). It is one only at the file's start, for every `--jobs`.
    @Test func aByteOrderMarkWhereAPartStartsChangesNothing() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var bytes = Array(try Data(contentsOf: URL(fileURLWithPath: SampleArchive.path)))
        // Where two parts split: just after the first newline at or after the middle.
        let split = try #require(bytes[(bytes.count / 2)...].firstIndex(of: 0x0A)) + 1
        bytes.insert(contentsOf: [0xEF, 0xBB, 0xBF], at: split)
        let url = directory.appendingPathComponent("bom.txt")
        try Data(bytes).write(to: url)
        var options = ArchiveReader.Options(jobs: 1)
        options.parallelThreshold = 1
        let one = try ArchiveReader(options: options).read(paths: [url.path])
        options.jobs = 2
        let two = try ArchiveReader(options: options).read(paths: [url.path])
        #expect(one.tweets.count == two.tweets.count)
        #expect(one.inputs == two.inputs)
        #expect(one.issues == two.issues)
    }
}

/// The real account exports in `../shared/data/reply-archives` (read at test time, never committed).
enum RealExports {
    static let directory: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() } // Tests/TweetArchiveTests/file -> the package's parent
        return url.appendingPathComponent("shared/data/reply-archives").path
    }()

    /// Tweets per export, from the folder's README.
    static let counts = [
        ("develwoutacause", 1_928), ("HarlanTheFox", 1_169), ("ZekeAranyLucas", 1_201),
        ("evildisease", 1_065),
    ]
}

@Suite struct RealExportTests {
    @Test(.enabled(if: FileManager.default.fileExists(atPath: RealExports.directory)))
    func realExportsReadWithoutAWarning() throws {
        for (folder, count) in RealExports.counts {
            let path = "\(RealExports.directory)/\(folder)/tweets.js"
            let archive = try ArchiveReader(options: .init(exportOwner: Handle(folder))).read(paths: [path])
            #expect(archive.tweets.count == count, "\(folder)")
            #expect(archive.issues.isEmpty, "\(folder): \(archive.issues)")
            #expect(archive.skipped.isEmpty && archive.duplicates == 0, "\(folder)")
            // The folder (a lone tweets.js) reads the same.
            let folderArchive = try ArchiveReader().read(paths: ["\(RealExports.directory)/\(folder)"])
            #expect(folderArchive.tweets.count == count && folderArchive.issues.isEmpty, "\(folder)")
        }
    }
}
