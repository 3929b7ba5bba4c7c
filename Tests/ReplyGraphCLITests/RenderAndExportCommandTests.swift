import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Counts SVG node and edge groups, and links, while parsing the file as XML.
final class SVGCounter: NSObject, XMLParserDelegate {
    var nodes = 0, edges = 0, scripts = 0
    var links: [String] = []

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        if name == "g", attributes["class"] == "node" { nodes += 1 }
        if name == "g", attributes["class"] == "edge" { edges += 1 }
        if name == "script" { scripts += 1 }
        if name == "a", let href = attributes["xlink:href"] ?? attributes["href"] { links.append(href) }
    }

    static func count(_ data: Data) throws -> SVGCounter {
        let counter = SVGCounter()
        let parser = XMLParser(data: data)
        parser.delegate = counter
        #expect(parser.parse(), "the SVG is not well-formed XML: \(String(describing: parser.parserError))")
        return counter
    }
}

@Suite struct RenderAndExportCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
        "replygraph-render-\(UUID().uuidString)")

    @Test func rendersAThreadDiagramAsSVG() throws {
        // A 7-part thread of the sample (/1 ... /7), named by one of its middle tweets.
        let file = directory.appendingPathComponent("thread.svg")
        let result = try CLIRunner.run(["render", "--view", "thread:1625536667317841920", "-o", file.path])
        #expect(result.status == 0, "\(result.stderr)")
        let svg = try SVGCounter.count(Data(contentsOf: file))
        #expect(svg.scripts == 0)
        #expect(svg.edges >= 6) // six "next part" edges at least
        // Links are built from ids, never taken from tweet text.
        #expect(svg.links.contains("https://twitter.com/alexxubyte/status/1625536625030885377"))
        #expect(svg.links.allSatisfy { $0.hasPrefix("https://twitter.com/") })
    }

    @Test func rendersEveryViewAndFormat() throws {
        for (view, name) in [
            ("mentions", "m.svg"), ("threads", "t.pdf"), ("timeline", "tl.png"), ("mentions", "m.dot"),
        ] {
            let file = directory.appendingPathComponent(name)
            var arguments = ["render", "--view", view, "-o", file.path]
            if view == "threads" { arguments += ["--limit", "3"] }
            if view == "mentions" { arguments += ["--top", "20"] }
            let result = try CLIRunner.run(arguments)
            #expect(result.status == 0, "\(view) → \(name): \(result.stderr)")
            let data = try Data(contentsOf: file)
            let magic: [String: [UInt8]] = [
                "svg": Array("<?xml".utf8), "pdf": Array("%PDF".utf8),
                "png": [0x89, 0x50, 0x4E, 0x47], "dot": Array("digraph".utf8),
            ]
            let expected = try #require(magic[(name as NSString).pathExtension])
            #expect(Array(data.prefix(expected.count)) == expected, "\(name) has the wrong signature")
        }
    }

    @Test func renderErrorsAreClear() throws {
        #expect(try CLIRunner.run(["render", "--view", "galaxy", "-o", "x.svg"]).status == 64)
        #expect(try CLIRunner.run(["render", "--view", "mentions", "-o", "x.bmp"]).status == 64)
        let single = try CLIRunner.run([
            "render", "--view", "thread:1625899017673793541",
            "-o", directory.appendingPathComponent("x.svg").path,
        ])
        #expect(single.status == 65)
        #expect(single.stderr.contains("not part of a thread"))
        let unwritable = try CLIRunner.run(["render", "--view", "timeline", "-o", "/proc/no/such/dir/x.svg"])
        #expect(unwritable.status == 73) // the file cannot be created (sysexits EX_CANTCREAT)
        #expect(unwritable.stderr.contains("cannot write /proc/no/such/dir/x.svg: No such file or directory"))
    }

    @Test func exportsLoadBack() throws {
        let graphml = directory.appendingPathComponent("tweets.graphml")
        #expect(try CLIRunner.run(["export", "--to", "graphml", "-o", graphml.path]).status == 0)
        let text = try String(contentsOf: graphml, encoding: .utf8)
        #expect(text.components(separatedBy: "<node ").count - 1 >= 2073) // every tweet, plus users

        let json = directory.appendingPathComponent("users.json")
        #expect(
            try CLIRunner.run([
                "export", "--graph", "interaction", "--metrics", "--to", "json",
                "-o", json.path,
            ]).status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let edges = try #require(object["edges"] as? [[String: Any]])
        #expect(!nodes.isEmpty && !edges.isEmpty)
        #expect(nodes.allSatisfy { $0["pagerank"] is Double && $0["community"] != nil })
        // Per-relation weights on every edge; self-loops are kept but flagged.
        #expect(
            edges.allSatisfy {
                $0["self_loop"] as? Bool == true || ($0["weight_mention"] != nil && $0["weight_reply"] != nil)
            })
        #expect(edges.contains { $0["self_loop"] as? Bool == true && $0["source"] as? String == "alexxubyte" })

        let csv = directory.appendingPathComponent("csv")
        #expect(try CLIRunner.run(["export", "--graph", "mention", "--to", "csv", "-o", csv.path]).status == 0)
        let edgesCSV = try String(contentsOf: csv.appendingPathComponent("edges.csv"), encoding: .utf8)
        #expect(edgesCSV.hasPrefix(":START_ID,:END_ID,:TYPE"))
    }
}
