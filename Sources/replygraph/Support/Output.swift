import Foundation
import GraphExport
import ReplyGraph

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command's result goes: standard output (no path, or `-`), or a file written by ``AtomicFile`` (temp file
/// + rename for regular files; devices and FIFOs written in place).
struct Output {
    var path: String?
    /// The archives the command read: a path naming one of them (or a file inside a directory of them) is refused,
    /// so `-o` can never overwrite an input.
    var inputs: [String] = []

    /// Writes a report as it is (JSON, CSV).
    func write(_ text: String) throws {
        try write(Data(text.utf8))
    }

    /// Writes a text report for people: control characters, ESC sequences and bidi controls that tweets or handles
    /// bring are made visible (``Escaping/terminal(_:keepingNewlines:)``); the report's own line breaks stay.
    func writeText(_ text: String) throws {
        try write(Escaping.terminal(text, keepingNewlines: true))
    }

    func write(_ data: Data) throws {
        try write { $0.write(data) }
    }

    /// Writes a report as `contents` makes it, through a bounded buffer: to standard output, or to the file by
    /// ``AtomicFile/write(to:_:)`` (a temporary file renamed into place once complete). A large report is then
    /// never held whole in memory.
    func write(_ contents: (inout FileSink) throws -> Void) throws {
        guard let path, path != "-" else {
            var sink = FileSink.descriptor(STDOUT_FILENO, name: "standard output")
            try contents(&sink)
            do { try sink.finish() } catch let error as FileWriteError {
                throw CommandFailure(.ioError, "cannot write to standard output: \(error.reason)")
            }
            return
        }
        try Self.refuseOverwriting(inputs: inputs, with: path)
        do {
            try AtomicFile.write(to: URL(fileURLWithPath: path), contents)
        } catch {
            throw CommandFailure(writing: path, error)
        }
    }

    /// Throws a usage error (64) when `path` is one of `inputs` (same device and inode, so links and other spellings
    /// of the path count) or an existing file inside an input directory.
    static func refuseOverwriting(inputs: [String], with path: String) throws {
        var target = stat()
        guard stat(path, &target) == 0 else { return }
        for input in inputs where input != "-" {
            var source = stat()
            guard stat(input, &source) == 0 else { continue }
            let same = source.st_dev == target.st_dev && source.st_ino == target.st_ino
            let inside = source.st_mode & S_IFMT == S_IFDIR && isInside(path, directory: input)
            if same || inside {
                throw CommandFailure(
                    .usage,
                    "refusing to write \(path): it is \(same ? "" : "inside ")the input "
                        + "\(input); choose another output path")
            }
        }
    }

    private static func isInside(_ path: String, directory: String) -> Bool {
        guard let file = realpath(path, nil) else { return false }
        defer { free(file) }
        guard let folder = realpath(directory, nil) else { return false }
        defer { free(folder) }
        let prefix = String(cString: folder)
        return String(cString: file).hasPrefix(prefix.hasSuffix("/") ? prefix : prefix + "/")
    }
}

/// Standard output and standard error as file descriptors: `write(2)` in a loop, with failures reported (stdout) or
/// dropped (stderr) instead of trapping as `FileHandle.write(_:)` does on a full disk or `/dev/full`.
enum StandardOutput {
    /// - Throws: ``CommandFailure`` `ioError` (74) naming the reason, e.g. "No space left on device".
    static func write(_ data: Data) throws {
        let code = writeAll(data, to: STDOUT_FILENO)
        guard code == 0 else {
            throw CommandFailure(.ioError, "cannot write to standard output: \(String(cString: strerror(code)))")
        }
    }

    /// Writes to standard error; a failure there has nowhere to be reported and is ignored.
    static func writeError(_ data: Data) {
        _ = writeAll(data, to: STDERR_FILENO)
    }

    /// - Returns: 0, or the `errno` of the failed `write`.
    private static func writeAll(_ data: Data, to fd: Int32) -> Int32 {
        FileSink.writeAll(data, to: fd)
    }
}

enum JSON {
    /// Deterministic, readable JSON with a final newline: the reports' settings (``ReportJSON``).
    static func encode(_ value: some Encodable) throws -> String {
        try ReportJSON.encode(value, with: ReportJSON.encoder())
    }
}

/// RFC 4180 CSV rows, with GraphExport's field escaping; a text cell that a spreadsheet would run as a formula
/// gets a leading `'` (``Escaping/spreadsheetText(_:)``), numbers are written as they are.
enum CSV {
    static func row(_ fields: [String]) -> String {
        fields.map { Escaping.csvField(Double($0) == nil ? Escaping.spreadsheetText($0) : $0) }
            .joined(separator: ",") + "\n"
    }
}
