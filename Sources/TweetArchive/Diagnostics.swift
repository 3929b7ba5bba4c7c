/// Where a problem in an input was found: `file:line: reason`.
///
///     // a twint line whose date cannot be read, at line 3 of archive.txt
///     issue.description   // "archive.txt:3: bad-date: 1625536625030885377 2023-02-31 …"
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    /// The input's name as given (a path, `<stdin>`, or `archive.zip!data/tweets.js` inside an account archive).
    public var file: String
    /// 1-based line number (for `tweets.js`, the line where the offending element starts); 0 for a problem with
    /// the file as a whole, printed `file: reason`.
    public var line: Int
    /// What went wrong.
    public var reason: Reason
    /// Human-readable detail, or the start of the offending line.
    public var detail: String

    package init(file: String, line: Int, reason: Reason, detail: String = "") {
        self.file = file
        self.line = line
        self.reason = reason
        self.detail = detail
    }

    /// `file:line: reason: detail`, without the line when it is 0 and without the detail when it is empty.
    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return detail.isEmpty ? "\(place): \(reason)" : "\(place): \(reason): \(detail)"
    }
}

extension Diagnostic {
    /// Why a line or file was skipped or warned about.
    ///
    /// The raw value is the stable text form that every report prints (`bad-date`, `line-too-long`, ...); reasons
    /// sort by it.
    ///
    ///     Diagnostic.Reason.badDate.rawValue   // "bad-date"
    public enum Reason: String, CaseIterable, Hashable, Comparable, Sendable, CustomStringConvertible {
        // Lines and records.
        case badDate = "bad-date"
        case badID = "bad-id"
        case badJSON = "bad-json"
        case badTime = "bad-time"
        case badUTCOffset = "bad-utc-offset"
        case elementTooLong = "element-too-long"
        case lineTooLong = "line-too-long"
        case missingAuthor = "missing-author"
        case missingID = "missing-id"
        case missingText = "missing-text"
        case missingUsername = "missing-username"
        case notAnObject = "not-an-object"
        case truncated
        case unbalanced
        case unclosedUsername = "unclosed-username"
        case unexpectedText = "unexpected-text"
        case unsupportedFormat = "unsupported-format"
        // Files, folders and account archives.
        case badManifest = "bad-manifest"
        case corruptZip = "corrupt-zip"
        case encrypted
        case manifestCount = "manifest-count"
        case missingFile = "missing-file"
        case notARegularFile = "not-a-regular-file"
        case notAnArchive = "not-an-archive"
        case symlinkLoop = "symlink-loop"
        case tooDeep = "too-deep"
        case tooLarge = "too-large"
        case truncatedZip = "truncated-zip"
        case unreadable
        case unreadableZip = "unreadable-zip"
        case unsafeName = "unsafe-name"
        case unsupportedCompression = "unsupported-compression"

        /// The stable text form, `rawValue`.
        public var description: String { rawValue }

        /// Orders reasons by their text form, the order reports list them in.
        public static func < (lhs: Reason, rhs: Reason) -> Bool { lhs.rawValue < rhs.rawValue }
    }
}

/// An error that stops reading an archive.
///
/// ``Kind`` is the exhaustive list of the ways reading can fail, and stays small: a new cause of failure is
/// reported as one of these three kinds, with its own ``message``. Switch on ``kind`` where the distinction
/// matters (the CLI maps it to an exit code), and print the error for everything else.
///
///     do { _ = try ArchiveReader().read(paths: ["missing.txt"]) }
///     catch { print(error.kind, error) }   // unreadable missing.txt: no such file or directory
public struct ArchiveError: Error, Hashable, Sendable, CustomStringConvertible {
    /// How reading failed; the three cases are the complete list.
    public enum Kind: Hashable, Sendable {
        /// The input does not exist or cannot be read (exit code 66).
        case unreadable
        /// The input is not in any supported format (exit code 65).
        case unsupportedFormat
        /// A malformed line while reading with `strict` (exit code 65).
        case malformed
    }

    /// How reading failed.
    public var kind: Kind
    /// The input that failed.
    public var file: String
    /// The line of `file` that failed, when one did.
    public var line: Int?
    /// What went wrong, for people.
    public var message: String

    package init(kind: Kind, file: String, line: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or `file: message` when no line failed.
    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
