import Foundation
import Testing

@testable import TweetArchive

/// Fixture files copied into the test bundle (`Tests/TweetArchiveTests/Fixtures`).
enum ReaderFixture {
    static func path(_ relative: String) throws -> String {
        let base = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures")
        let url = base.appendingPathComponent(relative)
        try #require(FileManager.default.fileExists(atPath: url.path), "missing fixture \(relative)")
        return url.path
    }

    /// A fresh temporary directory, removed by the caller's `defer`.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

@Suite struct ArchiveReaderTests {
    @Test func directoryInputReadsEveryArchiveAndReportsStrayFiles() throws {
        // account-export/ holds three export files and a README.md that is not an archive.
        let directory = try ReaderFixture.path("account-export")
        let archive = try ArchiveReader(options: .init(exportOwner: Handle("Owner"))).read(paths: [directory])
        #expect(
            archive.inputs.map { URL(fileURLWithPath: $0.name).lastPathComponent }
                == ["README.md", "tweet.js", "tweets-part1.js", "tweets.js"])
        #expect(archive.tweets.count == 3 + 4 + 1)
        #expect(archive.duplicates == 1) // tweets-part1.js repeats one tweet of tweets.js; the first read is kept
        #expect(archive.inputs[0].skipped == [.unsupportedFormat: 1])
        let first = try #require(archive.issues.first)
        #expect(
            first.description
                == "\(directory)/README.md:1: unsupported-format: not an archive in any supported format; skipped")
        #expect(archive.issues.count == 1)
    }

    @Test func explicitlyNamedNonArchiveIsOneClearError() throws {
        let readme = try ReaderFixture.path("account-export/README.md")
        let error = try #require(throws: ArchiveError.self) { try ArchiveReader().read(paths: [readme]) }
        #expect(error.kind == .unsupportedFormat)
        #expect(error.line == 1)
        #expect(error.description.hasPrefix("\(readme):1: not a supported archive"))
    }

    @Test func missingInputIsUnreadable() throws {
        let error = try #require(throws: ArchiveError.self) {
            try ArchiveReader().read(paths: ["/nonexistent/archive.txt"])
        }
        #expect(error.kind == .unreadable)
        #expect(error.description == "/nonexistent/archive.txt: no such file or directory")
    }

    @Test func emptyFileIsAnEmptyArchive() throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let empty = directory.appendingPathComponent("empty.txt")
        try Data().write(to: empty)
        let blank = directory.appendingPathComponent("blank.txt")
        try Data("\n\n  \n".utf8).write(to: blank)
        let archive = try ArchiveReader().read(paths: [empty.path, blank.path])
        #expect(archive.tweets.isEmpty)
        #expect(archive.issues.isEmpty)
        #expect(archive.inputs.map(\.format) == [nil, nil])
        #expect(archive.inputs.map(\.lines) == [0, 3])
        #expect(archive.ignored == 3)
    }

    @Test func duplicatesWithinAndAcrossFilesAreKeptOnceAndCounted() throws {
        let edge = try ReaderFixture.path("malformed/twint-edge.txt")
        let more = try ReaderFixture.path("malformed/twint-more.txt")
        let archive = try ArchiveReader().read(paths: [edge, more])
        // twint-edge.txt: 7 tweet lines, one repeating an earlier id; twint-more.txt: one repeat, one new.
        #expect(archive.inputs.map(\.tweets) == [7, 2])
        #expect(archive.inputs.map(\.duplicates) == [1, 1])
        #expect(archive.tweets.count == 7)
        #expect(archive.tweets.map(\.id) == archive.tweets.map(\.id).sorted())
        // The first-read copy of a repeated id is the one kept.
        #expect(archive[TweetID(1_625_899_016_778_678_273)]?.text == "Hello #Swift and #SwiftLang")
    }

    @Test func clockOffsetOfALocalTimeScraper() throws {
        // The scraper wrote its local time (UTC+1) and no offset field: stated − true = +3600 s.
        let ids: [UInt64] = [1_625_899_016_778_678_273, 1_625_536_625_030_885_377, 1_620_425_003_524_686_022]
        var text = ""
        for id in ids {
            let utc = Timestamp(milliseconds: Int64(id >> 22) + TweetID.twitterEpochMilliseconds)
            let c = Timestamp(milliseconds: utc.milliseconds + 3_600_000).components()
            text +=
                "\(id) \(c.year)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute)):\(two(c.second))"
                + " <bob> local time\n"
        }
        let archive = try ArchiveReader().read(bytes: Array(text.utf8), name: "local.txt")
        #expect(archive.tweets.count == 3)
        #expect(archive.inputs.first?.clockOffsetSeconds == 3600)
        // createdAt stays the snowflake's true time.
        #expect(archive.tweets.last?.createdAt.iso8601 == "2023-02-15T16:45:08.000Z")
    }

    @Test(arguments: [1, 2, 3])
    func overlongLineIsSkippedWithItsLineNumber(megabytes: Int) throws {
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("long.txt")
        var bytes = Array("1625899016778678273 2023-02-15 16:45:08 +0000 <bob> before\n".utf8)
        bytes += Array("1625899016778678274 2023-02-15 16:45:08 +0000 <bob> ".utf8)
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: megabytes << 20)
        bytes += Array("\n1625899016778678275 2023-02-15 16:45:08 +0000 <bob> after\n".utf8)
        try Data(bytes).write(to: file)
        let archive = try ArchiveReader().read(paths: [file.path])
        #expect(archive.tweets.map(\.text) == ["before", "after"])
        #expect(archive.skipped == [.lineTooLong: 1])
        #expect(archive.inputs.first?.lines == 3)
        #expect(archive.issues.first?.description == "\(file.path):2: line-too-long: longer than 1048576 bytes")
        // The same through the in-memory path.
        let inMemory = try ArchiveReader().read(bytes: bytes, name: "long.txt")
        #expect(inMemory.issues.first?.description == "long.txt:2: line-too-long: longer than 1048576 bytes")
    }

    @Test(arguments: [1, 2, 3, 5, 8, 64])
    func lineReaderBoundsLinesAtEveryChunkBoundary(chunkSize: Int) throws {
        // Lines of 0…12 bytes with a 6-byte limit, CRLF on some, no newline at the end.
        let lines = ["", "a", "abcdef", "abcdefg", "abcdef\r", "abcdefghijkl", "xy\r", "", "last"]
        let text = lines.joined(separator: "\n")
        let directory = try ReaderFixture.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("lines.txt")
        try Data(text.utf8).write(to: file)
        let descriptor = open(file.path, O_RDONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var reader = LineReader(descriptor: descriptor, maxLineLength: 6)
        reader.chunkSize = chunkSize
        var seen: [String] = []
        let total = try reader.forEachLine { number, line in
            seen.append("\(number):" + (line.map { String(decoding: $0, as: UTF8.self) } ?? "<too long>"))
        }
        #expect(total == text.utf8.count)
        #expect(seen == ["1:", "2:a", "3:abcdef", "4:<too long>", "5:abcdef", "6:<too long>", "7:xy", "8:", "9:last"])
    }
}

private func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

/// The merge step's in-place ordering and the compact tweet layout it moves.
@Suite struct ArchiveOrderingTests {
    private func tweet(_ id: UInt64, _ text: String = "") -> Tweet {
        Tweet(id: TweetID(id), author: Handle("a"), text: text.isEmpty ? "t\(id)" : text)
    }

    @Test(
        arguments: [
            [5, 4, 3, 2, 1], // newest first, as twint writes
            [1, 2, 3, 4, 5],
            [5, 4, 6, 3, 2, 1], // nearly descending
            [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5],
        ] as [[UInt64]])
    func sortsAndKeepsTheFirstCopy(ids: [UInt64]) {
        var tweets = ids.enumerated().map { tweet($0.element, "\($0.element)@\($0.offset)") }
        let duplicates = Archive.sortRemovingDuplicates(&tweets, inputCounts: [ids.count])
        let unique = Array(Set(ids)).sorted()
        #expect(tweets.map(\.id.rawValue) == unique)
        #expect(duplicates == [ids.count - unique.count])
        for t in tweets { // the kept copy is the first one read
            #expect(t.text == "\(t.id.rawValue)@\(ids.firstIndex(of: t.id.rawValue)!)")
        }
    }

    /// Nearly descending archives (the insertion path) and shuffled ones (the fallback), with repeated ids: the
    /// same order and the same kept copies as a reference sort of (id, reading position).
    @Test(arguments: [1 as UInt64, 2, 3])
    func nearlySortedAndShuffledInputsSortTheSame(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for shape in 0..<4 {
            var ids = (0..<2_000).map { UInt64(10_000 - $0) } // newest first
            switch shape {
            case 0:
                for _ in 0..<20 {
                    let k = Int.random(in: 1..<ids.count, using: &random)
                    ids.swapAt(k, k - 1)
                }
            case 1:
                for _ in 0..<20 {
                    ids[Int.random(in: 0..<ids.count, using: &random)] = ids.randomElement(using: &random)!
                }
            case 2: ids.swapAt(0, ids.count - 1) // one key that moves the whole way: over budget
            default: ids.shuffle(using: &random)
            }
            var tweets = ids.enumerated().map { tweet($0.element, "\($0.element)@\($0.offset)") }
            let duplicates = Archive.sortRemovingDuplicates(&tweets, inputCounts: [ids.count])
            let reference = ids.enumerated().sorted { ($0.element, $0.offset) < ($1.element, $1.offset) }
            var kept: [String] = []
            for (k, pair) in reference.enumerated() where k == 0 || reference[k - 1].element != pair.element {
                kept.append("\(pair.element)@\(pair.offset)")
            }
            #expect(tweets.map(\.text) == kept, "shape \(shape)")
            #expect(duplicates == [ids.count - kept.count])
        }
        var keys: [(id: UInt64, position: UInt32)] = (0..<100).map { (UInt64(100 - $0), UInt32($0)) }
        #expect(!Archive.insertionSortNearlySorted(&keys)) // descending: over budget, given up
        #expect(Set(keys.map(\.id)) == Set(1...100)) // still a permutation
    }

    /// The id index is built by the first lookup, by whichever thread comes first, and a change to the tweets
    /// starts a new one (a copy made before the change keeps its own).
    @Test func idIndexIsBuiltOnceOnFirstLookupAndFollowsChanges() {
        let archive = Archive(tweets: (1...2_000).map { tweet(UInt64($0) * 10) })
        var found = [Int](repeating: -2, count: 64)
        found.withUnsafeMutableBufferPointer { found in
            nonisolated(unsafe) let results = found
            DispatchQueue.concurrentPerform(iterations: 64) { k in
                results[k] = archive.index(of: TweetID(UInt64(k + 1) * 310)) ?? -1
            }
        }
        #expect(
            found
                == (0..<64).map { (k: Int) -> Int in
                    let id = (k + 1) * 310
                    return id % 10 == 0 && id <= 20_000 ? id / 10 - 1 : -1
                })
        var changed = archive
        changed.removeTweets { $0.id.rawValue <= 10_000 } // the first 1,000
        #expect(changed.index(of: TweetID(10_010)) == 0 && changed.index(of: TweetID(10)) == nil)
        #expect(archive.index(of: TweetID(10_010)) == 1_000 && archive[TweetID(10)]?.id == TweetID(10))
    }

    @Test func countsDuplicatesPerInput() {
        var tweets = [3, 1, 2, 9, 1, 3, 7, 3].map { tweet(UInt64($0)) }
        let duplicates = Archive.sortRemovingDuplicates(&tweets, inputCounts: [3, 0, 3, 2])
        #expect(tweets.map(\.id.rawValue) == [1, 2, 3, 7, 9])
        #expect(duplicates == [0, 0, 2, 1])
    }

    @Test func appliesAPermutationInPlace() {
        var letters = ["a", "b", "c", "d", "e", "f"]
        Archive.applyInPlace(&letters, source: [5, 0, 1, 3, 2, 4])
        #expect(letters == ["f", "a", "b", "d", "c", "e"])
    }

    @Test func archiveLooksUpByIDAndDropsContainedExternals() {
        let archive = Archive(
            tweets: [tweet(30), tweet(10), tweet(20), tweet(10, "again")],
            externalTweets: [
                TweetID(20): ExternalTweet(id: TweetID(20)),
                TweetID(40): ExternalTweet(id: TweetID(40)),
            ])
        #expect(archive.tweets.map(\.id.rawValue) == [10, 20, 30])
        #expect(archive[TweetID(10)]?.text == "t10")
        #expect(archive.index(of: TweetID(30)) == 2)
        #expect(archive.index(of: TweetID(15)) == nil)
        #expect(archive.index(of: TweetID(99)) == nil)
        #expect(Array(archive.externalTweets.keys) == [TweetID(40)])
    }

    @Test func sideRecordIsCopiedOnWrite() {
        var original = tweet(1)
        #expect(original.counts.isEmpty && original.inReplyToID == nil)
        original.counts.likes = 3
        var copy = original
        copy.inReplyToID = TweetID(7)
        copy.counts.likes = 4
        #expect(original.counts.likes == 3 && original.inReplyToID == nil)
        #expect(copy.counts.likes == 4 && copy.inReplyToID == TweetID(7))
        // Emptying the side record again makes the tweet equal (and hash equal) to one that never had it.
        copy.counts = EngagementCounts()
        copy.inReplyToID = nil
        #expect(copy == tweet(1))
        #expect(copy.hashValue == tweet(1).hashValue)
        #expect(copy != original)
        #expect(MemoryLayout<Tweet>.size <= 128)
    }
}

@Suite struct FormatDetectionReaderTests {
    @Test(
        arguments: [
            ("1625899016778678273 2023-02-15 16:45:08 +0000 <bob> hi", ArchiveFormat.twintText),
            (#"{"id": 1, "username": "bob", "tweet": "hi", "mentions": ["data"]}"#, .twintJSON),
            (#"{"id": 1, "conversation_id": "1", "tweet": "first line without a username"}"#, .twintJSON),
            (#"{"data": [{"id": "1"}], "includes": {}}"#, .twitterAPIv2),
            (#"{"id": "1", "author_id": "7", "author": {"username": "bob"}, "text": "flattened"}"#, .twitterAPIv2),
            ("window.YTD.tweets.part0 = [ {", .accountExport),
            ("\u{FEFF}window.YTD.tweet.part0 = [", .accountExport),
        ] as [(String, ArchiveFormat)])
    func detects(line: String, format: ArchiveFormat) {
        let bytes = Array(line.utf8)
        let detected = bytes.withUnsafeBufferPointer { FormatDetector.detect(TextBytes($0)) }
        #expect(detected == .some(format))
    }

    @Test(arguments: ["", "   ", "[!] No more data! Scraping will stop now.", "found 0 deleted tweets in this search."])
    func undecidedLines(line: String) {
        let detected = Array(line.utf8).withUnsafeBufferPointer { FormatDetector.detect(TextBytes($0)) }
        #expect(detected == .some(nil))
    }

    @Test(arguments: ["# README", #"{"name": "config", "version": 2}"#, "<html>", "id,date,text"])
    func rejects(line: String) {
        let detected = Array(line.utf8).withUnsafeBufferPointer { FormatDetector.detect(TextBytes($0)) }
        #expect(detected == nil)
    }

    @Test func exportWithoutItsArrayIsTruncated() throws {
        let archive = try ArchiveReader().read(bytes: Array("window.YTD.tweets.part0 = \n".utf8), name: "tweets.js")
        #expect(
            archive.issues.map(\.description) == [
                "tweets.js:1: truncated: the file ends before the array's opening '['"
            ])
        let unclosed = "window.YTD.tweets.part0 = [ { \"id_str\" : \"5\", \"full_text\" : \"x\" },\n"
        let second = try ArchiveReader().read(bytes: Array(unclosed.utf8), name: "tweets.js")
        #expect(second.tweets.count == 1)
        #expect(
            second.issues.map(\.description) == ["tweets.js:1: truncated: the file ends before the array's closing ']'"]
        )
    }
}

@Suite struct IDIndexReaderTests {
    @Test(arguments: [0, 1, 2, 7, 8, 1000])
    func findsEveryIDAndNothingElse(count: Int) {
        var rng = SeededGenerator(seed: UInt64(count))
        // Snowflake-like ids: time in the high bits, a small sequence in the low ones.
        let ids = (0..<count).map { UInt64($0) << 22 | (rng.next() & 0xFFF) + 1_600_000_000_000 << 22 }
        let index = Archive.IDIndex(ids: ids)
        for (position, id) in ids.enumerated() { #expect(index.position(of: id, in: ids) == position) }
        #expect(index.position(of: 0, in: ids) == nil)
        #expect(index.position(of: UInt64.max, in: ids) == nil)
        if let last = ids.last { #expect(index.position(of: last + 1 << 22, in: ids) == nil) }
    }
}
