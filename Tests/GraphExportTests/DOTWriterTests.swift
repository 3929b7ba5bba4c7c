import GraphExport
import ReplyGraphTestSupport
import Testing

@Suite("DOT writer")
struct DOTWriterTests {
    @Test("the doc example is written as documented")
    func example() {
        var graph = DOTGraph("replies")
        graph.nodes = [DOTNode("a", ["label": .text("say \"hi\"")]), DOTNode("b")]
        graph.edges = [DOTEdge("a", "b")]
        #expect(
            graph.dot == """
                digraph replies {
                  a [label="say \\"hi\\""];
                  b;
                  a -> b;
                }

                """)
    }

    @Test("attributes are sorted, subgraphs nested, undirected edges use --")
    func structure() throws {
        var graph = DOTGraph(
            "g", isDirected: false, isStrict: true, attributes: ["rankdir": "LR", "label": .text("L")])
        graph.nodeDefaults = ["shape": "box"]
        graph.subgraphs = [
            DOTSubgraph(
                "cluster_a", attributes: ["label": .text("A")], nodes: [DOTNode("x")],
                subgraphs: [
                    DOTSubgraph(
                        "inner", attributes: ["rank": "same"],
                        nodes: [DOTNode("y", ["width": 0.5])])
                ])
        ]
        graph.edges = [DOTEdge("x", "y", ["weight": 2, "constraint": false])]
        try expectSnapshot(graph.dot, named: "structure.dot")
        #expect(graph.allNodes.map(\.id) == ["x", "y"])
    }

    @Test("hostile strings everywhere stay inside their quotes")
    func hostileEverywhere() throws {
        var graph = DOTGraph("g\"]; x")
        for (k, text) in TestArchive.hostile.enumerated() {
            graph.nodes.append(
                DOTNode(
                    text,
                    [
                        "label": .text(text), "tooltip": .text(text),
                        "xlabel": .html(.table([[.text(text, bold: true, color: "red\"><x")]])),
                    ]))
            var attributes: DOTAttributes = ["k": .number(Double(k))]
            attributes[text] = .text(text) // a hostile attribute name, too
            graph.edges.append(DOTEdge(text, "n\(k)", attributes))
        }
        let dot = graph.dot
        try expectSnapshot(dot, named: "hostile.dot")
        // One statement per line: newlines in text never break a line, NUL never appears.
        #expect(dot.split(separator: "\n").count == 2 + graph.nodes.count + graph.edges.count)
        #expect(!dot.unicodeScalars.contains("\u{0}"))
        #expect(!dot.contains("\u{202E}"))
    }

    @Test("output is deterministic")
    func deterministic() {
        let first = TestArchive.views.map(\.graph.dot)
        for _ in 0..<3 { #expect(TestArchive.views.map(\.graph.dot) == first) }
    }
}
