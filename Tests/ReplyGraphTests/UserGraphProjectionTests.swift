import Foundation
import Testing

@testable import ReplyGraph

@Suite("User graph projections")
struct UserGraphProjectionTests {
    static let sample: Archive = try! ArchiveReader().read(paths: [SampleArchive.path])
    static let corpus: Archive = try! ArchiveReader().read(
        paths: [CentralityFixture.directory.appendingPathComponent("corpus-10k-seed7.twint.txt").path])

    /// Projecting the archives today must yield exactly the edge lists the networkx fixtures were computed on.
    @Test(arguments: [
        ("sample-mention", UserGraphKind.mention, false), ("sample-mention-self", .mention, true),
        ("sample-interaction", .interaction, false), ("corpus10k-mention", .mention, false),
        ("corpus10k-interaction", .interaction, false), ("corpus10k-comention", .coMention, false),
    ])
    func projectionMatchesFixture(_ name: String, _ kind: UserGraphKind, _ includeSelf: Bool) throws {
        let fixture = try CentralityFixture(name)
        let archive = name.hasPrefix("sample") ? Self.sample : Self.corpus
        let graph = ReplyGraph(archive).userGraph(kind, options: UserGraphOptions(includeSelf: includeSelf))
        #expect(graph.isDirected == fixture.directed)
        #expect(graph.labels == fixture.nodes)
        #expect(graph.edges == fixture.edges)
    }

    static func tweet(
        _ id: UInt64, _ author: String, _ text: String, quoted: UInt64? = nil,
        retweeted: UInt64? = nil
    ) -> Tweet {
        Tweet(
            id: TweetID(id), author: Handle(author), createdAt: Timestamp(milliseconds: Int64(id) * 1000), text: text,
            quotedID: quoted.map { TweetID($0) }, retweetedID: retweeted.map { TweetID($0) })
    }

    static let tweets: [Tweet] = [
        tweet(1, "Alice", "@Bob @carol hello, thanks @Dave and @dave"),
        tweet(2, "bob", "@alice hi there cc @DAVE"),
        tweet(3, "alice", "talking to myself @ALICE and @bob"),
        tweet(4, "carol", "quoting this", quoted: 2),
        tweet(5, "dave", "RT @Alice: talking to myself"),
        tweet(6, "erin", "retweet of a known tweet", retweeted: 1),
    ]

    @Test func mentionGraphMergesCaseAndExcludesReplyHandles() throws {
        let g = UserGraph.project(.mention, tweets: Self.tweets)
        #expect(g.isDirected)
        // Nodes in first-seen order with first-seen spelling; bob/carol are reply handles in tweet 1.
        #expect(g.labels == ["Alice", "Dave", "bob"])
        let alice = try #require(g.node(named: "ALICE"))
        let dave = try #require(g.node(Handle("dAvE")))
        #expect(g.weight(from: alice, to: dave) == 1) // @Dave and @dave in one tweet count once
        #expect(g.weight(from: g.node(named: "bob")!, to: dave) == 1)
        // The self-mention is recorded but not in the adjacency by default.
        #expect(g.selfLoopWeights[Int(alice)] == 1)
        #expect(g.weight(from: alice, to: alice) == nil)
        let withSelf = UserGraph.project(.mention, tweets: Self.tweets, options: UserGraphOptions(includeSelf: true))
        #expect(withSelf.weight(from: alice, to: alice) == 1)
        #expect(withSelf.edgeCount == g.edgeCount + 1)
    }

    @Test func replyAndInteractionGraphs() throws {
        let reply = UserGraph.project(.reply, tweets: Self.tweets)
        #expect(reply.edges.count == 3) // alice→bob, alice→carol, bob→alice
        let g = UserGraph.project(.interaction, tweets: Self.tweets)
        let alice = try #require(g.node(named: "alice"))
        let bob = try #require(g.node(named: "bob"))
        let carol = try #require(g.node(named: "carol"))
        let dave = try #require(g.node(named: "dave"))
        let erin = try #require(g.node(named: "erin"))
        func kinds(_ u: Int32, _ v: Int32) -> [Double] {
            let i = g.outOffsets[Int(u)] + g.successors(of: u).firstIndex(of: v)! - g.successors(of: u).startIndex
            return InteractionKind.allCases.map { g.outKindWeights[$0.rawValue][i] }
        }
        #expect(kinds(alice, bob) == [1, 1, 0, 0]) // reply in 1, mention in 3
        #expect(kinds(carol, bob) == [0, 0, 1, 0]) // quote of tweet 2
        #expect(kinds(dave, alice) == [1, 0, 0, 1]) // old-style RT: retweet, and @Alice is a mention
        #expect(kinds(erin, alice) == [0, 0, 0, 1]) // native retweet of tweet 1
        #expect(g.weight(from: alice, to: bob) == 2)
        _ = dave
    }

    @Test func coMentionIsUndirected() throws {
        let g = UserGraph.project(.coMention, tweets: Self.tweets)
        #expect(!g.isDirected)
        let bob = try #require(g.node(named: "bob"))
        let carol = try #require(g.node(named: "carol"))
        let dave = try #require(g.node(named: "dave"))
        #expect(g.weight(from: bob, to: carol) == 1 && g.weight(from: carol, to: bob) == 1)
        #expect(g.weight(from: bob, to: dave) == 1)
        #expect(g.inOffsets == g.outOffsets && g.inSources == g.outTargets)
    }

    @Test func weightAndTimeFilters() {
        let all = UserGraph.project(.interaction, tweets: Self.tweets)
        let heavy = UserGraph.project(.interaction, tweets: Self.tweets, options: UserGraphOptions(minWeight: 2))
        #expect(heavy.edges.allSatisfy { $0.weight >= 2 })
        // alice→bob (reply + mention) and dave→alice (retweet + mention); "Bob" as first written in tweet 1.
        #expect(heavy.labels == ["Alice", "Dave", "Bob"])
        #expect(all.edges.count > heavy.edges.count)
        let window = UserGraph.project(
            .mention, tweets: Self.tweets,
            options: UserGraphOptions(
                since: Timestamp(milliseconds: 2000),
                until: Timestamp(milliseconds: 3000)))
        #expect(window.labels == ["bob", "DAVE"])
        let none = UserGraph.project(.mention, tweets: [])
        #expect(none.nodeCount == 0 && none.edgeCount == 0)
    }

    @Test func csrInvariantsOnTheSample() {
        let g = ReplyGraph(Self.sample).userGraph(.interaction)
        #expect(g.outOffsets.count == g.nodeCount + 1 && g.inOffsets.count == g.nodeCount + 1)
        #expect(g.outWeights.reduce(0, +) == g.inWeights.reduce(0, +))
        for v in 0..<Int32(g.nodeCount) {
            #expect(Array(g.successors(of: v)) == g.successors(of: v).sorted())
            for (u, w) in zip(g.predecessors(of: v), g.inWeights(of: v)) { #expect(g.weight(from: u, to: v) == w) }
        }
        for k in InteractionKind.allCases { #expect(g.outKindWeights[k.rawValue].count == g.outTargets.count) }
        for i in g.outTargets.indices {
            #expect(InteractionKind.allCases.reduce(0) { $0 + g.outKindWeights[$1.rawValue][i] } == g.outWeights[i])
        }
    }
}
