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
    package func writeGraphML(to out: inout some UTF8OutputStream) {
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

/// An export source that writes its own GraphML node and edge lines as UTF-8 bytes, in batches that can be made
/// independently, in any order and on any thread: node batch `b`'s lines are those of the nodes that
/// ``ExportSource/forEachNode(_:)`` gives after all of batch `b − 1`'s, and likewise for edges. The writer makes
/// the lines of several batches on all cores and writes them in order, so the bytes are those of one pass.
package protocol BatchedExportSource: ExportSource, Sendable {
    /// The number of node batches.
    var nodeBatchCount: Int { get }
    /// The number of edge batches.
    var edgeBatchCount: Int { get }
    /// The number of edges in edge batch `batch`.
    func edgeCount(inBatch batch: Int) -> Int
    /// Appends the GraphML lines of node batch `batch`, as ``ExportGraph/graphML`` writes them with these
    /// columns (`kind` first, then the node schema), to `out`.
    func appendGraphMLNodes(inBatch batch: Int, columns: [(String, AttributeType)], to out: inout [UInt8])
    /// Appends the GraphML lines of edge batch `batch`, the first with the id `e<firstID>`, as
    /// ``ExportGraph/graphML`` writes them with these columns (`kind` first, then the edge schema), to `out`.
    func appendGraphMLEdges(
        inBatch batch: Int, firstID: Int, columns: [(String, AttributeType)], to out: inout [UInt8])
}

extension BatchedExportSource {
    /// Node lines, then edge lines, a window of batches at a time: each window's lines are made on all cores while
    /// the one before is written, in batch order, so memory holds two windows' bytes. Edge batch `b`'s first id is
    /// the number of edges in the batches before it.
    ///
    /// - Complexity: O(size of the output); memory O(window × batch size) beyond the source's own.
    func writeGraphMLElements(
        nodeColumns: [(String, AttributeType)], edgeColumns: [(String, AttributeType)],
        to out: inout some UTF8OutputStream
    ) {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let window = Swift.max(1, cores * 4)
        var firstIDs: [Int] = []
        var next = 0
        for batch in 0..<edgeBatchCount {
            firstIDs.append(next)
            next += edgeCount(inBatch: batch)
        }
        // Windows of node batches, then of edge batches.
        let nodeWindows = (nodeBatchCount + window - 1) / window
        let edgeWindows = (edgeBatchCount + window - 1) / window
        Parallel.pipeline(
            nodeWindows + edgeWindows,
            make: { [self, firstIDs] w in
                let edges = w >= nodeWindows
                let start = (edges ? w - nodeWindows : w) * window
                let batches = start..<Swift.min(start + window, edges ? edgeBatchCount : nodeBatchCount)
                return Parallel.map(batches.count, chunks: Swift.min(cores, batches.count)) { k in
                    let batch = batches.lowerBound + k
                    var bytes: [UInt8] = []
                    if edges {
                        appendGraphMLEdges(inBatch: batch, firstID: firstIDs[batch], columns: edgeColumns, to: &bytes)
                    } else {
                        appendGraphMLNodes(inBatch: batch, columns: nodeColumns, to: &bytes)
                    }
                    return bytes
                }
            },
            consume: { texts in for text in texts { out.write(utf8: text) } })
    }
}
