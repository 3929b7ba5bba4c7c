import ArgumentParser
import Foundation
import GraphExport
import ReplyGraph

extension ExportFormat: ExpressibleByArgument {}
extension ExportGraph.CSVDialect: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export the tweet graph or a user graph as DOT, GraphML, GEXF, JSON or CSV.",
        discussion: """
            --graph tweets exports the reply graph itself: tweet, user and external-tweet nodes with authored, \
            replies_to, mentions, continues, quotes, retweets and follow_up_of edges. The user graphs (mention, \
            reply, interaction, co-mention) carry weights per relation, and metric scores with --metrics.

            Loading the files elsewhere:
              networkx   nx.read_graphml("g.graphml"); nx.node_link_graph(json.load(open("g.json")))
              Gephi      File > Open g.gexf (GEXF 1.3) or g.graphml
              Neo4j      neo4j-admin database import full --nodes=out/nodes.csv --relationships=out/edges.csv
              GraphFrames  (--csv-dialect graphframes) GraphFrame(spark.read.csv("out/nodes.csv", header=True),
                           spark.read.csv("out/edges.csv", header=True))

            Examples:
              replygraph export --graph tweets --to graphml -o tweets.graphml
              replygraph export --graph interaction --metrics --to gexf -o users.gexf
              replygraph export --graph mention --to csv -o neo4j/
            """
    )

    enum GraphChoice: String, ExpressibleByArgument, CaseIterable {
        case tweets, mention, reply, interaction
        case coMention = "co-mention"
    }

    @OptionGroup var input: ArchiveOptions
    @OptionGroup var threadOptions: ThreadOptionsGroup

    @Option(help: "tweets, mention, reply, interaction or co-mention.")
    var graph: GraphChoice = .tweets

    @Option(help: "dot, graphml, gexf, json (networkx node-link) or csv (a directory with nodes.csv and edges.csv).")
    var to: ExportFormat

    @Option(
        name: .shortAndLong,
        help: ArgumentHelp(
            "Output file (a directory for csv); - for standard output.",
            valueName: "path"))
    var output: String

    @Flag(help: "User graphs: add PageRank, betweenness, degrees and Louvain community to each node.")
    var metrics = false

    @Option(help: "CSV headers for neo4j (:ID, :START_ID, :END_ID, :TYPE) or graphframes (id, src, dst).")
    var csvDialect: ExportGraph.CSVDialect = .neo4j

    @Flag(
        help: ArgumentHelp(
            "csv: write text cells exactly as they are.",
            discussion: "By default a text cell starting with =, +, -, @, tab or CR gets a leading ' so spreadsheets "
                + "do not run it as a formula (ids and numbers are never changed)."))
    var rawCSVText = false

    func validate() throws {
        if to == .csv && output == "-" {
            throw ValidationError("csv writes two files (nodes.csv and edges.csv): give a directory with -o")
        }
    }

    func run() throws {
        try reportingFailures {
            let archive = try input.load()
            if let kind = UserGraphKind(rawValue: graph.rawValue) {
                let users = ReplyGraph(archive, options: threadOptions.options, quiet: input.quiet).userGraph(kind)
                var scores: UserGraphMetrics?
                if metrics {
                    do { scores = try UserGraphMetrics(in: users) } catch {
                        throw CommandFailure(.software, "\(error)")
                    }
                }
                try write(
                    scores.map { ExportGraph(userGraph: users, kind: kind, metrics: $0) }
                        ?? ExportGraph(userGraph: users, kind: kind))
            } else {
                // The tweet graph is made batch by batch as it is written, never held whole, from the threads alone
                // (no typed graph).
                let threads = ThreadReconstructor.threads(
                    of: archive, options: threadOptions.options, quiet: input.quiet)
                try write(TweetGraphExport(archive: archive, threads: threads.threads, followUps: threads.followUps))
            }
        }
    }

    /// Writes `export` to the output as a stream (DOT is made whole first: the DOT writer lays it out as one text).
    private func write(_ export: some ExportSource) throws {
        if to != .csv {
            try PhaseStatus.run("writing \(to.rawValue)", quiet: input.quiet) {
                try Output(path: output, inputs: input.paths).write { export.write(to, to: &$0) }
            }
            return
        }
        for file in ["nodes.csv", "edges.csv"] {
            try Output.refuseOverwriting(inputs: input.paths, with: (output as NSString).appendingPathComponent(file))
        }
        do {
            _ = try PhaseStatus.run("writing nodes.csv and edges.csv", quiet: input.quiet) {
                try export.writeExport(
                    to, to: URL(fileURLWithPath: output), csvDialect: csvDialect,
                    neutralisingFormulas: !rawCSVText)
            }
        } catch {
            throw CommandFailure(writing: output, error)
        }
    }
}
