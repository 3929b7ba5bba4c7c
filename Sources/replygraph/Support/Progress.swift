import Foundation
import GraphExport
import Synchronization

/// A one-line progress display on stderr, redrawn in place when stderr is a terminal and silent otherwise.
final class Progress: @unchecked Sendable {
    // @unchecked: `state` is reached only under `lock` (an `NSLock`, not `Synchronization.Mutex`, which
    // ThreadSanitizer cannot see on Linux; see GraphvizSession).
    private let isTerminal = isatty(STDERR_FILENO) == 1
    private let lock = NSLock()
    nonisolated(unsafe) private var state: (lines: [String: String], last: ContinuousClock.Instant?) = ([:], nil)
    private let total: Int
    private let finished = Atomic<Int>(0)

    init(total: Int) { self.total = total }

    /// Shows what `archive` is doing now (throttled to ten redraws a second).
    func update(_ archive: String, _ status: String) {
        guard isTerminal else { return }
        lock.withLock {
            state.lines[archive] = status
            let now = ContinuousClock.now
            if let last = state.last, now - last < .milliseconds(100) { return }
            state.last = now
            redraw(state.lines)
        }
    }

    /// Marks `archive` as done; prints a permanent line about it.
    func finish(_ archive: String, _ message: String) {
        let done = finished.add(1, ordering: .relaxed).newValue
        lock.withLock {
            state.lines[archive] = nil
            if isTerminal { StandardOutput.writeError(Data("\r\u{1B}[K".utf8)) }
            StandardError.print("[\(done)/\(total)] \(archive): \(message)")
            if isTerminal { redraw(state.lines) }
        }
    }

    private func redraw(_ lines: [String: String]) {
        guard let (archive, status) = lines.min(by: { $0.key < $1.key }) else { return }
        var text = Escaping.terminal("[\(finished.load(ordering: .relaxed))/\(total)] \(archive): \(status)")
        if lines.count > 1 { text += " (+\(lines.count - 1) running)" }
        let width = 100
        if text.count > width { text = String(text.prefix(width - 1)) + "…" }
        StandardOutput.writeError(Data("\r\u{1B}[K\(text)".utf8))
    }
}
