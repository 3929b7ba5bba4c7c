/// A render that Graphviz refused, with the messages it gave.
///
///     do { _ = try GraphvizRenderer().render("digraph { a -> }") } catch {
///         error.stage      // .syntax
///         error.messages   // ["syntax error in line 1 near '}'"]
///     }
public struct GraphvizError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The step that failed; its raw value (`context`, `syntax`, `layout` or `render`) is how it prints.
    public enum Stage: String, Hashable, Sendable, CaseIterable {
        /// No Graphviz context could be created (`gvContext` returned `NULL`).
        case context
        /// The DOT text did not parse (`agmemread`).
        case syntax
        /// Layout failed (`gvLayout`), or reported an error such as a malformed HTML-like label.
        case layout
        /// Output failed (`gvRenderData`).
        case render
    }

    /// The step that failed.
    public let stage: Stage
    /// Graphviz's error messages for the failed step, without the `Error: ` prefix and trailing newline.
    public let messages: [String]
    /// Warnings from the steps before the failure.
    public let warnings: [String]

    init(_ stage: Stage, messages: [String], warnings: [String] = []) {
        self.stage = stage
        self.messages = messages
        self.warnings = warnings
    }

    /// `graphviz <stage> failed: <messages>`.
    public var description: String {
        "graphviz \(stage) failed" + (messages.isEmpty ? "" : ": " + messages.joined(separator: "; "))
    }
}
