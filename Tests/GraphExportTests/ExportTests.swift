import Foundation
import GraphExport
import ReplyGraph
import ReplyGraphTestSupport
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads GraphML or GEXF back with Foundation's XMLParser: element counts, the declared keys, and every
/// node's and edge's data by attribute name.
final class XMLReadBack: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    /// key id → (name, type, for)
    var keys: [String: (name: String, type: String, domain: String)] = [:]
    var nodes: [[String: String]] = []
    var edges: [[String: String]] = []
    var defaultEdgeType: String?
    private var current: [String: String]?
    private var currentIsNode = false
    private var dataKey: String?
    private var text = ""
    private var attributeClass = ""

    init(_ text: String) {
        let parser = XMLParser(data: Data(text.utf8))
        super.init()
        parser.delegate = self
        parsedOK = parser.parse()
    }
    private(set) var parsedOK = false

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        counts[name, default: 0] += 1
        switch name {
        case "key": // GraphML
            keys[attributes["id"]!] = (attributes["attr.name"]!, attributes["attr.type"]!, attributes["for"]!)
        case "attributes": attributeClass = attributes["class"] ?? "" // GEXF
        case "attribute":
            keys[attributeClass + ":" + attributes["id"]!] = (attributes["title"]!, attributes["type"]!, attributeClass)
        case "graph": defaultEdgeType = attributes["defaultedgetype"] ?? attributes["edgedefault"]
        case "node", "edge":
            current = attributes
            currentIsNode = name == "node"
        case "data":
            dataKey = attributes["key"]
            text = ""
        case "attvalue":
            let domain = currentIsNode ? "node" : "edge"
            if let key = keys[domain + ":" + attributes["for"]!] { current?[key.name] = attributes["value"] }
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if dataKey != nil { text += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "data":
            if let dataKey, let key = keys[dataKey], current != nil { current?[key.name] = text }
            dataKey = nil
        case "node":
            if let current { nodes.append(current) }
            current = nil
        case "edge":
            if let current { edges.append(current) }
            current = nil
        default: break
        }
    }
}

/// An RFC 4180 reader: quoted fields with doubled quotes, CR LF or LF row ends, line breaks inside quotes.
func parseCSV(_ text: String) -> [[String]] {
    var rows: [[String]] = []
    var row: [String] = []
    var field = ""
    var quoted = false
    var scalars = text.unicodeScalars.makeIterator()
    var pending: Unicode.Scalar? = nil
    while let c = pending ?? scalars.next() {
        pending = nil
        if quoted {
            if c == "\"" {
                if let next = scalars.next() {
                    if next == "\"" {
                        field.unicodeScalars.append("\"")
                    } else {
                        quoted = false
                        pending = next
                    }
                } else {
                    quoted = false
                }
            } else {
                field.unicodeScalars.append(c)
            }
            continue
        }
        switch c {
        case "\"": quoted = true
        case ",":
            row.append(field)
            field = ""
        case "\r": break
        case "\n":
            row.append(field)
            rows.append(row)
            row = []
            field = ""
        default: field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !row.isEmpty {
        row.append(field)
        rows.append(row)
    }
    return rows
}

@Suite("Exports")
struct ExportTests {
    static var graph: ExportGraph {
        ExportGraph(archive: TestArchive.archive, threads: [TestArchive.thread], followUps: TestArchive.followUps)
    }

    @Test("the tweet graph has every node and edge kind")
    func tweetGraph() {
        let graph = Self.graph
        let kinds = Dictionary(grouping: graph.nodes, by: \.kind).mapValues(\.count)
        #expect(kinds == ["tweet": 6, "external_tweet": 1, "user": 4]) // alice, bob_2, mallory, carol
        let bobMentions = graph.edges.filter {
            $0.kind == "mentions" && $0.source == String(TestArchive.id(90_000).rawValue)
        }
        #expect(bobMentions.map(\.target) == ["@alice", "@mallory", "@carol"])
        #expect(bobMentions.map { $0.attributes["in_reply_run"] } == [.bool(true), .bool(true), .bool(false)])
        let edgeKinds = Dictionary(grouping: graph.edges, by: \.kind).mapValues(\.count)
        #expect(edgeKinds["authored"] == 6)
        #expect(edgeKinds["replies_to"] == 5)
        #expect(edgeKinds["continues"] == 3)
        #expect(edgeKinds["quotes"] == 1)
        #expect(edgeKinds["follow_up_of"] == 1)
        #expect(edgeKinds["mentions"] == 4) // follow-up → alice; bob → alice, mallory (reply run), carol
        let ids = Set(graph.nodes.map(\.id))
        #expect(graph.edges.allSatisfy { ids.contains($0.source) && ids.contains($0.target) })
        #expect(graph.isMultigraph) // replies_to and continues join the same pairs
    }

    @Test(
        "each format matches its golden file", arguments: ["graphml", "gexf", "json", "dot", "nodes.csv", "edges.csv"])
    func golden(name: String) throws {
        let graph = Self.graph
        let text =
            switch name {
            case "graphml": graph.graphML
            case "gexf": graph.gexf
            case "json": graph.nodeLinkJSON()
            case "dot": graph.dotGraph.dot
            case "nodes.csv": graph.csv().nodes
            default: graph.csv().edges
            }
        try expectSnapshot(text, named: "export.\(name)")
    }

    @Test("GraphML reads back with its counts, types and text")
    func graphMLReadBack() throws {
        let graph = Self.graph
        let back = XMLReadBack(graph.graphML)
        #expect(back.parsedOK)
        #expect(back.nodes.count == graph.nodes.count)
        #expect(back.edges.count == graph.edges.count)
        #expect(back.defaultEdgeType == "directed")
        let types = Dictionary(
            back.keys.values.map { ($0.domain + "." + $0.name, $0.type) }, uniquingKeysWith: { a, _ in a })
        #expect(types["node.text"] == "string")
        #expect(types["node.thread_position"] == "long")
        #expect(types["node.is_reply"] == "boolean")
        #expect(types["edge.confidence"] == "double")
        try checkTexts(back.nodes)
    }

    @Test("GEXF reads back with standard types only")
    func gexfReadBack() throws {
        let graph = Self.graph
        let back = XMLReadBack(graph.gexf)
        #expect(back.parsedOK)
        #expect(back.nodes.count == graph.nodes.count)
        #expect(back.edges.count == graph.edges.count)
        #expect(back.defaultEdgeType == "directed")
        #expect(Set(back.keys.values.map(\.type)).isSubset(of: ["string", "integer", "double", "boolean"]))
        #expect(back.counts["attributes"] == 2)
        try checkTexts(back.nodes)
    }

    /// Tweet texts survive, less the characters XML 1.0 cannot hold.
    func checkTexts(_ nodes: [[String: String]]) throws {
        for tweet in TestArchive.archive.tweets {
            let node = try #require(nodes.first { $0["id"] == String(tweet.id.rawValue) })
            let expected = String(String.UnicodeScalarView(tweet.text.unicodeScalars.filter(Escaping.isXMLCharacter)))
            #expect(node["text"] == expected)
        }
    }

    @Test("node-link JSON reads back with JSONSerialization")
    func jsonReadBack() throws {
        let graph = Self.graph
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(graph.nodeLinkJSON().utf8)) as? [String: Any])
        #expect(object["directed"] as? Bool == true)
        #expect(object["multigraph"] as? Bool == true)
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let edges = try #require(object["edges"] as? [[String: Any]])
        #expect(nodes.count == graph.nodes.count)
        #expect(edges.count == graph.edges.count)
        for tweet in TestArchive.archive.tweets {
            let node = try #require(nodes.first { $0["id"] as? String == String(tweet.id.rawValue) })
            #expect(node["text"] as? String == tweet.text) // JSON keeps even NUL
        }
        #expect(edges.contains { $0["kind"] as? String == "continues" && ($0["confidence"] as? Double) == 0.7 })
        let links =
            try JSONSerialization.jsonObject(with: Data(graph.nodeLinkJSON(edgesKey: .links).utf8)) as? [String: Any]
        #expect((links?["links"] as? [Any])?.count == graph.edges.count)
    }

    @Test("CSV reads back per RFC 4180 in both dialects", arguments: ExportGraph.CSVDialect.allCases)
    func csvReadBack(dialect: ExportGraph.CSVDialect) throws {
        let graph = Self.graph
        let (nodesText, edgesText) = graph.csv(dialect: dialect)
        let nodes = parseCSV(nodesText)
        let edges = parseCSV(edgesText)
        #expect(nodes.count == graph.nodes.count + 1)
        #expect(edges.count == graph.edges.count + 1)
        #expect(Set(nodes.map(\.count)).count == 1)
        #expect(Set(edges.map(\.count)).count == 1)
        let header = nodes[0]
        if dialect == .neo4j {
            #expect(Array(header.prefix(2)) == ["id:ID", ":LABEL"])
            #expect(Array(edges[0].prefix(3)) == [":START_ID", ":END_ID", ":TYPE"])
            #expect(header.contains("text:string") && header.contains("thread_position:long"))
            #expect(edges[0].contains("confidence:double"))
        } else {
            #expect(Array(header.prefix(2)) == ["id", "kind"])
            #expect(Array(edges[0].prefix(3)) == ["src", "dst", "relationship"])
        }
        let textColumn = try #require(header.firstIndex { $0 == "text" || $0 == "text:string" })
        for tweet in TestArchive.archive.tweets {
            let row = try #require(nodes.first { $0[0] == String(tweet.id.rawValue) })
            // Replies start with @handle: spreadsheets would read that as a formula, so it gets a leading quote.
            #expect(row[textColumn] == Escaping.spreadsheetText(tweet.text.replacingOccurrences(of: "\0", with: "")))
        }
    }

    @Test("the user graph initializer keeps weights")
    func userGraph() throws {
        let graph = ExportGraph(mentions: TestArchive.mentions)
        #expect(graph.nodes.map(\.id) == TestArchive.mentions.nodes.map(\.handle))
        #expect(graph.edges.map { $0.attributes["weight"] } == TestArchive.mentions.edges.map { .double($0.weight) })
        #expect(graph.nodes[0].attributes["community"] == .int(1))
        let back = XMLReadBack(graph.gexf)
        #expect(back.edges.first?["weight"] == "5")
        #expect(!graph.isMultigraph)
    }

    @Test("the sample archive's tweet graph is consistent")
    func sample() throws {
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        let replyGraph = ReplyGraph(archive)
        let graph = ExportGraph(tweetGraph: replyGraph)
        #expect(graph.nodes.filter { $0.kind == "tweet" }.count == archive.tweets.count)
        #expect(graph.edges.filter { $0.kind == "authored" }.count == archive.tweets.count)
        #expect(
            graph.edges.filter { $0.kind == "continues" }.count == replyGraph.threads.reduce(0) { $0 + $1.links.count })
        let ids = Set(graph.nodes.map(\.id))
        #expect(ids.count == graph.nodes.count)
        #expect(graph.edges.allSatisfy { ids.contains($0.source) && ids.contains($0.target) })
        let back = XMLReadBack(graph.graphML)
        #expect(back.parsedOK && back.nodes.count == graph.nodes.count && back.edges.count == graph.edges.count)
    }
}

/// Writes exports for `Scripts/check-exports.sh`, which loads them in networkx (into EXPORT_CHECK_DIR when it is
/// set, else into a temporary folder); each graph gets a directory with every format and a `manifest.json` of the
/// counts and values to expect. Every file written is read back and compared with the in-memory export.
@Suite("Exports for the networkx check")
struct ExportCheckFiles {
    @Test("write every format of three graphs, and each file holds the export's text")
    func writeAll() throws {
        let given = ProcessInfo.processInfo.environment["EXPORT_CHECK_DIR"]
        let root =
            given.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory
            .appendingPathComponent("export-check-\(UUID().uuidString)")
        defer { if given == nil { try? FileManager.default.removeItem(at: root) } }
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        let graphs: [(String, ExportGraph)] = [
            ("hostile", ExportTests.graph),
            ("sample", ExportGraph(tweetGraph: ReplyGraph(archive))),
            ("mentions", ExportGraph(mentions: TestArchive.mentions)),
        ]
        for (name, graph) in graphs {
            let directory = root.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            func read(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
            for format in ExportFormat.allCases where format != .csv {
                let url = directory.appendingPathComponent("graph." + format.rawValue)
                #expect(try graph.write(format, to: url) == [url])
                #expect(try read(url) == graph.text(format), "\(name): graph.\(format.rawValue)")
            }
            for dialect in ExportGraph.CSVDialect.allCases {
                let files = try graph.write(
                    .csv, to: directory.appendingPathComponent(dialect.rawValue),
                    csvDialect: dialect)
                let expected = graph.csv(dialect: dialect)
                try #require(files.count == 2)
                #expect(try read(files[0]) == expected.nodes, "\(name): \(dialect) nodes")
                #expect(try read(files[1]) == expected.edges, "\(name): \(dialect) edges")
            }
            let links = directory.appendingPathComponent("graph-links.json")
            try graph.write(.json, to: links, edgesKey: .links)
            #expect(try read(links) == graph.nodeLinkJSON(edgesKey: .links))
            #expect(try read(links).contains("\"links\":["))
            var texts: [String: String] = [:]
            for node in graph.nodes { if case .string(let text)? = node.attributes["text"] { texts[node.id] = text } }
            let manifest: [String: Any] = [
                "nodes": graph.nodes.count, "edges": graph.edges.count, "directed": graph.isDirected,
                "multigraph": graph.isMultigraph,
                "node_kinds": Dictionary(grouping: graph.nodes, by: \.kind).mapValues(\.count),
                "edge_kinds": Dictionary(grouping: graph.edges, by: \.kind).mapValues(\.count),
                "node_types": Dictionary(uniqueKeysWithValues: graph.nodeSchema.map { ($0.name, $0.type.rawValue) }),
                "edge_types": Dictionary(uniqueKeysWithValues: graph.edgeSchema.map { ($0.name, $0.type.rawValue) }),
                "texts": texts,
            ]
            let manifestURL = directory.appendingPathComponent("manifest.json")
            try AtomicFile.write(
                try JSONSerialization.data(withJSONObject: manifest, options: [.sortedKeys]),
                to: manifestURL)
            let back = try JSONSerialization.jsonObject(with: Data(contentsOf: manifestURL)) as? [String: Any]
            #expect(back?["nodes"] as? Int == graph.nodes.count && back?["edges"] as? Int == graph.edges.count)
        }
    }
}

@Suite("CSV export for spreadsheet consumers")
struct CSVInjectionTests {
    /// The hostile cells (OWASP's CSV-injection examples) as tweet text and handle attributes.
    static let hostile = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1", "\r=1"]

    @Test(
        "formula-leading text cells get a leading quote; ids, types and numbers stay as they are",
        arguments: ExportGraph.CSVDialect.allCases)
    func formulaCellsAreNeutralised(dialect: ExportGraph.CSVDialect) throws {
        var graph = ExportGraph()
        for (k, text) in Self.hostile.enumerated() {
            graph.nodes.append(
                .init(
                    id: "\(1_600_000_000_000_000_000 + k)", kind: "tweet",
                    attributes: ["text": .string(text), "score": .double(-0.5 - Double(k))]))
        }
        graph.nodes.append(.init(id: "@alice", kind: "user", attributes: ["text": "plain", "score": 1.0]))
        graph.edges = [
            .init(
                source: "@alice", target: "1600000000000000000", kind: "authored",
                attributes: ["reason": "-1 because", "weight": -2])
        ]
        let (nodesText, edgesText) = graph.csv(dialect: dialect)
        let nodes = parseCSV(nodesText)
        let edges = parseCSV(edgesText)
        let text = try #require(nodes[0].firstIndex { $0.hasPrefix("text") })
        let score = try #require(nodes[0].firstIndex { $0.hasPrefix("score") })
        for (k, hostile) in Self.hostile.enumerated() {
            let row = nodes[k + 1]
            #expect(row[0] == "\(1_600_000_000_000_000_000 + k)") // numeric ids untouched
            #expect(row[text] == "'" + hostile)
            #expect(row[score].hasPrefix("-")) // numbers untouched
            #expect(Double(row[score]) != nil)
        }
        #expect(nodes.last?[0] == "@alice") // ids are keys: untouched
        #expect(nodes.last?[text] == "plain")
        let reason = try #require(edges[0].firstIndex { $0.hasPrefix("reason") })
        let weight = try #require(edges[0].firstIndex { $0.hasPrefix("weight") })
        #expect(edges[1][0] == "@alice" && edges[1][reason] == "'-1 because" && edges[1][weight] == "-2")
    }
}
