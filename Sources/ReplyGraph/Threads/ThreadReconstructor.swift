/// Reconstructs threads from an archive. (Interim rule: explicit self-replies, else same author within 60 s.)
public struct ThreadReconstructor: Sendable {
    public var options: ThreadOptions

    public init(options: ThreadOptions = ThreadOptions()) { self.options = options }

    /// Threads of two or more tweets, ordered by root id, and follow-ups.
    public func reconstruct(_ archive: Archive) -> (threads: [Thread], followUps: [FollowUp]) {
        var lastByAuthor: [Handle: Int] = [:]
        var parent = [Int?](repeating: nil, count: archive.tweets.count)
        var reason = [String](repeating: "", count: archive.tweets.count)
        for (i, tweet) in archive.tweets.enumerated() {
            if let p = tweet.inReplyToID, let j = archive.index(of: p), archive.tweets[j].author == tweet.author {
                parent[i] = j; reason[i] = "reply-id"
            } else if options.inference, let j = lastByAuthor[tweet.author],
                      tweet.createdAt.milliseconds - archive.tweets[j].createdAt.milliseconds <= 60_000 {
                parent[i] = j; reason[i] = "burst"
            }
            lastByAuthor[tweet.author] = i
        }
        var children: [Int: Int] = [:]
        for (i, p) in parent.enumerated() { if let p { children[p] = i } }
        var threads: [Thread] = []
        for i in archive.tweets.indices where parent[i] == nil && children[i] != nil {
            var members = [i]
            while let next = children[members.last!] { members.append(next) }
            let tweets = members.map { archive.tweets[$0] }
            let links = zip(members.dropFirst(), members).map { c, p in
                ThreadLink(from: archive.tweets[c].id, to: archive.tweets[p].id, confidence: 0.9, reason: reason[c])
            }
            threads.append(Thread(root: tweets[0].id, author: tweets[0].author, tweets: tweets.map(\.id), links: links,
                                  numbering: .none, numbers: tweets.map { _ in nil }, confidence: 0.9,
                                  start: tweets[0].createdAt, end: tweets.last!.createdAt))
        }
        return (threads, [])
    }
}
