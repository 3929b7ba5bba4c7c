import ArgumentParser
import Foundation
import ReplyGraph

/// An error that ends a command with a message on stderr and an exit code a script can trust.
struct CommandFailure: Error, CustomStringConvertible {
    /// `sysexits.h` codes.
    enum Code: Int32 {
        case usage = 64, dataError = 65, noInput = 66, software = 70, ioError = 74
    }

    var code: Code
    var message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
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
    static func print(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
