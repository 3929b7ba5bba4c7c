/// Parses Twitter API v2 JSON lines as twarc2 writes them: raw response pages or flattened tweets.
///
///     {"data": [{"id": "2", "author_id": "7", "text": "@ann hi", "referenced_tweets": [{"type": "replied_to",
///      "id": "1"}]}], "includes": {"users": [{"id": "7", "username": "bob"}], "tweets": [{"id": "1", ...}]}}
///     {"id": "2", "author": {"username": "bob"}, "text": "@ann hi", "referenced_tweets": [{"type": ..., ...}]}
///
/// A page's `data` is an array or (in streams) a single tweet; its authors are looked up in `includes.users` by
/// `author_id`, a flattened tweet names its own in `author`. An author missing from `includes` (suspended, or
/// left out of a page) gets the placeholder handle `id:<author_id>`, so the tweet is kept and its author counted
/// once. `referenced_tweets` fill ``Tweet/inReplyToID``, ``Tweet/quotedID`` and ``Tweet/retweetedID``; each
/// referenced tweet is also recorded as an ``ExternalTweet`` with whatever `includes.tweets` (or the flattened
/// inline copy) says about it, or by id alone. Tweets in `includes.tweets` never become archive tweets.
///
/// Lines that are not tweets by design (an error-only or empty page, `{"meta": {"result_count": 0}}`) are
/// ignored. Skip reasons: `bad-json`, `not-an-object`, `missing-id`, `bad-id`, `missing-author`, `missing-text`,
/// `bad-date`.
struct TwitterAPIv2Parser: RecordParser {
    mutating func consume(_ line: TextBytes, line number: Int, into sink: inout RecordSink)
        throws(ArchiveError)
    {
        guard let object = try sink.jsonObjectLine(line, line: number) else { return }
        if let data = object["data"] {
            let includes = Includes(object["includes"])
            let tweets = data.array ?? [data]
            if tweets.isEmpty {
                sink.ignore()
                return
            }
            for tweet in tweets {
                try build(tweet, includes: includes, line: number, excerpt: line, into: &sink)
            }
        } else if object["id"] != nil {
            try build(.object(object), includes: Includes(nil), line: number, excerpt: line, into: &sink)
        } else if object["errors"] != nil || object["meta"] != nil {
            sink.ignore() // a page that found nothing, or only errors
        } else {
            try sink.skip(line: number, reason: .missingID, detail: line.excerpt())
        }
    }

    /// A page's `includes`: users by id, and referenced tweets by id.
    private struct Includes {
        var users: [String: String] = [:]
        var tweets: [String: JSONValue] = [:]

        init(_ value: JSONValue?) {
            for user in value?["users"]?.array ?? [] {
                if let id = user["id"]?.string, let name = user["username"]?.string { users[id] = name }
            }
            for tweet in value?["tweets"]?.array ?? [] {
                if let id = tweet["id"]?.string { tweets[id] = tweet }
            }
        }

        /// The handle of the user with `id`, from `includes.users` or an inline user object.
        func handle(id: JSONValue?, inline: JSONValue?) -> Handle? {
            if let name = inline?["username"]?.string, !name.isEmpty { return Handle(name) }
            if let id = id?.string, let name = users[id] { return Handle(name) }
            return nil
        }
    }

    private func build(
        _ tweet: JSONValue, includes: Includes, line number: Int, excerpt: TextBytes,
        into sink: inout RecordSink
    ) throws(ArchiveError) {
        guard tweet.object != nil else {
            return try sink.skip(line: number, reason: .notAnObject, detail: excerpt.excerpt())
        }
        guard let idValue = tweet["id"] else {
            return try sink.skip(line: number, reason: .missingID, detail: excerpt.excerpt())
        }
        guard let id = idValue.tweetID else {
            return try sink.skip(line: number, reason: .badID, detail: excerpt.excerpt())
        }
        let authorID = tweet["author_id"]
        guard
            let author = includes.handle(id: authorID, inline: tweet["author"])
                ?? authorID?.uint64.map({ Handle("id:\($0)") })
        else {
            return try sink.skip(line: number, reason: .missingAuthor, detail: "tweet \(id)")
        }
        guard let rawText = tweet["text"]?.string else {
            return try sink.skip(line: number, reason: .missingText, detail: "tweet \(id)")
        }
        var stated: Timestamp?
        if let created = tweet["created_at"]?.string {
            guard let time = StatedDate.iso8601(created) else {
                return try sink.skip(line: number, reason: .badDate, detail: "tweet \(id): \(created)")
            }
            stated = time
        }

        var inReplyToID: TweetID?
        var quotedID: TweetID?
        var retweetedID: TweetID?
        var parentAuthor: Handle?
        for reference in tweet["referenced_tweets"]?.array ?? [] {
            guard let refID = reference["id"]?.tweetID, let type = reference["type"]?.string else { continue }
            // The flattened form inlines the referenced tweet; a page has it in includes.tweets, if at all.
            let full = reference["text"] != nil ? reference : reference["id"]?.string.flatMap { includes.tweets[$0] }
            let refAuthor = full.flatMap { includes.handle(id: $0["author_id"], inline: $0["author"]) }
            let refText = full?["text"]?.string.map(TextNormalizer.decodeEntities)
            sink.reference(ExternalTweet(id: refID, author: refAuthor, text: refText))
            switch type {
            case "replied_to":
                inReplyToID = refID
                parentAuthor = refAuthor
            case "quoted": quotedID = refID
            case "retweeted": retweetedID = refID
            default: break
            }
        }

        let inReplyToUser =
            includes.handle(id: tweet["in_reply_to_user_id"], inline: tweet["in_reply_to_user"])
            ?? parentAuthor

        var counts = EngagementCounts()
        if let metrics = tweet["public_metrics"] {
            counts.likes = metrics["like_count"]?.int
            counts.retweets = metrics["retweet_count"]?.int
            counts.replies = metrics["reply_count"]?.int
            counts.quotes = metrics["quote_count"]?.int
            counts.impressions = metrics["impression_count"]?.int
        }
        let hasMedia: Bool? = tweet["attachments"]?["media_keys"]?.isNonEmpty == true ? true : nil
        let language = tweet["lang"]?.string.flatMap { $0.isEmpty ? nil : $0 }

        sink.emit(
            Tweet(
                id: id, author: author, authorID: authorID?.uint64, statedTime: stated,
                text: TextNormalizer.decodeEntities(rawText), inReplyToID: inReplyToID,
                inReplyToUser: inReplyToUser, conversationID: tweet["conversation_id"]?.tweetID,
                quotedID: quotedID, retweetedID: retweetedID, language: language, counts: counts,
                hasMedia: hasMedia))
    }
}
