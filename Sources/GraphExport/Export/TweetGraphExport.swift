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
    /// Tweets per batch.
    let batchSize: Int
    /// Thread membership by tweet: root and 1-based position.
    let threadOf: [TweetID: (root: TweetID, position: Int)]
    let followUpsBySource: [TweetID: [FollowUp]]
    let linksByTweet: [TweetID: [ThreadLink]]
    /// User nodes (`@` + key), sorted by id, with the spelling first seen and their number of tweets.
    let users: [(id: String, display: String, tweets: Int)]
    /// Referenced tweets the archive does not hold, sorted.
    let externals: [TweetID]
    package let nodeSchema: [(name: String, type: AttributeType)]
    package let edgeSchema: [(name: String, type: AttributeType)]
    package let isMultigraph: Bool
    package var isDirected: Bool { true }
    package var attributes: [String: AttributeValue] { ["name": "replygraph tweets"] }

    /// `batchSize` is the number of tweets per batch that writers make on one core (see ``BatchedExportSource``).
    package init(archive: Archive, threads: [TweetThread], followUps: [FollowUp] = [], batchSize: Int = 8192) {
        precondition(batchSize > 0, "a batch holds at least one tweet")
        self.archive = archive
        self.batchSize = batchSize
        var threadOf: [TweetID: (root: TweetID, position: Int)] = [:]
        for thread in threads {
            for (k, id) in thread.tweets.enumerated() { threadOf[id] = (thread.root, k + 1) }
        }
        var followUpsBySource: [TweetID: [FollowUp]] = [:]
        for followUp in followUps + threads.flatMap(\.followUps) {
            if !(followUpsBySource[followUp.tweet]?.contains(followUp) ?? false) {
                followUpsBySource[followUp.tweet, default: []].append(followUp)
            }
        }
        var linksByTweet: [TweetID: [ThreadLink]] = [:]
        for thread in threads { for link in thread.links { linksByTweet[link.from, default: []].append(link) } }

        // One pass in the order the edges are written: users as first seen, external tweets, and which attributes
        // and repeated pairs occur.
        var users: [String: (display: String, tweets: Int)] = [:]
        func user(_ handle: Handle) -> String {
            let id = "@" + handle.key
            if users[id] == nil { users[id] = (handle.display, 0) }
            return id
        }
        var externals = Set<TweetID>()
        var inThread = false
        var counts = (likes: false, retweets: false, replies: false)
        var mentions = false
        var scored = false
        var repeated = false
        var targets: [TweetID] = []
        for tweet in archive.tweets {
            if threadOf[tweet.id] != nil { inThread = true }
            if tweet.counts.likes != nil { counts.likes = true }
            if tweet.counts.retweets != nil { counts.retweets = true }
            if tweet.counts.replies != nil { counts.replies = true }
            users[user(tweet.author)]!.tweets += 1
            targets.removeAll(keepingCapacity: true)
            if let parent = tweet.inReplyToID { targets.append(parent) }
            for mention in tweet.entities.mentions {
                _ = user(Handle(mention.value))
                mentions = true
            }
            for link in linksByTweet[tweet.id] ?? [] {
                targets.append(link.to)
                scored = true
            }
            if let quoted = tweet.quotedID { targets.append(quoted) }
            if let retweeted = tweet.retweetedID { targets.append(retweeted) }
            for followUp in followUpsBySource[tweet.id] ?? [] {
                targets.append(followUp.target)
                scored = true
            }
            for (k, target) in targets.enumerated() {
                if archive[target] == nil { externals.insert(target) }
                if !repeated && targets[..<k].contains(target) { repeated = true }
            }
        }
        var externalAuthor = false
        var externalText = false
        for id in externals {
            if let external = archive.externalTweets[id] {
                if external.author != nil { externalAuthor = true }
                if external.text != nil { externalText = true }
            }
        }
        self.threadOf = threadOf
        self.followUpsBySource = followUpsBySource
        self.linksByTweet = linksByTweet
        self.users = users.sorted { $0.key < $1.key }.map { ($0.key, $0.value.display, $0.value.tweets) }
        self.externals = externals.sorted()
        // Every attribute has one type wherever it occurs, so the schema is the names that occur.
        var nodeColumns: [String: AttributeType] = [:]
        if !archive.tweets.isEmpty {
            for name in ["author", "created_at", "text"] { nodeColumns[name] = .string }
            nodeColumns["is_reply"] = .bool
            nodeColumns["is_retweet"] = .bool
            nodeColumns["handle"] = .string
            nodeColumns["tweets"] = .int
        }
        if inThread {
            nodeColumns["thread_root"] = .string
            nodeColumns["thread_position"] = .int
        }
        if counts.likes { nodeColumns["likes"] = .int }
        if counts.retweets { nodeColumns["retweets"] = .int }
        if counts.replies { nodeColumns["replies"] = .int }
        if externalAuthor { nodeColumns["author"] = .string }
        if externalText { nodeColumns["text"] = .string }
        nodeSchema = nodeColumns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        var edgeColumns: [String: AttributeType] = [:]
        if mentions { edgeColumns["in_reply_run"] = .bool }
        if scored {
            edgeColumns["confidence"] = .double
            edgeColumns["reason"] = .string
        }
        edgeSchema = edgeColumns.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        isMultigraph = repeated
    }

    package func forEachNode(_ body: (ExportGraph.Node) -> Void) {
        for batch in 0..<batchCount { forEachNode(inBatch: batch, body) }
    }

    /// Batches `0..<tweetBatches` hold ``batchSize`` of the archive's tweets each, in order; the last batch holds the
    /// external tweets and users.
    private var tweetBatches: Int { (archive.tweets.count + batchSize - 1) / batchSize }

    package var batchCount: Int { tweetBatches + 1 }

    private func tweets(inBatch batch: Int) -> Range<Int> {
        batch * batchSize..<Swift.min((batch + 1) * batchSize, archive.tweets.count)
    }

    package func forEachNode(inBatch batch: Int, _ body: (ExportGraph.Node) -> Void) {
        guard batch == tweetBatches else {
            for i in tweets(inBatch: batch) { body(node(of: archive.tweets[i])) }
            return
        }
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

    private func node(of tweet: Tweet) -> ExportGraph.Node {
        var attributes: [String: AttributeValue] = [
            "author": .string(tweet.author.display), "created_at": .string(tweet.createdAt.iso8601),
            "text": .string(tweet.text), "is_reply": .bool(tweet.isReply), "is_retweet": .bool(tweet.isRetweet),
        ]
        if let membership = threadOf[tweet.id] {
            attributes["thread_root"] = .string(String(membership.root.rawValue))
            attributes["thread_position"] = .int(membership.position)
        }
        if let likes = tweet.counts.likes { attributes["likes"] = .int(likes) }
        if let retweets = tweet.counts.retweets { attributes["retweets"] = .int(retweets) }
        if let replies = tweet.counts.replies { attributes["replies"] = .int(replies) }
        return ExportGraph.Node(id: String(tweet.id.rawValue), kind: "tweet", attributes: attributes)
    }

    package func forEachEdge(_ body: (ExportGraph.Edge) -> Void) {
        for batch in 0..<batchCount { forEachEdge(inBatch: batch, body) }
    }

    package func forEachEdge(inBatch batch: Int, _ body: (ExportGraph.Edge) -> Void) {
        typealias Edge = ExportGraph.Edge
        guard batch < tweetBatches else { return }
        for i in tweets(inBatch: batch) {
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
            for link in linksByTweet[tweet.id] ?? [] {
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
            for followUp in followUpsBySource[tweet.id] ?? [] {
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
