import Foundation

/// A file format ``ExportGraph`` writes.
public enum ExportFormat: String, Hashable, Sendable, CaseIterable {
    case dot
    case graphml
    case gexf
    /// networkx node-link JSON.
    case json
    /// `nodes.csv` and `edges.csv` in a directory.
    case csv

    /// The usual file extension (a directory for CSV).
    public var fileExtension: String { self == .csv ? "" : rawValue }
}

extension ExportGraph {
    /// The export as text; for CSV the nodes file and the edges file joined by nothing (use ``csv(dialect:)``).
    public func text(_ format: ExportFormat, csvDialect: CSVDialect = .neo4j,
                     edgesKey: NodeLinkEdgesKey = .edges) -> String {
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
    /// - Returns: The files written.
    /// - Throws: ``FileWriteError``.
    @discardableResult
    public func write(_ format: ExportFormat, to url: URL, csvDialect: CSVDialect = .neo4j,
                      edgesKey: NodeLinkEdgesKey = .edges, neutralisingFormulas: Bool = true) throws -> [URL] {
        guard format == .csv else {
            try AtomicFile.write(text(format, edgesKey: edgesKey), to: url)
            return [url]
        }
        let (nodes, edges) = csv(dialect: csvDialect, neutralisingFormulas: neutralisingFormulas)
        let files = [url.appendingPathComponent("nodes.csv"), url.appendingPathComponent("edges.csv")]
        // The two files are one export: a reader must never find new nodes beside old edges.
        try AtomicFile.write([(Data(nodes.utf8), files[0]), (Data(edges.utf8), files[1])])
        return files
    }
}

extension DOTGraph {
    /// Writes the DOT source atomically to `url`.
    public func write(to url: URL) throws {
        try AtomicFile.write(dot, to: url)
    }
}
