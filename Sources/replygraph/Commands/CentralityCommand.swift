import ArgumentParser
import GraphExport
import ReplyGraph

extension CentralityPanel.Metric: ExpressibleByArgument {}

/// `--metric`: one metric by its name, or `all`.
enum MetricSelection: ExpressibleByArgument, CustomStringConvertible {
    case all
    case one(CentralityPanel.Metric)

    init?(argument: String) {
        if argument == "all" {
            self = .all
        } else if let metric = CentralityPanel.Metric(rawValue: argument) {
            self = .one(metric)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { CentralityPanel.Metric.allValueStrings + ["all"] }

    var metrics: [CentralityPanel.Metric] {
        switch self {
        case .all: CentralityPanel.Metric.allCases
        case .one(let metric): [metric]
        }
    }

    var description: String {
        switch self {
        case .all: "all"
        case .one(let metric): metric.rawValue
        }
    }
}

struct CentralityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centrality",
        abstract: "Rank users in the mention, reply, interaction or co-mention graph by a network metric.",
        discussion: """
            Metrics (networkx definitions): degree, in-degree, out-degree (raw counts), pagerank, betweenness \
            (Brandes, normalized), closeness (Wasserman-Faust), harmonic, eigenvector, hubs, authorities (HITS), \
            core-number (k-core), clustering, weak-component, strong-component; or all. Self-loops are left out \
            unless --include-self. Ties are broken by handle.

            Betweenness is exact unless --epsilon E: then it is estimated by sampling shortest paths \
            (Riondato & Kornaropoulos, WSDM 2014), and every user's score is within ±E of the exact normalized \
            betweenness with probability at least 1 - D (--delta, default 0.1); the output says so. Harmonic \
            centrality is then estimated from random pivots (Eppstein & Wang, SODA 2001), within ±E × (users - 1) \
            with the same probability (exact when that takes no more searches than users). Exact \
            betweenness costs a search from every user; when its estimated time on this machine is above \
            --exact-limit seconds (60), the command stops and says so instead of running for hours: add \
            --epsilon to estimate it, or --exact to run it anyway.

            Examples:
              replygraph centrality --metric pagerank --top 10
              replygraph centrality --graph interaction --metric all --format csv > users.csv
              replygraph centrality archive.jsonl --metric betweenness --weighted --since 2022-01-01
              replygraph centrality big.jsonl --metric betweenness --epsilon 0.01 --delta 0.1 --seed 7
            """
    )

    @OptionGroup var input: ArchiveOptions
    @OptionGroup var userGraph: UserGraphOptionsGroup

    @Option(help: ArgumentHelp("A metric name, or all.", valueName: "name"))
    var metric: MetricSelection = .one(.pagerank)

    @Option(help: "Show only the N highest-ranked users (0: all).")
    var top = 20

    @Flag(help: "Use edge weights (tweet counts); otherwise every edge counts 1.")
    var weighted = false

    @Option(help: ArgumentHelp("Approximate betweenness from this many sampled source nodes.", valueName: "k"))
    var samples: Int?

    @Option(
        help: ArgumentHelp(
            "Estimate betweenness within ±E of exact for every user, with probability 1 - D, by sampling shortest "
                + "paths (Riondato-Kornaropoulos); harmonic within ±E × (users - 1) from random pivots (Eppstein-Wang).",
            valueName: "E"))
    var epsilon: Double?

    @Option(
        help: ArgumentHelp(
            "With --epsilon: the probability that some score misses ±E (default 0.1).",
            valueName: "D"))
    var delta: Double?

    @Flag(help: "Run exact betweenness even when its estimated time is above --exact-limit.")
    var exact = false

    @Option(help: ArgumentHelp("Refuse exact betweenness estimated to take longer than this.", valueName: "seconds"))
    var exactLimit: Double = ExactBetweennessCost.refusalSeconds

    @Option(help: "Seed for sampled betweenness.")
    var seed: UInt64 = 0

    @Option(help: "Output format: text, json or csv.")
    var format: ReportFormat = .text

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of standard output.")
    var output: String?

    var metrics: [CentralityPanel.Metric] { metric.metrics }

    func validate() throws {
        guard top >= 0 else { throw ValidationError("--top must be 0 or more") }
        if let samples, samples < 1 { throw ValidationError("--samples must be at least 1") }
        if let epsilon, !(epsilon > 0 && epsilon < 1) {
            throw ValidationError("--epsilon must be between 0 and 1 (exclusive), got \(epsilon)")
        }
        if let delta {
            guard epsilon != nil else { throw ValidationError("--delta needs --epsilon") }
            guard delta > 0 && delta < 1 else {
                throw ValidationError("--delta must be between 0 and 1 (exclusive), got \(delta)")
            }
        }
        if epsilon != nil && samples != nil { throw ValidationError("--epsilon and --samples cannot be combined") }
        if exact && (epsilon != nil || samples != nil) {
            throw ValidationError("--exact cannot be combined with --epsilon or --samples")
        }
        guard exactLimit >= 0 else { throw ValidationError("--exact-limit must be 0 or more") }
    }

    /// Refuses exact betweenness whose estimated time is above the limit, naming the options that get past it.
    func checkExactCost(_ graph: UserGraph) throws {
        guard metrics.contains(.betweenness), epsilon == nil, samples == nil, !exact else { return }
        let estimate = ExactBetweennessCost().estimatedSeconds(in: graph, weighted: weighted, threads: 2)
        guard estimate > exactLimit else { return }
        throw CommandFailure(
            .usage,
            "exact betweenness on this graph (\(graph.nodeCount) users, "
                + "\(graph.edgeCount) edges) would take about \(Self.duration(estimate)) on this machine (estimated; "
                + "--exact-limit is \(Self.duration(exactLimit))). Use --epsilon 0.01 for an estimate within ±0.01 of "
                + "it for every user with probability 0.9 (--delta), or --exact to run it anyway.")
    }

    /// Seconds, minutes or hours, rounded.
    static func duration(_ seconds: Double) -> String {
        if seconds < 1 { return "under 1 s" }
        if seconds < 10 { return "\((seconds * 10).rounded() / 10) s" }
        if seconds < 120 { return "\(Int(seconds.rounded())) s" }
        if seconds < 7200 { return "\(Int((seconds / 60).rounded())) min" }
        return "\(Int((seconds / 3600).rounded())) h"
    }

    func run() throws {
        try reportingFailures {
            let archive = try input.load()
            let graph = PhaseStatus.run("building the \(userGraph.graph.rawValue) graph", quiet: input.quiet) {
                UserGraph.project(userGraph.graph, tweets: archive.tweets, options: userGraph.options)
            }
            try checkExactCost(graph)
            let panel = CentralityPanel(
                metrics: metrics, weighted: weighted, betweennessSamples: samples,
                errorBound: epsilon.map { .init(epsilon: $0, delta: delta ?? 0.1) },
                seed: seed)
            let result: CentralityPanel.Result
            do {
                result = try PhaseStatus.run("computing \(metric)", quiet: input.quiet) { try panel.compute(in: graph) }
            } catch {
                throw CommandFailure(.software, "\(error)")
            }
            // One metric asked for and it failed: nothing to show. With several, the others are shown and the
            // failed one is named.
            if metrics.count == 1, let failure = result.failures[metrics[0]] {
                throw CommandFailure(.software, "\(failure)")
            }
            for metric in metrics {
                if let failure = result.failures[metric] { StandardError.print(CentralityTable.note(metric, failure)) }
            }
            // CSV has no room for it: the bound goes to stderr (text and JSON carry it in the output).
            if format == .csv {
                for metric in metrics {
                    if let approximation = result.approximations[metric] {
                        StandardError.print("note: " + CentralityTable.describe(metric, approximation))
                    }
                }
            }
            let table = CentralityTable(
                graph: graph, kind: userGraph.graph, result: result, metrics: metrics,
                top: top)
            let out = Output(path: output, inputs: input.paths)
            switch format {
            case .json: try out.write(try table.json())
            case .csv: try out.write(table.csv)
            case .text: try out.writeText(table.text(escapingHandles: { Escaping.terminal($0) }))
            }
        }
    }
}

extension CentralityTable {
    /// The table's JSON document, as every command writes JSON.
    func json() throws -> String { try JSON.encode(self) }

    /// The table's CSV, as every command writes CSV.
    var csv: String { csvRecords.map(CSV.row).joined() }
}
