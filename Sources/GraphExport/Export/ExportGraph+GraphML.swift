extension ExportGraph {
    /// GraphML with typed `<key>` declarations (`attr.type` string, long, double, boolean), read by networkx's
    /// `read_graphml`, Gephi, yEd and igraph.
    ///
    /// The node kind and edge kind are the `kind` attributes; an attribute named `kind` in the input is replaced.
    /// Keys are `n0…` for nodes and `e0…` for edges, in name order. Text is XML-escaped, characters XML 1.0 forbids
    /// removed.
    ///
    /// - Complexity: O(size of the output).
    package var graphML: String {
        var out = ""
        writeGraphML(to: &out)
        return out
    }
}

extension ExportSource {
    /// ``ExportGraph/graphML``, written to `out` node by node.
    package func writeGraphML(to out: inout some TextOutputStream) {
        let nodeColumns = [("kind", AttributeType.string)] + nodeSchema.filter { $0.name != "kind" }
        let edgeColumns = [("kind", AttributeType.string)] + edgeSchema.filter { $0.name != "kind" }
        out.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <graphml xmlns="http://graphml.graphdrawing.org/xmlns" \
            xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">

            """)
        func type(_ t: AttributeType) -> String {
            switch t {
            case .string: "string"
            case .int: "long"
            case .double: "double"
            case .bool: "boolean"
            }
        }
        for (k, column) in nodeColumns.enumerated() {
            out.write(
                "  <key id=\"n\(k)\" for=\"node\" attr.name=\"\(Escaping.xml(column.0))\" attr.type=\"\(type(column.1))\"/>\n"
            )
        }
        for (k, column) in edgeColumns.enumerated() {
            out.write(
                "  <key id=\"e\(k)\" for=\"edge\" attr.name=\"\(Escaping.xml(column.0))\" attr.type=\"\(type(column.1))\"/>\n"
            )
        }
        let graphColumns = ExportGraph.schema([attributes])
        for (k, column) in graphColumns.enumerated() {
            out.write(
                "  <key id=\"g\(k)\" for=\"graph\" attr.name=\"\(Escaping.xml(column.name))\" attr.type=\"\(type(column.type))\"/>\n"
            )
        }
        out.write("  <graph id=\"G\" edgedefault=\"\(isDirected ? "directed" : "undirected")\">\n")
        for (k, column) in graphColumns.enumerated() {
            out.write("    <data key=\"g\(k)\">\(Escaping.xml(attributes[column.name]!.text))</data>\n")
        }
        forEachNode { node in
            var line = "    <node id=\"\(Escaping.xml(node.id))\">"
            line += "<data key=\"n0\">\(Escaping.xml(node.kind))</data>"
            for (k, column) in nodeColumns.enumerated().dropFirst() {
                guard let value = node.attributes[column.0] else { continue }
                line += "<data key=\"n\(k)\">\(Escaping.xml(ExportGraph.text(value, as: column.1)))</data>"
            }
            line += "</node>\n"
            out.write(line)
        }
        var index = 0
        forEachEdge { edge in
            var line =
                "    <edge id=\"e\(index)\" source=\"\(Escaping.xml(edge.source))\" target=\"\(Escaping.xml(edge.target))\">"
            line += "<data key=\"e0\">\(Escaping.xml(edge.kind))</data>"
            for (k, column) in edgeColumns.enumerated().dropFirst() {
                guard let value = edge.attributes[column.0] else { continue }
                line += "<data key=\"e\(k)\">\(Escaping.xml(ExportGraph.text(value, as: column.1)))</data>"
            }
            line += "</edge>\n"
            out.write(line)
            index += 1
        }
        out.write("  </graph>\n</graphml>\n")
    }
}
