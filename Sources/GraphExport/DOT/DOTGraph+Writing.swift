extension DOTGraph {
    /// The graph as DOT source, two-space indented, ending with a newline.
    ///
    /// - Complexity: O(size of the output).
    package var dot: String {
        var out = ""
        out += (isStrict ? "strict " : "") + (isDirected ? "digraph " : "graph ") + Escaping.dotID(id) + " {\n"
        let arrow = isDirected ? " -> " : " -- "
        Self.writeBody(body, into: &out, indent: "  ", arrow: arrow)
        out += "}\n"
        return out
    }

    /// Writes a graph or subgraph body: the statements between its braces. Subgraphs nest a few levels at most.
    private static func writeBody(_ body: DOTSubgraph, into out: inout String, indent: String, arrow: String) {
        for (name, value) in body.attributes {
            out += indent + Escaping.dotID(name) + "=" + value.dot + ";\n"
        }
        if !body.nodeDefaults.isEmpty { out += indent + "node" + list(body.nodeDefaults) + ";\n" }
        if !body.edgeDefaults.isEmpty { out += indent + "edge" + list(body.edgeDefaults) + ";\n" }
        for subgraph in body.subgraphs {
            out += indent + "subgraph " + Escaping.dotID(subgraph.id) + " {\n"
            writeBody(subgraph, into: &out, indent: indent + "  ", arrow: arrow)
            out += indent + "}\n"
        }
        for node in body.nodes {
            out += indent + Escaping.dotID(node.id) + list(node.attributes) + ";\n"
        }
        for edge in body.edges {
            out += indent + Escaping.dotID(edge.from) + arrow + Escaping.dotID(edge.to) + list(edge.attributes) + ";\n"
        }
    }

    private static func list(_ attributes: DOTAttributes) -> String {
        guard !attributes.isEmpty else { return "" }
        return " [" + attributes.map { Escaping.dotID($0.key) + "=" + $0.value.dot }.joined(separator: ", ") + "]"
    }
}
