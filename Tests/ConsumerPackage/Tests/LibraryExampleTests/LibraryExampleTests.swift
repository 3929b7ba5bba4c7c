// The README's library example, compiled against the public API only (a plain `import`, no `@testable`) and run.
// The README's ```swift block under "## The library in 20 lines" is the code between the markers below, with the
// imports of this file; `theReadmeShowsThisCode` checks that the two stay the same.
import Foundation
import GraphExport
import GraphvizRender
import ReplyGraph
import Testing

@Suite struct LibraryExampleTests {
    @Test func theReadmeExampleRuns() throws {
        // --- README example begins ---
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        let graph = ReplyGraph(archive) // threads reconstructed on the way
        print(archive.tweets.count, "tweets,", graph.threads.count, "threads")

        let users = graph.userGraph(.coMention) // users mentioned in the same tweet
        let ranking = try PageRank().ranking(in: users)
        for entry in ranking.top(3) { print(entry.handle, entry.score) }

        let promotions = PromotionDetector().classify(archive.tweets).filter(\.isPromotion)
        print(promotions.count, "promotional tweets")

        let longest = graph.threads.max { $0.length < $1.length }!
        let dot = ThreadView(thread: longest, in: graph).dot
        let svg = try GraphvizRenderer(engine: .dot, format: .svg).render(dot)
        try svg.data.write(to: FileManager.default.temporaryDirectory.appendingPathComponent("thread.svg"))
        print(longest.length, "tweets in the longest thread, drawn in", svg.data.count, "bytes of SVG")
        // --- README example ends ---

        #expect(archive.tweets.count == 2073)
        #expect(graph.threads.count == 252)
        #expect(users.nodeCount == 205)
        let top = ranking.top(3)
        #expect(top.map(\.handle.display) == ["sahnlam", "GergelyOrosz", "bytebytego"])
        #expect(top.map(\.score) == top.map(\.score).sorted(by: >))
        #expect(abs(ranking.entries.reduce(0) { $0 + $1.score } - 1) < 1e-9)
        #expect(promotions.count == 304)
        #expect(longest.length == 15)
        #expect(longest.links.count == longest.length - 1)
        #expect(svg.text.hasPrefix("<?xml"))
        #expect(svg.text.contains("<svg"))
        #expect(svg.text.contains(longest.root.description))
    }

    /// The README's library example is exactly the code above (indentation, blank lines and imports aside), and
    /// imports what this file imports.
    @Test func theReadmeShowsThisCode() throws {
        let here = URL(fileURLWithPath: #filePath)
        var root = here
        // The file, then Tests/ConsumerPackage/Tests/LibraryExampleTests/.
        for _ in 0..<5 { root.deleteLastPathComponent() }
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## The library in 20 lines").dropFirst().first)
        let block = try #require(
            section.components(separatedBy: "```swift\n").dropFirst().first?.components(separatedBy: "```").first)
        let source = try String(contentsOf: here, encoding: .utf8)
        let tested = try #require(
            source.components(separatedBy: "// --- README example begins ---\n").dropFirst().first?
                .components(separatedBy: "// --- README example ends ---").first)
        func lines(_ text: String) -> [String] {
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let imports = lines(source).filter { $0.hasPrefix("import ") && $0 != "import Testing" }
        #expect(lines(block).filter { $0.hasPrefix("import ") } == imports)
        #expect(lines(block).filter { !$0.hasPrefix("import ") } == lines(tested))
        #expect(lines(block).count <= 20)
    }
}
