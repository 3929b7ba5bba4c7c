import Foundation

/// A Twitter/X archive as users receive it: the `.zip`, the folder it unpacks to (`Your archive.html`, `assets/`,
/// `data/`), or that `data/` folder. Its files are named relative to `data/` (`tweets.js`, `manifest.js`) and read
/// as chunks of bytes, from the folder or inflated from the zip, never extracted.
struct AccountArchive {
    enum Container {
        /// The `data/` folder.
        case folder(String)
        /// The zip and the prefix of its `data/` entries (`data/`, or `twitter-…/data/` when zipped again).
        case zip(ZipFile, prefix: String)
    }

    /// The archive as given, for messages.
    let path: String
    let container: Container
    /// The files in `data/` (not in its subfolders), by name.
    let names: Set<String>
    /// Zip entries whose names would leave the archive (`../`, absolute): never read, reported.
    let unsafeNames: [String]

    /// The archive at `path` when it is one: a zip (any zip is taken for one), or a folder holding
    /// `data/manifest.js` or `data/tweets.js`, or itself holding `manifest.js`, or `tweets.js` beside `account.js`.
    static func open(_ path: String, isDirectory: Bool) throws(ArchiveError) -> AccountArchive? {
        if !isDirectory {
            let zip: ZipFile
            do { zip = try ZipFile(path: path) } catch {
                throw ArchiveError(
                    kind: error.reason == .unreadable ? .unreadable : .unsupportedFormat, file: path,
                    message: "\(error.reason): \(error.detail)")
            }
            // The shortest path to a data/ folder with a manifest or tweets in it.
            var prefix: String?
            for entry in zip.entries where !entry.isUnsafe {
                for marker in ["data/manifest.js", "data/tweets.js", "data/tweet.js"] where entry.name.hasSuffix(marker)
                {
                    let candidate = String(entry.name.dropLast(marker.count - "data/".count))
                    let atBoundary = candidate == "data/" || candidate.hasSuffix("/data/")
                    if atBoundary && (prefix == nil || candidate.count < prefix!.count) { prefix = candidate }
                }
            }
            let dataPrefix = prefix ?? "data/"
            var names = Set<String>()
            for entry in zip.entries where !entry.isUnsafe && entry.name.hasPrefix(dataPrefix) {
                let rest = entry.name.dropFirst(dataPrefix.count)
                if !rest.isEmpty && !rest.contains("/") { names.insert(String(rest)) }
            }
            return AccountArchive(
                path: path, container: .zip(zip, prefix: dataPrefix), names: names,
                unsafeNames: zip.entries.filter(\.isUnsafe).map(\.name))
        }
        let root = (path as NSString).appendingPathComponent("data")
        for data in [root, path] {
            let names = Set(Self.regularFiles(in: data))
            let isData =
                data == root
                ? names.contains("manifest.js") || names.contains("tweets.js") || names.contains("tweet.js")
                : names.contains("manifest.js")
                    || (names.contains("tweets.js") || names.contains("tweet.js"))
                        && names.contains("account.js")
            if isData { return AccountArchive(path: path, container: .folder(data), names: names, unsafeNames: []) }
        }
        return nil
    }

    /// The names of the regular files in `directory` (symbolic links followed), not hidden.
    private static func regularFiles(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { name in
            guard !name.hasPrefix(".") else { return false }
            var status = stat()
            return stat((directory as NSString).appendingPathComponent(name), &status) == 0
                && (status.st_mode & S_IFMT) == S_IFREG
        }
    }

    /// How a file of the archive is named in messages: `folder/data/tweets.js` or `archive.zip!data/tweets.js`.
    func displayName(_ name: String) -> String {
        switch container {
        case .folder(let data): return (data as NSString).appendingPathComponent(name)
        case .zip(_, let prefix): return "\(path)!\(prefix)\(name)"
        }
    }

    /// Calls `body` with the bytes of `data/<name>` in order, in chunks; at most `limit` bytes (inflated).
    func read(
        _ name: String, limit: Int,
        _ body: (TextBytes) throws(ArchiveError) -> Void
    ) throws(EntryFailure) {
        switch container {
        case .zip(let zip, let prefix):
            guard let entry = zip.entries.first(where: { $0.name == prefix + name }) else {
                throw .failure(ZipFile.Failure(reason: .missingFile, detail: "not in the archive"))
            }
            do { try zip.read(entry, limit: limit, body) } catch {
                switch error {
                case .left(let failure): throw .failure(failure)
                case .right(let error): throw .archive(error)
                }
            }
        case .folder(let data):
            let file = (data as NSString).appendingPathComponent(name)
            // Non-blocking: a FIFO put in the archive's place must not hang the read.
            let descriptor = Foundation.open(file, O_RDONLY | O_NONBLOCK)
            guard descriptor >= 0 else {
                throw .failure(
                    ZipFile.Failure(
                        reason: errno == ENOENT ? .missingFile : .unreadable,
                        detail: errno == ENOENT
                            ? "not in the archive"
                            : String(cString: strerror(errno))))
            }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
                throw .failure(ZipFile.Failure(reason: .unreadable, detail: "not a regular file"))
            }
            guard Int(status.st_size) <= limit else {
                throw .failure(
                    ZipFile.Failure(
                        reason: .tooLarge,
                        detail: "\(status.st_size) bytes, more than the "
                            + "\(limit) allowed"))
            }
            let buffer = InputBuffer(capacity: 1 << 20)
            var total = 0
            while true {
                let n = buffer.fill(from: descriptor, into: 0..<buffer.capacity)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw .failure(ZipFile.Failure(reason: .unreadable, detail: String(cString: strerror(errno))))
                }
                if n == 0 { break }
                total += n
                guard total <= limit else {
                    throw .failure(ZipFile.Failure(reason: .tooLarge, detail: "grew past \(limit) bytes while read"))
                }
                do { try body(buffer.bytes(0..<n)) } catch { throw .archive(error) }
            }
        }
    }

    /// Why a file of the archive could not be read: the container's failure, or the parser's error (`strict`).
    enum EntryFailure: Error {
        case failure(ZipFile.Failure)
        case archive(ArchiveError)
    }
}

/// Which files of an account archive hold what, from its manifest or, without one, from their names.
struct AccountArchivePlan {
    enum Content: Hashable {
        case tweets
        case longPosts
        case other(OtherTweetKind)
    }

    struct File {
        /// The name in `data/`.
        var name: String
        var content: Content
        /// The manifest's count of records, when it states one.
        var expected: Int?
    }

    var files: [File] = []
    var skippedKinds: [String] = []
    var owner: String?
    var displayName: String?
    var accountID: String?
    var warnings: [(file: String, reason: Diagnostic.Reason, detail: String)] = []

    /// The kind of content a manifest's data type holds, `nil` for kinds not read.
    static func content(ofManifestKind kind: String) -> Content? {
        switch kind {
        case "tweets", "tweet": return .tweets
        case "noteTweet": return .longPosts
        case "deletedTweets", "deletedTweet": return .other(.deleted)
        case "communityTweet": return .other(.community)
        case "twitterCircleTweet": return .other(.circle)
        default: return nil
        }
    }

    /// The kind of content a file holds by its name (`tweets-part2.js` → tweets), and its kind's name.
    static func content(ofFileName name: String) -> (content: Content?, kind: String)? {
        guard name.hasSuffix(".js") else { return nil }
        var base = Substring(name.dropLast(3))
        if let dash = base.range(of: "-part", options: .backwards),
            !base[dash.upperBound...].isEmpty, base[dash.upperBound...].allSatisfy(\.isASCII),
            base[dash.upperBound...].allSatisfy(\.isNumber)
        {
            base = base[..<dash.lowerBound]
        }
        switch base {
        case "tweets", "tweet": return (.tweets, String(base))
        case "note-tweet": return (.longPosts, String(base))
        case "deleted-tweets", "deleted-tweet": return (.other(.deleted), String(base))
        case "community-tweet": return (.other(.community), String(base))
        case "twitter-circle-tweet": return (.other(.circle), String(base))
        default: return (nil, String(base))
        }
    }

    /// The plan from `manifest.js`'s bytes (`window.__THAR_CONFIG = {...}`), or `nil` with a reason.
    static func fromManifest(_ bytes: [UInt8], names: Set<String>) -> Result<AccountArchivePlan, ZipFile.Failure> {
        guard let open = bytes.firstIndex(of: ASCII.leftBrace) else {
            return .failure(.init(reason: .badManifest, detail: "no object in manifest.js"))
        }
        var end = bytes.count
        while end > open, [ASCII.space, ASCII.semicolon, 0x0A, 0x0D, ASCII.tab].contains(bytes[end - 1]) { end -= 1 }
        let parsed = TextBytes.withBytes(of: bytes[open..<end]) { body -> Result<JSONValue, JSONParser.SyntaxError> in
            var parser = JSONParser(body)
            return Result { () throws(JSONParser.SyntaxError) in try parser.parseDocument() }
        }
        guard case .success(let config) = parsed, config.object != nil else {
            return .failure(.init(reason: .badManifest, detail: "manifest.js is not valid JSON"))
        }
        var plan = AccountArchivePlan()
        plan.owner = config["userInfo"]?["userName"]?.string
        plan.displayName = config["userInfo"]?["displayName"]?.string
        plan.accountID = config["userInfo"]?["accountId"]?.string
        guard let types = config["dataTypes"]?.object else {
            return .failure(.init(reason: .badManifest, detail: "manifest.js lists no dataTypes"))
        }
        for (kind, value) in types.members {
            let files = value["files"]?.array ?? []
            guard let content = content(ofManifestKind: kind) else {
                if !files.isEmpty { plan.skippedKinds.append(kind) }
                continue
            }
            for file in files {
                guard let fileName = file["fileName"]?.string else { continue }
                let count = file["count"].flatMap { $0.string.flatMap { Int($0) } ?? $0.int }
                // Only files directly in data/: a name with `..` or another folder is not followed.
                guard fileName.hasPrefix("data/"), case let name = String(fileName.dropFirst(5)), !name.isEmpty,
                    !name.contains("/"), !name.contains("\\"), name != "..", name != "."
                else {
                    plan.warnings.append(
                        (
                            "manifest.js", .unsafeName,
                            "names \(fileName), outside data/; not read"
                        ))
                    continue
                }
                guard names.contains(name) else {
                    plan.warnings.append(
                        (
                            "manifest.js", .missingFile,
                            "names data/\(name) (\(count.map { "\($0) records" } ?? kind)), which "
                                + "the archive lacks"
                        ))
                    continue
                }
                plan.files.append(File(name: name, content: content, expected: count))
            }
        }
        plan.skippedKinds.sort()
        return .success(plan)
    }

    /// The plan from the file names alone.
    static func fromNames(_ names: Set<String>) -> AccountArchivePlan {
        var plan = AccountArchivePlan()
        var skipped = Set<String>()
        for name in names.sorted(by: Self.partOrder) {
            guard let (content, kind) = content(ofFileName: name) else { continue }
            if let content {
                plan.files.append(File(name: name, content: content))
            } else if kind != "manifest" && kind != "account" {
                skipped.insert(kind)
            }
        }
        plan.skippedKinds = skipped.sorted()
        return plan
    }

    /// `tweets.js` before `tweets-part1.js` before `tweets-part2.js` ... before `tweets-part10.js`.
    static func partOrder(_ a: String, _ b: String) -> Bool {
        func key(_ file: String) -> (String, Int) {
            let name = file.hasSuffix(".js") ? String(file.dropLast(3)) : file
            guard let dash = name.range(of: "-part", options: .backwards) else { return (name, -1) }
            let number = Int(name[dash.upperBound...].prefix { $0.isNumber }) ?? -1
            return (String(name[..<dash.lowerBound]), number)
        }
        let (x, y) = (key(a), key(b))
        return x.0 != y.0 ? x.0 < y.0 : x.1 < y.1
    }
}
