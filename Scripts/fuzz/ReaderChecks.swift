// Shared by the reader fuzz targets: what ArchiveReader promises about any bytes it is given, checked on one input.
// Built by Scripts/fuzz/run.sh against TweetArchive compiled with -enable-testing (the checks reach the parsers
// and the detector, which are internal).
//
// Every read below runs with `jobs: 1` unless it says otherwise, so a broken promise is deterministic.
@testable import TweetArchive
import Foundation

enum ReaderChecks {
    static let name = "fuzz-input"
    static let maxIssues = 5

    static func reader(strict: Bool = false, jobs: Int = 1) -> ArchiveReader {
        ArchiveReader(options: .init(strict: strict, maxReportedIssues: maxIssues, jobs: jobs))
    }

    // MARK: - The byte entry point

    /// Reads `bytes` with ``ArchiveReader/read(bytes:name:)`` and checks the archive, the strict read and reading
    /// the same bytes from a file (one pass, and split in parts on several threads). Returns the lenient archive, or
    /// `nil` when the bytes are in no supported format.
    @discardableResult
    static func checkRead(_ bytes: [UInt8]) -> Archive? {
        let archive: Archive
        do {
            archive = try reader().read(bytes: bytes, name: name)
        } catch {
            // Not strict: the only way to fail on bytes is a first significant line in no known format.
            require(error.kind == .unsupportedFormat, "read(bytes:) threw \(error.kind): \(error)")
            require(error.file == name && (error.line ?? 0) >= 1, "unsupported-format error without a line: \(error)")
            checkFileRead(bytes, expected: nil)
            return nil
        }
        checkArchive(archive, bytes)
        checkStrict(archive, bytes)
        checkFileRead(bytes, expected: archive)
        return archive
    }

    /// The promises of one lenient read.
    static func checkArchive(_ archive: Archive, _ bytes: [UInt8]) {
        require(archive.inputs.count == 1, "\(archive.inputs.count) input stats for one input")
        let stats = archive.inputs[0]
        // Sorted by id, each id once; every tweet read is kept or counted as a duplicate.
        for k in archive.tweets.indices.dropFirst() {
            require(archive.tweets[k - 1].id < archive.tweets[k].id,
                    "tweets not strictly ascending at \(k): \(archive.tweets[k - 1].id), \(archive.tweets[k].id)")
        }
        require(stats.tweets - stats.duplicates == archive.tweets.count,
                "\(stats.tweets) read - \(stats.duplicates) duplicates != \(archive.tweets.count) kept")
        require(stats.bytes == bytes.count, "\(stats.bytes) bytes counted of \(bytes.count)")
        // Every skip counted; the first ones reported, each at a line of the input.
        let lineCount = physicalLines(bytes)
        require(archive.issues.count == min(stats.skippedTotal, maxIssues),
                "\(archive.issues.count) issues for \(stats.skippedTotal) skipped")
        for issue in archive.issues {
            require(issue.file == name && issue.line >= 1 && issue.line <= max(lineCount, 1),
                    "issue outside the input's \(lineCount) lines: \(issue)")
        }
        require(stats.invalidUTF8Lines <= max(lineCount, stats.tweets + stats.skippedTotal + stats.ignored),
                "\(stats.invalidUTF8Lines) lines with invalid UTF-8 of \(lineCount)")
        // Line formats: every line is a tweet, ignored or skipped; an API v2 page line may hold many tweets.
        switch stats.format {
        case .twintText?, .twintJSON?:
            require(stats.lines == lineCount, "\(stats.lines) lines counted of \(lineCount)")
            require(stats.tweets + stats.ignored + stats.skippedTotal == stats.lines,
                    "\(stats.tweets) tweets + \(stats.ignored) ignored + \(stats.skippedTotal) skipped != \(stats.lines) lines")
        case .twitterAPIv2?:
            require(stats.lines == lineCount, "\(stats.lines) lines counted of \(lineCount)")
            require(stats.tweets + stats.ignored + stats.skippedTotal >= stats.lines,
                    "a line neither read, ignored nor skipped: \(stats)")
        case .accountExport?:
            require(stats.lines <= lineCount, "\(stats.lines) lines counted of \(lineCount)")
        case nil:
            require(archive.tweets.isEmpty && stats.skippedTotal == 0, "no format, yet tweets or skips: \(stats)")
        }
        for tweet in archive.tweets { checkTweet(tweet) }
        for (id, external) in archive.externalTweets {
            require(external.id == id, "external tweet \(external.id) filed under \(id)")
            require(archive[id] == nil, "external tweet \(id) is also in the archive")
        }
        for tweet in archive.tweets { require(archive[tweet.id]?.id == tweet.id, "lookup of \(tweet.id) fails") }
    }

    /// A tweet's text is valid UTF-8, and each entity lies within it and matches its value.
    static func checkTweet(_ tweet: Tweet) {
        let valid = tweet.withUTF8Text { String(validating: $0, as: UTF8.self) != nil }
        require(valid, "tweet \(tweet.id): text is not valid UTF-8")
        let text = tweet.text
        require(text.utf8.count == tweet.textUTF8Count, "tweet \(tweet.id): text length")
        let scalars = Array(text.unicodeScalars)
        let entities = tweet.entities
        func check(_ list: [TextEntity], sigil: Bool, _ kind: String) {
            for entity in list {
                let range = entity.range
                guard range.lowerBound >= 0, range.upperBound <= scalars.count, !range.isEmpty else {
                    requireFailure("tweet \(tweet.id): \(kind) \(entity) outside the text's \(scalars.count) scalars")
                }
                let written = scalars[sigil ? range.lowerBound + 1 ..< range.upperBound : range]
                require(String(String.UnicodeScalarView(written)) == entity.value,
                        "tweet \(tweet.id): \(kind) \(entity.value.debugDescription) is not the text at \(range): "
                            + String(String.UnicodeScalarView(written)).debugDescription)
            }
        }
        check(entities.mentions, sigil: true, "mention")
        check(entities.hashtags, sigil: true, "hashtag")
        check(entities.cashtags, sigil: true, "cashtag")
        check(entities.urls, sigil: false, "url")
        require(entities.mentionCount == entities.mentions.count, "tweet \(tweet.id): mention count")
        _ = tweet.replyHandles
        _ = tweet.mentionedHandles
    }

    /// Strict reading fails exactly when lenient reading skipped something, at the first skipped line; otherwise
    /// it reads the same archive.
    static func checkStrict(_ lenient: Archive, _ bytes: [UInt8]) {
        do {
            let strict = try reader(strict: true).read(bytes: bytes, name: name)
            require(lenient.inputs[0].skippedTotal == 0, "strict read succeeded over skipped lines: \(lenient.issues)")
            requireSame(strict, lenient, "strict and lenient reads")
        } catch {
            require(error.kind == .malformed, "strict read threw \(error.kind): \(error)")
            require(lenient.issues.first.map { $0.line == error.line } ?? false,
                    "strict read failed at \(error), the lenient read's first issue is \(String(describing: lenient.issues.first))")
        }
    }

    // MARK: - The same bytes from a file

    /// A private folder for the file reads, in `$TMPDIR` (run.sh gives each target its own and removes it).
    static let folder: String = {
        var template = Array((NSTemporaryDirectory() + "/replygraph-fuzz-XXXXXX").utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            requireFailure("cannot make a temporary folder in \(NSTemporaryDirectory())")
        }
        return String(cString: made)
    }()

    static var file: String { folder + "/input.txt" }

    static func write(_ bytes: [UInt8]) {
        let fd = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        require(fd >= 0, "cannot write \(file)")
        let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        require(n == bytes.count, "short write to \(file)")
    }

    /// Reading the bytes from a named file gives the archive read from memory (or fails the same way), in one
    /// pass and (for one input in 32) in parts on three threads, the split forced by a one-byte threshold.
    static func checkFileRead(_ bytes: [UInt8], expected: Archive?) {
        guard !bytes.starts(with: [0x50, 0x4B]) else { return }   // a zip signature: read as a zip from a file
        write(bytes)
        var split = reader(jobs: 3)
        split.options.parallelThreshold = 1
        var hash = SplitMix(bytes)
        let inParts = hash.next(32) == 0
        for (label, reader) in [("one pass", reader()), ("three parts", split)] {
            // Threads cost this target nine tenths of its speed (and a leak scan per input, as the thread pool's
            // allocations outlive one input): one input in 32, by its hash, is read in parts.
            if label == "three parts" && !inParts { continue }
            do {
                let archive = try reader.read(paths: [file])
                guard let expected else {
                    requireFailure("a file read (\(label)) found an archive in bytes read(bytes:) refused: \(archive.inputs)")
                }
                requireSame(archive, expected, "file (\(label)) and memory reads")
            } catch {
                require(expected == nil, "a file read (\(label)) threw where read(bytes:) did not: \(error)")
                require(error.kind == .unsupportedFormat, "a file read (\(label)) threw \(error.kind): \(error)")
            }
        }
    }

    // MARK: - Comparing reads

    /// Two reads of the same bytes agree on tweets, references, counts and issues (file names aside).
    static func requireSame(_ a: Archive, _ b: Archive, _ what: String) {
        require(a.tweets.count == b.tweets.count, "\(what): \(a.tweets.count) tweets against \(b.tweets.count)")
        for (x, y) in zip(a.tweets, b.tweets) {
            require(x == y, "\(what): tweet \(x.id) \(x.text.debugDescription) differs from \(y.id) \(y.text.debugDescription)")
        }
        require(a.externalTweets == b.externalTweets, "\(what): external tweets differ")
        var sa = a.inputs[0], sb = b.inputs[0]
        sa.name = ""
        sb.name = ""
        require(sa == sb, "\(what): stats differ:\n\(sa)\n\(sb)")
        let ia = a.issues.map { "\($0.line): \($0.reason): \($0.detail)" }
        let ib = b.issues.map { "\($0.line): \($0.reason): \($0.detail)" }
        require(ia == ib, "\(what): issues differ:\n\(ia)\n\(ib)")
    }

    // MARK: - One parser, forced

    /// Feeds every line of `bytes` to `parser` as the reader would once the format is known, each line in an
    /// allocation of its own followed by exactly ``LineReader/padding`` bytes (AddressSanitizer catches a read past
    /// them), the padding filled with bytes a parser must not take for part of the line.
    static func parseLines<P: RecordParser>(_ parser: inout P, _ bytes: [UInt8]) -> RecordSink {
        var sink = RecordSink(file: name, strict: false, maxReportedIssues: maxIssues)
        var number = 0
        forEachLine(bytes) { line in
            number += 1
            var line = line
            if number == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line = Array(line.dropFirst(3)) }
            let padded = UnsafeMutablePointer<UInt8>.allocate(capacity: line.count + LineReader.padding)
            defer { padded.deallocate() }
            padded.initialize(from: line, count: line.count)
            let filler = Array(" 1>@#$|\"\\{}".utf8)
            for k in 0..<LineReader.padding { (padded + line.count + k).initialize(to: filler[k % filler.count]) }
            do {
                try parser.consume(UnsafeBufferPointer(start: padded, count: line.count), line: number, into: &sink)
            } catch {
                requireFailure("a lenient parse threw: \(error)")
            }
        }
        do { try parser.finish(line: number, into: &sink) } catch { requireFailure("finish threw: \(error)") }
        sink.stats.lines = number
        return sink
    }

    /// A line-per-record format forced on any bytes: every line is accounted for once (or, for API v2 pages, at
    /// least once), and when the reader detects that same format, the forced parse finds the reader's tweets.
    static func checkForcedLines<P: RecordParser>(_ make: () -> P, format: ArchiveFormat, _ bytes: [UInt8],
                                                  read archive: Archive?) {
        var parser = make()
        let sink = parseLines(&parser, bytes)
        let outcomes = sink.stats.tweets + sink.stats.ignored + sink.stats.skippedTotal
        if format == .twitterAPIv2 {
            require(outcomes >= sink.stats.lines, "forced \(format): a line neither read, ignored nor skipped")
        } else {
            require(outcomes == sink.stats.lines, "forced \(format): \(outcomes) outcomes for \(sink.stats.lines) lines")
        }
        require(sink.issues.count == min(sink.stats.skippedTotal, maxIssues), "forced \(format): issues")
        for tweet in sink.tweets { checkTweet(tweet) }
        // Over-long lines aside (the reader skips them before any parser sees them), the reader's tweets are
        // the forced parser's.
        if let archive, archive.inputs[0].format == format, archive.inputs[0].skipped["line-too-long"] == nil {
            let forced = Archive(tweets: sink.tweets)
            require(forced.tweets.count == archive.tweets.count,
                    "forced \(format): \(forced.tweets.count) tweets, the reader \(archive.tweets.count)")
            for (x, y) in zip(forced.tweets, archive.tweets) {
                require(x == y, "forced \(format): tweet \(x.id) differs from the reader's \(y.id) (padding read?)")
            }
        }
    }

    /// The lines `read(bytes:)` sees: split at `\n`, a `\r` before it dropped, no empty line after a final `\n`.
    static func forEachLine(_ bytes: [UInt8], _ body: ([UInt8]) -> Void) {
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x0A {
            if i == bytes.count && start == i { break }
            var end = i
            if end > start && bytes[end - 1] == 0x0D { end -= 1 }
            body(Array(bytes[start..<end]))
            start = i + 1
        }
    }

    static func physicalLines(_ bytes: [UInt8]) -> Int {
        var count = 0
        forEachLine(bytes) { _ in count += 1 }
        return count
    }

    /// A deterministic stream of numbers from the input, for choices such as chunk sizes.
    struct SplitMix {
        var state: UInt64
        init(_ bytes: [UInt8]) {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
            state = h
        }
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Int(z % UInt64(bound))
        }
    }
}
