extension DOTGraph {
    /// The graph as DOT source, two-space indented, ending with a newline.
    ///
    /// - Complexity: O(size of the output).
    public var dot: String {
        var out = ""
        out += (isStrict ? "strict " : "") + (isDirected ? "digraph " : "graph ") + Escaping.dotID(id) + " {\n"
        let arrow = isDirected ? " -> " : " -- "
        Self.writeBody(into: &out, indent: "  ", arrow: arrow, attributes: attributes, nodeDefaults: nodeDefaults,
                       edgeDefaults: edgeDefaults, nodes: nodes, edges: edges, subgraphs: subgraphs)
        out += "}\n"
        return out
    }

    private static func writeBody(into out: inout String, indent: String, arrow: String, attributes: DOTAttributes,
                                  nodeDefaults: DOTAttributes, edgeDefaults: DOTAttributes, nodes: [DOTNode],
                                  edges: [DOTEdge], subgraphs: [DOTSubgraph]) {
        for (name, value) in attributes {
            out += indent + Escaping.dotID(name) + "=" + value.dot + ";\n"
        }
        if !nodeDefaults.isEmpty { out += indent + "node" + list(nodeDefaults) + ";\n" }
        if !edgeDefaults.isEmpty { out += indent + "edge" + list(edgeDefaults) + ";\n" }
        for subgraph in subgraphs {
            out += indent + "subgraph " + Escaping.dotID(subgraph.id) + " {\n"
            writeBody(into: &out, indent: indent + "  ", arrow: arrow, attributes: subgraph.attributes,
                      nodeDefaults: subgraph.nodeDefaults, edgeDefaults: subgraph.edgeDefaults, nodes: subgraph.nodes,
                      edges: subgraph.edges, subgraphs: subgraph.subgraphs)
            out += indent + "}\n"
        }
        for node in nodes {
            out += indent + Escaping.dotID(node.id) + list(node.attributes) + ";\n"
        }
        for edge in edges {
            out += indent + Escaping.dotID(edge.from) + arrow + Escaping.dotID(edge.to) + list(edge.attributes) + ";\n"
        }
    }

    private static func list(_ attributes: DOTAttributes) -> String {
        guard !attributes.isEmpty else { return "" }
        return " [" + attributes.map { Escaping.dotID($0.key) + "=" + $0.value.dot }.joined(separator: ", ") + "]"
    }
}
