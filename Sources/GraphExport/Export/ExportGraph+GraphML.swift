import Foundation
import ReplyGraph

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
        if let batched = self as? any BatchedExportSource {
            batched.writeGraphMLElements(nodeColumns: nodeColumns, edgeColumns: edgeColumns, to: &out)
        } else {
            forEachNode { out.write(ExportGraph.graphMLLine($0, columns: nodeColumns)) }
            var index = 0
            forEachEdge { edge in
                out.write("    <edge id=\"e\(index)\"")
                out.write(ExportGraph.graphMLRest(edge, columns: edgeColumns))
                index += 1
            }
        }
        out.write("  </graph>\n</graphml>\n")
    }
}

extension ExportGraph {
    /// A node's GraphML line.
    static func graphMLLine(_ node: ExportGraph.Node, columns: [(String, AttributeType)]) -> String {
        var line = "    <node id=\"\(Escaping.xml(node.id))\">"
        appendGraphMLData(kind: node.kind, node.attributes, columns: columns, keyPrefix: "n", to: &line)
        line += "</node>\n"
        return line
    }

    /// An edge's GraphML line after `<edge id="e…"`: the id is its position in the whole export.
    static func graphMLRest(_ edge: ExportGraph.Edge, columns: [(String, AttributeType)]) -> String {
        var line = " source=\"\(Escaping.xml(edge.source))\" target=\"\(Escaping.xml(edge.target))\">"
        appendGraphMLData(kind: edge.kind, edge.attributes, columns: columns, keyPrefix: "e", to: &line)
        line += "</edge>\n"
        return line
    }

    /// The `<data>` elements of a node or edge: its kind under key `0`, then each attribute it has, keyed by its
    /// column's position.
    private static func appendGraphMLData(
        kind: String, _ attributes: [String: AttributeValue], columns: [(String, AttributeType)],
        keyPrefix: String, to line: inout String
    ) {
        line += "<data key=\"\(keyPrefix)0\">\(Escaping.xml(kind))</data>"
        for (k, column) in columns.enumerated().dropFirst() {
            guard let value = attributes[column.0] else { continue }
            line += "<data key=\"\(keyPrefix)\(k)\">\(Escaping.xml(ExportGraph.text(value, as: column.1)))</data>"
        }
    }
}

/// An export source whose nodes and edges come in batches that can be made independently, in any order and on any
/// thread: batch `b`'s nodes and edges are those that ``ExportSource/forEachNode(_:)`` and
/// ``ExportSource/forEachEdge(_:)`` give after all of batch `b − 1`'s. Writers make the lines of several batches
/// on all cores and write them in order, so the bytes are those of one pass.
package protocol BatchedExportSource: ExportSource, Sendable {
    /// The number of batches.
    var batchCount: Int { get }
    /// Calls `body` with batch `batch`'s nodes, in the export's order.
    func forEachNode(inBatch batch: Int, _ body: (ExportGraph.Node) -> Void)
    /// Calls `body` with batch `batch`'s edges, in the export's order.
    func forEachEdge(inBatch batch: Int, _ body: (ExportGraph.Edge) -> Void)
}

extension BatchedExportSource {
    /// Node lines, then edge lines, a window of batches at a time: the window's lines are made on all cores and
    /// written in batch order (edge ids are numbered as they are written), so memory holds one window's text.
    func writeGraphMLElements(
        nodeColumns: [(String, AttributeType)], edgeColumns: [(String, AttributeType)],
        to out: inout some TextOutputStream
    ) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let window = Swift.max(1, cores * 4)
        for start in stride(from: 0, to: batchCount, by: window) {
            let batches = start..<Swift.min(start + window, batchCount)
            let texts = Parallel.map(batches.count, chunks: Swift.min(cores, batches.count)) { k in
                var text = ""
                self.forEachNode(inBatch: batches.lowerBound + k) {
                    text += ExportGraph.graphMLLine($0, columns: nodeColumns)
                }
                return text
            }
            for text in texts { out.write(text) }
        }
        var index = 0
        for start in stride(from: 0, to: batchCount, by: window) {
            let batches = start..<Swift.min(start + window, batchCount)
            let rests = Parallel.map(batches.count, chunks: Swift.min(cores, batches.count)) { k in
                var lines: [String] = []
                self.forEachEdge(inBatch: batches.lowerBound + k) {
                    lines.append(ExportGraph.graphMLRest($0, columns: edgeColumns))
                }
                return lines
            }
            for lines in rests {
                for rest in lines {
                    out.write("    <edge id=\"e\(index)\"")
                    out.write(rest)
                    index += 1
                }
            }
        }
    }
}
