import ArgumentParser
import GraphExport
import ReplyGraph

extension CentralityPanel.Metric: ExpressibleByArgument {}

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
    var metric = "pagerank"

    @Option(help: "Show only the N highest-ranked users (0: all).")
    var top = 20

    @Flag(help: "Use edge weights (tweet counts); otherwise every edge counts 1.")
    var weighted = false

    @Option(help: ArgumentHelp("Approximate betweenness from this many sampled source nodes.", valueName: "k"))
    var samples: Int?

    @Option(help: ArgumentHelp(
        "Estimate betweenness within ±E of exact for every user, with probability 1 - D, by sampling shortest "
            + "paths (Riondato-Kornaropoulos); harmonic within ±E × (users - 1) from random pivots (Eppstein-Wang).",
        valueName: "E"))
    var epsilon: Double?

    @Option(help: ArgumentHelp("With --epsilon: the probability that some score misses ±E (default 0.1).",
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

    var metrics: [CentralityPanel.Metric] {
        metric == "all" ? CentralityPanel.Metric.allCases : [CentralityPanel.Metric(rawValue: metric)!]
    }

    func validate() throws {
        guard metric == "all" || CentralityPanel.Metric(rawValue: metric) != nil else {
            let names = CentralityPanel.Metric.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown metric '\(metric)'; choose one of \(names), or all")
        }
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
        throw CommandFailure(.usage, "exact betweenness on this graph (\(graph.nodeCount) users, "
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
            let panel = CentralityPanel(metrics: metrics, weighted: weighted, betweennessSamples: samples,
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
            let table = CentralityTable(graph: graph, kind: userGraph.graph, result: result, metrics: metrics,
                                        top: top)
            let out = Output(path: output, inputs: input.paths)
            switch format {
            case .json: try out.write(try table.json())
            case .csv: try out.write(table.csv)
            case .text: try out.writeText(table.text)
            }
        }
    }
}

/// Ranked rows of one or all metrics, in the shapes the command prints.
struct CentralityTable {
    var kind: UserGraphKind
    var metrics: [CentralityPanel.Metric]
    var figures: CentralityPanel.GraphFigures
    /// (handle, scores in `metrics` order), sorted by the first metric that has scores, descending, then handle.
    /// A metric that did not converge has NaN in every row.
    var rows: [(handle: String, scores: [Double])]
    /// The metrics that did not converge, and why.
    var failures: [CentralityPanel.Metric: CentralityError]
    /// The metrics estimated with a stated bound.
    var approximations: [CentralityPanel.Metric: CentralityPanel.Approximation]

    /// One line saying how an estimated metric was made and the bound it meets.
    static func describe(_ metric: CentralityPanel.Metric, _ a: CentralityPanel.Approximation) -> String {
        if a.exact {
            return "\(metric.rawValue) computed exactly: cheaper than the sample --epsilon \(a.epsilon) needs"
        }
        let within = "within ±\(Self.figure(a.absoluteError)) of exact for every user with probability ≥ \(1 - a.delta)"
        if a.method == .riondatoKornaropoulos, let diameter = a.vertexDiameterBound {
            return "\(metric.rawValue) is approximate: \(within) (Riondato-Kornaropoulos sampling: \(a.samples) "
                + "shortest paths, vertex diameter ≤ \(diameter), seed \(a.seed))"
        }
        return "\(metric.rawValue) is approximate: \(within) (±\(a.epsilon) × (users − 1); Eppstein-Wang sampling: "
            + "\(a.samples) pivots, seed \(a.seed))"
    }

    /// An error bound to six significant digits at most.
    static func figure(_ x: Double) -> String {
        let rounded = (x * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() && abs(rounded) < 1e9 ? String(Int(rounded)) : String(rounded)
    }

    /// The `approximate` JSON object (metric key → how), absent when every metric is exact.
    var approximate: [String: CentralityPanel.Approximation]? {
        approximations.isEmpty ? nil
            : Dictionary(uniqueKeysWithValues: approximations.map { ($0.key.key, $0.value) })
    }

    /// The line printed on stderr (and kept in JSON) for a metric that did not converge.
    static func note(_ metric: CentralityPanel.Metric, _ error: CentralityError) -> String {
        "note: \(metric.rawValue) left out: \(error); the other metrics are complete"
    }

    init(graph: UserGraph, kind: UserGraphKind, result: CentralityPanel.Result, metrics: [CentralityPanel.Metric],
         top: Int) {
        self.kind = kind
        self.metrics = metrics
        self.figures = result.figures
        self.failures = result.failures
        self.approximations = result.approximations
        let missing = [Double](repeating: .nan, count: graph.nodeCount)
        let columns = metrics.map { result.scores[$0] ?? missing }
        let key = metrics.firstIndex { result.scores[$0] != nil } ?? 0
        var rows = (0..<graph.nodeCount).map { v in (handle: graph.labels[v], scores: columns.map { $0[v] }) }
        rows.sort { a, b in
            a.scores[key] != b.scores[key] && !a.scores[key].isNaN
                ? a.scores[key] > b.scores[key] : Handle.fold(a.handle) < Handle.fold(b.handle)
        }
        self.rows = top > 0 ? Array(rows.prefix(top)) : rows
    }

    struct Single: Encodable {
        struct Node: Encodable { var handle: String; var score: Double }
        var graph: String
        var metric: String
        var weighted: Bool?
        var summary: CentralityPanel.GraphFigures
        var nodes: [Node]
        var approximate: [String: CentralityPanel.Approximation]?
    }

    struct All: Encodable {
        var graph: String
        var metric = "all"
        var summary: CentralityPanel.GraphFigures
        var nodes: [[String: JSONScalar]]
        /// Metric key → why it is missing; absent when every metric converged.
        var failed: [String: String]?
        /// Metric key → how it was estimated; absent when every metric is exact.
        var approximate: [String: CentralityPanel.Approximation]?
    }

    enum JSONScalar: Encodable {
        case string(String), number(Double)
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .number(let x): try c.encode(x)
            }
        }
    }

    func json() throws -> String {
        if metrics.count == 1 {
            return try JSON.encode(Single(graph: kind.rawValue, metric: metrics[0].rawValue, summary: figures,
                                          nodes: rows.map { .init(handle: $0.handle, score: $0.scores[0]) },
                                          approximate: approximate))
        }
        let nodes = rows.map { row -> [String: JSONScalar] in
            var object: [String: JSONScalar] = ["handle": .string(row.handle)]
            for (metric, score) in zip(metrics, row.scores) where failures[metric] == nil {
                object[metric.key] = .number(score)
            }
            return object
        }
        let failed = failures.isEmpty ? nil
            : Dictionary(uniqueKeysWithValues: failures.map { ($0.key.key, "\($0.value)") })
        return try JSON.encode(All(graph: kind.rawValue, summary: figures, nodes: nodes, failed: failed,
                                   approximate: approximate))
    }

    var csv: String {
        var out = CSV.row(["handle"] + metrics.map(\.key))
        for row in rows { out += CSV.row([row.handle] + row.scores.map { $0.isNaN ? "" : String($0) }) }
        return out
    }

    var text: String {
        var lines = ["\(kind.rawValue) graph: \(figures.nodes) users, \(figures.edges) edges, density "
                        + format(figures.density) + (figures.reciprocity.map { ", reciprocity " + format($0) } ?? "")
                        + ", \(figures.weakComponents) weak components"]
        for metric in metrics { if let a = approximations[metric] { lines.append(Self.describe(metric, a)) } }
        let header = ["handle".padding(toLength: 24, withPad: " ", startingAt: 0)]
            + metrics.map { $0.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0) }
        lines.append(header.joined(separator: " "))
        for row in rows {
            let cells = ["@" + Escaping.terminal(row.handle)].map { $0.padding(toLength: 24, withPad: " ", startingAt: 0) }
                + row.scores.map { ($0.isNaN ? "n/a" : format($0)).padding(toLength: 12, withPad: " ", startingAt: 0) }
            lines.append(cells.joined(separator: " "))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func format(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e9 { return String(Int(x)) }
        let scaled = (x * 1_000_000).rounded() / 1_000_000
        return String(scaled)
    }
}
