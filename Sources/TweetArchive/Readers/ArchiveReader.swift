import Dispatch
import Foundation

/// Reads archives in any supported format into one ``Archive``.
///
///     let archive = try ArchiveReader().read(paths: ["tweets.txt", "more/"])
///     archive.tweets.count          // tweets, each id once, sorted by id
///     archive.issues.first          // "tweets.txt:17: bad-date: 1625... 2023-13-40 ..."
///
/// A Twitter/X archive as users download it is one input, read in place: the `.zip`, the folder it unpacks to, or
/// its `data/` folder. Its manifest says which files hold tweets; the owner comes from the archive; long posts get
/// their full text; likes, direct messages and other personal files are never opened (see
/// `AccountArchiveReport`, in `Archive/accountArchives`).
///
///     let archive = try ArchiveReader().read(paths: ["twitter-2024-01-01-abc.zip"])
///     archive.accountArchives[0].owner      // the account's handle, from data/manifest.js
///     archive.tweets.first?.author          // the same handle: every tweet is the owner's
///
/// Other inputs are files, directories (walked recursively: each archive in them, each regular, non-hidden file,
/// sorted by name) or `-` for standard input. Each file's format is detected from its content. Lines are streamed in
/// 1 MiB chunks and parsed as bytes; memory grows with the tweets kept, not with the file or the number of files.
public struct ArchiveReader: Sendable {
    /// How to read: strictness, limits, threads, and which of an account archive's other tweets to include.
    public struct Options: Sendable {
        /// Fail on the first malformed line instead of skipping it.
        public var strict = false
        /// Longest accepted line in bytes; longer lines are skipped with `line-too-long` (and account-export
        /// elements longer than this with `element-too-long`), so memory stays bounded whatever the input.
        package var maxLineLength = 1 << 20
        /// Longest accepted line of a JSON-lines format (twint JSON, Twitter API v2 / twarc2), whose line is one
        /// record however large: a page of a hundred tweets and their `includes` runs to megabytes. Longer lines
        /// are skipped with `line-too-long`. The line buffer grows to it only while such a line is read.
        package var maxJSONLineLength = 64 << 20

        /// The bound on a line of `format` (`nil`: not yet known, the larger bound).
        func lineLimit(_ format: ArchiveFormat?) -> Int {
            switch format {
            // An account export's elements are bounded by the parser (`maxLineLength`), its lines by nothing.
            case .twintJSON?, .twitterAPIv2?, .accountExport?, nil: return max(maxLineLength, maxJSONLineLength)
            case .twintText?: return maxLineLength
            }
        }
        /// How many malformed lines are kept as ``Diagnostic``s (all are counted).
        public var maxReportedIssues = 20
        /// The account's handle for account exports, whose tweets carry no author (default `owner`).
        public var exportOwner: Handle?
        /// How many threads may parse one large file: a regular file of at least `parallelThreshold` bytes in a
        /// line-per-record format is cut at line boundaries into this many parts, parsed at once and joined in
        /// order, so the result (tweets, counts, line numbers in diagnostics) is the same as reading it in one
        /// pass. `1` reads everything on the calling thread. Default: the active processor count.
        public var jobs: Int
        /// The smallest file split across ``jobs`` threads; smaller files are read in one pass.
        package var parallelThreshold = 8 << 20
        /// Tweets per chunk in which a part hands its tweets over (about 3 MB of `Tweet`s; tests set it small).
        var partChunkSize = 1 << 15
        /// The other kinds of tweets a Twitter/X archive holds that are read with the account's own (all are
        /// counted in `Archive/accountArchives` either way). Default: none.
        public var otherTweetKinds: Set<OtherTweetKind> = []
        /// How many folders down a directory input is walked.
        package var maxDirectoryDepth = 16
        /// The most bytes one file of a zipped archive may inflate to (default: 10× the zip, at least 1 GiB).
        var archiveEntryLimit: Int?

        /// The most threads one file is read on: each holds its own buffers, so more than a few per core only
        /// costs memory.
        package static var maxJobs: Int { max(8, 4 * ProcessInfo.processInfo.activeProcessorCount) }

        /// Options as given; `jobs` defaults to the active processor count and is capped at a few per core.
        public init(
            strict: Bool = false, maxLineLength: Int = 1 << 20, maxReportedIssues: Int = 20,
            exportOwner: Handle? = nil, jobs: Int? = nil, otherTweetKinds: Set<OtherTweetKind> = []
        ) {
            self.strict = strict
            self.maxLineLength = maxLineLength
            self.maxReportedIssues = maxReportedIssues
            self.exportOwner = exportOwner
            self.jobs = min(Self.maxJobs, max(1, jobs ?? ProcessInfo.processInfo.activeProcessorCount))
            self.otherTweetKinds = otherTweetKinds
        }
    }

    /// How this reader reads.
    public var options: Options

    /// A reader with `options`.
    public init(options: Options = Options()) { self.options = options }

    /// Reads and merges the given inputs. Duplicate ids across or within inputs are kept once and counted.
    ///
    /// A path is a file in any supported format, a Twitter/X archive as users receive it (the `.zip`, the folder
    /// it unpacks to, or its `data/` folder), a folder (walked recursively: each archive in it, each regular file
    /// detected by content) or `-` for standard input.
    ///
    ///     let archive = try ArchiveReader().read(paths: ["twitter-2024-01-01-abc.zip"])
    ///     archive.tweets.count                     // every part of tweets.js, long posts in full
    ///     archive.accountArchives[0].owner         // "alice", from data/manifest.js
    ///
    /// - Throws: ``ArchiveError`` with kind `.unreadable` (missing or unreadable input, or a folder or zip that
    ///   holds no archive at all), `.unsupportedFormat` (an explicitly named file in no supported format) or
    ///   `.malformed` (first bad line, with `strict`).
    /// - Complexity: Linear in the input's bytes, plus O(n log n) for n tweets when they are in neither ascending
    ///   nor descending id order (archives usually are, and then merging is O(n)).
    public func read(paths: [String]) throws(ArchiveError) -> Archive {
        // One array collects every input's tweets: nothing is copied between inputs or into the archive.
        var tweets: [Tweet] = []
        var external: [TweetID: ExternalTweet] = [:]
        var inputs: [InputStats] = []
        var issues: [Diagnostic] = []
        var reports: [AccountArchiveReport] = []
        for path in paths {
            var walk = Walk()
            try self.inputs(for: path, walk: &walk)
            var found = 0 // inputs of this path that are archives
            var examined = 0
            for input in walk.inputs {
                examined += 1
                switch input {
                case .standardInput, .file:
                    let (name, explicit) =
                        if case .file(let name, let explicit) = input { (name, explicit) } else { ("-", true) }
                    let sink: RecordSink
                    do {
                        sink = try readOne(path: name, explicit: explicit, into: &tweets)
                    } catch let error where error.kind == .unsupportedFormat && !explicit {
                        // A stray file in a directory (a README, an image): report it and go on.
                        var stats = InputStats(name: name)
                        stats.skipped[.unsupportedFormat] = 1
                        inputs.append(stats)
                        if issues.count < options.maxReportedIssues {
                            issues.append(
                                Diagnostic(
                                    file: name, line: 1, reason: .unsupportedFormat,
                                    detail: "not an archive in any supported format; skipped"))
                        }
                        continue
                    }
                    if sink.stats.format != nil || explicit { found += 1 }
                    external.merge(sink.external) { old, new in old.author == nil ? new : old }
                    inputs.append(sink.stats)
                    for issue in sink.issues where issues.count < options.maxReportedIssues { issues.append(issue) }
                case .zip(let zipPath, let explicit):
                    let opened: AccountArchive?
                    do { opened = try AccountArchive.open(zipPath, isDirectory: false) } catch {
                        if explicit { throw error }
                        if issues.count < options.maxReportedIssues {
                            issues.append(
                                Diagnostic(
                                    file: zipPath, line: 0, reason: .unreadableZip,
                                    detail: error.message + "; skipped"))
                        }
                        continue
                    }
                    guard let archive = opened else { continue }
                    guard
                        archive.names.contains("manifest.js")
                            || AccountArchivePlan.fromNames(archive.names).files.contains(where: {
                                $0.content == .tweets
                            })
                    else {
                        if explicit {
                            throw ArchiveError(
                                kind: .unreadable, file: zipPath,
                                message: "no Twitter/X archive in this zip: looked for data/manifest.js "
                                    + "and data/tweets.js (or tweet.js, tweets-partN.js)")
                        }
                        issues.append(
                            Diagnostic(
                                file: zipPath, line: 0, reason: .notAnArchive,
                                detail: "a zip without data/manifest.js or data/tweets.js; skipped"))
                        continue
                    }
                    found += 1
                    reports.append(
                        try readAccountArchive(
                            archive, into: &tweets, inputs: &inputs, issues: &issues,
                            external: &external))
                case .accountFolder(let archive):
                    found += 1
                    reports.append(
                        try readAccountArchive(
                            archive, into: &tweets, inputs: &inputs, issues: &issues,
                            external: &external))
                }
            }
            for note in walk.notes where issues.count < options.maxReportedIssues { issues.append(note) }
            if found == 0 {
                throw ArchiveError(
                    kind: .unreadable, file: path,
                    message: "no archive found: looked for a Twitter/X "
                        + "archive (a .zip, its folder, or its data/ folder with manifest.js or tweets.js) and for files in "
                        + "a supported format (twint text or JSON lines, Twitter API v2 JSON lines, tweets.js); "
                        + "\(examined) file\(examined == 1 ? "" : "s") examined, none is one")
            }
        }
        var archive = Self.merge(tweets: &tweets, external: external, inputs: inputs, issues: issues)
        archive.accountArchives = reports
        return archive
    }

    /// Reads archive bytes held in memory (tests, stdin already slurped); `name` labels diagnostics.
    public func read(bytes: [UInt8], name: String) throws(ArchiveError) -> Archive {
        var tweets: [Tweet] = []
        let sink = try TextBytes.withBytes(of: bytes) { buffer throws(ArchiveError) in
            if Self.firstFormat(buffer) == .accountExport { // elements bounded, lines not
                var parser = AccountExportParser(
                    owner: options.exportOwner ?? Handle("owner"),
                    maxElementLength: options.maxLineLength)
                return try parseExport(name: name, parser: &parser, into: &tweets) { feed throws(ArchiveError) in
                    try feed(buffer)
                    return true
                }
            }
            return try parse(name: name, sizeHint: buffer.count, into: &tweets) { body throws(ArchiveError) in
                var lineNumber = 0
                var start = 0
                var i = 0
                while i <= buffer.count {
                    if i == buffer.count || buffer[i] == 0x0A {
                        if i == buffer.count && start == i { break }
                        lineNumber += 1
                        var end = i
                        if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                        let line = buffer.slice(start..<end)
                        if line.count > options.lineLimit(nil) {
                            try body(lineNumber, nil)
                        } else if buffer.count - end >= LineReader.padding {
                            try body(lineNumber, line)
                        } else {
                            // Near the end: a copy, so that the line is followed by the padding parsers rely on.
                            let padded = Array(line) + [UInt8](repeating: 0, count: LineReader.padding)
                            try TextBytes.withBytes(of: padded) { copy throws(ArchiveError) in
                                try body(lineNumber, copy.slice(0..<line.count))
                            }
                        }
                        start = i + 1
                    }
                    i += 1
                }
                return buffer.count
            }
        }
        return Self.merge(tweets: &tweets, external: sink.external, inputs: [sink.stats], issues: sink.issues)
    }

    /// The format of the first significant line of `bytes`, if it decides one.
    private static func firstFormat(_ bytes: TextBytes) -> ArchiveFormat? {
        var start = 0
        while start < bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            switch FormatDetector.detect(bytes.slice(start..<end)) {
            case .some(.some(let format)): return format
            case .some(.none): start = end + 1
            case .none: return nil
            }
        }
        return nil
    }

    // MARK: - One input

    /// Reads one input, appending its tweets to `tweets`; the returned sink holds everything else it found.
    ///
    /// A regular file's format is decided from its first 64 KiB before it is read: an account export is then read
    /// in chunks (its lines can be megabytes long: a minified export is one line), a large line-per-record file
    /// in parts, and a file found in a folder (not `explicit`) that starts like no archive is given up at once
    /// instead of being read to its end.
    private func readOne(path: String, explicit: Bool, into tweets: inout [Tweet]) throws(ArchiveError) -> RecordSink {
        let descriptor: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
        guard descriptor >= 0 else {
            throw ArchiveError(kind: .unreadable, file: path, message: String(cString: strerror(errno)))
        }
        defer { if descriptor != 0 { close(descriptor) } }
        let name = path == "-" ? "<stdin>" : path
        var status = stat()
        let size = fstat(descriptor, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG ? Int(status.st_size) : nil
        if let size {
            switch detectFormat(descriptor: descriptor, size: size) {
            case .some(.some(.accountExport)):
                var parser = AccountExportParser(
                    owner: options.exportOwner ?? Handle("owner"),
                    maxElementLength: options.maxLineLength)
                return try parseExport(name: name, parser: &parser, into: &tweets) { feed throws(ArchiveError) in
                    try Self.forEachChunk(descriptor: descriptor, name: name) { chunk throws(ArchiveError) in
                        try feed(chunk)
                    }
                    return true
                }
            case .some(.some(let format)):
                if size >= options.parallelThreshold, options.jobs > 1, !options.strict {
                    return try readInParts(
                        descriptor: descriptor, name: name, size: size, format: format,
                        into: &tweets)
                }
            case .none where !explicit:
                throw ArchiveError(
                    kind: .unsupportedFormat, file: name, line: 1,
                    message: "not a supported archive")
            default:
                break
            }
        }
        return try parse(
            name: name, sizeHint: size, into: &tweets,
            lines: lineSource(
                LineReader(descriptor: descriptor, maxLineLength: options.lineLimit(nil)),
                name: name))
    }

    /// Calls `body` with the descriptor's bytes from its current position to its end, 1 MiB at a time.
    static func forEachChunk(
        descriptor: Int32, name: String,
        _ body: (TextBytes) throws(ArchiveError) -> Void
    ) throws(ArchiveError) {
        let buffer = InputBuffer(capacity: 1 << 20)
        while true {
            let n = buffer.fill(from: descriptor, into: 0..<buffer.capacity)
            if n < 0 {
                if errno == EINTR { continue }
                throw ArchiveError(kind: .unreadable, file: name, message: String(cString: strerror(errno)))
            }
            if n == 0 { return }
            try body(buffer.bytes(0..<n))
        }
    }

    /// Feeds a line reader's lines to a parse, with its errors as ``ArchiveError``s.
    private func lineSource(_ reader: LineReader, name: String)
        -> ((Int, TextBytes?) throws(ArchiveError) -> Void) throws(ArchiveError) -> Int
    {
        { body throws(ArchiveError) in
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

    // MARK: - One large input, in parts

    /// The format of a file from its first significant line within the first 64 KiB (or, when no line ends
    /// there, from those bytes): `.some(.some(format))`, `.some(nil)` when undecided (blank, log lines only, or an
    /// empty file), `nil` when the file starts like no supported archive.
    private func detectFormat(descriptor: Int32, size: Int) -> ArchiveFormat?? {
        let window = min(size, 64 << 10)
        guard window > 0 else { return .some(nil) }
        let head = InputBuffer(capacity: window)
        let n = head.fill(from: descriptor, into: 0..<window, fileOffset: 0)
        guard n > 0 else { return .some(nil) }
        var start = 0
        while start < n {
            let end = head.firstIndex(of: 0x0A, in: start..<n) ?? n
            var line = head.bytes(start..<end)
            if start == 0 && line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.slice(from: 3) }
            switch FormatDetector.detect(line) {
            case .some(.some(let format)): return .some(format)
            case .some(.none): start = end + 1
            case .none:
                // A JSON object cut at the window may show its telling keys later; anything else will not.
                let cut = end == n && n == window
                return cut && line.first(where: { $0 != ASCII.space && $0 != ASCII.tab }) == ASCII.leftBrace
                    ? .some(nil) : nil
            }
        }
        return .some(nil)
    }

    /// Reads a large line-per-record file as ``Options/jobs`` parts at once, each from the start of a line, and
    /// joins them in file order: tweets moved (not copied) behind one another, counts summed, line numbers in
    /// diagnostics shifted by the lines of the parts before.
    private func readInParts(
        descriptor: Int32, name: String, size: Int, format: ArchiveFormat,
        into tweets: inout [Tweet]
    ) throws(ArchiveError) -> RecordSink {
        let bounds = partBounds(descriptor: descriptor, size: size, parts: min(options.jobs, Options.maxJobs))
        let parts = bounds.count - 1
        let reader = self
        // One part per chunk; a part's result is dropped (its tweets freed) as soon as they are moved.
        var results = Parallel.map(parts, chunks: parts) { k -> Result<RecordSink, ArchiveError>? in
            var partTweets: [Tweet] = []
            var lines = LineReader(descriptor: descriptor, maxLineLength: reader.options.lineLimit(format))
            lines.byteRange = bounds[k]..<bounds[k + 1]
            do throws(ArchiveError) {
                // A byte-order mark is one only at the file's start: a part must not strip one where it begins.
                var sink = try reader.parse(
                    name: name, sizeHint: nil, format: format, atFileStart: bounds[k] == 0,
                    chunkSize: reader.options.partChunkSize, into: &partTweets,
                    lines: reader.lineSource(lines, name: name))
                sink.chunks.append(partTweets)
                return .success(sink)
            } catch {
                return .failure(error)
            }
        }

        var joined = RecordSink(file: name, strict: false, maxReportedIssues: options.maxReportedIssues)
        joined.stats.format = format
        for k in 0..<parts {
            if case .failure(let error) = results[k]! { throw error }
        }
        // The parts' sinks without their tweets, and their tweets (each chunk list the only reference to it), which
        // are moved into `tweets` on all cores.
        var sinks: [RecordSink] = []
        var chunks: [[[Tweet]]] = []
        for k in 0..<parts {
            guard case .success(var part) = results[k]! else { continue }
            results[k] = nil
            chunks.append(part.chunks)
            part.chunks = []
            sinks.append(part)
        }
        tweets.appendMoving(parts: &chunks)
        var lineOffset = 0
        for part in sinks {
            let stats = part.stats
            joined.clock.merge(part.clock)
            joined.stats.lines += stats.lines
            joined.stats.bytes += stats.bytes
            joined.stats.tweets += stats.tweets
            joined.stats.ignored += stats.ignored
            joined.stats.invalidUTF8Lines += stats.invalidUTF8Lines
            joined.stats.skipped.merge(stats.skipped, uniquingKeysWith: +)
            for var issue in part.issues where joined.issues.count < options.maxReportedIssues {
                issue.line += lineOffset
                joined.issues.append(issue)
            }
            for tweet in part.external.values { joined.reference(tweet) }
            lineOffset += stats.lines
        }
        joined.stats.clockOffsetSeconds = joined.clock.offset
        return joined
    }

    /// `parts + 1` offsets from 0 to `size`, each inner one just after a newline (empty parts dropped).
    private func partBounds(descriptor: Int32, size: Int, parts: Int) -> [Int] {
        var bounds = [0]
        let window = InputBuffer(capacity: 64 << 10)
        for k in 1..<parts {
            var position = max(size / parts * k, bounds.last!)
            var found = false
            while position < size && !found {
                let n = window.fill(from: descriptor, into: 0..<window.capacity, fileOffset: position)
                guard n > 0 else { break }
                if let newline = window.firstIndex(of: 0x0A, in: 0..<n) {
                    position += newline + 1
                    found = true
                } else {
                    position += n
                }
            }
            if found && position < size && position > bounds.last! { bounds.append(position) }
        }
        bounds.append(size)
        return bounds
    }

    /// Drives a line source through format detection and the format's parser, appending tweets to `tweets`.
    ///
    /// `sizeHint` (the input's size in bytes, when known) reserves room for the tweets once the format is known,
    /// so a large archive's array is allocated once instead of doubling (and briefly holding two copies).
    private func parse(
        name: String, sizeHint: Int?, format: ArchiveFormat? = nil, atFileStart: Bool = true, chunkSize: Int? = nil,
        into tweets: inout [Tweet],
        lines: ((Int, TextBytes?) throws(ArchiveError) -> Void) throws(ArchiveError) -> Int
    ) throws(ArchiveError) -> RecordSink {
        var sink = RecordSink(file: name, strict: options.strict, maxReportedIssues: options.maxReportedIssues)
        sink.chunkSize = chunkSize
        let first = tweets.count
        swap(&sink.tweets, &tweets)
        // The tweets live in the sink while it parses, and go back to the caller however parsing ends.
        do throws(ArchiveError) {
            // The parser each line goes to: a value, so each line's call is a switch and a static call that
            // mutates it in place. The per-line closure captures no reference-counted value (what making a parser
            // needs is in `parser`, the file's name in `sink`): one so captured was retained and released per line.
            var parser = FormatParser(
                owner: options.exportOwner ?? Handle("owner"), maxElementLength: options.maxLineLength)
            if let format { // a part of a file whose format is known (its chunks size themselves)
                sink.stats.format = format
                parser.start(format, sizeHint: nil)
            }
            var lastLine = 0
            // Lines come bounded by the larger (JSON) bound; twint text's own bound is checked here.
            let readerLimit = options.lineLimit(nil)
            let textLimit = options.lineLimit(.twintText)
            var lineLimit = format == .twintText ? textLimit : readerLimit
            let bytes = try lines { number, line throws(ArchiveError) in
                sink.stats.lines = number
                lastLine = number
                guard var line, line.count <= lineLimit else {
                    try sink.skip(
                        line: number, reason: .lineTooLong,
                        detail: "longer than \(line == nil ? readerLimit : lineLimit) bytes")
                    return
                }
                if number == 1 && atFileStart && line.starts(with: [0xEF, 0xBB, 0xBF]) { // a UTF-8 byte-order mark
                    line = line.slice(from: 3)
                }
                if parser.format == nil {
                    switch FormatDetector.detect(line) {
                    case .some(.some(let format)):
                        sink.stats.format = format
                        parser.start(format, sizeHint: sizeHint)
                        lineLimit = format == .twintText ? textLimit : readerLimit
                        if line.count > lineLimit {
                            try sink.skip(line: number, reason: .lineTooLong, detail: "longer than \(lineLimit) bytes")
                            return
                        }
                        if let sizeHint {
                            // At least doubling: many small inputs must not reallocate (and move) for each one.
                            let wanted = first + sizeHint / Self.minimumBytesPerTweet(format)
                            if wanted > sink.tweets.capacity {
                                sink.tweets.reserveCapacityInHugePages(max(wanted, 2 * sink.tweets.capacity))
                            }
                        }
                    case .some(.none):
                        sink.ignore() // blank or log line before the first record
                        return
                    case .none:
                        throw ArchiveError(
                            kind: .unsupportedFormat, file: sink.file, line: number,
                            message: "not a supported archive (twint text or JSON lines, Twitter API v2 "
                                + "JSON lines, or an account export tweets.js): \(line.excerpt())")
                    }
                }
                try parser.consume(line, line: number, into: &sink)
            }
            try parser.finish(line: lastLine, into: &sink)
            sink.stats.bytes = bytes
            if parser.format == nil && sink.stats.lines > 0 && sink.stats.ignored == sink.stats.lines {
                // Only blank or log lines: an empty archive, not an error.
                sink.stats.format = nil
            }
            // A part (chunked) holds only some of the file's tweets: the join computes the offset over all.
            if chunkSize == nil { sink.stats.clockOffsetSeconds = sink.clock.offset }
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

    // MARK: - Merging

    /// Sorts and de-duplicates the tweets of all inputs (in reading order, each input's tweets together) in
    /// place and counts each input's duplicates: the first-read copy of an id is kept.
    static func merge(
        tweets: inout [Tweet], external: [TweetID: ExternalTweet], inputs: [InputStats],
        issues: [Diagnostic]
    ) -> Archive {
        var inputs = inputs
        let duplicates = Archive.sortRemovingDuplicates(&tweets, inputCounts: inputs.map(\.tweets))
        for k in inputs.indices { inputs[k].duplicates += duplicates[k] }
        return Archive(sortedUniqueTweets: tweets, externalTweets: external, inputs: inputs, issues: issues)
    }
}
