/// Parses twint's `--json` output: one tweet object per line.
///
///     {"id": 1409943467313352705, "conversation_id": "1409943467313352705",
///      "created_at": "2021-06-26 19:56:26 UTC", "username": "bob", "tweet": "@alice hi", "reply_to": [...], ...}
///
/// Both shapes twint wrote are accepted: before October 2020 `reply_to` held `{"user_id", "username"}` entries
/// whose first one is the tweet's own author (taken from the page's reply-to list, which starts with the author),
/// afterwards `{"screen_name", "name", "id"}` entries naming only the users replied to. The first user replied to
/// (other than the author, in the old shape) becomes ``Tweet/inReplyToUser``. `created_at` is the string
/// `2021-06-26 19:56:26 UTC` (local time of the scraper, see `timezone`) or Unix milliseconds. `id` may be a
/// number or a string, and is read from its digits. The text gets twint's text normalisation (see
/// ``TextNormalizer``): twint inserted the same spaces before links as in its plain-text output.
///
/// Skip reasons: `bad-json`, `not-an-object`, `missing-id`, `bad-id`, `missing-username`, `missing-text`,
/// `bad-date`.
struct TwintJSONParser: RecordParser {
    mutating func consume(_ line: TextBytes, line number: Int, into sink: inout RecordSink)
        throws(ArchiveError)
    {
        guard let object = try sink.jsonObjectLine(line, line: number) else { return }
        guard let idValue = object["id"] else {
            return try sink.skip(line: number, reason: .missingID, detail: line.excerpt())
        }
        guard let id = idValue.tweetID else {
            return try sink.skip(line: number, reason: .badID, detail: line.excerpt())
        }
        guard let username = object["username"]?.string, !username.isEmpty else {
            return try sink.skip(line: number, reason: .missingUsername, detail: line.excerpt())
        }
        guard let rawText = object["tweet"]?.string else {
            return try sink.skip(line: number, reason: .missingText, detail: line.excerpt())
        }
        let author = Handle(username)

        var stated: Timestamp?
        let fallbackOffset = object["timezone"]?.string.flatMap(StatedDate.offset)
        switch object["created_at"] {
        case .number(let text)?:
            guard let ms = Int64(text) else {
                return try sink.skip(line: number, reason: .badDate, detail: line.excerpt())
            }
            stated = Timestamp(milliseconds: ms)
        case .string(let text)?:
            guard let time = StatedDate.twint(text, fallbackOffset: fallbackOffset) else {
                return try sink.skip(line: number, reason: .badDate, detail: line.excerpt())
            }
            stated = time
        default:
            if let date = object["date"]?.string, let time = object["time"]?.string {
                guard let parsed = StatedDate.twint(date + " " + time, fallbackOffset: fallbackOffset) else {
                    return try sink.skip(line: number, reason: .badDate, detail: line.excerpt())
                }
                stated = parsed
            }
        }

        let normalized = TextBytes.withBytes(of: rawText) { TextNormalizer.twintText($0) }

        // The first user replied to; the old shape lists the author first.
        var inReplyToUser: Handle?
        for entry in object["reply_to"]?.array ?? [] {
            if let name = entry["screen_name"]?.string, !name.isEmpty {
                inReplyToUser = Handle(name)
                break
            }
            if let name = entry["username"]?.string, !name.isEmpty, Handle(name) != author {
                inReplyToUser = Handle(name)
                break
            }
        }

        var retweetedID: TweetID?
        if let retweetID = object["retweet_id"]?.tweetID {
            retweetedID = retweetID
            let rtAuthor = object["user_rt"]?.string.flatMap { $0.isEmpty ? nil : Handle($0) }
            sink.reference(ExternalTweet(id: retweetID, author: rtAuthor))
        }
        let isRetweet = Self.truthy(object["retweet"]) || retweetedID != nil ? true : nil

        var quotedID: TweetID?
        if let url = object["quote_url"]?.string, let reference = statusReference(inURL: url) {
            quotedID = reference.id
            sink.reference(ExternalTweet(id: reference.id, author: reference.user))
        }

        var counts = EngagementCounts()
        counts.likes = object["likes_count"]?.int
        counts.retweets = object["retweets_count"]?.int
        counts.replies = object["replies_count"]?.int

        var hasMedia: Bool?
        if object["photos"] != nil || object["video"] != nil {
            hasMedia = (object["photos"]?.isNonEmpty ?? false) || Self.truthy(object["video"])
        }
        if normalized.hasPicLink { hasMedia = true }

        let language = object["language"]?.string.flatMap { $0.isEmpty ? nil : $0 }
        sink.emit(
            Tweet(
                id: id, author: author, authorID: object["user_id"]?.uint64, statedTime: stated,
                text: normalized.value, inReplyToUser: inReplyToUser,
                conversationID: object["conversation_id"]?.tweetID, quotedID: quotedID,
                retweetedID: retweetedID, isRetweet: isRetweet, language: language, counts: counts,
                hasMedia: hasMedia))
    }

    /// `true`, `1`, `"True"`/`"true"` (older twint wrote Python booleans as strings).
    static func truthy(_ value: JSONValue?) -> Bool {
        switch value {
        case .bool(let b)?: return b
        case .number(let text)?: return text != "0"
        case .string(let text)?: return text == "True" || text == "true" || text == "1"
        default: return false
        }
    }
}
