/// The named node metrics of a user graph, computed together: what `replygraph centrality` and the batch export
/// report.
///
///     let graph = ReplyGraph(archive).userGraph(.mention)
///     let panel = try CentralityPanel(metrics: [.pagerank, .betweenness]).compute(in: graph)
///     panel.ranking(.pagerank)?.top(3)   // the three users with the highest PageRank
///
/// - Complexity: the sum of the chosen metrics' costs; betweenness (O(n·m), on all cores) dominates.
public struct CentralityPanel: Sendable {
    /// A per-node metric by its command-line name.
    public enum Metric: String, CaseIterable, Hashable, Sendable {
        /// Degrees are raw counts (or weight sums with `weighted`), not networkx's normalized `degree_centrality`.
        case degree
        case inDegree = "in-degree"
        case outDegree = "out-degree"
        /// ``PageRank``, ``BetweennessCentrality``, ``ClosenessCentrality``, ``HarmonicCentrality``,
        /// ``EigenvectorCentrality`` and ``HITS``.
        case pagerank, betweenness, closeness, harmonic, eigenvector, hubs, authorities
        /// ``CoreNumber`` and the local clustering coefficient.
        case coreNumber = "core-number"
        case clustering
        /// The number of the node's weak or strong component (``Components``).
        case weakComponent = "weak-component"
        case strongComponent = "strong-component"

        /// The JSON key (`in_degree`, `core_number`, ...).
        package var key: String { rawValue.replacingOccurrences(of: "-", with: "_") }
    }

    /// Whole-graph figures reported beside the per-node metrics.
    package struct GraphFigures: Sendable, Hashable, Encodable {
        package var nodes: Int
        package var edges: Int
        package var selfLoops: Int
        package var density: Double
        /// `nil` for an undirected graph or one without edges.
        package var reciprocity: Double?
        package var averageClustering: Double
        package var weakComponents: Int
        package var strongComponents: Int

        enum CodingKeys: String, CodingKey {
            case nodes, edges, density, reciprocity
            case selfLoops = "self_loops"
            case averageClustering = "average_clustering"
            case weakComponents = "weak_components"
            case strongComponents = "strong_components"
        }
    }

    /// The error asked of the metrics that can be estimated by sampling (betweenness and harmonic).
    public struct ErrorBound: Sendable, Hashable {
        /// The additive error on the metric's normalized scale, in (0, 1).
        package var epsilon: Double
        /// The probability, in (0, 1), that some node's score misses it.
        package var delta: Double

        /// Within ±`epsilon` with probability at least 1 − `delta`.
        public init(epsilon: Double, delta: Double = 0.1) {
            self.epsilon = epsilon
            self.delta = delta
        }
    }

    /// How an approximated metric was computed, and the bound it meets.
    package struct Approximation: Sendable, Hashable, Encodable {
        /// The sampling scheme behind an estimate; its raw value is the JSON `method`.
        package enum Method: String, Sendable, Hashable, Encodable {
            /// Betweenness from sampled shortest paths (Riondato & Kornaropoulos, 2016).
            case riondatoKornaropoulos = "riondato-kornaropoulos"
            /// Harmonic centrality from sampled pivots (Eppstein & Wang, 2004).
            case eppsteinWang = "eppstein-wang"
        }

        package var method: Method
        /// Every score is within ±`epsilon` of the exact one on the normalized scale ...
        package var epsilon: Double
        /// ... with probability at least 1 − `delta`.
        package var delta: Double
        /// The bound on the scale of the reported scores: ε for betweenness, ε (n − 1) for harmonic.
        package var absoluteError: Double
        /// Number of sampled (s, t) pairs (betweenness) or pivots (harmonic); 0 when computed exactly.
        package var samples: Int
        /// The upper bound on the vertex diameter that sized the sample (betweenness only).
        package var vertexDiameterBound: Int?
        package var seed: UInt64
        /// The scores were computed exactly because that was cheaper than the sample.
        package var exact: Bool

        enum CodingKeys: String, CodingKey {
            case method, epsilon, delta, samples, seed, exact
            case absoluteError = "absolute_error"
            case vertexDiameterBound = "vertex_diameter_bound"
        }
    }

    /// The computed metrics and the whole-graph figures.
    public struct Result: Sendable {
        /// The graph the metrics were computed in.
        package var graph: UserGraph
        /// Scores by node index of ``graph``.
        package var scores: [Metric: [Double]]
        package var figures: GraphFigures
        /// The metrics whose power iteration did not converge (eigenvector, HITS, PageRank), with the error; they
        /// have no entry in ``scores``, and every other metric is still computed.
        package var failures: [Metric: CentralityError] = [:]
        /// The metrics estimated with a stated error bound (betweenness and harmonic with ``errorBound``).
        package var approximations: [Metric: Approximation] = [:]

        /// The users ranked by `metric`, or nil when it was not asked for or did not converge.
        public func ranking(_ metric: Metric) -> Ranking? {
            scores[metric].map { Ranking(graph: graph, scores: $0) }
        }
    }

    package var metrics: [Metric]
    /// Use edge weights (counts) in every metric that can; otherwise every edge counts 1.
    package var weighted: Bool
    /// Seconds-long metrics can be sampled: betweenness with this many pivots (exact when `nil`).
    package var betweennessSamples: Int?
    /// Betweenness by ``ApproximateBetweenness`` and harmonic by ``SampledHarmonicCentrality`` within this bound
    /// (exact when `nil`); overrides ``betweennessSamples``.
    package var errorBound: ErrorBound?
    package var seed: UInt64

    /// A panel of `metrics`, weighted or not; betweenness sampled from `betweennessSamples` pivots or estimated
    /// within `errorBound` (with harmonic), with `seed`.
    public init(
        metrics: [Metric] = Metric.allCases, weighted: Bool = false, betweennessSamples: Int? = nil,
        errorBound: ErrorBound? = nil, seed: UInt64 = 0
    ) {
        self.metrics = metrics
        self.weighted = weighted
        self.betweennessSamples = betweennessSamples
        self.errorBound = errorBound
        self.seed = seed
    }

    /// Computes the chosen metrics. A metric whose iteration does not converge is left out of the scores and
    /// recorded in `Result/failures`; the others are still computed.
    ///
    /// - Throws: ``CentralityError`` for an invalid argument (never for non-convergence).
    public func compute(in graph: UserGraph) throws(CentralityError) -> Result {
        var scores: [Metric: [Double]] = [:]
        var failures: [Metric: CentralityError] = [:]
        var approximations: [Metric: Approximation] = [:]
        var hits: (hubs: [Double], authorities: [Double])?
        var hitsFailure: CentralityError?
        for metric in metrics {
            do throws(CentralityError) {
                switch metric {
                case .degree:
                    scores[metric] = DegreeCentrality(direction: .total, weighted: weighted, normalized: false).scores(
                        in: graph)
                case .inDegree:
                    scores[metric] = DegreeCentrality(direction: .incoming, weighted: weighted, normalized: false)
                        .scores(in: graph)
                case .outDegree:
                    scores[metric] = DegreeCentrality(direction: .outgoing, weighted: weighted, normalized: false)
                        .scores(in: graph)
                case .pagerank: scores[metric] = try PageRank(weighted: weighted).scores(in: graph)
                case .betweenness:
                    if let bound = errorBound {
                        let estimate = try ApproximateBetweenness(
                            epsilon: bound.epsilon, delta: bound.delta,
                            weighted: weighted, seed: seed
                        ).estimate(in: graph)
                        scores[metric] = estimate.scores
                        approximations[metric] = Approximation(
                            method: .riondatoKornaropoulos, epsilon: bound.epsilon, delta: bound.delta,
                            absoluteError: estimate.isExact ? 0 : bound.epsilon, samples: estimate.samples,
                            vertexDiameterBound: estimate.vertexDiameterBound, seed: seed, exact: estimate.isExact)
                    } else {
                        scores[metric] = BetweennessCentrality(
                            weighted: weighted, sampleCount: betweennessSamples,
                            seed: seed
                        ).scores(in: graph)
                    }
                case .closeness: scores[metric] = ClosenessCentrality(weighted: weighted).scores(in: graph)
                case .harmonic:
                    if let bound = errorBound {
                        let estimate = try SampledHarmonicCentrality(
                            epsilon: bound.epsilon, delta: bound.delta,
                            weighted: weighted, seed: seed
                        ).estimate(in: graph)
                        scores[metric] = estimate.scores
                        approximations[metric] = Approximation(
                            method: .eppsteinWang, epsilon: bound.epsilon, delta: bound.delta,
                            absoluteError: estimate.absoluteError, samples: estimate.pivots, vertexDiameterBound: nil,
                            seed: seed, exact: estimate.isExact)
                    } else {
                        scores[metric] = HarmonicCentrality(weighted: weighted).scores(in: graph)
                    }
                case .eigenvector:
                    scores[metric] = try EigenvectorCentrality(maxIterations: 1000, weighted: weighted).scores(
                        in: graph)
                case .hubs, .authorities:
                    if let hitsFailure { throw hitsFailure }
                    if hits == nil {
                        do throws(CentralityError) {
                            hits = try HITS(maxIterations: 1000, weighted: weighted).scores(in: graph)
                        } catch {
                            hitsFailure = error
                            throw error
                        }
                    }
                    scores[metric] = metric == .hubs ? hits!.hubs : hits!.authorities
                case .coreNumber: scores[metric] = CoreNumber().values(in: graph).map(Double.init)
                case .clustering: scores[metric] = ClusteringCoefficient(weighted: weighted).scores(in: graph)
                case .weakComponent:
                    scores[metric] = Components(of: graph, .weak).componentOfNode.map(Double.init)
                case .strongComponent:
                    scores[metric] = Components(of: graph, .strong).componentOfNode.map(Double.init)
                }
            } catch {
                guard error.isNotConverged else { throw error }
                failures[metric] = error
            }
        }
        let figures = GraphFigures(
            nodes: graph.nodeCount, edges: graph.edgeCount,
            selfLoops: graph.selfLoopWeights.filter { $0 > 0 }.count,
            density: Density().value(in: graph),
            reciprocity: graph.isDirected ? Reciprocity().value(in: graph) : nil,
            averageClustering: ClusteringCoefficient(weighted: weighted).average(in: graph),
            weakComponents: Components(of: graph, .weak).count,
            strongComponents: graph.isDirected
                ? Components(of: graph, .strong).count
                : Components(of: graph, .weak).count)
        return Result(
            graph: graph, scores: scores, figures: figures, failures: failures, approximations: approximations)
    }
}
