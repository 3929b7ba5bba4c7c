/// Why a graph metric could not produce a result.
///
///     do { _ = try PageRank(maxIterations: 2).ranking(in: graph) }
///     catch { print(error) }   // "pagerank: no convergence within 2 iterations"
public struct CentralityError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: Hashable, Sendable {
        case notConverged(iterations: Int)
        case invalidArgument(String)
    }

    private let kind: Kind
    /// The metric that failed, as networkx names it (`pagerank`, `hits`, `eigenvector_centrality`, ...).
    public let metric: String

    /// A power iteration did not meet its tolerance within the allowed iterations.
    package static func notConverged(_ metric: String, iterations: Int) -> CentralityError {
        CentralityError(kind: .notConverged(iterations: iterations), metric: metric)
    }

    /// An argument the metric cannot use (a personalization vector of the wrong length or zero sum, ...).
    package static func invalidArgument(_ metric: String, _ message: String) -> CentralityError {
        CentralityError(kind: .invalidArgument(message), metric: metric)
    }

    /// Whether this is a non-convergence error.
    public var isNotConverged: Bool {
        if case .notConverged = kind { return true }
        return false
    }

    /// The metric and what went wrong, e.g. `pagerank: no convergence within 2 iterations`.
    public var description: String {
        switch kind {
        case .notConverged(let iterations): return "\(metric): no convergence within \(iterations) iterations"
        case .invalidArgument(let message): return "\(metric): \(message)"
        }
    }
}
