import ArgumentParser
import Foundation
import GraphvizRender

extension LayoutEngine: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

/// The child side of ``BoundedRender``: renders DOT from standard input to standard output, so the parent can stop
/// a layout that runs too long (libgraphviz cannot be interrupted in process). Not shown in `--help`.
struct RenderDOTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-dot",
        abstract: "Render DOT from standard input with libgraphviz (used by render and batch for time-bounded renders).",
        shouldDisplay: false
    )

    @Option var engine: LayoutEngine = .dot
    @Option var format: OutputFormat = .svg
    /// The DOT file to read (default: standard input).
    @Option var input: String?
    /// When given, this process is the parent: it renders in a child bounded to this many seconds
    /// (``BoundedRender``), which is how the bound is tested on a layout that never ends.
    @Option var timeout: Double?

    func run() throws {
        try reportingFailures {
            let data: Data
            if let input {
                do { data = try Data(contentsOf: URL(fileURLWithPath: input)) } catch {
                    throw CommandFailure(.noInput, "cannot read \(input): \(error.localizedDescription)")
                }
            } else {
                data = FileHandle.standardInput.readDataToEndOfFile()
            }
            let dot = String(decoding: data, as: UTF8.self)
            let rendering: Rendering
            do {
                if let timeout {
                    rendering = try BoundedRender(timeout: timeout).render(dot, engine: engine, format: format)
                } else {
                    rendering = try GraphvizRenderer(engine: engine, format: format).render(dot)
                }
            } catch let error as CommandFailure {
                throw error
            } catch {
                throw CommandFailure(.software, "\(error)")
            }
            // Warnings first, one per line, on stderr; the parent reads them back.
            for warning in rendering.warnings { StandardOutput.writeError(Data((warning + "\n").utf8)) }
            try StandardOutput.write(rendering.data)
        }
    }
}
