import Foundation
import Testing

@Suite struct CentralityCommandTests {
    /// networkx 3.6.1 values for the sample's interaction graph (see Tests/ReplyGraphTests/Fixtures/centrality/README.md).
    static func networkxFixture(_ name: String) throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ReplyGraphTests/Fixtures/centrality/\(name).json")
        return try #require(JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    @Test func weightedPageRankMatchesNetworkxThroughTheCLI() throws {
        let fixture = try Self.networkxFixture("sample-interaction")
        let labels = try #require(fixture["nodes"] as? [String])
        let metrics = try #require(fixture["metrics"] as? [String: Any])
        let expected = try #require(metrics["pagerank"] as? [Double])
        let result = try CLIRunner.run([
            "centrality", "--graph", "interaction", "--metric", "pagerank", "--weighted",
            "--top", "0", "--format", "json",
        ])
        #expect(result.status == 0)
        let json = try result.json()
        #expect(json["graph"] as? String == "interaction")
        #expect(json["metric"] as? String == "pagerank")
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.count == labels.count)
        var scores: [String: Double] = [:]
        for node in nodes { scores[try #require(node["handle"] as? String)] = node["score"] as? Double }
        for (label, value) in zip(labels, expected) {
            let score = try #require(scores[label], "missing \(label)")
            #expect(abs(score - value) < 1e-6, "\(label): \(score) vs networkx \(value)")
        }
        // Sorted by score (descending), then handle.
        let ordered = nodes.compactMap { $0["score"] as? Double }
        #expect(ordered == ordered.sorted(by: >))
    }

    @Test func allMetricsGiveOneObjectPerHandle() throws {
        let result = try CLIRunner.run(["centrality", "--metric", "all", "--top", "5", "--format", "json"])
        #expect(result.status == 0)
        let nodes = try #require(try result.json()["nodes"] as? [[String: Any]])
        #expect(nodes.count == 5)
        for key in [
            "handle", "pagerank", "betweenness", "closeness", "harmonic", "eigenvector", "hubs",
            "authorities", "core_number", "in_degree", "out_degree", "clustering",
        ] {
            #expect(nodes.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
    }

    @Test func csvAndUsageErrors() throws {
        let csv = try CLIRunner.run(["centrality", "--metric", "in-degree", "--top", "3", "--format", "csv"])
        #expect(csv.status == 0)
        let rows = csv.stdout.split(separator: "\n")
        #expect(rows.first == "handle,in_degree")
        #expect(rows.count == 4)
        #expect(try CLIRunner.run(["centrality", "--metric", "fame"]).status == 64)
        #expect(try CLIRunner.run(["centrality", "--since", "yesterday"]).status == 64)
    }

    @Test func communitiesReportModularity() throws {
        let result = try CLIRunner.run(["communities", "--graph", "co-mention", "--format", "json"])
        #expect(result.status == 0)
        let json = try result.json()
        let modularity = try #require(json["modularity"] as? Double)
        #expect((-0.5...1).contains(modularity))
        let communities = try #require(json["communities"] as? [[String: Any]])
        #expect(communities.reduce(0) { $0 + ($1["size"] as? Int ?? 0) } > 0)
        #expect(communities.allSatisfy { ($0["members"] as? [String])?.count == $0["size"] as? Int })
    }

    /// A mention graph on which eigenvector centrality does not converge in 1,000 iterations (as on
    /// `twarc2/withheld.jsonl`): @hub mentions 40 users, and three of them mention one more user each.
    static func nonConvergingArchive() throws -> URL {
        var pairs = (0..<40).map { ("hub", "u\($0)") }
        pairs += (0..<3).map { ("u\($0)", "v\($0)") }
        let lines = pairs.enumerated().map { k, pair in
            #"{"id": \#(1_625_211_630_396_264_450 + k), "username": "\#(pair.0)", "tweet": "hi @\#(pair.1)", "#
                + #""created_at": "2023-02-13 19:13:42 UTC", "mentions": ["\#(pair.1)"], "reply_to": []}"#
        }
        return try CLIRunner.temporaryFile("pathstar.jsonl", contents: lines.joined(separator: "\n") + "\n")
    }

    @Test func aMetricThatDoesNotConvergeIsNamedAndTheOthersAreStillReported() throws {
        let archive = try Self.nonConvergingArchive()
        let all = try CLIRunner.run(["centrality", archive.path, "--metric", "all", "--top", "0", "--format", "json"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stderr.contains("note: eigenvector left out: eigenvector_centrality: no convergence"))
        let json = try all.json()
        #expect((json["failed"] as? [String: String])?.keys.sorted() == ["eigenvector"])
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        #expect(nodes.count == 44)
        #expect(nodes.allSatisfy { $0["pagerank"] is Double && $0["hubs"] is Double && $0["eigenvector"] == nil })
        let text = try CLIRunner.run(["centrality", archive.path, "--metric", "all", "--top", "3"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("n/a"))
        // Asked for alone, the metric has nothing to show: exit 70 with the reason.
        let alone = try CLIRunner.run(["centrality", archive.path, "--metric", "eigenvector"])
        #expect(alone.status == 70)
        #expect(alone.stderr.contains("no convergence within 1000 iterations"))
        // And batch produces the archive, with the failure recorded in centrality.json.
        let out = archive.deletingLastPathComponent().appendingPathComponent("out")
        let batch = try CLIRunner.run(["batch", archive.path, "--out", out.path])
        #expect(batch.status == 0, "\(batch.stderr)")
        let centrality = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: out.appendingPathComponent("pathstar/centrality.json"))) as? [String: Any])
        #expect((centrality["failed"] as? [String: String])?["eigenvector"] != nil)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("pathstar/mentions.svg").path))
    }
}
