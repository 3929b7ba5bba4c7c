extension GraphBuilder {
    /// The typed graph of an archive and its reconstructed threads.
    ///
    /// Per tweet: `authored` from its author; `repliesTo` to the parent tweet when its id is known, else to each
    /// leading reply handle unless the tweet is a thread continuation (whose leading handles are a reply prefix, so
    /// they become `mentions`); `mentions` for the other handles; `continues` to its thread predecessor; `quotes` and
    /// `retweets` to the referenced ids; `followUpOf` to the thread root it follows up. External tweets the archive
    /// lists but nothing references still get nodes, after the referenced ones, in id order.
    ///
    /// - Complexity: O(n + e).
    static func replyGraph(_ archive: Archive, _ result: Reconstruction) -> TweetGraph {
        let tweets = archive.tweets
        var builder = GraphBuilder(archive: archive, expectedEdges: tweets.count * 2 + result.followUps.count)
        // One user lookup per author, not per tweet.
        var authorNodes = [NodeID?](repeating: nil, count: result.authorCount)
        for i in tweets.indices {
            let node = NodeID(i)
            let a = Int(result.authorOf[i])
            let author = authorNodes[a] ?? builder.user(tweets[i].author)
            authorNodes[a] = author
            builder.addEdge(from: author, to: node, kind: .authored)
            let parent = Int(result.parent[i])
            let entities = tweets[i].entities
            let hasReplyRun = !entities.replyTo.isEmpty || tweets[i].inReplyToUser != nil
            if let pid = tweets[i].inReplyToID {
                builder.addEdge(from: node, to: builder.tweet(pid), kind: .repliesTo)
            } else if hasReplyRun && parent < 0 {
                for handle in tweets[i].replyHandles {
                    builder.addEdge(from: node, to: builder.user(handle), kind: .repliesTo)
                }
            } else if hasReplyRun {
                let author = tweets[i].author
                for handle in tweets[i].replyHandles where handle != author {
                    builder.addEdge(from: node, to: builder.user(handle), kind: .mentions)
                }
            }
            if entities.mentions.count > entities.replyTo.count {
                for handle in tweets[i].mentionedHandles {
                    builder.addEdge(from: node, to: builder.user(handle), kind: .mentions)
                }
            }
            if parent >= 0 {
                builder.addEdge(from: node, to: NodeID(parent), kind: .continues, confidence: result.confidence[i])
            }
            if let q = tweets[i].quotedID { builder.addEdge(from: node, to: builder.tweet(q), kind: .quotes) }
            if let r = tweets[i].retweetedID { builder.addEdge(from: node, to: builder.tweet(r), kind: .retweets) }
        }
        for f in result.followUps {
            guard let from = archive.index(of: f.tweet) else { continue }
            builder.addEdge(from: NodeID(from), to: builder.tweet(f.target), kind: .followUpOf,
                            confidence: Float(f.confidence))
        }
        for id in archive.externalTweets.keys.sorted() { _ = builder.tweet(id) }
        return builder.build()
    }
}
