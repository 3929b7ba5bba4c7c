import Foundation
import Testing

@testable import ReplyGraph

/// Real lines from the sample archive whose thread structure the hand-checked labels settle.
@Suite struct ThreadFixtureTests {
    static func graph() throws -> ReplyGraph {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/threads/tricky.twint.txt").path
        return ReplyGraph(try ArchiveReader().read(paths: [path]))
    }

    static func ids(_ values: UInt64...) -> [TweetID] { values.map { TweetID($0) } }

    @Test func settlesEveryCase() throws {
        let graph = try Self.graph()
        #expect(graph.archive.tweets.count == 33)
        let threads = graph.threads.filter { $0.kind == .thread }
        #expect(
            threads.map(\.root)
                == Self.ids(
                    1_517_530_707_832_164_352, 1_532_738_954_096_611_329, 1_536_375_267_991_531_520,
                    1_541_811_077_209_399_296))
        #expect(threads.map(\.length).dropFirst() == [6, 12, 2])
        // The three identical answers (one text pasted to several people) stay single tweets.
        for id in Self.ids(1_507_180_126_307_463_176, 1_507_180_224_395_456_520, 1_507_180_261_255_000_086) {
            #expect(graph.thread(containing: id) == nil)
        }
        // The two-part @MarcoDenisi answer (1/2, 2/2) is a reply continued: a reply chain, not a thread.
        let answer = try #require(graph.thread(containing: TweetID(1_479_135_310_709_624_834)))
        #expect(answer.kind == .replyChain)
        #expect(answer.tweets == Self.ids(1_479_135_310_709_624_834, 1_479_135_397_510_737_926))
        // The source note belongs to the first thread: the labels call it a follow-up (posted nine minutes after
        // the seventh part); inference may instead take it as an eighth part.
        let source = TweetID(1_517_533_041_140_281_344)
        let first = try #require(threads.first)
        #expect(
            first.length == 7 && graph.followUps.map(\.tweet) == [source]
                && graph.followUps.first?.target == first.root
                || first.length == 8 && first.tweets.last == source)
        let giveaway = try #require(graph.thread(containing: TweetID(1_541_812_396_645_183_489)))
        #expect(giveaway.links[0].reason.description.hasSuffix("closer"))
    }

    @Test func coAuthorTagsAreMentionsNotReplies() throws {
        let graph = try Self.graph()
        let sahnlam = try #require(graph.node(for: Handle("sahnlam")))
        let gergely = try #require(graph.node(for: Handle("gergelyorosz")))
        #expect(graph.edges(to: sahnlam, kind: .repliesTo).isEmpty)
        #expect(graph.edges(to: gergely, kind: .repliesTo).isEmpty)
        #expect(graph.edges(to: sahnlam, kind: .mentions).count == 11) // "2/ Written by @sahnlam", then 3/ … 12/
        let marco = try #require(graph.node(for: Handle("MarcoDenisi")))
        // The reply chain's first part replies to him; the second names him as its prefix.
        #expect(graph.edges(to: marco, kind: .repliesTo).count == 1)
        #expect(graph.edges(to: marco, kind: .mentions).count == 1)
    }
}
