extension ExportGraph {
    /// Which importer the CSV headers are written for.
    ///
    /// No single header row serves both: Neo4j needs `:ID`/`:START_ID`/`:END_ID` headers and type suffixes, Spark
    /// names DataFrame columns after the header text, and GraphFrames wants `id`, `src` and `dst`.
    public enum CSVDialect: String, Sendable, CaseIterable {
        /// `neo4j-admin database import full`: `id:ID,:LABEL,name:type…` and `:START_ID,:END_ID,:TYPE,name:type…`
        /// (types `string`, `long`, `double`, `boolean`).
        ///
        ///     neo4j-admin database import full --nodes=nodes.csv --relationships=edges.csv \
        ///       --multiline-fields=true neo4j
        case neo4j
        /// Spark GraphFrames: `id,kind,name…` and `src,dst,relationship,name…`.
        ///
        ///     v = spark.read.csv("nodes.csv", header=True, multiLine=True, escape='"', inferSchema=True)
        ///     e = spark.read.csv("edges.csv", header=True, multiLine=True, escape='"', inferSchema=True)
        ///     g = GraphFrame(v, e)
        case graphFrames = "graphframes"
    }

    /// `nodes.csv` and `edges.csv` per RFC 4180 (CRLF line ends, fields quoted when needed, quotes doubled).
    ///
    /// Missing attributes are empty fields. Booleans are `true`/`false`; doubles are locale-free. Text attributes
    /// (tweet text, handles, names) that start with `=`, `+`, `-`, `@`, tab or CR get a leading `'`
    /// (``Escaping/spreadsheetText(_:)``), so a spreadsheet does not run them as formulas; ids, labels, relationship
    /// types and numbers are written unchanged, so Neo4j and Spark join on the same keys.
    ///
    /// - Complexity: O(size of the output).
    /// - Parameter neutralisingFormulas: Prefix formula-leading text cells with `'` (the default); `false` writes
    ///   text exactly as it is, for importers only.
    package func csv(dialect: CSVDialect = .neo4j, neutralisingFormulas: Bool = true) -> (nodes: String, edges: String)
    {
        var nodes = ""
        var edges = ""
        writeCSVNodes(to: &nodes, dialect: dialect, neutralisingFormulas: neutralisingFormulas)
        writeCSVEdges(to: &edges, dialect: dialect, neutralisingFormulas: neutralisingFormulas)
        return (nodes, edges)
    }
}

extension ExportSource {
    private static var reservedCSVColumns: Set<String> { ["id", "kind", "src", "dst", "relationship"] }

    private func csvHeader(_ column: (name: String, type: AttributeType), _ dialect: ExportGraph.CSVDialect) -> String {
        guard dialect == .neo4j else { return Escaping.csvField(column.name) }
        let type =
            switch column.type {
            case .string: "string"
            case .int: "long"
            case .double: "double"
            case .bool: "boolean"
            }
        return Escaping.csvField(column.name.replacingColon() + ":" + type)
    }

    private func csvRow(_ fields: [String]) -> String { fields.map(Escaping.csvField).joined(separator: ",") + "\r\n" }

    private func csvCell(_ value: AttributeValue?, _ type: AttributeType, _ neutralisingFormulas: Bool) -> String {
        guard let value else { return "" }
        let text = ExportGraph.text(value, as: type)
        return type == .string && neutralisingFormulas ? Escaping.spreadsheetText(text) : text
    }

    /// `nodes.csv` of ``ExportGraph/csv(dialect:neutralisingFormulas:)``, written to `out` row by row.
    package func writeCSVNodes(
        to out: inout some TextOutputStream, dialect: ExportGraph.CSVDialect = .neo4j,
        neutralisingFormulas: Bool = true
    ) {
        let columns = nodeSchema.filter { !Self.reservedCSVColumns.contains($0.name) }
        out.write(
            (dialect == .neo4j ? "id:ID,:LABEL" : "id,kind") + columns.map { "," + csvHeader($0, dialect) }.joined()
                + "\r\n")
        forEachNode { node in
            out.write(
                csvRow(
                    [node.id, node.kind]
                        + columns.map { csvCell(node.attributes[$0.name], $0.type, neutralisingFormulas) }))
        }
    }

    /// `edges.csv` of ``ExportGraph/csv(dialect:neutralisingFormulas:)``, written to `out` row by row.
    package func writeCSVEdges(
        to out: inout some TextOutputStream, dialect: ExportGraph.CSVDialect = .neo4j,
        neutralisingFormulas: Bool = true
    ) {
        let columns = edgeSchema.filter { !Self.reservedCSVColumns.contains($0.name) }
        out.write(
            (dialect == .neo4j ? ":START_ID,:END_ID,:TYPE" : "src,dst,relationship")
                + columns.map { "," + csvHeader($0, dialect) }.joined() + "\r\n")
        forEachEdge { edge in
            out.write(
                csvRow(
                    [edge.source, edge.target, edge.kind]
                        + columns.map { csvCell(edge.attributes[$0.name], $0.type, neutralisingFormulas) }))
        }
    }
}

extension String {
    /// Neo4j reads `name:type`; a colon inside the name would be taken as the separator.
    fileprivate func replacingColon() -> String {
        String(unicodeScalars.map { $0 == ":" ? "_" : Character($0) })
    }
}
