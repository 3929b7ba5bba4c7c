import ArgumentParser
import Foundation
import GraphvizRender

extension LayoutEngine: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

/// The child side of ``BoundedRender``: renders DOT from standard input to standard output, so the parent can stop
/// a layout that runs too long (libgraphviz cannot be interrupted in process); with `--serve`, the reusable worker
/// that answers render requests on its standard input until it closes (``GraphvizWorker/serve(input:output:)``).
/// Not shown in `--help`.
struct RenderDOTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render-dot",
        abstract:
            "Render DOT from standard input with libgraphviz (used by render and batch for time-bounded renders).",
        shouldDisplay: false
    )

    @Option var engine: LayoutEngine = .dot
    @Option var format: OutputFormat = .svg
    /// The DOT file to read (default: standard input).
    @Option var input: String?
    /// When given, this process is the parent: it renders in a child bounded to this many seconds
    /// (``BoundedRender``), which is how the bound is tested on a layout that never ends.
    @Option var timeout: Double?
    /// Serve render requests on standard input and output (``GraphvizWorker``) until standard input closes.
    @Flag var serve = false
    /// Render the input this many times the way `batch` renders a thread diagram (through the shared worker, or
    /// in this process with `--in-process`), and print resident memory as JSON instead of the output.
    @Option var soak: Int?
    @Flag var inProcess = false
    /// With `--timeout`: render through the shared worker, as `batch` renders thread diagrams.
    @Flag var worker = false

    func run() throws {
        if serve {
            try reportingFailures { try GraphvizWorker.serve() }
            return
        }
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
            if let soak {
                try StandardOutput.write(
                    Data(
                        try Self.soak(
                            dot, renders: soak, inProcess: inProcess,
                            engine: engine, format: format
                        ).utf8))
                return
            }
            let rendering: Rendering
            do {
                if let timeout {
                    rendering = try BoundedRender(timeout: timeout, workerLimit: worker ? .max : 0)
                        .render(dot, engine: engine, format: format)
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

extension RenderDOTCommand {
    /// Renders `dot` `renders` times and reports resident memory: this process's after the first tenth of the
    /// renders (warm-up) and at the end, and the largest the worker reached, with the number of worker processes
    /// used. Every render must succeed.
    static func soak(
        _ dot: String, renders: Int, inProcess: Bool, engine: LayoutEngine,
        format: OutputFormat
    ) throws -> String {
        let renderer = BoundedRender(timeout: 60, workerLimit: .max)
        let warmUp = max(1, renders / 10)
        var afterWarmUp = 0
        var workerPeak = 0
        var workers = Set<Int32>()
        for k in 0..<renders {
            if inProcess {
                _ = try GraphvizRenderer(engine: engine, format: format).render(dot)
            } else {
                _ = try renderer.renderInWorker(dot, engine: engine, format: format, worker: BoundedRender.worker)
                if let pid = BoundedRender.worker.processIdentifier {
                    workers.insert(pid)
                    workerPeak = max(workerPeak, ResidentMemory.bytes(of: pid) ?? 0)
                }
            }
            if k + 1 == warmUp { afterWarmUp = ResidentMemory.bytes() ?? 0 }
        }
        let end = ResidentMemory.bytes() ?? 0
        return """
            {"renders": \(renders), "in_process": \(inProcess), "rss_after_warm_up": \(afterWarmUp), "rss_end": \(end), \
            "worker_rss_peak": \(workerPeak), "workers": \(workers.count), \
            "renders_per_worker": \(BoundedRender.rendersPerWorker)}

            """
    }
}
