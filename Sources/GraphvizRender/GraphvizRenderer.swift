import Foundation

/// Renders DOT text with the Graphviz C library, in process.
///
///     let svg = try GraphvizRenderer().render("digraph { a -> b }")
///     String(decoding: svg.data, as: UTF8.self).hasPrefix("<?xml")   // true
///
/// Every call into Graphviz, from any renderer and any thread, runs under one process-wide lock: cgraph's parser
/// and error state are global. Graphviz's messages never reach stderr: errors are thrown as ``GraphvizError``,
/// warnings come back in ``Rendering/warnings``. A malformed input fails its own render only.
public struct GraphvizRenderer: Hashable, Sendable {
    /// The layout engine.
    public var engine: LayoutEngine
    /// The output format.
    public var format: OutputFormat

    /// A renderer laying out with `engine` and writing `format`.
    public init(engine: LayoutEngine = .dot, format: OutputFormat = .svg) {
        self.engine = engine
        self.format = format
    }

    /// Parses, lays out and renders `dot` with this renderer's engine and format.
    ///
    /// - Parameter dot: One graph in the DOT language; anything after the first graph is ignored.
    /// - Returns: The output's bytes and Graphviz's warnings.
    /// - Throws: ``GraphvizError`` when the text does not parse, the layout fails or reports an error (such as a
    ///   malformed HTML-like label), or the output cannot be produced.
    /// - Complexity: Serialised with every other render in the process; the layout's own cost (network simplex
    ///   for `dot`, roughly quadratic for the force-directed engines) dominates.
    public func render(_ dot: String) throws(GraphvizError) -> Rendering {
        let format = self.format
        let engine = self.engine
        let (bytes, warnings) = try GraphvizSession.withSession { session throws(GraphvizError) in
            try session.render(dot, engine: engine.rawValue, format: format.rawValue)
        }
        return Rendering(data: Data(bytes), format: format, warnings: warnings)
    }

    /// Renders `dot` and writes the output to `url` (through a temporary file in the same directory and a
    /// rename, so a reader never sees a partial file).
    ///
    /// - Throws: ``GraphvizError`` from rendering, or the file system's error from writing.
    public func render(_ dot: String, to url: URL) throws -> Rendering {
        let rendering = try render(dot)
        try rendering.data.write(to: url, options: .atomic)
        return rendering
    }

    /// The Graphviz release in use, e.g. `2.43.0` (`gvcVersion`).
    package static var graphvizVersion: String {
        (try? GraphvizSession.withSession { session in session.version }) ?? ""
    }
}

/// The output of one render.
public struct Rendering: Hashable, Sendable {
    /// The output's bytes.
    public var data: Data
    package var format: OutputFormat
    /// Graphviz's warnings, one message each, without the `Warning: ` prefix.
    public var warnings: [String]

    package init(data: Data, format: OutputFormat, warnings: [String] = []) {
        self.data = data
        self.format = format
        self.warnings = warnings
    }

    /// The output as text (for svg, json, xdot, dot and canon).
    public var text: String { String(decoding: data, as: UTF8.self) }
}
