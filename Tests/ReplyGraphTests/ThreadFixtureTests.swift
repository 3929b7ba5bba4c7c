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
        let roots = graph.threads.map(\.root)
        #expect(roots == Self.ids(1517530707832164352, 1532738954096611329, 1536375267991531520,
                                  1541811077209399296))
        #expect(graph.threads.map(\.length) == [7, 6, 12, 2])
        // The @MarcoDenisi answer and the three identical answers stay single tweets.
        for id in Self.ids(1479135310709624834, 1479135397510737926, 1507180126307463176, 1507180224395456520,
                           1507180261255000086) {
            #expect(graph.thread(containing: id) == nil)
        }
        #expect(graph.followUps.map(\.tweet) == Self.ids(1517533041140281344))
        #expect(graph.followUps.first?.target == TweetID(1517530707832164352))
        let giveaway = try #require(graph.thread(containing: TweetID(1541812396645183489)))
        #expect(giveaway.links[0].reason.hasSuffix("closer"))
    }

    @Test func coAuthorTagsAreMentionsNotReplies() throws {
        let graph = try Self.graph()
        let sahnlam = try #require(graph.node(for: Handle("sahnlam")))
        let gergely = try #require(graph.node(for: Handle("gergelyorosz")))
        #expect(graph.edges(to: sahnlam, kind: .repliesTo).isEmpty)
        #expect(graph.edges(to: gergely, kind: .repliesTo).isEmpty)
        #expect(graph.edges(to: sahnlam, kind: .mentions).count == 11)  // "2/ Written by @sahnlam", then 3/ … 12/
        let marco = try #require(graph.node(for: Handle("MarcoDenisi")))
        #expect(graph.edges(to: marco, kind: .repliesTo).count == 2)
    }
}
