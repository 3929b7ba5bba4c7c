import ReplyGraph

extension ExportGraph {
    /// The tweet graph of a ``ReplyGraph``: tweets, users and tweets referenced from outside the archive, joined by
    /// `authored`, `replies_to`, `mentions`, `continues`, `quotes`, `retweets` and `follow_up_of` edges.
    ///
    ///     let export = ExportGraph(tweetGraph: ReplyGraph(archive))
    ///     export.nodes.filter { $0.kind == "tweet" }.count == archive.tweets.count   // true
    ///
    /// Node ids: a tweet's decimal id (also for external tweets), `@` + the lower-cased handle for users.
    /// Tweet attributes: `author`, `created_at` (ISO 8601), `text`, `is_reply`, `is_retweet`, `thread_root` and
    /// `thread_position` (members of a thread), engagement counts where the archive has them. Users: `handle`,
    /// `tweets`. External tweets: `author`, `text` where known. Edges: `continues` and `follow_up_of` carry
    /// `confidence` and `reason`; `mentions` (each @handle in the text, once) carries `in_reply_run`.
    ///
    /// Built from the public `Tweet`/`Thread` API only. Ordering: tweets by id, external tweets by id, users by
    /// handle; edges by their source tweet, then kind.
    ///
    /// - Complexity: O(T + M + L) for T tweets, M mentions and L thread links.
    public init(tweetGraph graph: ReplyGraph) {
        self.init(archive: graph.archive, threads: graph.threads, followUps: graph.followUps)
    }

    /// The tweet graph from plain parts, independent of how threads were reconstructed (see
    /// ``init(tweetGraph:)``); follow-ups are those given plus each thread's own.
    public init(archive: Archive, threads: [Thread], followUps: [FollowUp] = []) {
        var users: [String: (display: String, tweets: Int)] = [:]
        func user(_ handle: Handle) -> String {
            let id = "@" + handle.key
            if users[id] == nil { users[id] = (handle.display, 0) }
            return id
        }
        var externals = Set<TweetID>()
        func tweetNode(_ id: TweetID) -> String {
            if archive[id] == nil { externals.insert(id) }
            return String(id.rawValue)
        }
        var threadOf: [TweetID: (root: TweetID, position: Int)] = [:]
        for thread in threads {
            for (k, id) in thread.tweets.enumerated() { threadOf[id] = (thread.root, k + 1) }
        }
        var nodes: [Node] = []
        var edges: [Edge] = []
        var followUpsBySource: [TweetID: [FollowUp]] = [:]
        for followUp in followUps + threads.flatMap(\.followUps) {
            if !(followUpsBySource[followUp.tweet]?.contains(followUp) ?? false) {
                followUpsBySource[followUp.tweet, default: []].append(followUp)
            }
        }
        var linksByTweet: [TweetID: [ThreadLink]] = [:]
        for thread in threads { for link in thread.links { linksByTweet[link.from, default: []].append(link) } }

        for tweet in archive.tweets {
            let id = String(tweet.id.rawValue)
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
            nodes.append(Node(id: id, kind: "tweet", attributes: attributes))

            let author = user(tweet.author)
            users[author]!.tweets += 1
            edges.append(Edge(source: author, target: id, kind: "authored"))
            if let parent = tweet.inReplyToID {
                edges.append(Edge(source: id, target: tweetNode(parent), kind: "replies_to"))
            }
            // Mentions as written in the text (the leading reply run included), each handle once.
            var mentioned = Set<Handle>()
            for (k, mention) in tweet.entities.mentions.enumerated() {
                let handle = Handle(mention.value)
                guard mentioned.insert(handle).inserted else { continue }
                edges.append(Edge(source: id, target: user(handle), kind: "mentions",
                                  attributes: ["in_reply_run": .bool(k < tweet.entities.replyTo.count)]))
            }
            for link in linksByTweet[tweet.id] ?? [] {
                edges.append(Edge(source: id, target: tweetNode(link.to), kind: "continues",
                                  attributes: ["confidence": .double(link.confidence), "reason": .string(link.reason)]))
            }
            if let quoted = tweet.quotedID {
                edges.append(Edge(source: id, target: tweetNode(quoted), kind: "quotes"))
            }
            if let retweeted = tweet.retweetedID {
                edges.append(Edge(source: id, target: tweetNode(retweeted), kind: "retweets"))
            }
            for followUp in followUpsBySource[tweet.id] ?? [] {
                edges.append(Edge(source: id, target: tweetNode(followUp.target), kind: "follow_up_of",
                                  attributes: ["confidence": .double(followUp.confidence),
                                               "reason": .string(followUp.reason)]))
            }
        }
        for id in externals.sorted() {
            var attributes: [String: AttributeValue] = [:]
            if let external = archive.externalTweets[id] {
                if let author = external.author { attributes["author"] = .string(author.display) }
                if let text = external.text { attributes["text"] = .string(text) }
            }
            nodes.append(Node(id: String(id.rawValue), kind: "external_tweet", attributes: attributes))
        }
        for (id, user) in users.sorted(by: { $0.key < $1.key }) {
            nodes.append(Node(id: id, kind: "user", attributes: ["handle": .string(user.display),
                                                                 "tweets": .int(user.tweets)]))
        }
        self.init(isDirected: true, nodes: nodes, edges: edges, attributes: ["name": "replygraph tweets"])
    }
}
