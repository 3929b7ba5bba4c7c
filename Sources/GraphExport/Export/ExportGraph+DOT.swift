extension ExportGraph {
    /// The graph as a ``DOTGraph``: every attribute as a DOT attribute (text escaped), the kind as `kind`, and a
    /// label (the node's `handle`, else its truncated `text`, else its id).
    package var dotGraph: DOTGraph {
        var dot = DOTGraph("export", isDirected: isDirected)
        for node in nodes {
            var attributes = DOTAttributes()
            for (name, value) in node.attributes { attributes[name] = Self.dotValue(value) }
            attributes["kind"] = .text(node.kind)
            let label =
                node.attributes["handle"].map { "@" + $0.text }
                ?? node.attributes["text"].map { TextLayout.truncate($0.text, to: 60) } ?? node.id
            attributes["label"] = .text(label)
            dot.nodes.append(DOTNode(node.id, attributes))
        }
        for edge in edges {
            var attributes = DOTAttributes()
            for (name, value) in edge.attributes { attributes[name] = Self.dotValue(value) }
            attributes["kind"] = .text(edge.kind)
            dot.edges.append(DOTEdge(edge.source, edge.target, attributes))
        }
        return dot
    }

    static func dotValue(_ value: AttributeValue) -> DOTValue {
        switch value {
        case .string(let s): .text(s)
        case .int(let i): .number(Double(i))
        case .double(let d): .number(d)
        case .bool(let b): .bool(b)
        }
    }
}
