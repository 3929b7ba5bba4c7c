import Testing

@testable import ReplyGraph

@Suite struct GraphTraversalTests {
    typealias F = TweetFactory

    /// An explicit self-reply chain 100,000 tweets deep: reconstruction and traversal must not recurse.
    @Test func hundredThousandDeepChain() throws {
        let depth = 100_000
        var tweets: [Tweet] = []
        tweets.reserveCapacity(depth)
        var parent: TweetID?
        for k in 0..<depth {
            let id = TweetID(UInt64(F.base - TweetID.twitterEpochMilliseconds + Int64(k)) << 22) // 1 ms apart
            tweets.append(Tweet(id: id, author: Handle("deep"), text: "x", entities: .empty, inReplyToID: parent))
            parent = id
        }
        let graph = ReplyGraph(Archive(tweets: tweets))
        #expect(graph.threads.count == 1)
        #expect(graph.threads.first?.length == depth)
        #expect(graph.edgeCount(.continues) == depth - 1)
        let last = try #require(graph.node(for: tweets[depth - 1].id))
        let chain = graph.tweetGraph.chain(from: last, kind: .repliesTo)
        #expect(chain.count == depth)
        #expect(chain.last == graph.node(for: tweets[0].id))
        let below = graph.tweetGraph.reachable(from: chain.last!, kinds: [.continues], direction: .incoming)
        #expect(below.count == depth)
    }

    @Test func reachableVisitsEachNodeOnce() throws {
        let root = F.tweet(0, "root")
        let a = F.tweet(1, "a", replyTo: root.id)
        let b = F.tweet(2, "b", replyTo: root.id)
        let c = F.tweet(3, "@alice c", by: "bob", replyTo: a.id)
        let graph = ReplyGraph(Archive(tweets: [root, a, b, c]))
        let start = try #require(graph.node(for: root.id))
        let replies = graph.tweetGraph.reachable(from: start, kinds: [.repliesTo, .continues], direction: .incoming)
        #expect(replies.first == start)
        #expect(Set(replies) == Set([root, a, b, c].compactMap { graph.node(for: $0.id) }))
        #expect(replies.count == 4)
        let up = graph.tweetGraph.reachable(from: graph.node(for: c.id)!, kinds: [.repliesTo], direction: .outgoing)
        #expect(up == [c, a, root].compactMap { graph.node(for: $0.id) })
    }

    @Test func chainStopsAtCycles() {
        // Ids that point at each other (bad data): the graph keeps the edges, the walk stops.
        let x = Tweet(id: TweetID(10), author: Handle("a"), text: "x", inReplyToID: TweetID(11))
        let y = Tweet(id: TweetID(11), author: Handle("a"), text: "y", inReplyToID: TweetID(10))
        let graph = ReplyGraph(Archive(tweets: [x, y]))
        #expect(graph.edgeCount(.repliesTo) == 2)
        #expect(graph.tweetGraph.chain(from: NodeID(0), kind: .repliesTo).count == 2)
        #expect(graph.threads.count <= 1)
    }
}
