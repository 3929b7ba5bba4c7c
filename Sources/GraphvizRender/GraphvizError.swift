/// A render that Graphviz refused, with the messages it gave.
///
///     do { _ = try GraphvizRenderer().render("digraph { a -> }") } catch {
///         error.stage      // .syntax
///         error.messages   // ["syntax error in line 1 near '}'"]
///     }
public struct GraphvizError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The step that failed.
    public struct Stage: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String, Hashable, Sendable { case context, syntax, layout, render }
        private let kind: Kind

        /// No Graphviz context could be created (`gvContext` returned `NULL`).
        public static let context = Stage(kind: .context)
        /// The DOT text did not parse (`agmemread`).
        public static let syntax = Stage(kind: .syntax)
        /// Layout failed (`gvLayout`), or reported an error such as a malformed HTML-like label.
        public static let layout = Stage(kind: .layout)
        /// Output failed (`gvRenderData`).
        public static let render = Stage(kind: .render)

        /// The step's name: `context`, `syntax`, `layout` or `render`.
        public var description: String { kind.rawValue }
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
