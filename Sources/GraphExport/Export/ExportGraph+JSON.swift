extension ExportGraph {
    /// The key holding the edge list in node-link JSON.
    public enum NodeLinkEdgesKey: String, Sendable {
        /// `"edges"`: networkx 3.6's default for `node_link_graph` (3.4 and 3.5 read it with `edges="edges"`).
        case edges
        /// `"links"`: networkx before 3.6 (and d3), or `node_link_graph(data, edges="links")` in 3.6.
        case links
    }

    /// networkx node-link JSON: `{"directed":…,"multigraph":…,"graph":{…},"nodes":[{"id":…,…}],"edges":[{"source":…,
    /// "target":…,"key":…,…}]}`.
    ///
    /// Load with `nx.node_link_graph(json.load(f))` in networkx 3.6; pass `edges="links"` and write with
    /// `edgesKey: .links` for older releases. Each node has `kind` and its attributes; each edge `kind`, its
    /// attributes and, in a multigraph, `key` (its id). Numbers are JSON numbers, booleans JSON booleans; tweet ids
    /// are strings.
    ///
    /// - Complexity: O(size of the output).
    package func nodeLinkJSON(edgesKey: NodeLinkEdgesKey = .edges) -> String {
        var out = ""
        writeNodeLinkJSON(to: &out, edgesKey: edgesKey)
        return out
    }
}

extension ExportSource {
    /// ``ExportGraph/nodeLinkJSON(edgesKey:)``, written to `out` node by node.
    package func writeNodeLinkJSON(to out: inout some TextOutputStream, edgesKey: ExportGraph.NodeLinkEdgesKey = .edges)
    {
        let multigraph = isMultigraph
        func value(_ v: AttributeValue) -> String {
            switch v {
            case .string(let s): Escaping.jsonString(s)
            case .int(let i): String(i)
            case .double(let d): d.isFinite ? Escaping.number(d, maxFractionDigits: 9) : "null"
            case .bool(let b): b ? "true" : "false"
            }
        }
        func object(_ pairs: [(String, String)]) -> String {
            "{" + pairs.map { Escaping.jsonString($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
        }
        func fields(_ attributes: [String: AttributeValue], reserved: Set<String>) -> [(String, String)] {
            attributes.filter { !reserved.contains($0.key) }.sorted { $0.key < $1.key }.map {
                ($0.key, value($0.value))
            }
        }
        out.write("{\"directed\":\(isDirected),\"multigraph\":\(multigraph),\"graph\":")
        out.write(object(fields(attributes, reserved: [])))
        out.write(",\"nodes\":[\n")
        var first = true
        forEachNode { node in
            if !first { out.write(",\n") }
            first = false
            out.write(
                object(
                    [("id", Escaping.jsonString(node.id)), ("kind", Escaping.jsonString(node.kind))]
                        + fields(node.attributes, reserved: ["id", "kind"])))
        }
        out.write("\n],\"\(edgesKey.rawValue)\":[\n")
        var index = 0
        forEachEdge { edge in
            if index > 0 { out.write(",\n") }
            var pairs = [("source", Escaping.jsonString(edge.source)), ("target", Escaping.jsonString(edge.target))]
            if multigraph { pairs.append(("key", Escaping.jsonString("e\(index)"))) }
            pairs.append(("kind", Escaping.jsonString(edge.kind)))
            out.write(object(pairs + fields(edge.attributes, reserved: ["source", "target", "key", "kind"])))
            index += 1
        }
        out.write("\n]}\n")
    }
}
