import GraphExport
import Testing

@Suite("MentionGraph filters")
struct MentionGraphTests {
    /// a–b–c triangle, c–d, d–e, plus f alone.
    static let graph = MentionGraph(
        nodes: [
            .init(handle: "a", score: 5), .init(handle: "b", score: 4), .init(handle: "c", score: 3),
            .init(handle: "d", score: 2), .init(handle: "e", score: 1), .init(handle: "f", score: 0),
        ],
        edges: [
            .init(source: "a", target: "b", weight: 3), .init(source: "b", target: "c", weight: 1),
            .init(source: "c", target: "a", weight: 2), .init(source: "c", target: "d", weight: 1),
            .init(source: "d", target: "e", weight: 4), .init(source: "e", target: "e", weight: 9),
        ])

    @Test("top N keeps the highest scores and the edges among them")
    func top() {
        let top = Self.graph.top(3)
        #expect(top.nodes.map(\.handle) == ["a", "b", "c"])
        #expect(top.edges.count == 3)
    }

    @Test("bestConnected keeps a low-score hub that top would drop")
    func bestConnected() {
        // hub mentions everyone and scores lowest (PageRank ranks a pure source low); x is scored high but alone.
        let star = MentionGraph(
            nodes: [
                .init(handle: "hub", score: 0.1), .init(handle: "p", score: 0.3), .init(handle: "q", score: 0.2),
                .init(handle: "r", score: 0.25), .init(handle: "x", score: 0.9),
            ],
            edges: [
                .init(source: "hub", target: "p", weight: 3), .init(source: "hub", target: "q"),
                .init(source: "hub", target: "r", weight: 2),
            ])
        #expect(star.top(3).edges.isEmpty) // x, p, r: no edge among them
        let kept = star.bestConnected(3)
        #expect(kept.nodes.map(\.handle) == ["hub", "p", "r"]) // strength 6, 3, 2 (q has 1)
        #expect(kept.edges.count == 2)
        #expect(star.bestConnected(10) == star)
    }

    @Test("minWeight drops light edges and isolated nodes")
    func minWeight() {
        let heavy = Self.graph.minWeight(3)
        #expect(Set(heavy.edges.map { $0.source + $0.target }) == ["ab", "de", "ee"])
        #expect(heavy.nodes.map(\.handle) == ["a", "b", "d", "e"])
    }

    @Test("k-core peels low-degree nodes", arguments: [(0, "abcdef"), (1, "abcde"), (2, "abc"), (3, "")])
    func kCore(k: Int, expected: String) {
        #expect(Self.graph.kCore(k).nodes.map(\.handle).joined() == expected)
    }

    @Test(
        "ego network by radius, centre found case-insensitively",
        arguments: [(0, "a"), (1, "abc"), (2, "abcd"), (5, "abcde")])
    func ego(radius: Int, expected: String) {
        #expect(Self.graph.ego("@A", radius: radius).nodes.map(\.handle).joined() == expected)
    }

    @Test("an unknown ego centre gives an empty graph")
    func egoMissing() {
        #expect(Self.graph.ego("nobody", radius: 2).nodes.isEmpty)
    }

    @Test("edge endpoints missing from the nodes are added")
    func missingEndpoints() {
        let graph = MentionGraph(nodes: [], edges: [.init(source: "x", target: "y")])
        #expect(graph.nodes.map(\.handle) == ["x", "y"])
    }
}
