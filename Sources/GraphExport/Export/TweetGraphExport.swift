import Foundation
import ReplyGraph

/// The tweet graph of a ``ReplyGraph`` as an export source that makes each node and edge as it is written: what
/// ``ExportGraph/init(tweetGraph:)`` holds, without holding it. Writing a million tweets' GraphML through it takes
/// memory for the archive and a few tables (users, external tweets, thread positions), not for the export.
///
///     let source = TweetGraphExport(archive: graph.archive, threads: graph.threads, followUps: graph.followUps)
///     try source.writeExport(.graphml, to: URL(fileURLWithPath: "tweets.graphml"))
///     ExportGraph(collecting: source) == ExportGraph(tweetGraph: graph)   // true
///
/// See ``ExportGraph/init(tweetGraph:)`` for the nodes, edges, attributes and their order.
///
/// - Complexity: O(T + M + L) to build the tables and again to write, for T tweets, M mentions and L thread links.
package struct TweetGraphExport: BatchedExportSource {
    let archive: Archive
    /// Tweets (and external tweets, and users) per batch.
    let batchSize: Int
    /// Thread membership by tweet position: the thread's index in ``threadRoots`` and the tweet's 1-based
    /// position in it; `thread` is -1 for a tweet in no thread. Empty when no tweet of the archive is in a thread.
    let membership: [(thread: Int32, position: Int32)]
    /// The root of each thread given, by its index.
    let threadRoots: [TweetID]
    /// Thread links by the position of the tweet they start from, in the order the threads give them.
    let linksByTweet: PositionLists<ThreadLink>
    /// Follow-ups by the position of their tweet, each once, the ones given first and then each thread's.
    let followUpsBySource: PositionLists<FollowUp>
    /// User nodes (`@` + key), sorted by id, with the spelling first seen and their number of tweets.
    let users: [(id: String, display: String, tweets: Int)]
    /// Referenced tweets the archive does not hold, sorted.
    let externals: [TweetID]
    /// The number of edges each tweet batch gives.
    let edgeCounts: [Int]
    package let nodeSchema: [(name: String, type: AttributeType)]
    package let edgeSchema: [(name: String, type: AttributeType)]
    package let isMultigraph: Bool
    package var isDirected: Bool { true }
    package var attributes: [String: AttributeValue] { ["name": "replygraph tweets"] }

    /// `batchSize` is the number of tweets (or external tweets, or users) per batch that writers make on one core
    /// (see ``BatchedExportSource``).
    package init(archive: Archive, threads: [TweetThread], followUps: [FollowUp] = [], batchSize: Int = 8192) {
        precondition(batchSize > 0, "a batch holds at least one tweet")
        self.archive = archive
        self.batchSize = batchSize
        let count = archive.tweets.count
        // Tables by tweet position: a thread member, a link's start or a follow-up's tweet outside the archive is
        // never looked up, so it is left out.
        var membership: [(thread: Int32, position: Int32)] = []
        for (t, thread) in threads.enumerated() {
            for (k, id) in thread.tweets.enumerated() {
                guard let i = archive.index(of: id) else { continue }
                if membership.isEmpty { membership = Array(repeating: (-1, 0), count: count) }
                membership[i] = (Int32(t), Int32(k + 1))
            }
        }
        var links: [(position: Int, element: ThreadLink)] = []
        for thread in threads {
            for link in thread.links {
                if let i = archive.index(of: link.from) { links.append((i, link)) }
            }
        }
        var sourced: [(position: Int, element: FollowUp)] = []
        for followUp in followUps + threads.flatMap(\.followUps) {
            if let i = archive.index(of: followUp.tweet) { sourced.append((i, followUp)) }
        }
        let linksByTweet = PositionLists(count: count, links)
        let followUpsBySource = PositionLists(count: count, sourced).droppingRepeats()

        // One pass in the order the edges are written, in parts on all cores: users as first seen, external
        // tweets, which attributes and repeated pairs occur, and how many edges each batch gives.
        let batches = (count + batchSize - 1) / batchSize
        let parts = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, batches))
        let tallies = Parallel.map(parts, chunks: parts) { [membership] part in
            var tally = Tally()
            let range = Parallel.chunk(part, of: parts, count: batches)
            tally.count(
                archive, positions: range.lowerBound * batchSize..<Swift.min(range.upperBound * batchSize, count),
                batchSize: batchSize, inThread: { !membership.isEmpty && membership[$0].thread >= 0 },
                linksByTweet, followUpsBySource)
            return tally
        }
        var tally = tallies.first ?? Tally()
        for later in tallies.dropFirst() { tally.append(later) }
        var externals = tally.externals
        externals.sort()
        var unique = 0
        for id in externals where unique == 0 || externals[unique - 1] != id {
            externals[unique] = id
            unique += 1
        }
        externals.removeLast(externals.count - unique)
        var externalAuthor = false
        var externalText = false
        for id in externals {
            if let external = archive.externalTweets[id] {
                if external.author != nil { externalAuthor = true }
                if external.text != nil { externalText = true }
            }
        }
        self.membership = membership
        self.threadRoots = threads.map(\.root)
        self.linksByTweet = linksByTweet
        self.followUpsBySource = followUpsBySource
        self.users = tally.users.map { ("@" + $0.key, $0.display, $0.tweets) }.sorted { $0.id < $1.id }
        self.externals = externals
        self.edgeCounts = tally.edgeCounts
        // Every attribute has one type wherever it occurs, so the schema is the names that occur.
        var nodeColumns: [String: AttributeType] = [:]
        if !archive.tweets.isEmpty {
            for name in ["author", "created_at", "text"] { nodeColumns[name] = .string }
            nodeColumns["is_reply"] = .bool
            nodeColumns["is_retweet"] = .bool
            nodeColumns["handle"] = .string
            nodeColumns["tweets"] = .int
        }
        if tally.inThread {
            nodeColumns["thread_root"] = .string
            nodeColumns["thread_position"] = .int
        }
        if tally.likes { nodeColumns["likes"] = .int }
        if tally.retweets { nodeColumns["retweets"] = .int }
        if tally.replies { nodeColumns["replies"] = .int }
        if externalAuthor { nodeColumns["author"] = .string }
        if externalText { nodeColumns["text"] = .string }
        nodeSchema = nodeColumns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var edgeColumns: [String: AttributeType] = [:]
        if tally.mentions { edgeColumns["in_reply_run"] = .bool }
        if tally.scored {
            edgeColumns["confidence"] = .double
            edgeColumns["reason"] = .string
        }
        edgeSchema = edgeColumns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        isMultigraph = tally.repeated
    }

    package func forEachNode(_ body: (ExportGraph.Node) -> Void) {
        for tweet in archive.tweets.indices { body(node(ofTweetAt: tweet)) }
        for id in externals {
            var attributes: [String: AttributeValue] = [:]
            if let external = archive.externalTweets[id] {
                if let author = external.author { attributes["author"] = .string(author.display) }
                if let text = external.text { attributes["text"] = .string(text) }
            }
            body(ExportGraph.Node(id: String(id.rawValue), kind: "external_tweet", attributes: attributes))
        }
        for user in users {
            body(
                ExportGraph.Node(
                    id: user.id, kind: "user",
                    attributes: [
                        "handle": .string(user.display),
                        "tweets": .int(user.tweets),
                    ]))
        }
    }

    private func node(ofTweetAt i: Int) -> ExportGraph.Node {
        let tweet = archive.tweets[i]
        var attributes: [String: AttributeValue] = [
            "author": .string(tweet.author.display), "created_at": .string(tweet.createdAt.iso8601),
            "text": .string(tweet.text), "is_reply": .bool(tweet.isReply), "is_retweet": .bool(tweet.isRetweet),
        ]
        if let membership = thread(ofTweetAt: i) {
            attributes["thread_root"] = .string(String(membership.root.rawValue))
            attributes["thread_position"] = .int(membership.position)
        }
        if let likes = tweet.counts.likes { attributes["likes"] = .int(likes) }
        if let retweets = tweet.counts.retweets { attributes["retweets"] = .int(retweets) }
        if let replies = tweet.counts.replies { attributes["replies"] = .int(replies) }
        return ExportGraph.Node(id: String(tweet.id.rawValue), kind: "tweet", attributes: attributes)
    }

    /// The thread of the tweet at position `i`: its root and the tweet's 1-based position in it.
    func thread(ofTweetAt i: Int) -> (root: TweetID, position: Int)? {
        guard !membership.isEmpty, membership[i].thread >= 0 else { return nil }
        return (threadRoots[Int(membership[i].thread)], Int(membership[i].position))
    }

    package func forEachEdge(_ body: (ExportGraph.Edge) -> Void) {
        typealias Edge = ExportGraph.Edge
        for i in archive.tweets.indices {
            let tweet = archive.tweets[i]
            let id = String(tweet.id.rawValue)
            body(Edge(source: "@" + tweet.author.key, target: id, kind: "authored"))
            if let parent = tweet.inReplyToID {
                body(Edge(source: id, target: String(parent.rawValue), kind: "replies_to"))
            }
            // Mentions as written in the text (the leading reply run included), each handle once.
            var mentioned = Set<Handle>()
            for (k, mention) in tweet.entities.mentions.enumerated() {
                let handle = Handle(mention.value)
                guard mentioned.insert(handle).inserted else { continue }
                body(
                    Edge(
                        source: id, target: "@" + handle.key, kind: "mentions",
                        attributes: ["in_reply_run": .bool(k < tweet.entities.replyTo.count)]))
            }
            for link in linksByTweet[i] {
                body(
                    Edge(
                        source: id, target: String(link.to.rawValue), kind: "continues",
                        attributes: [
                            "confidence": .double(link.confidence), "reason": .string(link.reason.description),
                        ]))
            }
            if let quoted = tweet.quotedID {
                body(Edge(source: id, target: String(quoted.rawValue), kind: "quotes"))
            }
            if let retweeted = tweet.retweetedID {
                body(Edge(source: id, target: String(retweeted.rawValue), kind: "retweets"))
            }
            for followUp in followUpsBySource[i] {
                body(
                    Edge(
                        source: id, target: String(followUp.target.rawValue), kind: "follow_up_of",
                        attributes: [
                            "confidence": .double(followUp.confidence), "reason": .string(followUp.reason.description),
                        ]))
            }
        }
    }
}

extension TweetGraphExport {
    /// The tweet graph of `graph` (see ``ExportGraph/init(tweetGraph:)``).
    package init(_ graph: ReplyGraph, batchSize: Int = 8192) {
        self.init(archive: graph.archive, threads: graph.threads, followUps: graph.followUps, batchSize: batchSize)
    }
}

extension TweetGraphExport {
    /// Sets `handles` to the handles `tweet` mentions, each once, in order of first mention, with the position of
    /// that mention among all of the tweet's mentions (what `in_reply_run` compares with the reply run).
    ///
    ///     // text "@Ann hi @bob @ann"
    ///     TweetGraphExport.distinctMentions(of: tweet, into: &handles)   // [(ann, 0), (bob, 1)] ("Ann" as spelled)
    ///
    /// Handles compare as `Handle` does (by key), so the list is what a `Set<Handle>` keeps.
    ///
    /// - Complexity: O(m²) for m mentions (a tweet holds a few).
    static func distinctMentions(of tweet: Tweet, into handles: inout [(handle: Handle, index: Int)]) {
        handles.removeAll(keepingCapacity: true)
        guard tweet.hasMentions else { return }
        var k = 0
        tweet.entities.forEachMention { value in
            let handle = Handle(value)
            if !handles.contains(where: { $0.handle == handle }) { handles.append((handle, k)) }
            k += 1
        }
    }
}

extension TweetGraphExport {
    /// What a pass over some of the archive's tweets finds, in the order their edges are written; the tallies of
    /// consecutive parts are joined with ``append(_:)``.
    private struct Tally {
        /// Users as first seen (by key), with the spelling first seen and their number of tweets.
        var users: [(key: String, display: String, tweets: Int)] = []
        private var userIndex: [String: Int] = [:]
        /// Referenced tweets the archive does not hold, with repeats.
        var externals: [TweetID] = []
        var inThread = false
        var likes = false
        var retweets = false
        var replies = false
        var mentions = false
        var scored = false
        var repeated = false
        /// The number of edges of each batch passed over.
        var edgeCounts: [Int] = []

        private mutating func user(_ handle: Handle) -> Int {
            if let k = userIndex[handle.key] { return k }
            userIndex[handle.key] = users.count
            users.append((handle.key, handle.display, 0))
            return users.count - 1
        }

        /// Passes over the tweets at `positions`, which start a batch of `batchSize` and end one (or the archive).
        ///
        /// - Complexity: O(n + m) for n tweets and m mentions, links and follow-ups.
        mutating func count(
            _ archive: Archive, positions: Range<Int>, batchSize: Int, inThread isMember: (Int) -> Bool,
            _ linksByTweet: PositionLists<ThreadLink>, _ followUpsBySource: PositionLists<FollowUp>
        ) {
            var targets: [TweetID] = []
            var mentioned: [(handle: Handle, index: Int)] = []
            for i in positions {
                let tweet = archive.tweets[i]
                if isMember(i) { inThread = true }
                if tweet.hasCounts {
                    let c = tweet.counts
                    if c.likes != nil { likes = true }
                    if c.retweets != nil { retweets = true }
                    if c.replies != nil { replies = true }
                }
                users[user(tweet.author)].tweets += 1
                TweetGraphExport.distinctMentions(of: tweet, into: &mentioned)
                for mention in mentioned { _ = user(mention.handle) }
                if !mentioned.isEmpty { mentions = true }
                targets.removeAll(keepingCapacity: true)
                if let parent = tweet.inReplyToID { targets.append(parent) }
                let links = linksByTweet[i]
                for link in links { targets.append(link.to) }
                if let quoted = tweet.quotedID { targets.append(quoted) }
                if let retweeted = tweet.retweetedID { targets.append(retweeted) }
                let followUps = followUpsBySource[i]
                for followUp in followUps { targets.append(followUp.target) }
                if !links.isEmpty || !followUps.isEmpty { scored = true }
                for (k, target) in targets.enumerated() {
                    if archive.index(of: target) == nil { externals.append(target) }
                    if !repeated && targets[..<k].contains(target) { repeated = true }
                }
                // authored, one edge per target, one per handle mentioned
                if (i - positions.lowerBound) % batchSize == 0 { edgeCounts.append(0) }
                edgeCounts[edgeCounts.count - 1] += 1 + targets.count + mentioned.count
            }
        }

        /// Joins the tally of the tweets that come next: a user keeps the spelling seen first.
        ///
        /// - Complexity: O(the later tally's users and externals).
        mutating func append(_ later: Tally) {
            for user in later.users {
                if let k = userIndex[user.key] {
                    users[k].tweets += user.tweets
                } else {
                    userIndex[user.key] = users.count
                    users.append(user)
                }
            }
            externals += later.externals
            inThread = inThread || later.inThread
            likes = likes || later.likes
            retweets = retweets || later.retweets
            replies = replies || later.replies
            mentions = mentions || later.mentions
            scored = scored || later.scored
            repeated = repeated || later.repeated
            edgeCounts += later.edgeCounts
        }
    }
}
