import Foundation

/// A file format ``ExportGraph`` writes.
public enum ExportFormat: String, Hashable, Sendable, CaseIterable {
    /// Graphviz DOT.
    case dot
    /// GraphML (yEd, Gephi, networkx, igraph).
    case graphml
    /// GEXF 1.3 (Gephi).
    case gexf
    /// networkx node-link JSON.
    case json
    /// `nodes.csv` and `edges.csv` in a directory.
    case csv

    /// The usual file extension (a directory for CSV).
    package var fileExtension: String { self == .csv ? "" : rawValue }
}

extension ExportGraph {
    /// The export as text in `format`; for CSV, the nodes file only
    /// (``write(_:to:csvDialect:edgesKey:neutralisingFormulas:)`` writes both).
    public func text(
        _ format: ExportFormat, csvDialect: CSVDialect = .neo4j,
        edgesKey: NodeLinkEdgesKey = .edges
    ) -> String {
        switch format {
        case .dot: dotGraph.dot
        case .graphml: graphML
        case .gexf: gexf
        case .json: nodeLinkJSON(edgesKey: edgesKey)
        case .csv: csv(dialect: csvDialect).nodes
        }
    }

    /// Writes the export atomically to `url`; for CSV `url` is a directory (created if missing) that receives
    /// `nodes.csv` and `edges.csv`, replaced together or not at all.
    ///
    /// The files are written as streams: the export's text is never held whole.
    ///
    /// - Returns: The files written.
    /// - Throws: ``FileWriteError``.
    @discardableResult
    public func write(
        _ format: ExportFormat, to url: URL, csvDialect: CSVDialect = .neo4j,
        edgesKey: NodeLinkEdgesKey = .edges, neutralisingFormulas: Bool = true
    ) throws -> [URL] {
        try writeExport(
            format, to: url, csvDialect: csvDialect, edgesKey: edgesKey,
            neutralisingFormulas: neutralisingFormulas)
    }
}

extension ExportSource {
    /// ``ExportGraph/write(_:to:csvDialect:edgesKey:neutralisingFormulas:)`` for any source, streamed.
    @discardableResult
    package func writeExport(
        _ format: ExportFormat, to url: URL, csvDialect: ExportGraph.CSVDialect = .neo4j,
        edgesKey: ExportGraph.NodeLinkEdgesKey = .edges,
        neutralisingFormulas: Bool = true
    ) throws -> [URL] {
        guard format == .csv else {
            try AtomicFile.write(to: url) { out in write(format, to: &out, edgesKey: edgesKey) }
            return [url]
        }
        let files = [url.appendingPathComponent("nodes.csv"), url.appendingPathComponent("edges.csv")]
        // The two files are one export: a reader must never find new nodes beside old edges.
        try AtomicFile.write(streams: [
            (
                files[0],
                { out in writeCSVNodes(to: &out, dialect: csvDialect, neutralisingFormulas: neutralisingFormulas) }
            ),
            (
                files[1],
                { out in writeCSVEdges(to: &out, dialect: csvDialect, neutralisingFormulas: neutralisingFormulas) }
            ),
        ])
        return files
    }
}

extension DOTGraph {
    /// Writes the DOT source atomically to `url`.
    package func write(to url: URL) throws {
        try AtomicFile.write(dot, to: url)
    }
}
