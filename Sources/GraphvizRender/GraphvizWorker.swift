import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Renders DOT in a reusable child process that is replaced after a set number of renders, so that a process
/// rendering all day keeps flat memory.
///
/// Graphviz 2.42/2.43 leaks inside libgvc and the dot plugin when a diagram has clusters or HTML-like labels (about
/// 70 KiB a render for a 40-node diagram; `Scripts/leak-check.sh --clusters` shows it under valgrind). No call
/// frees that memory, so a long-running process cannot render such diagrams in-process without growing. A worker
/// renders them in a child process that serves one render at a time over a socket, and ends that child after
/// ``rendersPerProcess`` renders: the leak is bounded by one child's share, and the caller's memory does not
/// move. A render that passes its time bound kills the child (libgraphviz cannot be interrupted) and the next
/// render starts a new one.
///
/// The child is any executable that calls ``serve(input:output:)`` when started with ``arguments``; the
/// `replygraph` CLI's is `replygraph render-dot --serve`.
///
///     let worker = GraphvizWorker(executable: URL(fileURLWithPath: "/usr/local/bin/replygraph"),
///                                 arguments: ["render-dot", "--serve"])
///     let svg = try worker.render("digraph { subgraph cluster_a { a } a -> b }", timeout: 60)
///     svg.format   // .svg
///
/// Renders through one worker are serialised (one child, one render at a time), as in-process renders are by
/// Graphviz's process-wide lock; the child's own renders run under that lock too.
package final class GraphvizWorker: @unchecked Sendable {
    // @unchecked: `running` is reached only under `lock`.
    /// Why a render through the worker did not finish, apart from Graphviz refusing the input
    /// (``GraphvizError``).
    package struct Failure: Error, Hashable, Sendable, CustomStringConvertible {
        private enum Kind: Hashable, Sendable {
            case timedOut(seconds: Double)
            case ended(String)
            case unavailable(String)
        }

        private let kind: Kind

        /// The render passed its time bound; the child was killed.
        static func timedOut(_ seconds: Double) -> Failure { Failure(kind: .timedOut(seconds: seconds)) }
        /// The child ended or broke the protocol while rendering.
        static func ended(_ detail: String) -> Failure { Failure(kind: .ended(detail)) }
        /// No child could be started.
        static func unavailable(_ detail: String) -> Failure { Failure(kind: .unavailable(detail)) }

        /// The time bound, when the render passed it.
        package var timeoutSeconds: Double? {
            if case .timedOut(let seconds) = kind { return seconds }
            return nil
        }

        package var description: String {
            switch kind {
            case .timedOut(let seconds): "Graphviz did not finish within \(seconds) s and was stopped"
            case .ended(let detail): "the Graphviz worker process ended: \(detail)"
            case .unavailable(let detail): "cannot start a Graphviz worker process: \(detail)"
            }
        }
    }

    /// The program started as the child, and its arguments.
    package let executable: URL
    package let arguments: [String]
    /// Renders one child serves before it is replaced.
    package let rendersPerProcess: Int

    /// Serialises renders and guards ``running``. An `NSLock` for the reason GraphvizSession gives: ThreadSanitizer
    /// cannot see `Synchronization.Mutex` on Linux.
    private let lock = NSLock()
    /// The running child, if any.
    nonisolated(unsafe) private var running: Child?

    /// - Parameters:
    ///   - executable: The program to start; it must call ``serve(input:output:)`` when given `arguments`.
    ///   - rendersPerProcess: Renders after which the child is replaced (at least 1). The default bounds Graphviz's
    ///     leak to about 14 MiB for diagrams of 40 clustered nodes with HTML-like labels, and costs one process
    ///     start per 200 renders.
    package init(executable: URL, arguments: [String], rendersPerProcess: Int = 200) {
        self.executable = executable
        self.arguments = arguments
        self.rendersPerProcess = max(1, rendersPerProcess)
    }

    deinit {
        running?.stop()
    }

    /// Renders `dot` in the child process, starting one if none is running.
    ///
    /// - Parameters:
    ///   - timeout: Seconds the render may take, from sending the request to the last byte of the answer; `nil`
    ///     waits as long as it takes.
    /// - Returns: What ``GraphvizRenderer/render(_:)`` returns for the same input, engine and format.
    /// - Throws: ``GraphvizError`` when Graphviz refuses the input (the child stays), ``Failure`` when the render
    ///   passed `timeout` or the child could not be started or ended (the child is replaced at the next render).
    /// - Complexity: The layout's own cost, plus copying the DOT and the output through a socket; a process start
    ///   once per ``rendersPerProcess`` renders.
    package func render(
        _ dot: String, engine: LayoutEngine = .dot, format: OutputFormat = .svg,
        timeout: Double? = nil
    ) throws -> Rendering {
        lock.lock()
        defer { lock.unlock() }
        let child: Child
        if let existing = running {
            child = existing
        } else {
            child = try Child.start(executable: executable, arguments: arguments)
            running = child
        }
        let deadline = timeout.map { DispatchTime.now() + $0 }
        let outcome: Result<Rendering, GraphvizError>
        do throws(WorkerChannel.Broken) {
            try child.channel.send(WorkerChannel.request(dot, engine: engine, format: format), until: deadline)
            outcome = try WorkerChannel.response(try child.channel.receive(until: deadline), format: format)
        } catch {
            child.stop(killing: true) // mid-render: it cannot be interrupted otherwise
            running = nil
            switch error {
            case .timedOut: throw Failure.timedOut(timeout ?? 0)
            case .ended(let detail): throw Failure.ended(child.exitDetail(or: detail))
            }
        }
        child.renders += 1
        if child.renders >= rendersPerProcess {
            child.stop()
            running = nil
        }
        return try outcome.get()
    }

    /// The running child's process id (`nil` when none runs): for measuring its memory.
    package var processIdentifier: Int32? {
        lock.withLock { running?.process.processIdentifier }
    }

    /// The child's side: answers render requests read from `input` on `output` until `input` ends. Each render
    /// runs in this process through ``GraphvizRenderer``; Graphviz's refusals go back as ``GraphvizError``s.
    ///
    /// - Returns: When `input` ends or the answer can no longer be written (the parent closed its end or died).
    /// - Throws: ``Failure`` when a request cannot be read whole.
    package static func serve(input: Int32 = 0, output: Int32 = 1) throws {
        let reader = WorkerChannel(descriptor: input)
        let writer = WorkerChannel(descriptor: output)
        while true {
            let fields: [[UInt8]]
            do throws(WorkerChannel.Broken) {
                guard let request = try reader.receiveOrEnd() else { return }
                fields = request
            } catch {
                throw Failure.ended("the request could not be read: \(error)")
            }
            let answer: [[UInt8]]
            switch WorkerChannel.parseRequest(fields) {
            case .success(let (dot, engine, format)):
                do {
                    answer = WorkerChannel.answer(
                        .success(try GraphvizRenderer(engine: engine, format: format).render(dot)))
                } catch {
                    answer = WorkerChannel.answer(.failure(error))
                }
            case .failure(let error):
                answer = WorkerChannel.answer(.failure(error))
            }
            do throws(WorkerChannel.Broken) {
                try writer.send(answer, until: nil)
            } catch {
                return // the parent is gone (it closed its end or was killed): nobody waits for the answer
            }
        }
    }
}

/// One running child and the parent's end of its socket.
private final class Child {
    let process: Process
    let channel: WorkerChannel
    var renders = 0
    private var stopped = false

    private init(process: Process, channel: WorkerChannel) {
        self.process = process
        self.channel = channel
    }

    /// Starts `executable` with one end of a socket pair as its standard input and output.
    static func start(executable: URL, arguments: [String]) throws(GraphvizWorker.Failure) -> Child {
        let (mine, theirs) = try WorkerChannel.socketPair()
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let handle = FileHandle(fileDescriptor: theirs, closeOnDealloc: false)
        process.standardInput = handle
        process.standardOutput = handle
        do {
            try process.run()
        } catch {
            close(mine)
            close(theirs)
            throw .unavailable("\(executable.path): \(error.localizedDescription)")
        }
        close(theirs) // the child holds its own copy; ours would keep the socket open after it ends
        return Child(process: process, channel: WorkerChannel(descriptor: mine))
    }

    /// Ends the child: closing its socket ends a child between renders (one that does not end within two
    /// seconds is killed); `killing` kills it at once, for a child still rendering.
    func stop(killing: Bool = false) {
        guard !stopped else { return }
        stopped = true
        close(channel.descriptor)
        if killing && process.isRunning { kill(process.processIdentifier, SIGKILL) }
        if process.isRunning {
            // A child between renders ends at once when its input closes; give it a moment, then kill it.
            let deadline = Date().addingTimeInterval(2)
            while process.isRunning && Date() < deadline { usleep(1_000) }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        }
        process.waitUntilExit()
    }

    /// How the child ended, when it has, else `detail`.
    func exitDetail(or detail: String) -> String {
        guard !process.isRunning else { return detail }
        switch process.terminationReason {
        case .uncaughtSignal: return "killed by signal \(process.terminationStatus)"
        case .exit: return "exited with status \(process.terminationStatus)"
        @unknown default: return detail
        }
    }
}
