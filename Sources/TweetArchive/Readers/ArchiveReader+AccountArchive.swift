import Foundation

extension ArchiveReader {
    /// Reads a Twitter/X archive (zip or folder) as one input: its manifest (or file names) says which files hold
    /// tweets; long posts replace their truncated tweets; other kinds of tweets are read when asked for and
    /// counted either way; everything else is listed as skipped and never opened.
    func readAccountArchive(
        _ archive: AccountArchive, into tweets: inout [Tweet], inputs: inout [InputStats],
        issues: inout [Diagnostic], external: inout [TweetID: ExternalTweet]
    )
        throws(ArchiveError) -> AccountArchiveReport
    {
        let limit: Int
        switch archive.container {
        case .zip(let zip, _): limit = options.archiveEntryLimit ?? max(10 * zip.fileSize, 1 << 30)
        case .folder: limit = Int.max
        }
        var report = AccountArchiveReport(path: archive.path, hasManifest: false)
        func warn(_ file: String, _ reason: Diagnostic.Reason, _ detail: String) {
            report.warnings.append(Diagnostic(file: file, line: 0, reason: reason, detail: detail))
        }
        for name in archive.unsafeNames {
            warn("\(archive.path)!\(name)", .unsafeName, "the entry's path leaves the archive; not read")
        }

        // Which files to read: the manifest's word, else their names.
        var chosen: AccountArchivePlan?
        if archive.names.contains("manifest.js") {
            switch readWhole(archive, "manifest.js", limit: min(limit, 16 << 20)) {
            case .success(let bytes):
                switch AccountArchivePlan.fromManifest(bytes, names: archive.names) {
                case .success(let manifestPlan):
                    chosen = manifestPlan
                    report.hasManifest = true
                case .failure(let failure):
                    warn(archive.displayName("manifest.js"), failure.reason, failure.detail + "; files found by name")
                }
            case .failure(let failure):
                warn(archive.displayName("manifest.js"), failure.reason, failure.detail + "; files found by name")
            }
        }
        if chosen == nil {
            chosen = AccountArchivePlan.fromNames(archive.names)
            if archive.names.contains("account.js"),
                case .success(let bytes) = readWhole(archive, "account.js", limit: 1 << 20)
            {
                // Only the handle, display name and id are kept; the e-mail address beside them is not.
                let account = Self.accountFields(bytes)
                chosen!.owner = account.owner
                chosen!.displayName = account.displayName
                chosen!.accountID = account.id
            }
        }
        let plan = chosen!
        for warning in plan.warnings { warn(archive.displayName(warning.file), warning.reason, warning.detail) }
        report.owner = plan.owner.flatMap { $0.isEmpty ? nil : Handle($0) }
        report.displayName = plan.displayName
        report.accountID = plan.accountID
        report.skippedKinds = plan.skippedKinds
        report.otherTweetsIncluded = options.otherTweetKinds
        let owner = options.exportOwner ?? report.owner ?? Handle("owner")

        // Long posts first, so that each tweet part can take its full text.
        var longPosts = LongPostIndex()
        for file in plan.files where file.content == .longPosts {
            var parser = AccountExportParser(owner: owner, maxElementLength: options.maxLineLength)
            parser.content = .longPosts
            parser.longPosts = longPosts
            var scratch: [Tweet] = []
            let (sink, failure) = try parseExport(archive, file.name, limit: limit, parser: &parser, into: &scratch)
            if let failure { warn(archive.displayName(file.name), failure.reason, failure.detail) }
            for issue in sink.issues where issues.count < options.maxReportedIssues { issues.append(issue) }
            var stats = sink.stats
            stats.format = nil // not tweets: listed for its skipped records only
            if stats.skippedTotal > 0 { inputs.append(stats) }
            for post in parser.collected.posts {
                longPosts.add(id: post.id, createdAt: post.createdAt, text: post.text)
            }
        }
        report.longPosts = longPosts.count

        for file in plan.files where file.content != .longPosts {
            var parser = AccountExportParser(
                owner: owner, maxElementLength: options.maxLineLength,
                longPosts: file.content == .tweets && longPosts.count > 0 ? longPosts : nil)
            var included = true
            if case .other(let kind) = file.content { included = options.otherTweetKinds.contains(kind) }
            var scratch: [Tweet] = []
            let (sink, failure): (RecordSink, ZipFile.Failure?)
            if included {
                (sink, failure) = try parseExport(archive, file.name, limit: limit, parser: &parser, into: &tweets)
            } else {
                (sink, failure) = try parseExport(archive, file.name, limit: limit, parser: &parser, into: &scratch)
            }
            let name = archive.displayName(file.name)
            if let failure {
                // A damaged file is malformed input: fatal under `strict`, a warning otherwise.
                if options.strict {
                    throw ArchiveError(kind: .malformed, file: name, message: "\(failure.reason): \(failure.detail)")
                }
                warn(name, failure.reason, failure.detail)
            }
            if let expected = file.expected, failure == nil, sink.stats.tweets != expected {
                let skipped = sink.stats.skippedTotal
                warn(
                    name, .manifestCount,
                    "the manifest says \(expected) records, \(sink.stats.tweets) were read"
                        + (skipped > 0 ? " (\(skipped) skipped as malformed)" : ""))
            }
            switch file.content {
            case .tweets:
                report.tweetFiles.append("data/\(file.name)")
                if let joined = parser.longPosts { longPosts = joined }
            case .other(let kind):
                report.otherTweets[kind, default: 0] += sink.stats.tweets
            case .longPosts:
                break
            }
            if included {
                inputs.append(sink.stats)
                external.merge(sink.external) { old, new in old.author == nil ? new : old }
                for issue in sink.issues where issues.count < options.maxReportedIssues { issues.append(issue) }
            }
        }
        report.longPostsJoined = longPosts.joined
        return report
    }

    /// Reads one export file of the archive through `parser`: the sink, and the failure that ended the read early
    /// (a corrupt or missing entry), if any; what was read before it is kept.
    private func parseExport(
        _ archive: AccountArchive, _ name: String, limit: Int, parser: inout AccountExportParser,
        into tweets: inout [Tweet]
    ) throws(ArchiveError) -> (RecordSink, ZipFile.Failure?) {
        var failure: ZipFile.Failure?
        let sink = try parseExport(name: archive.displayName(name), parser: &parser, into: &tweets) {
            feed throws(ArchiveError) in
            do throws(AccountArchive.EntryFailure) {
                try archive.read(name, limit: limit) { chunk throws(ArchiveError) in try feed(chunk) }
            } catch {
                switch error {
                case .failure(let reason): failure = reason
                case .archive(let error): throw error
                }
            }
            return failure == nil
        }
        return (sink, failure)
    }

    /// Drives an account export's bytes, in chunks of any size, through `parser`, appending tweets to `tweets`.
    /// `chunks` calls its argument with each chunk and returns whether the input ended normally (the parser's
    /// end-of-file checks run only then).
    func parseExport(
        name: String, parser: inout AccountExportParser, into tweets: inout [Tweet],
        chunks: ((TextBytes) throws(ArchiveError) -> Void) throws(ArchiveError) -> Bool
    ) throws(ArchiveError) -> RecordSink {
        var sink = RecordSink(file: name, strict: options.strict, maxReportedIssues: options.maxReportedIssues)
        sink.stats.format = .accountExport
        swap(&sink.tweets, &tweets)
        do throws(ArchiveError) {
            var bytes = 0
            let complete = try chunks { chunk throws(ArchiveError) in
                bytes += chunk.count
                try parser.feed(chunk, into: &sink)
            }
            if complete { try parser.finish(line: 0, into: &sink) }
            sink.stats.lines = parser.lines
            sink.stats.bytes = bytes
            sink.stats.clockOffsetSeconds = sink.clock.offset
        } catch {
            swap(&sink.tweets, &tweets)
            throw error
        }
        swap(&sink.tweets, &tweets)
        return sink
    }

    /// A small file of the archive, whole.
    private func readWhole(_ archive: AccountArchive, _ name: String, limit: Int) -> Result<[UInt8], ZipFile.Failure> {
        var bytes: [UInt8] = []
        do throws(AccountArchive.EntryFailure) {
            try archive.read(name, limit: limit) { chunk in bytes.append(contentsOf: chunk) }
        } catch {
            switch error {
            case .failure(let failure): return .failure(failure)
            case .archive(let error): return .failure(.init(reason: .unreadable, detail: error.message))
            }
        }
        return .success(bytes)
    }

    /// The handle, display name and id in `account.js` (`[{"account": {"username", ...}}]`), nothing else.
    static func accountFields(_ bytes: [UInt8]) -> (owner: String?, displayName: String?, id: String?) {
        guard let open = bytes.firstIndex(of: ASCII.leftBracket) else { return (nil, nil, nil) }
        var end = bytes.count
        while end > open, bytes[end - 1] != ASCII.rightBracket { end -= 1 }
        guard end > open else { return (nil, nil, nil) }
        let parsed = TextBytes.withBytes(of: bytes[open..<end]) { body -> JSONValue? in
            var parser = JSONParser(body)
            return try? parser.parseDocument()
        }
        guard let first = parsed?.array?.first else { return (nil, nil, nil) }
        let account = first["account"] ?? first
        return (account["username"]?.string, account["accountDisplayName"]?.string, account["accountId"]?.string)
    }
}
