import Testing

@testable import ReplyGraph

@Suite struct GraphStorageTests {
    typealias F = TweetFactory

    /// alice posts a 2-part thread mentioning Bob, bob replies by handle, carol quotes and retweets ids.
    static func graph() -> ReplyGraph {
        let quoted = F.id(-100, 9)
        return F.graph([
            F.tweet(0, "1/ Caching tips, thanks @Bob"),
            F.tweet(1, "2/ More tips @carol"),
            F.tweet(50, "@ALICE nice thread cc @dave", by: "bob"),
            Tweet(id: F.id(60), author: Handle("carol"), text: "Look", quotedID: quoted),
            Tweet(id: F.id(61), author: Handle("Carol"), text: "", retweetedID: F.id(0)),
        ])
    }

    @Test func nodesAreDenseAndTyped() throws {
        let graph = Self.graph()
        #expect(graph.tweetGraph.tweetCount == 5)
        #expect(graph.tweetGraph.externalTweetCount == 1)
        #expect(graph.tweetGraph.userCount == 4) // alice, bob, carol, dave
        #expect(graph.nodeCount == 10)
        #expect(graph.node(for: F.id(0)) == NodeID(0))
        #expect(graph.kind(of: NodeID(0)) == .tweet)
        #expect(graph.kind(of: try #require(graph.node(for: F.id(-100, 9)))) == .externalTweet)
        let bob = try #require(graph.node(for: Handle("BOB")))
        #expect(graph.kind(of: bob) == .user)
        #expect(graph.handle(of: bob)?.display == "Bob") // displayed as first seen (in archive order)
        #expect(graph.node(for: Handle("nobody")) == nil)
        #expect(graph.node(for: TweetID(42)) == nil)
        #expect(graph.nodes(of: .tweet).map(\.rawValue) == Array(0..<5))
        #expect(Array(graph.nodes(of: .externalTweet)) == [NodeID(5)])
        #expect(graph.nodes(of: .user).map { graph.kind(of: $0) } == [NodeKind](repeating: .user, count: 4))
        graph.tweetGraph.checkInvariants()
    }

    @Test func edgesAreTypedAndCounted() throws {
        let graph = Self.graph()
        #expect(graph.edgeCount(.authored) == 5)
        #expect(graph.edgeCount(.continues) == 1)
        #expect(graph.edgeCount(.repliesTo) == 1) // bob → alice, by handle
        #expect(graph.edgeCount(.mentions) == 3) // Bob, carol, dave
        #expect(graph.edgeCount(.quotes) == 1)
        #expect(graph.edgeCount(.retweets) == 1)
        #expect(graph.edgeCount == EdgeKind.allCases.reduce(0) { $0 + graph.edgeCount($1) })

        let alice = try #require(graph.node(for: Handle("alice")))
        #expect(graph.edges(from: alice, kind: .authored).map(\.target) == [NodeID(0), NodeID(1)])
        #expect(graph.edges(to: alice, kind: .repliesTo).map(\.source) == [NodeID(2)])
        let carol = try #require(graph.node(for: Handle("carol")))
        #expect(graph.edges(from: carol, kind: .authored).count == 2) // "carol" and "Carol" are one user
        let second = try #require(graph.node(for: F.id(1)))
        let link = try #require(graph.edges(from: second, kind: .continues).first)
        #expect(link.target == NodeID(0))
        #expect(link.confidence > 0.9 && link.confidence <= 1)
        #expect(graph.edges(to: NodeID(0), kind: .retweets).map(\.source) == [graph.node(for: F.id(61))])
    }

    @Test func outAndInAdjacencyHoldEveryEdgeOnce() {
        let graph = Self.graph()
        var out: [Edge] = []
        var into: [Edge] = []
        for node in graph.tweetGraph.nodes {
            let o = graph.edges(from: node)
            #expect(o.allSatisfy { $0.source == node })
            #expect(zip(o, o.dropFirst()).allSatisfy { $0.kind.rawValue <= $1.kind.rawValue })
            out += o
            let i = graph.edges(to: node)
            #expect(i.allSatisfy { $0.target == node })
            #expect(zip(i, i.dropFirst()).allSatisfy { $0.kind.rawValue <= $1.kind.rawValue })
            into += i
            #expect(graph.tweetGraph.outDegree(of: node) == o.count && graph.tweetGraph.inDegree(of: node) == i.count)
        }
        #expect(out.count == graph.edgeCount && into.count == graph.edgeCount)
        let key = { (e: Edge) in "\(e.source.rawValue)-\(e.target.rawValue)-\(e.kind.rawValue)" }
        #expect(out.map(key).sorted() == into.map(key).sorted())
    }

    @Test func builderFreezesAnyEdgeOrder() {
        let archive = Archive(tweets: [F.tweet(0, "a"), F.tweet(1, "b")])
        var builder = GraphBuilder(archive: archive)
        let u = builder.user(Handle("u"))
        let x = builder.tweet(TweetID(7))
        builder.addEdge(from: NodeID(1), to: x, kind: .quotes)
        builder.addEdge(from: u, to: NodeID(1), kind: .authored)
        builder.addEdge(from: NodeID(1), to: NodeID(0), kind: .continues, confidence: 0.75)
        builder.addEdge(from: u, to: NodeID(0), kind: .authored)
        let graph = builder.build()
        let user = graph.node(for: Handle("U"))!
        #expect(user == NodeID(3))
        #expect(graph.edges(from: user).map(\.target) == [NodeID(1), NodeID(0)]) // stable within a kind
        #expect(graph.edges(from: NodeID(1)).map(\.kind) == [.continues, .quotes])
        #expect(graph.edges(from: NodeID(1), kind: .continues).first?.confidence == 0.75)
        #expect(graph.edges(from: NodeID(0)).isEmpty)
        #expect(graph.edges(to: NodeID(0), kind: .mentions).isEmpty)
    }

    @Test func storageStaysUnder48BytesPerEdge() {
        let graph = Self.graph().tweetGraph
        #expect(MemoryLayout<Edge>.stride == 16)
        // Small graphs are dominated by fixed table overhead; the bound is per edge at scale (see the bench), but the
        // per-edge arrays alone must be 20 bytes.
        let perEdgeArrays = MemoryLayout<Edge>.stride + MemoryLayout<Int32>.stride
        #expect(perEdgeArrays == 20)
        #expect(graph.storageBytes > 0)
    }
}
