import Foundation
import TweetArchive

/// The users of a graph ranked by one or several metrics, as text, JSON or CSV: what `replygraph centrality`
/// prints.
///
///     let graph = UserGraph.project(.mention, tweets: archive.tweets)
///     let result = try CentralityPanel(metrics: [.pagerank]).compute(in: graph)
///     let table = CentralityTable(graph: graph, kind: .mention, result: result, metrics: [.pagerank], top: 3)
///     print(table.text())
///     // mention graph: 3 users, 3 edges, density 0.5, reciprocity 0, 1 weak components
///     // handle                   pagerank
///     // @a                       0.333333
///     // ...
///
/// Rows are sorted by the first metric that has scores, highest first, ties by handle (case-insensitive). A metric
/// that did not converge shows `n/a` (text), an empty cell (CSV), or is left out of the nodes and named under
/// `failed` (JSON). Its `Encodable` form is the command's JSON: `graph`, `metric`, `summary`, `nodes` (`handle`
/// and `score`, or one key per metric with `all`), and `approximate` for estimated metrics.
///
/// - Complexity: O(n log n) for n users.
public struct CentralityTable: Sendable, Encodable {
    package var kind: UserGraphKind
    package var metrics: [CentralityPanel.Metric]
    package var figures: CentralityPanel.GraphFigures
    /// (handle, scores in `metrics` order), sorted by the first metric that has scores, descending, then handle.
    /// A metric that did not converge has NaN in every row.
    package var rows: [(handle: String, scores: [Double])]
    /// The metrics that did not converge, and why.
    package var failures: [CentralityPanel.Metric: CentralityError]
    /// The metrics estimated with a stated bound.
    package var approximations: [CentralityPanel.Metric: CentralityPanel.Approximation]

    /// The rows of `metrics` from a computed panel, the `top` best (0: every user).
    ///
    /// - Parameters:
    ///   - graph: The graph `result` was computed in.
    ///   - kind: The graph's kind, named in the output.
    ///   - result: The panel's scores and figures.
    ///   - metrics: The columns, in order; the first one with scores sorts the rows.
    ///   - top: How many rows to keep; 0 keeps all.
    public init(
        graph: UserGraph, kind: UserGraphKind, result: CentralityPanel.Result,
        metrics: [CentralityPanel.Metric], top: Int
    ) {
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

    /// One line saying how an estimated metric was made and the bound it meets.
    package static func describe(_ metric: CentralityPanel.Metric, _ a: CentralityPanel.Approximation) -> String {
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

    /// The line printed on stderr (and kept in JSON) for a metric that did not converge.
    package static func note(_ metric: CentralityPanel.Metric, _ error: CentralityError) -> String {
        "note: \(metric.rawValue) left out: \(error); the other metrics are complete"
    }

    /// The `approximate` JSON object (metric key → how), absent when every metric is exact.
    private var approximate: [String: CentralityPanel.Approximation]? {
        approximations.isEmpty
            ? nil
            : Dictionary(uniqueKeysWithValues: approximations.map { ($0.key.key, $0.value) })
    }

    private struct Single: Encodable {
        struct Node: Encodable {
            var handle: String
            var score: Double
        }
        var graph: String
        var metric: String
        var weighted: Bool?
        var summary: CentralityPanel.GraphFigures
        var nodes: [Node]
        var approximate: [String: CentralityPanel.Approximation]?
    }

    private struct All: Encodable {
        var graph: String
        var metric = "all"
        var summary: CentralityPanel.GraphFigures
        var nodes: [[String: JSONScalar]]
        /// Metric key → why it is missing; absent when every metric converged.
        var failed: [String: String]?
        /// Metric key → how it was estimated; absent when every metric is exact.
        var approximate: [String: CentralityPanel.Approximation]?
    }

    private enum JSONScalar: Encodable {
        case string(String)
        case number(Double)
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .string(let s): try c.encode(s)
            case .number(let x): try c.encode(x)
            }
        }
    }

    /// Encodes the command's JSON document: one metric's `nodes` as `handle`/`score`, several as one key per metric.
    public func encode(to encoder: any Encoder) throws {
        if metrics.count == 1 {
            return try Single(
                graph: kind.rawValue, metric: metrics[0].rawValue, summary: figures,
                nodes: rows.map { .init(handle: $0.handle, score: $0.scores[0]) },
                approximate: approximate
            ).encode(to: encoder)
        }
        let nodes = rows.map { row -> [String: JSONScalar] in
            var object: [String: JSONScalar] = ["handle": .string(row.handle)]
            for (metric, score) in zip(metrics, row.scores) where failures[metric] == nil {
                object[metric.key] = .number(score)
            }
            return object
        }
        let failed =
            failures.isEmpty
            ? nil
            : Dictionary(uniqueKeysWithValues: failures.map { ($0.key.key, "\($0.value)") })
        try All(graph: kind.rawValue, summary: figures, nodes: nodes, failed: failed, approximate: approximate)
            .encode(to: encoder)
    }

    /// The CSV records: a header (`handle` and each metric's key) and one record per row; a missing score is empty.
    ///
    /// Fields are not escaped: join them with the CSV writer of your choice.
    public var csvRecords: [[String]] {
        [["handle"] + metrics.map(\.key)]
            + rows.map { row in [row.handle] + row.scores.map { $0.isNaN ? "" : String($0) } }
    }

    /// The text table: the graph's figures, a line per estimated metric, a header and one line per row.
    ///
    /// - Parameter escape: Makes a handle safe to print (the CLI removes terminal control sequences).
    public func text(escapingHandles escape: (String) -> String = { $0 }) -> String {
        var lines = [
            "\(kind.rawValue) graph: \(figures.nodes) users, \(figures.edges) edges, density "
                + format(figures.density) + (figures.reciprocity.map { ", reciprocity " + format($0) } ?? "")
                + ", \(figures.weakComponents) weak components"
        ]
        for metric in metrics { if let a = approximations[metric] { lines.append(Self.describe(metric, a)) } }
        let header =
            ["handle".padding(toLength: 24, withPad: " ", startingAt: 0)]
            + metrics.map { $0.rawValue.padding(toLength: 12, withPad: " ", startingAt: 0) }
        lines.append(header.joined(separator: " "))
        for row in rows {
            let cells =
                [("@" + escape(row.handle)).padding(toLength: 24, withPad: " ", startingAt: 0)]
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
