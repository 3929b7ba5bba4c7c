import Testing

@testable import ReplyGraph

/// Work split over the cores must give exactly the result of one pass. Archives take the parallel paths on their own
/// only from hundreds of thousands of tweets, so these tests force the part counts on small archives and compare.
@Suite("Parallel parts equal one pass")
struct ParallelPartsTests {
    /// The sample and the 10k-tweet centrality corpus, as the projection tests read them.
    static var sample: Archive { UserGraphProjectionTests.sample }
    static var corpus: Archive { UserGraphProjectionTests.corpus }

    /// Every node with its identity, its out-edges in order and its in-edges in order.
    static func listing(_ graph: TweetGraph) -> [String] {
        graph.nodes.map { node in
            let identity =
                switch graph.kind(of: node) {
                case .tweet: "tweet"
                case .externalTweet: "external \(graph.tweetID(of: node)!)"
                case .user: "user \(graph.handle(of: node)!.display)"
                }
            let out = graph.edges(from: node).map { "\($0.target.rawValue):\($0.kind):\($0.confidence)" }
            let ins = graph.edges(to: node).map { "\($0.source.rawValue):\($0.kind)" }
            return "\(node.rawValue) \(identity) > \(out) < \(ins)"
        }
    }

    @Test(arguments: [2, 3, 7])
    func replyGraphBuiltInPartsIsTheOnePassGraph(parts: Int) {
        for archive in [Self.sample, Self.corpus] {
            let result = ThreadReconstructor().run(archive)
            let one = GraphBuilder.replyGraph(archive, result, parts: 1)
            let split = GraphBuilder.replyGraph(archive, result, parts: parts)
            #expect(split.nodeCount == one.nodeCount && split.edgeCount == one.edgeCount)
            #expect(Self.listing(split) == Self.listing(one))
        }
    }

    @Test(arguments: [2, 3, 7])
    func projectionInPartsIsTheOnePassProjection(parts: Int) {
        for archive in [Self.sample, Self.corpus] {
            for kind in UserGraphKind.allCases {
                let one = UserGraph.project(
                    kind, tweets: archive.tweets, externalTweets: archive.externalTweets, parts: 1)
                let split = UserGraph.project(
                    kind, tweets: archive.tweets, externalTweets: archive.externalTweets, parts: parts)
                #expect(split.labels == one.labels, "\(kind)")
                #expect(split.outOffsets == one.outOffsets && split.outTargets == one.outTargets, "\(kind)")
                #expect(split.outWeights == one.outWeights && split.outKindWeights == one.outKindWeights, "\(kind)")
                #expect(split.inOffsets == one.inOffsets && split.inSources == one.inSources, "\(kind)")
                #expect(split.selfLoopWeights == one.selfLoopWeights, "\(kind)")
                #expect(split.labels.indices.allSatisfy { split.node(named: split.labels[$0]) == Int32($0) })
            }
        }
    }

    @Test(arguments: [2, 3, 7])
    func typicalGapsInAuthorRangesAreTheOneRangeGaps(parts: Int) {
        for archive in [Self.sample, Self.corpus] {
            var one = ReconstructionState(archive: archive, options: ThreadOptions())
            one.adaptTypicalGaps(parts: 1)
            var split = ReconstructionState(archive: archive, options: ThreadOptions())
            split.adaptTypicalGaps(parts: parts)
            #expect(split.typicalGap == one.typicalGap)
            // Something was adapted: the corpus's authors do not all keep the prior.
            #expect(one.typicalGap.contains { $0 != LinkModel.fitted.typicalGap })
        }
    }

    @Test(arguments: [2, 3, 7])
    func followUpsFoundInAuthorClassesAreTheOnePassFollowUps(parts: Int) {
        for archive in [Self.sample, Self.corpus] {
            let result = ThreadReconstructor().run(archive)
            let state = ReconstructionState(archive: archive, options: ThreadOptions())
            let one = state.findFollowUps(threads: result.threads, threadIndex: result.threadIndex, parts: 1)
            let split = state.findFollowUps(threads: result.threads, threadIndex: result.threadIndex, parts: parts)
            #expect(one == result.followUps)
            #expect(split == one)
        }
        #expect(!ThreadReconstructor().run(Self.sample).followUps.isEmpty)
    }

    /// A source's out-edges come out grouped by kind in the order they were added, for a few edges (sorted in
    /// place) and for many (sorted by counting).
    @Test(arguments: [5, 40])
    func outEdgesAreSortedByKindStably(count: Int) {
        let archive = Archive(tweets: (0..<count).map { TweetFactory.tweet(Double($0), "t\($0)") })
        var builder = GraphBuilder(archive: archive)
        let bob = builder.user(Handle("bob"))
        let kinds: [EdgeKind] = [.mentions, .authored, .repliesTo]
        for i in 0..<count { builder.addEdge(from: bob, to: NodeID(i), kind: kinds[i % kinds.count]) }
        let graph = builder.build()
        let node = graph.node(for: Handle("bob"))!
        let expected = kinds.sorted { $0.rawValue < $1.rawValue }.flatMap { kind in
            (0..<count).filter { kinds[$0 % kinds.count] == kind }.map { "\(kind) \($0)" }
        }
        #expect(graph.edges(from: node).map { "\($0.kind) \($0.target.rawValue)" } == expected)
        for i in 0..<count {
            #expect(graph.edges(to: NodeID(i)).map(\.source) == [node])
        }
    }
}
