import Testing

@testable import ReplyGraph

/// ``ApproximateBetweenness`` against networkx's exact betweenness in the committed fixtures.
@Suite("Approximate betweenness")
struct ApproximateBetweennessTests {
    /// The largest absolute gap between two score vectors.
    static func largestError(_ a: [Double], _ b: [Double]) -> Double {
        zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }

    /// With δ = 0.001 a miss has probability at most 1/1000 per seed; seed 1 is fixed, so this either always
    /// passes or always fails for a given implementation.
    @Test(arguments: CentralityFixture.names)
    func withinEpsilonOfNetworkxOnEveryFixture(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        let epsilon = 0.02
        for weighted in [false, true] {
            let exact = try #require(f.vector(weighted ? "betweenness_weighted" : "betweenness"))
            // Sampled even where the weighted exact computation would be cheaper, to test the sampler.
            let estimate = try ApproximateBetweenness(
                epsilon: epsilon, delta: 0.001, weighted: weighted, seed: 1,
                exactWhenCheaper: false
            ).estimate(in: g)
            #expect(!estimate.isExact && estimate.samples > 0 || exact.allSatisfy { $0 == 0 })
            #expect(estimate.scores.count == g.nodeCount)
            let error = Self.largestError(estimate.scores, exact)
            #expect(error <= epsilon, "\(name) weighted=\(weighted): largest error \(error)")
            if exact.allSatisfy({ $0 == 0 }) {
                // No shortest path has an inner node: nothing can be counted, whatever was sampled.
                #expect(estimate.scores.allSatisfy { $0 == 0 })
            }
        }
    }

    /// The test above cannot pass by returning zeros: on these fixtures some node's betweenness exceeds ε.
    @Test func theFixturesHaveBetweennessAboveEpsilon() throws {
        for name in [
            "karate-undirected", "karate-directed", "corpus10k-mention", "corpus10k-comention",
            "corpus10k-interaction",
        ] {
            let exact = try #require(try CentralityFixture(name).vector("betweenness"))
            #expect(exact.max()! > 0.03, "\(name)")
        }
    }

    /// The guarantee as the issue states it: over 20 seeds the largest error stays within ε in at least 1 − δ of
    /// the runs (in practice in all of them: the bound is conservative).
    @Test(arguments: ["karate-undirected", "corpus10k-mention"])
    func twentySeedsMeetTheBound(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        let exact = try #require(f.vector("betweenness"))
        var misses = 0
        for seed in 0..<UInt64(20) {
            let estimate = try ApproximateBetweenness(epsilon: 0.05, delta: 0.1, seed: seed).estimate(in: g)
            if Self.largestError(estimate.scores, exact) > 0.05 { misses += 1 }
        }
        #expect(misses <= 2)
    }

    @Test func agreesWithOurExactBetweennessOnALargerRandomGraph() throws {
        // 600 users, 3,000 random mentions: exact is ours (checked against networkx by the fixture tests).
        var rng = SeededGenerator(seed: 11)
        let edges = (0..<3000).map { _ in
            UserGraph.Edge(Int32(rng.next(upperBound: UInt64(600))), Int32(rng.next(upperBound: UInt64(600))))
        }
        let g = UserGraph(labels: (0..<600).map { "u\($0)" }, edges: edges, directed: true)
        let exact = BetweennessCentrality().scores(in: g)
        let estimate = try ApproximateBetweenness(epsilon: 0.01, delta: 0.01, seed: 5).estimate(in: g)
        #expect(Self.largestError(estimate.scores, exact) <= 0.01)
        #expect(exact.max()! > 0.01)
    }

    @Test func sampleSizeFormula() {
        // ⌈c/ε′² (⌊log₂(VD − 2)⌋ + 1 + ln(1/δ))⌉ with ε′ = ε (n − 2)/n, or the union bound ⌈ln(2n/δ)/(2ε′²)⌉ when
        // smaller; values computed independently (Python, math.log).
        #expect(ApproximateBetweenness.sampleSize(epsilon: 0.05, delta: 0.1, vertexDiameter: 3, nodeCount: 3) == 5945)
        #expect(
            ApproximateBetweenness.sampleSize(
                epsilon: 0.01, delta: 0.1, vertexDiameter: 18,
                nodeCount: 1_000_002) == 36514)
        #expect(
            ApproximateBetweenness.sampleSize(epsilon: 0.01, delta: 0.1, vertexDiameter: 18, nodeCount: 1000) == 36660)
        #expect(ApproximateBetweenness.sampleSize(epsilon: 0.1, delta: 0.05, vertexDiameter: 10, nodeCount: 100) == 365)
        // A loose diameter bound (4,000 on 1,000 nodes): the union bound is smaller and is used.
        #expect(
            ApproximateBetweenness.sampleSize(epsilon: 0.01, delta: 0.1, vertexDiameter: 4000, nodeCount: 1000) == 49717
        )
        // ⌊log₂(VD − 2)⌋ steps at powers of two: VD 17 and 18 give 4 + 1, VD 10 gives 3 + 1.
        let vd17 = ApproximateBetweenness.sampleSize(
            epsilon: 0.01, delta: 0.1, vertexDiameter: 17, nodeCount: 1_000_002)
        #expect(vd17 < 36514)
        // Nothing to sample when no shortest path has an inner node.
        #expect(ApproximateBetweenness.sampleSize(epsilon: 0.01, delta: 0.1, vertexDiameter: 2, nodeCount: 100) == 0)
        #expect(ApproximateBetweenness.sampleSize(epsilon: 0.01, delta: 0.1, vertexDiameter: 5, nodeCount: 2) == 0)
        // Halving ε quadruples the sample.
        let r1 = ApproximateBetweenness.sampleSize(epsilon: 0.02, delta: 0.1, vertexDiameter: 12, nodeCount: 1_000_000)
        let r2 = ApproximateBetweenness.sampleSize(epsilon: 0.01, delta: 0.1, vertexDiameter: 12, nodeCount: 1_000_000)
        #expect(abs(Double(r2) / Double(r1) - 4) < 0.001)
    }

    @Test func theEstimateUsesTheFormulaWithTheDiameterBound() throws {
        let g = try CentralityFixture("karate-directed").graph
        let estimate = try ApproximateBetweenness(epsilon: 0.03, delta: 0.05).estimate(in: g)
        #expect(estimate.vertexDiameterBound == VertexDiameterBound().value(in: g))
        #expect(
            estimate.samples
                == ApproximateBetweenness.sampleSize(
                    epsilon: 0.03, delta: 0.05, vertexDiameter: estimate.vertexDiameterBound, nodeCount: g.nodeCount))
    }

    @Test func deterministicBySeedWhateverTheThreads() throws {
        let g = try CentralityFixture("corpus10k-interaction").graph
        let one = try ApproximateBetweenness(epsilon: 0.05, seed: 42, threads: 1).estimate(in: g)
        let two = try ApproximateBetweenness(epsilon: 0.05, seed: 42, threads: 2).estimate(in: g)
        let again = try ApproximateBetweenness(epsilon: 0.05, seed: 42, threads: 2).estimate(in: g)
        let other = try ApproximateBetweenness(epsilon: 0.05, seed: 43, threads: 2).estimate(in: g)
        for estimate in [two, again] {
            #expect(
                estimate.scores == one.scores && estimate.samples == one.samples
                    && estimate.vertexDiameterBound == one.vertexDiameterBound && estimate.isExact == one.isExact)
        }
        #expect(other.scores != two.scores)
        #expect(other.samples == two.samples)
    }

    @Test func weightedIsExactWhenTheSampleIsAtLeastTheNodeCount() throws {
        let f = try CentralityFixture("karate-undirected")
        let g = f.graph
        let weighted = try ApproximateBetweenness(epsilon: 0.05, weighted: true).estimate(in: g)
        #expect(weighted.isExact && weighted.samples == 0)
        expectClose(weighted.scores, f.vector("betweenness_weighted"), tolerance: 1e-9, "weighted, exact")
        // Unweighted always samples.
        let unweighted = try ApproximateBetweenness(epsilon: 0.05).estimate(in: g)
        #expect(!unweighted.isExact && unweighted.samples > g.nodeCount)
    }

    @Test func degenerateGraphs() throws {
        for g in [
            UserGraph(labels: [], edges: [], directed: true), UserGraph(labels: ["a"], edges: [], directed: true),
            UserGraph(labels: ["a", "b"], edges: [.init(0, 1)], directed: true),
            UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(0, 2)], directed: true),
        ] {
            let estimate = try ApproximateBetweenness(epsilon: 0.1).estimate(in: g)
            #expect(estimate.scores == [Double](repeating: 0, count: g.nodeCount))
            #expect(estimate.samples == 0)
        }
    }

    @Test func rejectsEpsilonOrDeltaOutsideTheOpenUnitInterval() {
        let g = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2)], directed: false)
        for (e, d) in [(0.0, 0.1), (1.0, 0.1), (-0.1, 0.1), (0.1, 0.0), (0.1, 1.0), (.nan, 0.1)] {
            #expect(throws: CentralityError.self) { try ApproximateBetweenness(epsilon: e, delta: d).estimate(in: g) }
        }
    }

    @Test func docExample() throws {
        let path = UserGraph(labels: ["a", "b", "c"], edges: [.init(0, 1), .init(1, 2)], directed: false)
        let estimate = try ApproximateBetweenness(epsilon: 0.05, delta: 0.1, seed: 1).estimate(in: path)
        #expect(estimate.samples == 5945)
        #expect(estimate.vertexDiameterBound == 3)
        #expect(estimate.scores[0] == 0 && estimate.scores[2] == 0)
        #expect(abs(estimate.scores[1] - 1) <= 0.05)
    }
}

/// The path drawn for one pair is uniform over its shortest paths, in both samplers.
@Suite("Shortest-path sampler")
struct PathSamplerTests {
    /// s → a1, a2, a3 → m1 → t and s → b → m2 → t: four shortest s → t paths, three through m1. The bidirectional
    /// search meets at {m1, m2} with σ_s = 3 and 1, so m1 must be chosen 3/4 of the time, not 1/2.
    static let diamonds = UserGraph(
        labels: ["s", "a1", "a2", "a3", "b", "m1", "m2", "t"],
        edges: [
            .init(0, 1), .init(0, 2), .init(0, 3), .init(0, 4), .init(1, 5), .init(2, 5), .init(3, 5),
            .init(4, 6), .init(5, 7), .init(6, 7),
        ],
        directed: true)

    @Test(arguments: [false, true])
    func pathsAreDrawnInProportionToTheirNumber(_ weighted: Bool) {
        let g = Self.diamonds
        var sampler = PathSampler(n: g.nodeCount, weighted: weighted)
        var rng = SeededGenerator(seed: 9)
        let draws = 4000
        let lengths = g.outWeights.map { 1 / $0 }
        for _ in 0..<draws {
            if weighted {
                sampler.weightedPath(0, 7, graph: g, outLengths: lengths, inLengths: lengths, rng: &rng)
            } else {
                sampler.unweightedPath(0, 7, graph: g, rng: &rng)
            }
        }
        let c = sampler.counts
        // Binomial standard deviations: √(4000 · 3/4 · 1/4) ≈ 27 for m1, √(4000 · 1/4 · 3/4) ≈ 27 for each a.
        #expect((2850...3150).contains(c[5]), "m1 \(c[5])")
        #expect(c[5] + c[6] == Double(draws) && c[1] + c[2] + c[3] + c[4] == Double(draws))
        for a in 1...4 { #expect((850...1150).contains(c[a]), "\(g.labels[a]) \(c[a])") }
        #expect(c[0] == 0 && c[7] == 0, "endpoints are not inner nodes")
    }
}
