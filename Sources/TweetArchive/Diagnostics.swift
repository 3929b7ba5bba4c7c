/// Where a problem in an input was found: `file:line: reason`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based line number (for `tweets.js`, the line where the offending element starts); 0 for a problem with
    /// the file as a whole, printed `file: reason`.
    public var line: Int
    /// A short machine-readable reason (`bad-date`, `missing-username`, `line-too-long`, ...).
    public var reason: String
    /// Human-readable detail, or the start of the offending line.
    public var detail: String

    public init(file: String, line: Int, reason: String, detail: String = "") {
        self.file = file
        self.line = line
        self.reason = reason
        self.detail = detail
    }

    public var description: String {
        let place = line > 0 ? "\(file):\(line)" : file
        return detail.isEmpty ? "\(place): \(reason)" : "\(place): \(reason): \(detail)"
    }
}

/// An error that stops reading an archive.
///
/// Cases can grow without breaking callers: switch on ``kind`` where the distinction matters (the CLI maps it to
/// an exit code), and print the error for everything else.
public struct ArchiveError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        /// The input does not exist or cannot be read (exit code 66).
        case unreadable
        /// The input is not in any supported format (exit code 65).
        case unsupportedFormat
        /// A malformed line while reading with `strict` (exit code 65).
        case malformed
    }

    public var kind: Kind
    public var file: String
    public var line: Int?
    public var message: String

    public init(kind: Kind, file: String, line: Int? = nil, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(file):\(line): \(message)" }
        return "\(file): \(message)"
    }
}
