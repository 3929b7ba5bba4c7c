import CGraphviz
import Foundation

/// The process's one Graphviz context and the lock that serialises all Graphviz calls.
///
/// GraphvizRender's one file with C pointers. Invariant: every call into cgraph and gvc lives in this file, and
/// every one runs inside `GraphvizSession.lock` (cgraph's parser, its error state and gvc's job list are
/// process-global, so a per-renderer lock would not do); every C allocation but the process-long context is freed
/// in an adjacent `defer`.
///
/// The context (`gvContext`, which on Debian loads plugins listed in `config6a`) is created on first use and kept
/// for the life of the process; a context per render would re-read the plugin configuration each time.
final class GraphvizSession: @unchecked Sendable {
    // @unchecked: `context` is reached only inside `lock`, the one lock all Graphviz calls take.
    private let context: OpaquePointer

    /// The one process-wide lock, and the session it guards, created the first time a render takes the lock.
    ///
    /// An `NSLock` (a pthread mutex), not `Synchronization.Mutex`: on Linux the Mutex's lock and unlock run in the
    /// uninstrumented Swift runtime (futex), so ThreadSanitizer sees none of its ordering and reports every access it
    /// guards as a race; a pthread mutex it intercepts. (Scripts/sanitize.sh runs the tests under it.)
    private static let lock = NSLock()
    nonisolated(unsafe) private static var shared: GraphvizSession?

    /// Creates the context; called with the lock held. `gvContext`.
    private init() throws(GraphvizError) {
        let (pointer, messages) = Self.capturing { gvContext() }
        guard let pointer else {
            throw GraphvizError(.context, messages: messages.errors + messages.warnings)
        }
        context = pointer
    }

    /// Frees the context. `gvFreeContext`.
    deinit {
        _ = Self.capturing { gvFreeContext(context) }
    }

    /// Runs `body` with the lock held and the session created, so that exactly one thread talks to Graphviz.
    static func withSession<T>(_ body: (GraphvizSession) throws(GraphvizError) -> T) throws(GraphvizError) -> T {
        lock.lock()
        defer { lock.unlock() }
        let session: GraphvizSession
        if let existing = shared {
            session = existing
        } else {
            session = try GraphvizSession()
            shared = session
        }
        return try body(session)
    }

    /// The Graphviz release the library reports (`gvcVersion`), e.g. `2.43.0`.
    var version: String {
        guard let cString = gvcVersion(context) else { return "" }
        return String(cString: cString)
    }

    /// Parses `source`, lays it out with `engine` and renders it to `format`. Call with the lock held.
    ///
    /// Each allocation has one owner and is freed on every path: `agmemread`→`agclose`,
    /// `gvLayout`→`gvFreeLayout`, `gvRenderData`→`gvFreeRenderData`.
    func render(_ source: String, engine: String, format: String) throws(GraphvizError) -> (
        bytes: [UInt8], warnings: [String]
    ) {
        var warnings: [String] = []

        let (parsed, parseMessages) = Self.capturing {
            cgraphviz_reset_lexer()
            return agmemread(source)
        }
        warnings += parseMessages.warnings
        guard let graph = parsed else {
            let messages = parseMessages.errors.isEmpty ? ["no graph in the input"] : parseMessages.errors
            throw GraphvizError(.syntax, messages: messages, warnings: warnings)
        }
        defer { _ = Self.capturing { agclose(graph) } }
        guard parseMessages.errors.isEmpty else {
            throw GraphvizError(.syntax, messages: parseMessages.errors, warnings: warnings)
        }

        // Every format is laid out first, canonical DOT included: 2.43's gvRenderData refuses a graph without one.
        // gvLayout returns -1 only before it allocates anything, so only a successful layout needs freeing.
        let (layoutStatus, layoutMessages) = Self.capturing { gvLayout(context, graph, engine) }
        warnings += layoutMessages.warnings
        guard layoutStatus == 0 else {
            throw GraphvizError(.layout, messages: layoutMessages.errors, warnings: warnings)
        }
        defer { _ = Self.capturing { gvFreeLayout(context, graph) } }
        guard layoutMessages.errors.isEmpty else {
            throw GraphvizError(.layout, messages: layoutMessages.errors, warnings: warnings)
        }

        var result: UnsafeMutablePointer<CChar>? = nil
        var length = 0
        let (renderStatus, renderMessages) = Self.capturing {
            cgraphviz_render_data(context, graph, format, &result, &length)
        }
        defer { if let result { gvFreeRenderData(result) } }
        warnings += renderMessages.warnings
        guard renderStatus == 0, renderMessages.errors.isEmpty, let result else {
            let messages = renderMessages.errors.isEmpty ? ["gvRenderData failed"] : renderMessages.errors
            throw GraphvizError(.render, messages: messages, warnings: warnings)
        }
        let bytes = result.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
        return (bytes, warnings)
    }

    /// Runs one Graphviz call with its messages routed to ``MessageCapture`` instead of stderr.
    ///
    /// Before the call the buffer and cgraph's error counter are reset (`agreseterrors`), the report level is set
    /// so that every message, warnings included, reaches the callback (`agseterr(AGWARN)`), and the callback is
    /// installed (`agseterrf`); the previous handler is put back afterwards.
    private static func capturing<T>(_ call: () -> T) -> (T, MessageCapture.Messages) {
        MessageCapture.reset()
        _ = agreseterrors()
        let previousLevel = agseterr(AGWARN)
        let previousHandler = agseterrf(MessageCapture.callback)
        let value = call()
        _ = agseterrf(previousHandler)
        _ = agseterr(previousLevel)
        return (value, MessageCapture.take())
    }
}

/// Collects Graphviz's messages from the `agseterrf` callback.
///
/// cgraph calls the handler with `"Error"` or `"Warning"`, then `": "`, then the formatted message; continuation
/// lines (`AGPREV`) arrive alone. The callback is a C function pointer and can capture nothing, so the text goes to
/// one static buffer, which is touched only while `GraphvizSession.lock` is held.
enum MessageCapture {
    struct Messages {
        var errors: [String] = []
        var warnings: [String] = []
    }

    private enum Level { case error, warning }

    nonisolated(unsafe) private static var messages: [(level: Level, text: String)] = []
    nonisolated(unsafe) private static var pendingLevel: Level?
    nonisolated(unsafe) private static var expectSeparator = false

    static func reset() {
        messages = []
        pendingLevel = nil
        expectSeparator = false
    }

    static let callback: agusererrf = { cString in
        guard let cString else { return 0 }
        MessageCapture.receive(String(cString: cString))
        return 0
    }

    private static func receive(_ chunk: String) {
        if expectSeparator && chunk == ": " {
            expectSeparator = false
            return
        }
        expectSeparator = false
        if chunk == "Error" || chunk == "Warning" {
            pendingLevel = chunk == "Error" ? .error : .warning
            expectSeparator = true
            return
        }
        if let level = pendingLevel {
            messages.append((level, chunk))
            pendingLevel = nil
        } else if let last = messages.popLast() {
            messages.append((last.level, last.text + chunk)) // an AGPREV continuation
        } else {
            messages.append((.warning, chunk))
        }
    }

    static func take() -> Messages {
        var result = Messages()
        for message in messages {
            let text = trimmed(message.text)
            guard !text.isEmpty else { continue }
            switch message.level {
            case .error: result.errors.append(text)
            case .warning: result.warnings.append(text)
            }
        }
        reset()
        return result
    }

    private static func trimmed(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while let last = scalars.last, last == "\n" || last == " " || last == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
