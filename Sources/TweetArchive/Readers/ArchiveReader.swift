import Foundation

/// Reads archives in any supported format into one ``Archive``.
///
///     let archive = try ArchiveReader().read(paths: ["tweets.txt", "more/"])
///     archive.tweets.count          // tweets, each id once, sorted by id
///     archive.issues.first          // "tweets.txt:17: bad-date: 1625... 2023-13-40 ..."
///
/// Inputs are files, directories (every regular, non-hidden file in them, sorted by name) or `-` for standard
/// input. Each input's format is detected from its content. Lines are streamed in 1 MiB chunks and parsed as bytes;
/// memory grows with the tweets kept, not with the file.
public struct ArchiveReader: Sendable {
    public struct Options: Sendable {
        /// Fail on the first malformed line instead of skipping it.
        public var strict = false
        /// Longest accepted line in bytes; longer lines are skipped with `line-too-long` (and account-export
        /// elements longer than this with `element-too-long`), so memory stays bounded whatever the input.
        public var maxLineLength = 1 << 20
        /// How many malformed lines are kept as ``Diagnostic``s (all are counted).
        public var maxReportedIssues = 20
        /// The account's handle for account exports, whose tweets carry no author (default `owner`).
        public var exportOwner: Handle?

        public init(strict: Bool = false, maxLineLength: Int = 1 << 20, maxReportedIssues: Int = 20,
                    exportOwner: Handle? = nil) {
            self.strict = strict
            self.maxLineLength = maxLineLength
            self.maxReportedIssues = maxReportedIssues
            self.exportOwner = exportOwner
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Reads and merges the given inputs. Duplicate ids across or within inputs are kept once and counted.
    ///
    /// - Throws: ``ArchiveError`` with kind `.unreadable` (missing or unreadable input), `.unsupportedFormat`
    ///   (an explicitly named file in no supported format) or `.malformed` (first bad line, with `strict`).
    /// - Complexity: Linear in the input's bytes, plus O(n log n) for n tweets when they are in neither ascending
    ///   nor descending id order (archives usually are, and then merging is O(n)).
    public func read(paths: [String]) throws(ArchiveError) -> Archive {
        var files: [(path: String, explicit: Bool)] = []
        for path in paths {
            if path == "-" { files.append((path, true)); continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ArchiveError(kind: .unreadable, file: path, message: "no such file or directory")
            }
            if isDirectory.boolValue {
                let names: [String]
                do { names = try FileManager.default.contentsOfDirectory(atPath: path) } catch {
                    throw ArchiveError(kind: .unreadable, file: path, message: "cannot list directory")
                }
                for name in names.sorted() where !name.hasPrefix(".") {
                    let child = (path as NSString).appendingPathComponent(name)
                    var childIsDirectory: ObjCBool = false
                    if FileManager.default.fileExists(atPath: child, isDirectory: &childIsDirectory),
                       !childIsDirectory.boolValue {
                        files.append((child, false))
                    }
                }
            } else {
                files.append((path, true))
            }
        }

        // One array collects every input's tweets: nothing is copied between inputs or into the archive.
        var tweets: [Tweet] = []
        var external: [TweetID: ExternalTweet] = [:]
        var inputs: [InputStats] = []
        var issues: [Diagnostic] = []
        for (path, explicit) in files {
            let sink: RecordSink
            do {
                sink = try readOne(path: path, into: &tweets)
            } catch let error where error.kind == .unsupportedFormat && !explicit {
                // A stray file in a directory (a README, an image): report it and go on.
                var stats = InputStats(name: path)
                stats.skipped["unsupported-format"] = 1
                inputs.append(stats)
                if issues.count < options.maxReportedIssues {
                    issues.append(Diagnostic(file: path, line: 1, reason: "unsupported-format",
                                             detail: "not an archive in any supported format; skipped"))
                }
                continue
            }
            external.merge(sink.external) { old, new in old.author == nil ? new : old }
            inputs.append(sink.stats)
            for issue in sink.issues where issues.count < options.maxReportedIssues { issues.append(issue) }
        }
        return Self.merge(tweets: &tweets, external: external, inputs: inputs, issues: issues)
    }

    /// Reads archive bytes held in memory (tests, stdin already slurped); `name` labels diagnostics.
    public func read(bytes: [UInt8], name: String) throws(ArchiveError) -> Archive {
        var tweets: [Tweet] = []
        let sink = try bytes.withUnsafeBufferPointer { buffer throws(ArchiveError) in
            try parse(name: name, sizeHint: buffer.count, into: &tweets) { body throws(ArchiveError) in
                var lineNumber = 0
                var start = 0
                var i = 0
                while i <= buffer.count {
                    if i == buffer.count || buffer[i] == 0x0A {
                        if i == buffer.count && start == i { break }
                        lineNumber += 1
                        var end = i
                        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                        let line = UnsafeBufferPointer(rebasing: buffer[start..<end])
                        try body(lineNumber, line.count > options.maxLineLength ? nil : line)
                        start = i + 1
                    }
                    i += 1
                }
                return buffer.count
            }
        }
        return Self.merge(tweets: &tweets, external: sink.external, inputs: [sink.stats], issues: sink.issues)
    }

    // MARK: - One input

    /// Reads one input, appending its tweets to `tweets`; the returned sink holds everything else it found.
    private func readOne(path: String, into tweets: inout [Tweet]) throws(ArchiveError) -> RecordSink {
        let descriptor: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ArchiveError(kind: .unreadable, file: path, message: String(cString: strerror(errno)))
        }
        defer { if descriptor != 0 { close(descriptor) } }
        let name = path == "-" ? "<stdin>" : path
        let reader = LineReader(descriptor: descriptor, maxLineLength: options.maxLineLength)
        var status = stat()
        let size = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : nil
        return try parse(name: name, sizeHint: size, into: &tweets) { body throws(ArchiveError) in
            do {
                return try reader.forEachLine { number, line in try body(number, line) }
            } catch let error as ArchiveError {
                throw error
            } catch let error as LineReaderError {
                throw ArchiveError(kind: .unreadable, file: name, message: error.message)
            } catch {
                throw ArchiveError(kind: .unreadable, file: name, message: "\(error)")
            }
        }
    }

    /// Drives a line source through format detection and the format's parser, appending tweets to `tweets`.
    ///
    /// `sizeHint` (the input's size in bytes, when known) reserves room for the tweets once the format is known,
    /// so a large archive's array is allocated once instead of doubling (and briefly holding two copies).
    private func parse(
        name: String, sizeHint: Int?, into tweets: inout [Tweet],
        lines: ((Int, UnsafeBufferPointer<UInt8>?) throws(ArchiveError) -> Void) throws(ArchiveError) -> Int
    ) throws(ArchiveError) -> RecordSink {
        var sink = RecordSink(file: name, strict: options.strict, maxReportedIssues: options.maxReportedIssues)
        let first = tweets.count
        swap(&sink.tweets, &tweets)
        // The tweets live in the sink while it parses, and go back to the caller however parsing ends.
        do throws(ArchiveError) {
            var parser: (any RecordParser)?
            var lastLine = 0
            let bytes = try lines { number, line throws(ArchiveError) in
                sink.stats.lines = number
                lastLine = number
                guard var line else {
                    try sink.skip(line: number, reason: "line-too-long",
                                  detail: "longer than \(options.maxLineLength) bytes")
                    return
                }
                if number == 1 && line.starts(with: [0xEF, 0xBB, 0xBF]) {   // a UTF-8 byte-order mark
                    line = UnsafeBufferPointer(rebasing: line[3...])
                }
                if parser == nil {
                    switch FormatDetector.detect(line) {
                    case .some(.some(let format)):
                        sink.stats.format = format
                        parser = makeParser(format)
                        if let sizeHint {
                            // At least doubling: many small inputs must not reallocate (and move) for each one.
                            let wanted = first + sizeHint / Self.minimumBytesPerTweet(format)
                            if wanted > sink.tweets.capacity {
                                sink.tweets.reserveCapacity(max(wanted, 2 * sink.tweets.capacity))
                            }
                        }
                    case .some(.none):
                        sink.ignore()   // blank or log line before the first record
                        return
                    case .none:
                        throw ArchiveError(kind: .unsupportedFormat, file: name, line: number,
                                           message: "not a supported archive (twint text or JSON lines, Twitter API v2 "
                                               + "JSON lines, or an account export tweets.js): \(line.excerpt())")
                    }
                }
                try parser!.consume(line, line: number, into: &sink)
            }
            try parser?.finish(line: lastLine, into: &sink)
            sink.stats.bytes = bytes
            if parser == nil && sink.stats.lines > 0 && sink.stats.ignored == sink.stats.lines {
                // Only blank or log lines: an empty archive, not an error.
                sink.stats.format = nil
            }
            sink.stats.clockOffsetSeconds = Self.clockOffset(of: sink.tweets[first...])
        } catch {
            swap(&sink.tweets, &tweets)
            throw error
        }
        swap(&sink.tweets, &tweets)
        return sink
    }

    /// A low estimate of an input's bytes per tweet: reserving `size / this` rarely needs to grow, and the
    /// capacity an over-estimate leaves unused is never touched, so it costs address space, not memory.
    private static func minimumBytesPerTweet(_ format: ArchiveFormat) -> Int {
        switch format {
        case .twintText: return 64
        case .twintJSON: return 320
        case .twitterAPIv2: return 1024
        case .accountExport: return 512
        }
    }

    private func makeParser(_ format: ArchiveFormat) -> any RecordParser {
        switch format {
        case .twintText: return TwintTextParser()
        case .twintJSON: return TwintJSONParser()
        case .twitterAPIv2: return TwitterAPIv2Parser()
        case .accountExport:
            return AccountExportParser(owner: options.exportOwner ?? Handle("owner"), maxElementLength: options.maxLineLength)
        }
    }

    // MARK: - Merging

    /// Sorts and de-duplicates the tweets of all inputs (in reading order, each input's tweets together) in
    /// place and counts each input's duplicates: the first-read copy of an id is kept.
    static func merge(tweets: inout [Tweet], external: [TweetID: ExternalTweet], inputs: [InputStats],
                      issues: [Diagnostic]) -> Archive {
        var inputs = inputs
        let duplicates = Archive.sortRemovingDuplicates(&tweets, inputCounts: inputs.map(\.tweets))
        for k in inputs.indices { inputs[k].duplicates += duplicates[k] }
        return Archive(sortedUniqueTweets: tweets, externalTweets: external, inputs: inputs, issues: issues)
    }

    /// The constant offset (in seconds, a multiple of 15 minutes) between stated and snowflake times, when at
    /// least 95% of the tweets agree on it.
    static func clockOffset(of tweets: ArraySlice<Tweet>) -> Int? {
        var votes: [Int: Int] = [:]
        // Nearly every tweet votes for the same offset: count runs before touching the dictionary.
        var current = 0
        var run = 0
        var total = 0
        for k in tweets.indices {   // by index: iterating would copy each tweet
            guard let stated = tweets[k].statedTime, let true_ = tweets[k].id.snowflakeMilliseconds else { continue }
            let difference = stated.milliseconds - true_
            // Round to the nearest quarter hour (900 000 ms), halves away from zero.
            let quarterHours = (difference + (difference >= 0 ? 450_000 : -450_000)) / 900_000
            let offset = Int(quarterHours) * 900
            if offset != current && run > 0 {
                votes[current, default: 0] += run
                run = 0
            }
            current = offset
            run += 1
            total += 1
        }
        if run > 0 { votes[current, default: 0] += run }
        guard total > 0, let (offset, count) = votes.max(by: { $0.value < $1.value }),
              Double(count) >= 0.95 * Double(total) else { return nil }
        return offset
    }
}
