import ArgumentParser
import Foundation
import GraphExport
import GraphvizRender
import ReplyGraph

extension MentionsView.EdgeStyle: ExpressibleByArgument {}

/// What `render` writes, told by the output file's extension: DOT source, or a Graphviz rendering.
enum RenderTarget: Equatable {
    case dotSource
    case rendering(OutputFormat)

    /// The target for `path`'s extension, or `nil` when it names no format.
    init?(path: String) {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "dot" {
            self = .dotSource
        } else if let format = OutputFormat(rawValue: ext) {
            self = .rendering(format)
        } else {
            return nil
        }
    }
}

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a thread, all threads, the mention network or the timeline with Graphviz.",
        discussion: """
            Views:
              thread:<id>   one thread (give any of its tweet ids): parts in order with time, number and text; \
            promotional parts coloured by category, follow-ups dashed, external reply targets as ghost nodes, \
            missing numbers as gaps
              threads       every thread as a cluster (or the --limit N longest)
              mentions      the user graph: node size by PageRank, edge width by weight, colour by community
              timeline      tweets per day, threads as bars
            The output format comes from the file's extension: .svg, .png, .pdf, .dot (DOT source, no layout), \
            .json or .xdot. Rendering runs through libgraphviz in a child process that is stopped after \
            --render-timeout seconds (exit 70 with a message), since a Graphviz layout cannot be interrupted. \
            SVG nodes link to the tweets on twitter.com and carry the full text as a tooltip.

            Sizes that Graphviz cannot lay out in useful time are avoided and said in the drawing and on stderr: \
            the mentions view draws at most 500 users without --top (the best-connected), and draws its edges \
            straight when there are more than 600, or more than two per user (--splines overrides).

            Examples:
              replygraph render --view thread:1625536625030885377 -o thread.svg
              replygraph render --view mentions --top 60 --layout sfdp -o mentions.png
              replygraph render --view mentions --ego sahnlam --radius 1 -o ego.svg
              replygraph render --view threads --limit 10 -o threads.pdf
            """
    )

    @OptionGroup var input: ArchiveOptions
    @OptionGroup var threadOptions: ThreadOptionsGroup
    @OptionGroup var userGraph: UserGraphOptionsGroup

    @Option(help: ArgumentHelp("thread:<id>, threads, mentions or timeline.", valueName: "view"))
    var view: ViewBuilder.View

    @Option(
        help: ArgumentHelp(
            "Layout engine: dot, neato, fdp, sfdp, circo or twopi (default: dot; sfdp for mentions).",
            valueName: "engine"))
    var layout: LayoutEngine?

    @Option(name: .shortAndLong, help: ArgumentHelp("Output file; its extension picks the format.", valueName: "file"))
    var output: String

    @Option(help: "threads: only the N longest threads.")
    var limit: Int?

    @Option(help: "mentions: only the N best-connected users (by weighted degree).")
    var top: Int?

    @Option(help: "mentions: only the K-core (users with at least K neighbours inside it).")
    var kCore: Int?

    @Option(help: ArgumentHelp("mentions: only users within --radius steps of this handle.", valueName: "handle"))
    var ego: String?

    @Option(help: "mentions: the ego network's radius.")
    var radius = 1

    @Option(help: "timeline: only the last N days.")
    var lastDays: Int?

    @Option(
        help: ArgumentHelp(
            "mentions: edges curved, line (straight) or auto (curved unless the graph is dense).",
            valueName: "style"))
    var splines: MentionsView.EdgeStyle = .automatic

    @Option(help: ArgumentHelp("Stop Graphviz after this many seconds.", valueName: "seconds"))
    var renderTimeout: Double = 60

    func validate() throws {
        guard RenderTarget(path: output) != nil else {
            throw ValidationError("cannot tell the format from '\(output)': use .svg, .png, .pdf, .dot, .json or .xdot")
        }
        for (name, value) in [("--limit", limit), ("--top", top), ("--k-core", kCore), ("--last-days", lastDays)] {
            if let value, value < 1 { throw ValidationError("\(name) must be at least 1") }
        }
        guard radius >= 0 else { throw ValidationError("--radius must be 0 or more") }
        guard renderTimeout > 0 else { throw ValidationError("--render-timeout must be more than 0") }
    }

    func run() throws {
        try reportingFailures {
            guard let target = RenderTarget(path: output) else {
                throw CommandFailure(.usage, "cannot tell the format from '\(output)'")
            }
            let graph = ReplyGraph(try input.load(), options: threadOptions.options)
            let builder = ViewBuilder(graph: graph)
            let dot: DOTGraph
            switch view {
            case .thread(let id): dot = try builder.thread(containing: id)
            case .threads: dot = builder.threads(limit: limit)
            case .timeline: dot = builder.timeline(lastDays: lastDays)
            case .mentions:
                let (graph, notes) = try builder.mentionsView(
                    .init(
                        kind: userGraph.graph, options: userGraph.options, top: top, minWeight: nil, kCore: kCore,
                        ego: ego, radius: radius, edgeStyle: splines))
                dot = graph
                for note in notes where !input.quiet { StandardError.print("note: \(note)") }
            }
            let out = Output(path: output, inputs: input.paths)
            guard case .rendering(let format) = target else {
                try out.write(dot.dot)
                return
            }
            let engine = layout ?? view.defaultEngine
            let rendering: Rendering
            do {
                rendering = try BoundedRender(timeout: renderTimeout).render(dot.dot, engine: engine, format: format)
            } catch let error as BoundedRender.Stopped {
                throw CommandFailure(
                    .software,
                    "\(error) on the \(view) view (\(engine.rawValue) layout); "
                        + "try fewer users (--top), another --layout or a longer --render-timeout")
            } catch {
                throw CommandFailure(.software, "Graphviz could not render the \(view) view: \(error)")
            }
            for warning in rendering.warnings where !input.quiet { StandardError.print("graphviz: \(warning)") }
            try out.write(rendering.data)
        }
    }
}
