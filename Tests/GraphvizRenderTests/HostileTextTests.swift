import Foundation
import GraphExport
import GraphvizRender
import ReplyGraphTestSupport
import Testing

/// Hostile tweet text rendered for real: the SVG must hold exactly the nodes and edges the DOTGraph has, no
/// `<script>` element, no event-handler attribute, and no link other than the ones built from ids.
@Suite("Hostile text through Graphviz")
struct HostileTextTests {
    static let names = TestArchive.views.map(\.name) + ["hostile", "export"]

    static func graph(_ name: String) -> DOTGraph {
        if let view = TestArchive.views.first(where: { $0.name == name }) { return view.graph }
        if name == "export" {
            return ExportGraph(
                archive: TestArchive.archive, threads: [TestArchive.thread],
                followUps: TestArchive.followUps
            ).dotGraph
        }
        var graph = DOTGraph("g\"]; x")
        for (k, text) in TestArchive.hostile.enumerated() {
            graph.nodes.append(
                DOTNode(
                    text,
                    [
                        "label": .text(text), "tooltip": .text(text),
                        "xlabel": .html(.table([[.text(text, bold: true)]])),
                    ]))
            graph.edges.append(DOTEdge(text, "n\(k)", ["label": .text(text)]))
        }
        return graph
    }

    @Test("structure and markup survive rendering", arguments: names)
    func svgStructure(name: String) throws {
        let graph = Self.graph(name)
        let rendering = try GraphvizRenderer(engine: name == "mentions-view" ? .neato : .dot).render(graph.dot)
        let svg = SVGCounts(rendering.data)
        #expect(svg.parsed)
        // Nodes include those that only edges name; invisible edges are not drawn.
        let nodeIDs = Set(graph.allNodes.map(\.id) + graph.allEdges.flatMap { [$0.from, $0.to] })
        let visibleEdges = graph.allEdges.filter { ($0.attributes["style"] ?? graph.edgeDefaults["style"]) != "invis" }
        #expect(svg.nodes == nodeIDs.count)
        #expect(svg.edges == visibleEdges.count)
        #expect(svg.elements["script"] == nil)
        #expect(svg.eventAttributes.isEmpty)
        #expect(svg.elements["foreignObject"] == nil)
        for href in svg.hrefs {
            #expect(href.hasPrefix("https://twitter.com/") || href.hasPrefix("https://example"), "\(href)")
            #expect(!href.lowercased().contains("javascript:"))
        }
        // Node titles are the node ids: no text merged two statements or split one.
        // The views' node ids are their own (t<id>, u:<handle>, gap<n>): each SVG node title is one of them.
        if name != "hostile" {
            for title in svg.titles
            where !title.contains("->") && title != graph.id && !title.hasPrefix("cluster")
                && !title.hasPrefix("row_")
            {
                #expect(nodeIDs.contains(title), "\(title)")
            }
        }
        #expect(rendering.warnings.isEmpty, "\(rendering.warnings)")
    }

    @Test("tweet text reaches the SVG as text", arguments: ["thread-view"])
    func textIsText(name: String) throws {
        let svg = try GraphvizRenderer().render(Self.graph(name).dot).text
        #expect(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!svg.contains("<script"))
        #expect(svg.contains("&quot;]; evil &#45;&gt; x [label=&quot;pwned&quot;]; y ["))
    }

    @Test("views render to png and pdf", arguments: TestArchive.views.map(\.name))
    func rasterAndPDF(name: String) throws {
        for format in [OutputFormat.png, .pdf] {
            let rendering = try GraphvizRenderer(format: format).render(Self.graph(name).dot)
            #expect(rendering.data.count > 500)
        }
    }
}
