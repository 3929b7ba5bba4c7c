/// A graph the exporters write: an ``ExportGraph`` held in memory, or a source that makes each node and edge as it
/// is written (``TweetGraphExport``), so that a million-tweet graph streams to disk without a copy of it in memory.
///
/// Every writer (GraphML, GEXF, node-link JSON, CSV) reads a graph only through this protocol, so the two kinds
/// give the same bytes for the same graph.
package protocol ExportSource {
    var isDirected: Bool { get }
    /// Graph-level attributes.
    var attributes: [String: AttributeValue] { get }
    /// Node attribute names and their widened types, sorted by name (see ``ExportGraph/nodeSchema``).
    var nodeSchema: [(name: String, type: AttributeType)] { get }
    /// Edge attribute names and their widened types, sorted by name.
    var edgeSchema: [(name: String, type: AttributeType)] { get }
    /// Whether two edges join the same ordered (directed) or unordered pair.
    var isMultigraph: Bool { get }
    /// Calls `body` with every node, in the export's order.
    func forEachNode(_ body: (ExportGraph.Node) -> Void)
    /// Calls `body` with every edge, in the export's order (edge `k` has the id `e<k>`).
    func forEachEdge(_ body: (ExportGraph.Edge) -> Void)
}

extension ExportGraph: ExportSource {
    package func forEachNode(_ body: (Node) -> Void) { for node in nodes { body(node) } }
    package func forEachEdge(_ body: (Edge) -> Void) { for edge in edges { body(edge) } }

    /// A graph holding every node and edge of `source`, in its order.
    ///
    /// - Complexity: O(size of the graph).
    package init(collecting source: some ExportSource) {
        var nodes: [Node] = []
        var edges: [Edge] = []
        source.forEachNode { nodes.append($0) }
        source.forEachEdge { edges.append($0) }
        self.init(isDirected: source.isDirected, nodes: nodes, edges: edges, attributes: source.attributes)
    }
}

extension ExportSource {
    /// Writes the export in `format` to `out` as it goes (all formats but DOT and CSV, whose two files
    /// ``writeCSV(nodes:edges:dialect:neutralisingFormulas:)`` writes).
    ///
    /// - Complexity: O(size of the output); memory O(1) beyond the source's own.
    package func write(
        _ format: ExportFormat, to out: inout some UTF8OutputStream,
        edgesKey: ExportGraph.NodeLinkEdgesKey = .edges
    ) {
        switch format {
        case .graphml: writeGraphML(to: &out)
        case .gexf: writeGEXF(to: &out)
        case .json: writeNodeLinkJSON(to: &out, edgesKey: edgesKey)
        case .csv: writeCSVNodes(to: &out)
        case .dot: ((self as? ExportGraph) ?? ExportGraph(collecting: self)).dotGraph.dot.write(to: &out)
        }
    }
}
