import Foundation
import Testing

/// `replygraph centrality --epsilon/--delta/--exact/--exact-limit`, run as a user would.
@Suite struct ApproximateBetweennessCommandTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ReplyGraphTests/Fixtures/centrality")
    /// The 10,000-tweet corpus whose mention graph's networkx betweenness is in `corpus10k-mention.json`.
    static let corpus = fixtures.appendingPathComponent("corpus-10k-seed7.twint.txt").path

    static func scores(_ result: CLIRunner.Result) throws -> [String: Double] {
        let nodes = try #require(try result.json()["nodes"] as? [[String: Any]])
        var scores: [String: Double] = [:]
        for node in nodes { scores[try #require(node["handle"] as? String)] = try #require(node["score"] as? Double) }
        return scores
    }

    @Test func estimateIsWithinEpsilonOfNetworkxAndSaysHowItWasMade() throws {
        let fixture = try CentralityCommandTests.networkxFixture("corpus10k-mention")
        let labels = try #require(fixture["nodes"] as? [String])
        let exact = try #require((fixture["metrics"] as? [String: Any])?["betweenness"] as? [Double])
        let result = try CLIRunner.run([
            "centrality", Self.corpus, "--metric", "betweenness", "--top", "0",
            "--epsilon", "0.02", "--delta", "0.01", "--seed", "5", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let scores = try Self.scores(result)
        #expect(scores.count == labels.count)
        for (label, value) in zip(labels, exact) {
            let score = try #require(scores[label], "missing \(label)")
            #expect(abs(score - value) <= 0.02, "\(label): \(score) vs networkx \(value)")
        }
        let approximate = try #require(
            (try result.json()["approximate"] as? [String: Any])?["betweenness"]
                as? [String: Any])
        #expect(approximate["method"] as? String == "riondato-kornaropoulos")
        #expect(approximate["epsilon"] as? Double == 0.02)
        #expect(approximate["delta"] as? Double == 0.01)
        #expect(approximate["seed"] as? Int == 5)
        #expect(approximate["exact"] as? Bool == false)
        #expect((approximate["samples"] as? Int ?? 0) > 1000)
        #expect((approximate["vertex_diameter_bound"] as? Int ?? 0) >= 3)
    }

    @Test func textAndCSVSayTheScoresAreApproximate() throws {
        let text = try CLIRunner.run([
            "centrality", Self.corpus, "--metric", "betweenness", "--top", "3",
            "--epsilon", "0.05",
        ])
        #expect(text.status == 0)
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.count == 6)
        #expect(
            lines[1].hasPrefix(
                "betweenness is approximate: within ±0.05 of exact for every user with probability ≥ 0.9 (Riondato-Kornaropoulos sampling: "
            ))
        let csv = try CLIRunner.run([
            "centrality", Self.corpus, "--metric", "all", "--top", "3", "--epsilon", "0.05",
            "--format", "csv",
        ])
        #expect(csv.status == 0)
        #expect(csv.stdout.split(separator: "\n").count == 4, "CSV rows only")
        #expect(csv.stderr.contains("note: betweenness is approximate: within ±0.05"))
        let all = try CLIRunner.run([
            "centrality", Self.corpus, "--metric", "all", "--top", "3", "--epsilon", "0.05",
            "--format", "json",
        ])
        #expect((try all.json()["approximate"] as? [String: Any])?.keys.sorted() == ["betweenness", "harmonic"])
    }

    @Test func exactOutputsCarryNoApproximation() throws {
        let json = try CLIRunner.run(["centrality", Self.corpus, "--metric", "betweenness", "--format", "json"])
        #expect(json.status == 0)
        #expect(try json.json()["approximate"] == nil)
        let text = try CLIRunner.run(["centrality", Self.corpus, "--metric", "betweenness", "--top", "3"])
        #expect(!text.stdout.contains("approximate"))
        #expect(!text.stderr.contains("approximate"), "the corpus warns of its malformed lines, nothing more")
    }

    @Test func sameSeedSameOutputOtherSeedOtherScores() throws {
        let args = [
            "centrality", Self.corpus, "--metric", "betweenness", "--top", "0", "--epsilon", "0.05",
            "--format", "csv",
        ]
        let a = try CLIRunner.run(args + ["--seed", "1"])
        let b = try CLIRunner.run(args + ["--seed", "1"])
        let c = try CLIRunner.run(args + ["--seed", "2"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
    }

    @Test func refusesExactBetweennessAboveTheLimitAndNamesTheWayOut() throws {
        // The corpus's exact betweenness takes milliseconds; a limit of a microsecond stands for a big graph.
        let refused = try CLIRunner.run([
            "centrality", Self.corpus, "--metric", "betweenness",
            "--exact-limit", "0.000001",
        ])
        #expect(refused.status == 64)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("exact betweenness on this graph (78 users, 324 edges) would take about"))
        #expect(refused.stderr.contains("--epsilon 0.01") && refused.stderr.contains("--exact to run it anyway"))
        let all = try CLIRunner.run(["centrality", Self.corpus, "--metric", "all", "--exact-limit", "0.000001"])
        #expect(all.status == 64)
        for bypass in [["--exact"], ["--epsilon", "0.05"], ["--samples", "10"]] {
            let run = try CLIRunner.run(
                [
                    "centrality", Self.corpus, "--metric", "betweenness", "--exact-limit",
                    "0.000001",
                ] + bypass)
            #expect(run.status == 0, "\(bypass): \(run.stderr)")
        }
        // Other metrics are not held back.
        let pagerank = try CLIRunner.run(["centrality", Self.corpus, "--metric", "pagerank", "--exact-limit", "0"])
        #expect(pagerank.status == 0)
        // --exact gives the same scores as the default run.
        let forced = try CLIRunner.run(["centrality", Self.corpus, "--metric", "betweenness", "--exact"])
        let plain = try CLIRunner.run(["centrality", Self.corpus, "--metric", "betweenness"])
        #expect(forced.stdout == plain.stdout)
    }

    @Test(arguments: [
        ["--delta", "0.1"], ["--epsilon", "0"], ["--epsilon", "1"], ["--epsilon", "0.1", "--delta", "1.5"],
        ["--epsilon", "0.1", "--samples", "5"], ["--exact", "--epsilon", "0.1"], ["--exact", "--samples", "5"],
        ["--exact-limit", "-1"],
    ])
    func usageErrors(_ flags: [String]) throws {
        let result = try CLIRunner.run(["centrality", Self.corpus, "--metric", "betweenness"] + flags)
        #expect(result.status == 64, "\(flags)")
        #expect(!result.stderr.isEmpty)
    }

    @Test func helpNamesTheMethodAndTheOptions() throws {
        let help = try CLIRunner.run(["centrality", "--help"])
        for text in ["Riondato", "--epsilon", "--delta", "--exact", "--exact-limit"] {
            #expect(help.stdout.contains(text), "\(text)")
        }
    }
}

/// `--epsilon` also estimates harmonic centrality from pivots.
@Suite struct SampledHarmonicCommandTests {
    @Test func harmonicFromPivotsSaysItsBound() throws {
        // The sample's interaction graph (396 users) with ε = δ = 0.5: ⌈ln(2 · 396 / 0.5) / (2 · 0.49875²)⌉ = 15 pivots.
        let fixture = try CentralityCommandTests.networkxFixture("sample-interaction")
        let labels = try #require(fixture["nodes"] as? [String])
        let exact = try #require((fixture["metrics"] as? [String: Any])?["harmonic"] as? [Double])
        let result = try CLIRunner.run([
            "centrality", "--graph", "interaction", "--metric", "harmonic", "--top", "0",
            "--epsilon", "0.5", "--delta", "0.5", "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let harmonic = try #require((try result.json()["approximate"] as? [String: Any])?["harmonic"] as? [String: Any])
        #expect(harmonic["method"] as? String == "eppstein-wang")
        #expect(harmonic["samples"] as? Int == 15)
        #expect(harmonic["absolute_error"] as? Double == 0.5 * 395)
        #expect(harmonic["vertex_diameter_bound"] == nil)
        let scores = try ApproximateBetweennessCommandTests.scores(result)
        for (label, value) in zip(labels, exact) {
            let score = try #require(scores[label])
            #expect(abs(score - value) <= 0.5 * 395, "\(label)")
        }
        let text = try CLIRunner.run([
            "centrality", "--graph", "interaction", "--metric", "harmonic", "--top", "1",
            "--epsilon", "0.5", "--delta", "0.5",
        ])
        #expect(
            text.stdout.contains(
                "harmonic is approximate: within ±197.5 of exact for every user with probability ≥ 0.5 (±0.5 × (users − 1); Eppstein-Wang sampling: 15 pivots, seed 0)"
            ))
        // On a small graph the pivots would outnumber the users: computed exactly, and said so.
        let small = try CLIRunner.run(["centrality", "--metric", "harmonic", "--top", "1", "--epsilon", "0.05"])
        #expect(small.stdout.contains("harmonic computed exactly: cheaper than the sample --epsilon 0.05 needs"))
    }
}
