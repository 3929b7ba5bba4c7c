import Foundation
import TweetArchive

extension GraphBuilder {
    /// The typed graph of an archive and its reconstructed threads.
    ///
    /// Per tweet: `authored` from its author; `repliesTo` to the parent tweet when its id is known, else to each
    /// leading reply handle unless the tweet is a thread continuation (whose leading handles are a reply prefix, so
    /// they become `mentions`); `mentions` for the other handles; `continues` to its thread predecessor; `quotes` and
    /// `retweets` to the referenced ids; `followUpOf` to the thread root it follows up. External tweets the archive
    /// lists but nothing references still get nodes, after the referenced ones, in id order.
    ///
    /// Large archives are read in contiguous parts on all cores, each into its own builder, and the parts are
    /// appended in order (``append(_:)``): nodes and edges come out as one pass in tweet order makes them.
    ///
    /// - Complexity: O(n + e).
    /// `parts` overrides the number of parts (tests compare it against one pass).
    static func replyGraph(_ archive: Archive, _ result: Reconstruction, parts: Int? = nil) -> TweetGraph {
        let count = archive.tweets.count
        let cores = Swift.min(ProcessInfo.processInfo.activeProcessorCount, 8)
        let parts = parts ?? (count >= Self.parallelThreshold ? cores : 1)
        var builders = Parallel.map(parts, chunks: parts) { part in
            let range = Parallel.chunk(part, of: parts, count: count)
            // The first part's builder receives the others: room for every edge of the graph.
            let edges = part == 0 ? count * 2 + result.followUps.count : range.count * 2
            return tweetEdges(of: archive, range, result, expectedEdges: edges)
        }
        var builder = builders.removeFirst()
        while !builders.isEmpty { builder.append(builders.removeFirst()) }
        for f in result.followUps {
            guard let from = archive.index(of: f.tweet) else { continue }
            builder.addEdge(
                from: NodeID(from), to: builder.tweet(f.target), kind: .followUpOf,
                confidence: Float(f.confidence))
        }
        for id in archive.externalTweets.keys.sorted() { _ = builder.tweet(id) }
        return builder.build()
    }

    /// Archives with fewer tweets are read on one core.
    static let parallelThreshold = 200_000

    /// A builder with the edges of the archive tweets in `range`, all but follow-ups, in tweet order.
    private static func tweetEdges(
        of archive: Archive, _ range: Range<Int>, _ result: Reconstruction, expectedEdges: Int
    ) -> GraphBuilder {
        var builder = GraphBuilder(archive: archive, expectedEdges: expectedEdges)
        var handles = HandleInterner()
        // One user lookup per author, not per tweet.
        var authorNodes = [NodeID?](repeating: nil, count: result.authorCount)
        // The tweet's reply handles and mentioned handles as interned keys, without repeats (reused buffers).
        var replyKeys = ContiguousArray<Int32>()
        var replySpellings = ContiguousArray<Int32>()
        var mentionKeys = ContiguousArray<Int32>()
        do {
            let tweets = archive.tweets.span
            for i in range {
                let node = NodeID(i)
                let a = Int(result.authorOf[i])
                let author = authorNodes[a] ?? builder.user(tweets[i].author)
                authorNodes[a] = author
                builder.addEdge(from: author, to: node, kind: .authored)
                let parent = Int(result.parent[i])
                let entities = tweets[i].entities
                let replyUser = tweets[i].inReplyToUser
                // Counts and visits, not `replyTo`/`mentions`: those build arrays, several per tweet.
                let replyToCount = entities.replyToCount
                let hasReplyRun = replyToCount > 0 || replyUser != nil
                let hasMentions = entities.mentionCount > replyToCount
                // `Tweet.replyHandles`: the in-reply-to user, then the leading run, first spelling of each key.
                replyKeys.removeAll(keepingCapacity: true)
                replySpellings.removeAll(keepingCapacity: true)
                if hasReplyRun && (tweets[i].inReplyToID == nil || hasMentions) {
                    if let replyUser {
                        replyKeys.append(handles.key(of: replyUser))
                        replySpellings.append(-1)
                    }
                    entities.forEachReplyToUTF8 { name in
                        let s = handles.spelling(utf8: name.span)
                        let k = handles.keyOf[Int(s)]
                        if !replyKeys.contains(k) {
                            replyKeys.append(k)
                            replySpellings.append(s)
                        }
                    }
                }
                if let pid = tweets[i].inReplyToID {
                    builder.addEdge(from: node, to: builder.tweet(pid), kind: .repliesTo)
                } else if hasReplyRun && parent < 0 {
                    for r in replyKeys.indices {
                        let target = handles.user(key: replyKeys[r], spelling: replySpellings[r], replyUser, &builder)
                        builder.addEdge(from: node, to: target, kind: .repliesTo)
                    }
                } else if hasReplyRun {
                    let own = handles.key(of: tweets[i].author)
                    for r in replyKeys.indices where replyKeys[r] != own {
                        let target = handles.user(key: replyKeys[r], spelling: replySpellings[r], replyUser, &builder)
                        builder.addEdge(from: node, to: target, kind: .mentions)
                    }
                }
                if hasMentions {
                    // `Tweet.mentionedHandles`: mentions outside the reply handles, first appearance of each key.
                    mentionKeys.removeAll(keepingCapacity: true)
                    entities.forEachMentionUTF8 { name in
                        let s = handles.spelling(utf8: name.span)
                        let k = handles.keyOf[Int(s)]
                        guard !replyKeys.contains(k), !mentionKeys.contains(k) else { return }
                        mentionKeys.append(k)
                        let target = handles.user(key: k, spelling: s, nil, &builder)
                        builder.addEdge(from: node, to: target, kind: .mentions)
                    }
                }
                if parent >= 0 {
                    builder.addEdge(from: node, to: NodeID(parent), kind: .continues, confidence: result.confidence[i])
                }
                if let q = tweets[i].quotedID { builder.addEdge(from: node, to: builder.tweet(q), kind: .quotes) }
                if let r = tweets[i].retweetedID { builder.addEdge(from: node, to: builder.tweet(r), kind: .retweets) }
            }
        }
        return builder
    }
}

/// Handle spellings interned to dense ids, so that building the graph folds each distinct spelling once and
/// compares handles as integers: spelling → its ``Handle`` and key id; key id → user node, once it has one.
private struct HandleInterner {
    private var spellingIndex = StringIndex()
    private var spellings: [Handle] = []
    /// The key id of each spelling.
    private(set) var keyOf = ContiguousArray<Int32>()
    private var keyIndex = StringIndex()
    /// The user node of each key id, `nil` until an edge needs it.
    private var nodes: [NodeID?] = []

    /// The spelling id of the raw handle (`@` optional) whose UTF-8 is `name`, interning it on first sight: a
    /// spelling seen before costs no `String`.
    mutating func spelling(utf8 name: Span<UInt8>) -> Int32 {
        if let s = spellingIndex.id(ofUTF8: name) { return s }
        let string = String(decoding: name)
        let handle = Handle(string)
        let s = Int32(spellings.count)
        spellings.append(handle)
        keyOf.append(key(of: handle))
        spellingIndex.add(string, id: s)
        return s
    }

    /// The key id of `handle`.
    mutating func key(of handle: Handle) -> Int32 {
        if let k = keyIndex.id(of: handle.key) { return k }
        let k = Int32(nodes.count)
        nodes.append(nil)
        keyIndex.add(handle.key, id: k)
        return k
    }

    /// The user node of key `k`, added to `builder` on first use as spelling `s` (or as `handle` when `s` is -1).
    mutating func user(key k: Int32, spelling s: Int32, _ handle: Handle?, _ builder: inout GraphBuilder) -> NodeID {
        if let node = nodes[Int(k)] { return node }
        let node = builder.user(s >= 0 ? spellings[Int(s)] : handle!)
        nodes[Int(k)] = node
        return node
    }
}
