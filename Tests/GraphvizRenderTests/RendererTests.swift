import Foundation
import GraphvizRender
import Testing

@Suite("GraphvizRenderer")
struct RendererTests {
    static let small = #"digraph G { a [label="first"]; b [label="second"]; a -> b; b -> c }"#

    @Test("every output format yields its signature", arguments: OutputFormat.allCases)
    func formats(format: OutputFormat) throws {
        let rendering = try GraphvizRenderer(format: format).render(Self.small)
        let head = String(decoding: rendering.data.prefix(16), as: UTF8.self)
        switch format {
        case .svg: #expect(rendering.text.contains("<svg"))
        case .png: #expect(Array(rendering.data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        case .pdf: #expect(head.hasPrefix("%PDF-"))
        case .json:
            let object = try #require(try JSONSerialization.jsonObject(with: rendering.data) as? [String: Any])
            #expect((object["objects"] as? [Any])?.count == 3)
        case .xdot: #expect(rendering.text.contains("_draw_"))
        case .dot: #expect(rendering.text.contains("pos=") && rendering.text.contains("bb="))
        case .canon:
            #expect(rendering.text.hasPrefix("digraph G {"))
            #expect(!rendering.text.contains("pos="))
        }
        #expect(rendering.format == format)
        #expect(rendering.warnings.isEmpty)
    }

    @Test("every layout engine places every node", arguments: LayoutEngine.allCases)
    func engines(engine: LayoutEngine) throws {
        let rendering = try GraphvizRenderer(engine: engine, format: .svg).render(Self.small)
        #expect(SVGCounts(rendering.data).nodes == 3)
        #expect(SVGCounts(rendering.data).edges == 2)
    }

    @Test("a syntax error throws with Graphviz's message, and the next render succeeds")
    func syntaxErrorDoesNotPoison() throws {
        let renderer = GraphvizRenderer()
        for _ in 0..<3 {
            #expect {
                try renderer.render("digraph { a -> ; ]] }")
            } throws: { error in
                guard let error = error as? GraphvizError else { return false }
                return error.stage == .syntax && error.messages.contains { $0.contains("syntax error") }
            }
            let after = try renderer.render(Self.small)
            #expect(SVGCounts(after.data).nodes == 3)
        }
    }

    @Test("line numbers in syntax errors count from the start of each source, whatever was parsed before")
    func lineNumbersStartAfresh() throws {
        let renderer = GraphvizRenderer()
        _ = try renderer.render("digraph A { a }\ndigraph B { b }\n\n")
        #expect {
            try renderer.render("digraph { a -> ; }")
        } throws: { error in
            (error as? GraphvizError)?.messages == ["syntax error in line 1 near ';'"]
        }
    }

    @Test("empty and graph-less input throw a syntax error", arguments: ["", "   \n", "/* only a comment */"])
    func emptyInput(source: String) {
        #expect(throws: GraphvizError.self) { try GraphvizRenderer().render(source) }
    }

    @Test("a malformed HTML-like label fails at layout, and the next render succeeds")
    func badHTMLLabel() throws {
        #expect {
            try GraphvizRenderer().render("digraph { a [label=<<b>unclosed>] }")
        } throws: { error in
            (error as? GraphvizError)?.stage == .layout
        }
        #expect(SVGCounts(try GraphvizRenderer().render(Self.small).data).nodes == 3)
    }

    @Test("warnings are returned, not printed")
    func warnings() throws {
        let rendering = try GraphvizRenderer().render("digraph { a [shape=nosuchshape] }")
        #expect(rendering.warnings.contains { $0.contains("nosuchshape") })
        #expect(SVGCounts(rendering.data).nodes == 1)
        // The next render starts with an empty list.
        #expect(try GraphvizRenderer().render(Self.small).warnings.isEmpty)
    }

    @Test("sixteen concurrent renders each get their own graph")
    func concurrentRenders() async throws {
        let results = try await withThrowingTaskGroup(of: (Int, Rendering).self) { group in
            for k in 0..<16 {
                group.addTask {
                    let nodes = (0...k).map { "n\(k)_\($0)" }
                    let edges = zip(nodes, nodes.dropFirst()).map { "\($0) -> \($1);" }.joined(separator: " ")
                    let source = "digraph g\(k) { \(nodes.joined(separator: "; ")); \(edges) }"
                    let engine = LayoutEngine.allCases[k % LayoutEngine.allCases.count]
                    return (k, try GraphvizRenderer(engine: engine, format: .svg).render(source))
                }
                if k % 4 == 3 { // interleave failures: they must not disturb the others
                    group.addTask {
                        do { _ = try GraphvizRenderer().render("digraph { ] }") } catch {}
                        return (-1, Rendering(data: Data(), format: .svg))
                    }
                }
            }
            var all: [Int: Rendering] = [:]
            for try await (k, rendering) in group where k >= 0 { all[k] = rendering }
            return all
        }
        #expect(results.count == 16)
        for (k, rendering) in results {
            let counts = SVGCounts(rendering.data)
            #expect(counts.nodes == k + 1, "graph \(k)")
            #expect(counts.edges == k, "graph \(k)")
            #expect(rendering.text.contains("<title>g\(k)</title>"))
        }
    }

    @Test("the Graphviz version is reported")
    func version() {
        #expect(GraphvizRenderer.graphvizVersion.first?.isNumber == true)
    }

    @Test("render(to:) writes the file whole")
    func writesFile() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("g.pdf")
        let rendering = try GraphvizRenderer(format: .pdf).render(Self.small, to: url)
        #expect(try Data(contentsOf: url) == rendering.data)
    }
}
