import Dispatch
import Foundation

/// What a long command is doing, on one line of stderr: shown only when stderr is a terminal, only once a phase
/// has run for a second, redrawn each second with the time spent, and erased when the phase ends. `--quiet`
/// silences it, and pipes and files never see it.
///
///     let graph = PhaseStatus.run("reconstructing threads", quiet: input.quiet) { ReplyGraph(archive) }
///     // stderr, after a second: "reconstructing threads… 3 s"
enum PhaseStatus {
    /// Runs `body`, with the status line for `name` while it runs past a second.
    static func run<T>(_ name: String, quiet: Bool, _ body: () throws -> T) rethrows -> T {
        guard !quiet, isatty(STDERR_FILENO) == 1 else { return try body() }
        let line = Line(name)
        let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { line.draw() }
        timer.resume()
        defer {
            timer.cancel()
            line.finish()
        }
        return try body()
    }

    /// The line's state, shared with the timer's handler.
    private final class Line: @unchecked Sendable {
        // @unchecked: `shown` and `finished` are reached only under `lock` (an NSLock, which ThreadSanitizer sees;
        // see GraphvizSession).
        private let lock = NSLock()
        private let name: String
        private let start = ContinuousClock.now
        private var shown = false
        private var finished = false

        init(_ name: String) { self.name = name }

        func draw() {
            lock.withLock {
                guard !finished else { return }
                let seconds = (ContinuousClock.now - start).components.seconds
                StandardOutput.writeError(Data("\r\u{1B}[K\(name)… \(seconds) s".utf8))
                shown = true
            }
        }

        func finish() {
            lock.withLock {
                finished = true
                if shown { StandardOutput.writeError(Data("\r\u{1B}[K".utf8)) }
            }
        }
    }
}
