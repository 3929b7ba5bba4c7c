// A tour of the library API through the README's former example. The README's library example is now the test of
// Tests/ConsumerPackage, which also checks that the README shows exactly that code.
import Foundation
import ReplyGraph
import Testing

@Suite struct ReadmeExampleTests {
    @Test func theReadmeExampleRuns() throws {
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        let graph = ReplyGraph(archive) // threads reconstructed on the way

        let longest = graph.threads.max { $0.length < $1.length }!
        print(longest.length, longest.numbering) // e.g. 15 slashPrefix
        for link in longest.links.prefix(2) {
            print(link.from, "continues", link.to, link.reason, link.confidence)
        }

        let mentions = graph.userGraph(.mention)
        let pagerank = try PageRank(damping: 0.85).scores(in: mentions)
        let top = mentions.labels.indices.max { pagerank[$0] < pagerank[$1] }!
        print("most central:", mentions.labels[top])

        let promotions = PromotionDetector().classify(archive.tweets).filter(\.isPromotion)
        print(promotions.count, "promotional tweets")

        #expect(archive.tweets.count == 2073)
        #expect(longest.length >= 10)
        #expect(longest.links.count == longest.length - 1)
        #expect(abs(pagerank.reduce(0, +) - 1) < 1e-9)
        #expect(!promotions.isEmpty)
    }
}
