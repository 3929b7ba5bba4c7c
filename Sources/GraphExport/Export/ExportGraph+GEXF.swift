extension ExportGraph {
    /// GEXF 1.3 for Gephi: typed `<attributes class="node">` and `class="edge"` declarations using only the
    /// standard types `string`, `integer`, `double` and `boolean`; `defaultedgetype`; node `label`s (a `text`,
    /// `handle` or `label` attribute when there is one, else the id) and edge `label`s (the kind). Edges with a
    /// numeric `weight` attribute also get GEXF's `weight`. No dates, so output is deterministic.
    ///
    /// Loads in Gephi 0.9+ and networkx's `read_gexf`, which finds the 1.3 namespace itself.
    ///
    /// - Complexity: O(size of the output).
    package var gexf: String {
        var out = ""
        writeGEXF(to: &out)
        return out
    }
}

extension ExportSource {
    /// ``ExportGraph/gexf``, written to `out` node by node.
    package func writeGEXF(to out: inout some TextOutputStream) {
        let nodeColumns = [("kind", AttributeType.string)] + nodeSchema.filter { $0.name != "kind" }
        let edgeColumns = [("kind", AttributeType.string)] + edgeSchema.filter { $0.name != "kind" }
        func type(_ t: AttributeType) -> String {
            switch t {
            case .string: "string"
            case .int: "integer"
            case .double: "double"
            case .bool: "boolean"
            }
        }
        out.write(
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" \
            xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">
              <meta>
                <creator>ReplyGraph</creator>

            """)
        if case .string(let name)? = attributes["name"] {
            out.write("    <description>\(Escaping.xml(name))</description>\n")
        }
        out.write("  </meta>\n")
        out.write("  <graph defaultedgetype=\"\(isDirected ? "directed" : "undirected")\" mode=\"static\">\n")
        out.write("    <attributes class=\"node\" mode=\"static\">\n")
        for (k, column) in nodeColumns.enumerated() {
            out.write("      <attribute id=\"\(k)\" title=\"\(Escaping.xml(column.0))\" type=\"\(type(column.1))\"/>\n")
        }
        out.write("    </attributes>\n    <attributes class=\"edge\" mode=\"static\">\n")
        for (k, column) in edgeColumns.enumerated() {
            out.write("      <attribute id=\"\(k)\" title=\"\(Escaping.xml(column.0))\" type=\"\(type(column.1))\"/>\n")
        }
        out.write("    </attributes>\n    <nodes>\n")
        forEachNode { node in
            let label: String
            switch node.attributes["label"] ?? node.attributes["handle"] ?? node.attributes["text"] {
            case let value?: label = TextLayout.truncate(value.text, to: 80)
            case nil: label = node.id
            }
            var line = "      <node id=\"\(Escaping.xml(node.id))\" label=\"\(Escaping.xml(label))\"><attvalues>"
            line += "<attvalue for=\"0\" value=\"\(Escaping.xml(node.kind))\"/>"
            for (k, column) in nodeColumns.enumerated().dropFirst() {
                guard let value = node.attributes[column.0] else { continue }
                line += "<attvalue for=\"\(k)\" value=\"\(Escaping.xml(ExportGraph.text(value, as: column.1)))\"/>"
            }
            line += "</attvalues></node>\n"
            out.write(line)
        }
        out.write("    </nodes>\n    <edges>\n")
        var index = 0
        forEachEdge { edge in
            var weight = ""
            switch edge.attributes["weight"] {
            case .double(let w)?: weight = " weight=\"\(Escaping.number(w, maxFractionDigits: 9))\""
            case .int(let w)?: weight = " weight=\"\(w)\""
            default: break
            }
            var line =
                "      <edge id=\"e\(index)\" source=\"\(Escaping.xml(edge.source))\" "
                + "target=\"\(Escaping.xml(edge.target))\" label=\"\(Escaping.xml(edge.kind))\"\(weight)><attvalues>"
            line += "<attvalue for=\"0\" value=\"\(Escaping.xml(edge.kind))\"/>"
            for (k, column) in edgeColumns.enumerated().dropFirst() {
                guard let value = edge.attributes[column.0] else { continue }
                line += "<attvalue for=\"\(k)\" value=\"\(Escaping.xml(ExportGraph.text(value, as: column.1)))\"/>"
            }
            line += "</attvalues></edge>\n"
            out.write(line)
            index += 1
        }
        out.write("    </edges>\n  </graph>\n</gexf>\n")
    }
}
