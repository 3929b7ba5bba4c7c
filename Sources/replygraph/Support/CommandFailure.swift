import ArgumentParser
import Foundation
import GraphExport
import ReplyGraph

/// An error that ends a command with a message on stderr and an exit code a script can trust.
struct CommandFailure: Error, CustomStringConvertible {
    /// `sysexits.h` codes.
    enum Code: Int32 {
        case usage = 64
        case dataError = 65
        case noInput = 66
        case software = 70
        case cantCreate = 73
        case ioError = 74
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// A failed write of `path`: 73 when the file could not be created (a read-only or missing folder, no
    /// permission), 74 when writing it failed (a full disk, an I/O error). The message names the path and reason.
    init(writing path: String, _ error: any Error) {
        if let error = error as? CommandFailure {
            self = error
        } else if let error = error as? FileWriteError {
            self.init(
                error.isCreationFailure ? .cantCreate : .ioError,
                "cannot write \(path): \(error.localizedDescription)")
        } else {
            self.init(.ioError, "cannot write \(path): \(error.localizedDescription)")
        }
    }

    init(_ error: any Error) {
        switch error {
        case let error as CommandFailure:
            self = error
        case let error as ArchiveError:
            switch error.kind {
            case .unreadable: self.init(.noInput, error.description)
            case .unsupportedFormat, .malformed: self.init(.dataError, error.description)
            }
        default:
            self.init(.software, "\(error)")
        }
    }

    var description: String { message }
}

extension ParsableCommand {
    /// Runs `body`, turning failures into a message on stderr and the matching exit code.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as ExitCode {
            throw error
        } catch let error as CleanExit {
            throw error
        } catch let error as ValidationError {
            throw error
        } catch {
            let failure = CommandFailure(error)
            StandardError.print("replygraph: \(failure.message)")
            throw ExitCode(failure.code.rawValue)
        }
    }
}

enum StandardError {
    /// Prints a diagnostic line. Control characters, ESC sequences and bidi controls in it (from file names,
    /// handles, excerpts of bad lines) are made visible; a failure to write stderr is ignored.
    static func print(_ line: String) {
        StandardOutput.writeError(Data((Escaping.terminal(line, keepingNewlines: true) + "\n").utf8))
    }
}
