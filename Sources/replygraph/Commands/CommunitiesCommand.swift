import ArgumentParser
import GraphExport
import ReplyGraph

extension CommunityReport.Algorithm: ExpressibleByArgument {}

struct CommunitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communities",
        abstract: "Find communities of users (Louvain or label propagation) and report their modularity.",
        discussion: """
            Works on the undirected projection of the chosen user graph. Louvain follows networkx's \
            louvain_communities (after a first pass it revisits only nodes whose neighbours moved) and is \
            deterministic for a seed; label propagation follows networkx's asynchronous asyn_lpa_communities.

            Examples:
              replygraph communities
              replygraph communities --graph co-mention --algorithm label-propagation --format json
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: ArchiveOptions
    @OptionGroup var userGraph: UserGraphOptionsGroup

    @Option(help: "louvain or label-propagation.")
    var algorithm: CommunityReport.Algorithm = .louvain

    @Option(help: "Random seed (Louvain's node order).")
    var seed: UInt64 = 0

    @Option(help: "Louvain resolution: above 1 favours smaller communities.")
    var resolution: Double = 1

    @Option(help: "Only communities with at least this many members.")
    var minSize = 1

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    func validate() throws {
        guard resolution > 0, resolution.isFinite else { throw ValidationError("--resolution must be positive") }
    }

    func run() throws {
        try reportingFailures {
            let archive = try input.load()
            let graph = PhaseStatus.run("building the \(userGraph.graph.rawValue) graph", quiet: input.quiet) {
                UserGraph.project(userGraph.graph, tweets: archive.tweets, options: userGraph.options)
            }
            let found: Communities = try PhaseStatus.run("finding communities", quiet: input.quiet) {
                switch algorithm {
                case .louvain: return Louvain(resolution: resolution, seed: seed).communities(in: graph)
                case .labelPropagation:
                    do { return try LabelPropagation(seed: seed).communities(in: graph) } catch {
                        throw CommandFailure(.software, "\(error)")
                    }
                }
            }
            let report = CommunityReport(found, graph: userGraph.graph, algorithm: algorithm, minSize: minSize)
            let out = Output(path: output, inputs: input.paths)
            switch format {
            case .json: try out.write(try JSON.encode(report))
            case .text:
                var lines = [
                    "\(report.count) communities in the \(report.graph.rawValue) graph "
                        + "(\(report.algorithm.rawValue)), "
                        + "modularity \(String(format: "%.4f", report.modularity))"
                ]
                for c in report.communities {
                    let shown = c.members.prefix(12).map { "@" + Escaping.terminal($0) }.joined(separator: " ")
                    lines.append("#\(c.id)  \(c.size) members: \(shown)\(c.members.count > 12 ? " …" : "")")
                }
                try out.writeText(lines.joined(separator: "\n") + "\n")
            }
        }
    }
}
