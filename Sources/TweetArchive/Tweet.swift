/// Engagement counts as an archive states them; `nil` where the format does not carry a count.
public struct EngagementCounts: Hashable, Sendable {
    public var likes: Int?
    public var retweets: Int?
    public var replies: Int?
    public var quotes: Int?
    public var impressions: Int?

    public init(likes: Int? = nil, retweets: Int? = nil, replies: Int? = nil, quotes: Int? = nil,
                impressions: Int? = nil) {
        self.likes = likes
        self.retweets = retweets
        self.replies = replies
        self.quotes = quotes
        self.impressions = impressions
    }

    /// Whether any count is present.
    public var isEmpty: Bool { likes == nil && retweets == nil && replies == nil && quotes == nil && impressions == nil }
}

/// One tweet read from an archive.
///
/// Every reader fills the same model: what a format does not carry stays `nil`. `createdAt` is the true UTC
/// instant (from the snowflake id when there is one); `statedTime` is what the archive wrote, which for twint is
/// the scraping machine's local time.
///
///     let tweet = archive.tweets[0]
///     tweet.author.display            // "alexxubyte"
///     tweet.entities.replyTo          // ["SubstackInc"]
public struct Tweet: Identifiable, Hashable, Sendable {
    public var id: TweetID
    public var author: Handle
    public var authorID: UInt64?
    /// The creation instant: derived from a snowflake id, else the stated time.
    public var createdAt: Timestamp
    /// The time the archive wrote, interpreted with its stated offset (UTC when it had none).
    public var statedTime: Timestamp?
    /// Text with HTML entities decoded and twint's inserted spaces before links removed.
    public var text: String
    public var entities: Entities
    public var inReplyToID: TweetID?
    public var inReplyToUser: Handle?
    public var conversationID: TweetID?
    public var quotedID: TweetID?
    public var retweetedID: TweetID?
    /// A native retweet, or an old-style `RT @user:` one.
    public var isRetweet: Bool
    public var language: String?
    public var counts: EngagementCounts
    /// Whether the tweet carries a photo, video or other media (where the format says so; `pic.twitter.com` links
    /// and trailing `t.co` media links in twint text count).
    public var hasMedia: Bool?

    public init(id: TweetID, author: Handle, authorID: UInt64? = nil, createdAt: Timestamp? = nil,
                statedTime: Timestamp? = nil, text: String, entities: Entities? = nil,
                inReplyToID: TweetID? = nil, inReplyToUser: Handle? = nil, conversationID: TweetID? = nil,
                quotedID: TweetID? = nil, retweetedID: TweetID? = nil, isRetweet: Bool? = nil,
                language: String? = nil, counts: EngagementCounts = EngagementCounts(), hasMedia: Bool? = nil) {
        self.id = id
        self.author = author
        self.authorID = authorID
        self.createdAt = createdAt
            ?? id.snowflakeMilliseconds.map(Timestamp.init(milliseconds:))
            ?? statedTime
            ?? Timestamp(milliseconds: 0)
        self.statedTime = statedTime
        self.text = text
        let entities = entities ?? EntityExtractor.entities(in: text)
        self.entities = entities
        self.inReplyToID = inReplyToID
        self.inReplyToUser = inReplyToUser
        self.conversationID = conversationID
        self.quotedID = quotedID
        self.retweetedID = retweetedID
        self.isRetweet = isRetweet ?? (retweetedID != nil || Tweet.isOldStyleRetweet(text))
        self.language = language
        self.counts = counts
        self.hasMedia = hasMedia
    }

    /// Reply-to handles: the explicit in-reply-to user when the archive has one, then the leading mention run,
    /// without repeats (compared case-insensitively).
    ///
    ///     // text "@alice @Bob @bob thanks", no in-reply-to user
    ///     tweet.replyHandles.map(\.display)      // ["alice", "Bob"]
    ///
    /// - Complexity: O(r) for r leading mentions.
    public var replyHandles: [Handle] {
        var handles: [Handle] = []
        if let user = inReplyToUser { handles.append(user) }
        for name in entities.replyTo {
            let handle = Handle(name)
            if !handles.contains(handle) { handles.append(handle) }
        }
        return handles
    }

    /// Whether the tweet is a reply (explicit parent id or user, or a leading @-mention run).
    public var isReply: Bool { inReplyToID != nil || inReplyToUser != nil || !entities.replyTo.isEmpty }

    /// Mentioned handles other than the reply handles, in order of first appearance, without repeats (compared
    /// case-insensitively). A reply handle named again later in the text stays a reply handle only.
    ///
    ///     // text "@alice thanks @bob and @Bob, cc @alice"
    ///     tweet.mentionedHandles.map(\.display)  // ["bob"]
    ///
    /// - Complexity: O(m) for m mentions.
    public var mentionedHandles: [Handle] {
        guard !entities.mentions.isEmpty else { return [] }
        let reply = replyHandles
        var result: [Handle] = []
        for mention in entities.mentions {
            let handle = Handle(mention.value)
            if !reply.contains(handle) && !result.contains(handle) { result.append(handle) }
        }
        return result
    }

    static func isOldStyleRetweet(_ text: String) -> Bool {
        var utf8 = text.utf8.makeIterator()
        return utf8.next() == UInt8(ascii: "R") && utf8.next() == UInt8(ascii: "T") && utf8.next() == UInt8(ascii: " ")
            && utf8.next() == UInt8(ascii: "@")
    }
}
