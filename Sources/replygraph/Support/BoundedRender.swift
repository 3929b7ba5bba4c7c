import Foundation
import GraphvizRender

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A Graphviz render with a time bound, never in this process.
///
/// libgraphviz runs in-process and cannot be interrupted: a layout that never ends would hold the process-wide
/// Graphviz lock forever. And Graphviz 2.42/2.43 leaks inside itself with clusters and HTML-like labels (about
/// 70 KiB a render), which a batch over many archives, drawing thousands of thread diagrams, would accumulate. So
/// every render runs in a child process (this executable's hidden `render-dot` command, same libgraphviz, same
/// bytes out), which is killed (`SIGKILL`) when it passes the bound:
/// - small graphs (at most ``workerLimit`` nodes plus edges, such as thread diagrams) in the one reusable child of
///   ``worker`` (`render-dot --serve`), replaced after ``rendersPerWorker`` renders, so that its leak stays bounded
///   and no render pays for a process start;
/// - larger ones each in a child of its own, so that layouts of different archives may run at once.
///
///     let svg = try BoundedRender(timeout: 60).render(dot, engine: .sfdp, format: .svg)
///
/// The bound is wall-clock time for the whole render (for a child of its own: start, parse, layout, output),
/// checked by the parent.
struct BoundedRender: Sendable {
    /// Seconds a render may take.
    var timeout: Double
    /// Graphs with at most this many nodes plus edges render in the shared worker; larger ones in a child process
    /// of their own.
    var workerLimit = 0

    /// Renders the worker serves before it is replaced: with 40-node clustered diagrams with HTML-like labels,
    /// about 14 MiB of Graphviz's leak at most.
    static let rendersPerWorker = 200

    /// The process's one worker: renders through it are serialised, as in-process renders were by Graphviz's lock.
    static let worker = GraphvizWorker(
        executable: executable, arguments: ["render-dot", "--serve"],
        rendersPerProcess: rendersPerWorker)

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

    /// Renders `dot`, in the shared worker when its size (`elements`: nodes plus edges) is within
    /// ``workerLimit``, else in a child process of its own.
    ///
    /// - Throws: ``Stopped`` past the time bound; ``GraphvizError`` or ``CommandFailure`` when Graphviz fails.
    func render(_ dot: String, elements: Int = .max, engine: LayoutEngine, format: OutputFormat) throws -> Rendering {
        if elements <= workerLimit {
            return try renderInWorker(dot, engine: engine, format: format, worker: Self.worker)
        }
        return try renderInChild(dot, engine: engine, format: format)
    }

    /// Renders through `worker` with this bound.
    func renderInWorker(
        _ dot: String, engine: LayoutEngine, format: OutputFormat,
        worker: GraphvizWorker
    ) throws -> Rendering {
        do {
            return try worker.render(dot, engine: engine, format: format, timeout: timeout)
        } catch let failure as GraphvizWorker.Failure {
            if failure.timeoutSeconds != nil { throw Stopped(seconds: timeout) }
            throw CommandFailure(.software, failure.description)
        }
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
        do {
            try handle.write(contentsOf: Data(dot.utf8))
            try handle.close()
        } catch {
            throw CommandFailure(.ioError, "cannot write \(source.path): \(error.localizedDescription)")
        }
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = [
            "render-dot", "--engine", engine.rawValue, "--format", format.rawValue,
            "--input", source.path,
        ]
        let output = Pipe()
        let errors = Pipe()
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
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
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
            let reason =
                messages.last.map { $0.hasPrefix("replygraph: ") ? String($0.dropFirst(12)) : $0 }
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
