import Testing

@testable import ReplyGraph

/// ``SampledHarmonicCentrality`` against networkx's harmonic centrality in the committed fixtures.
@Suite("Sampled harmonic centrality")
struct SampledHarmonicCentralityTests {
    /// Pivots even where n searches would be cheaper, to test the sampler; δ = 0.001 and a fixed seed.
    @Test(arguments: CentralityFixture.names)
    func withinTheBoundOfNetworkxOnEveryFixture(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        let exact = try #require(f.vector("harmonic"))
        let estimate = try SampledHarmonicCentrality(epsilon: 0.05, delta: 0.001, seed: 3, exactWhenCheaper: false)
            .estimate(in: g)
        #expect(!estimate.isExact && estimate.pivots > g.nodeCount)
        #expect(estimate.absoluteError == 0.05 * Double(g.nodeCount - 1))
        let error = zip(estimate.scores, exact).map { abs($0 - $1) }.max() ?? 0
        #expect(error <= estimate.absoluteError, "\(name): largest error \(error), bound \(estimate.absoluteError)")
        // Returning zeros would not pass: some node's harmonic centrality is above the bound (except in the
        // sample's star-shaped directed graphs, where every score is at most 1).
        if !name.hasPrefix("sample-") { #expect(exact.max()! > estimate.absoluteError, "\(name)") }
    }

    @Test func weightedTermsAreBoundedByTheLargestWeight() throws {
        let f = try CentralityFixture("karate-undirected")
        let g = f.graph
        let estimate = try SampledHarmonicCentrality(
            epsilon: 0.1, delta: 0.01, weighted: true, seed: 1,
            exactWhenCheaper: false
        ).estimate(in: g)
        let maxWeight = g.outWeights.max()!
        #expect(
            estimate.pivots
                == SampledHarmonicCentrality.pivotCount(
                    epsilon: 0.1, delta: 0.01, nodeCount: 34,
                    range: maxWeight))
        let error = zip(estimate.scores, try #require(f.vector("harmonic_weighted"))).map { abs($0 - $1) }.max()!
        #expect(error <= 0.1 * 33)
    }

    @Test func pivotCountFormula() {
        // ⌈R² ln(2n/δ) / (2ε′²)⌉ with ε′ = ε (n − 1)/n; values computed independently (Python).
        #expect(SampledHarmonicCentrality.pivotCount(epsilon: 0.05, delta: 0.1, nodeCount: 4) == 1559)
        #expect(SampledHarmonicCentrality.pivotCount(epsilon: 0.01, delta: 0.1, nodeCount: 1_000_000) == 84057)
        #expect(SampledHarmonicCentrality.pivotCount(epsilon: 0.1, delta: 0.05, nodeCount: 100) == 424)
        #expect(SampledHarmonicCentrality.pivotCount(epsilon: 0.1, delta: 0.05, nodeCount: 100, range: 3) == 3809)
        #expect(SampledHarmonicCentrality.pivotCount(epsilon: 0.1, delta: 0.05, nodeCount: 1) == 0)
    }

    @Test(arguments: CentralityFixture.names)
    func exactWhenThePivotsWouldBeMoreSearchesThanNodes(_ name: String) throws {
        let f = try CentralityFixture(name)
        let g = f.graph
        let estimate = try SampledHarmonicCentrality(epsilon: 0.05).estimate(in: g)
        #expect(estimate.isExact && estimate.pivots == 0 && estimate.absoluteError == 0)
        expectClose(estimate.scores, f.vector("harmonic"), tolerance: 1e-9, "harmonic, exact")
    }

    @Test func deterministicBySeedWhateverTheThreads() throws {
        let g = try CentralityFixture("corpus10k-interaction").graph
        func run(_ seed: UInt64, _ threads: Int) throws -> [Double] {
            try SampledHarmonicCentrality(epsilon: 0.1, seed: seed, threads: threads, exactWhenCheaper: false)
                .estimate(in: g).scores
        }
        #expect(try run(7, 1) == run(7, 2))
        #expect(try run(7, 2) != run(8, 2))
    }

    @Test func docExample() throws {
        let star = UserGraph(
            labels: ["hub", "a", "b", "c"], edges: [.init(0, 1), .init(0, 2), .init(0, 3)],
            directed: false)
        let estimate = try SampledHarmonicCentrality(epsilon: 0.05, exactWhenCheaper: false).estimate(in: star)
        #expect(estimate.pivots == 1559)
        for (score, exact) in zip(estimate.scores, [3.0, 2, 2, 2]) { #expect(abs(score - exact) <= 0.15) }
    }

    @Test func rejectsEpsilonOrDeltaOutsideTheOpenUnitInterval() {
        let g = UserGraph(labels: ["a", "b"], edges: [.init(0, 1)], directed: false)
        for (e, d) in [(0.0, 0.1), (1.0, 0.1), (0.1, 0.0), (0.1, 1.0)] {
            #expect(throws: CentralityError.self) {
                try SampledHarmonicCentrality(epsilon: e, delta: d).estimate(in: g)
            }
        }
    }
}
