import Testing

@testable import ReplyGraph

/// Archives that state reply ids: threads are exactly what the ids say.
@Suite struct ThreadExplicitTests {
    typealias F = TweetFactory

    /// A 3-tweet explicit chain, an unrelated reply to someone else, a self-reply to a deleted (absent) tweet, and a
    /// stand-alone tweet posted right after the chain (not a reply, so not a part).
    static func archive() -> Archive {
        let root = F.tweet(0, "Why is Kafka fast?")
        let second = F.tweet(300, "Sequential IO", replyTo: root.id)
        let third = F.tweet(9000, "Zero copy", replyTo: second.id)
        let other = F.tweet(5, "Great post", by: "bob")
        let reply = F.tweet(10, "@bob Thanks!", replyTo: other.id)
        let orphan = F.tweet(20, "@ghost Thanks", replyTo: F.id(1, 7), replyUser: "ghost")
        let standalone = F.tweet(9001, "Unrelated news")
        return Archive(
            tweets: [third, standalone, reply, root, other, orphan, second],
            externalTweets: [F.id(1, 7): ExternalTweet(id: F.id(1, 7), author: Handle("ghost"))])
    }

    @Test func threadsAreExactlyTheSelfReplyChains() throws {
        let graph = ReplyGraph(Self.archive())
        #expect(graph.threads.count == 1)
        let thread = try #require(graph.threads.first)
        #expect(thread.tweets == [F.id(0), F.id(300), F.id(9000)])
        #expect(thread.links.map(\.reason.description) == ["reply-id", "reply-id"])
        #expect(thread.links.map(\.confidence) == [1, 1])
        #expect(thread.confidence == 1)
        #expect(graph.thread(containing: F.id(9001)) == nil)
        #expect(graph.thread(containing: F.id(10)) == nil)
    }

    @Test func explicitLinksIgnoreInferenceSettings() {
        let graph = ReplyGraph(Self.archive(), options: ThreadOptions(maxGap: 1, inference: false))
        #expect(graph.threads.map(\.length) == [3])
    }

    @Test func repliesPointAtTweetsIncludingDeletedOnes() throws {
        let graph = ReplyGraph(Self.archive())
        let orphan = try #require(graph.node(for: F.id(20)))
        let parent = try #require(graph.edges(from: orphan, kind: .repliesTo).first?.target)
        #expect(graph.kind(of: parent) == .externalTweet)
        #expect(graph.tweetID(of: parent) == F.id(1, 7))
        let reply = try #require(graph.node(for: F.id(10)))
        #expect(graph.edges(from: reply, kind: .repliesTo).map(\.target) == [graph.node(for: F.id(5))])
        #expect(graph.edgeCount(.repliesTo) == 4) // two chain links, the reply to bob, the orphan
        #expect(graph.edgeCount(.continues) == 2)
    }

    @Test func aThreadWhoseRootIsMissingStartsAtItsFirstPresentPart() throws {
        let missingRoot = F.id(0)
        let second = F.tweet(1, "part two", replyTo: missingRoot, replyUser: "alice")
        let third = F.tweet(2, "part three", replyTo: second.id)
        let graph = ReplyGraph(Archive(tweets: [third, second]))
        let thread = try #require(graph.threads.first)
        #expect(thread.tweets == [second.id, third.id])
        #expect(thread.links.map(\.reason.description) == ["reply-id"])
        #expect(graph.kind(of: try #require(graph.node(for: missingRoot))) == .externalTweet)
    }

    @Test func branchingSelfRepliesStayInOneThread() throws {
        let root = F.tweet(0, "root")
        let a = F.tweet(1, "a", replyTo: root.id)
        let b = F.tweet(2, "b", replyTo: root.id)
        let thread = try #require(ReplyGraph(Archive(tweets: [root, a, b])).threads.first)
        #expect(thread.tweets == [root.id, a.id, b.id])
        #expect(thread.links.map(\.to) == [root.id, root.id])
    }
}
