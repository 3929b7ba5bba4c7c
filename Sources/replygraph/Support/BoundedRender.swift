import Foundation
import GraphvizRender
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A Graphviz render with a time bound.
///
/// libgraphviz runs in this process and cannot be interrupted: a layout that never ends would hold the process-wide
/// Graphviz lock forever. So a render that may be large runs in a child process (this executable's hidden
/// `render-dot` command, same libgraphviz, same bytes out), which is killed (`SIGKILL`) when it passes the bound.
/// Small graphs (at most ``inProcessLimit`` nodes plus edges, such as thread diagrams) render in-process under the
/// lock, with no bound: they are laid out in milliseconds, and a child process would cost more than the layout.
///
///     let svg = try BoundedRender(timeout: 60).render(dot, engine: .sfdp, format: .svg)
///
/// The bound is wall-clock time for the whole child (start, parse, layout, output), checked by the parent.
struct BoundedRender: Sendable {
    /// Seconds a render in a child process may take.
    var timeout: Double
    /// Graphs with at most this many nodes plus edges render in-process; larger ones in a child process.
    var inProcessLimit = 0

    /// Why a render did not produce output.
    struct Stopped: Error, CustomStringConvertible {
        var seconds: Double
        var description: String {
            "Graphviz did not finish within \(Self.format(seconds)) s and was stopped"
        }

        static func format(_ seconds: Double) -> String {
            seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
        }
    }

    /// Renders `dot`, in-process when its size (`elements`: nodes plus edges) is within ``inProcessLimit``.
    ///
    /// - Throws: ``Stopped`` past the time bound; ``GraphvizError`` or ``CommandFailure`` when Graphviz fails.
    func render(_ dot: String, elements: Int = .max, engine: LayoutEngine, format: OutputFormat) throws -> Rendering {
        if elements <= inProcessLimit {
            return try GraphvizRenderer(engine: engine, format: format).render(dot)
        }
        return try renderInChild(dot, engine: engine, format: format)
    }

    private func renderInChild(_ dot: String, engine: LayoutEngine, format: OutputFormat) throws -> Rendering {
        // The DOT goes through a private temporary file rather than a pipe: a child that dies before reading a pipe
        // would leave this process to a SIGPIPE.
        let source = FileManager.default.temporaryDirectory
            .appendingPathComponent("replygraph-render-\(getpid())-\(UUID().uuidString).dot")
        let fd = open(source.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw CommandFailure(.cantCreate, "cannot create \(source.path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        defer { unlink(source.path) }
        do { try handle.write(contentsOf: Data(dot.utf8)); try handle.close() } catch {
            throw CommandFailure(.ioError, "cannot write \(source.path): \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["render-dot", "--engine", engine.rawValue, "--format", format.rawValue,
                             "--input", source.path]
        let output = Pipe(), errors = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = output
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            throw CommandFailure(.software, "cannot start a Graphviz child process: \(error)")
        }
        // Drain stdout and stderr concurrently, so neither pipe fills up and blocks the child.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data(), errData = Data()
        DispatchQueue.global().async(group: group) { outData = output.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = errors.fileHandleForReading.readDataToEndOfFile() }
        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            group.wait()
            throw Stopped(seconds: timeout)
        }
        group.wait()
        let messages = String(decoding: errData, as: UTF8.self).split(separator: "\n").map(String.init)
        guard process.terminationReason == .exit, process.terminationStatus == 0 else {
            let reason = messages.last.map { $0.hasPrefix("replygraph: ") ? String($0.dropFirst(12)) : $0 }
                ?? "the Graphviz child process ended with status \(process.terminationStatus)"
            throw CommandFailure(.software, reason)
        }
        return Rendering(data: outData, format: format, warnings: messages)
    }

    /// This executable (`/proc/self/exe` on Linux), which runs the child side.
    static let executable: URL = {
        if let url = Bundle.main.executableURL { return url }
        return URL(fileURLWithPath: CommandLine.arguments[0])
    }()
}
