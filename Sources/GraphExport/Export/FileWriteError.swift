import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why an export could not write a file: the path that failed, the step, and the system's reason.
///
///     do {
///         try export.write(.graphml, to: URL(fileURLWithPath: "/proc/x.graphml"))
///     } catch let error as FileWriteError {
///         print(error)   // "creating a file in /proc: No such file or directory"
///     }
///
/// `localizedDescription` is the reason alone, plus the step and path when the path is not the destination itself
/// (a folder), so a caller can say `"cannot write \(destination): \(error.localizedDescription)"`.
public struct FileWriteError: Error, Hashable, Sendable, CustomStringConvertible, LocalizedError {
    /// The step that failed; the raw value is the step in words.
    public enum Step: String, Hashable, Sendable, CustomStringConvertible {
        /// Making a missing parent folder (`mkdir`).
        case createFolder = "creating folder"
        /// Creating or opening the file (`open`).
        case create = "creating a file in"
        /// Writing and flushing the bytes (`write`, `fsync`, `close`).
        case write = "writing"
        /// Moving the finished file into place (`rename`).
        case replace = "moving the new file into"
        /// A destination this writer will not write to (a directory).
        case refuse = "refusing to write"

        /// The step in words, e.g. `creating a file in`.
        public var description: String { rawValue }
    }

    /// The file the caller asked for.
    public let destination: String
    /// The path the failing call was made on: the destination, a folder that could not be made, or the folder
    /// the temporary file goes into.
    public let path: String
    /// The step that failed.
    public let step: Step
    /// `errno` of the failing call.
    public let code: Int32

    init(destination: String, path: String, step: Step, code: Int32) {
        self.destination = destination
        self.path = path
        self.step = step
        self.code = code
    }

    /// The system's text for ``code`` (`strerror`), e.g. `Permission denied`.
    public var reason: String { String(cString: strerror(code)) }

    /// Whether the file could not be created at all (permissions, a read-only file system, a missing or
    /// non-folder parent), as opposed to an I/O failure while writing (a full disk, an I/O error).
    package var isCreationFailure: Bool {
        step == .createFolder || step == .create || step == .refuse
    }

    /// The reason, with the step and path when they are not the destination, and a hint for permission errors.
    public var errorDescription: String? {
        let base = path == destination ? reason : "\(reason) (\(step) \(path))"
        return code == EROFS || code == EACCES || code == EPERM ? base + "; is the folder writable?" : base
    }

    /// The step, the path and the reason: `creating a file in /proc: No such file or directory`.
    public var description: String { "\(step) \(path): \(reason)" }
}
