// The Swift API example from README.md, kept compiling and running. Keep the two in step.
import Foundation
import ReplyGraph
import Testing

@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleRuns() throws {
        // --- README example begins ---
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        let graph = ReplyGraph(archive)                    // threads reconstructed on the way

        let longest = graph.threads.max { $0.length < $1.length }!
        print(longest.length, longest.numbering)           // e.g. 15 slashPrefix
        for link in longest.links.prefix(2) {
            print(link.from, "continues", link.to, link.reason, link.confidence)
        }

        let mentions = graph.userGraph(.mention)
        let pagerank = try PageRank(damping: 0.85).scores(in: mentions)
        let top = mentions.labels.indices.max { pagerank[$0] < pagerank[$1] }!
        print("most central:", mentions.labels[top])

        let promotions = PromotionDetector().classify(archive.tweets).filter(\.isPromotion)
        print(promotions.count, "promotional tweets")
        // --- README example ends ---

        #expect(archive.tweets.count == 2073)
        #expect(longest.length >= 10)
        #expect(longest.links.count == longest.length - 1)
        #expect(abs(pagerank.reduce(0, +) - 1) < 1e-9)
        #expect(!promotions.isEmpty)
    }
}

@Suite struct ReadmeExampleSyncTests {
    /// The README's `## Swift API` code block equals the example in this file (minus indentation).
    @Test func theReadmeShowsExactlyTheTestedCode() throws {
        let here = URL(fileURLWithPath: #filePath)
        let root = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.components(separatedBy: "## Swift API").dropFirst().first)
        let block = try #require(section.components(separatedBy: "```swift\n").dropFirst().first?
            .components(separatedBy: "```").first)
        let source = try String(contentsOf: here, encoding: .utf8)
        let tested = try #require(source.components(separatedBy: "// --- README example begins ---\n").dropFirst()
            .first?.components(separatedBy: "        // --- README example ends ---").first)
        func normalized(_ text: String) -> [String] {
            text.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && $0 != "import ReplyGraph" }
        }
        #expect(normalized(block) == normalized(tested))
    }
}
