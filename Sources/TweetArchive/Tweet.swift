/// Engagement counts as an archive states them; `nil` where the format does not carry a count.
public struct EngagementCounts: Hashable, Sendable {
    /// Likes (favourites).
    public var likes: Int?
    /// Retweets (reposts).
    public var retweets: Int?
    /// Replies.
    public var replies: Int?
    /// Quote tweets.
    public var quotes: Int?
    /// Impressions (views), where the format reports them.
    public var impressions: Int?

    /// Counts as given; a count left out is one the format does not carry.
    public init(
        likes: Int? = nil, retweets: Int? = nil, replies: Int? = nil, quotes: Int? = nil,
        impressions: Int? = nil
    ) {
        self.likes = likes
        self.retweets = retweets
        self.replies = replies
        self.quotes = quotes
        self.impressions = impressions
    }

    /// Whether any count is present.
    @inlinable package var isEmpty: Bool {
        likes == nil && retweets == nil && replies == nil && quotes == nil && impressions == nil
    }
}

/// One tweet read from an archive.
///
/// Every reader fills the same model: what a format does not carry stays `nil`. `createdAt` is the true UTC
/// instant (from the snowflake id when there is one); `statedTime` is what the archive wrote, which for twint is
/// the scraping machine's local time.
///
///     let tweet = archive.tweets[0]
///     tweet.author.display            // "alexxubyte"
///     tweet.entities.replyTo          // ["ykdojo"] (the oldest tweet of the sample replies to @ykdojo)
///
/// Archives hold millions of tweets, so the layout is compact (96 bytes): what every format carries is stored
/// inline, and the fields that plain-text archives never fill (parent, conversation, quote and retweet ids, the
/// replied-to user, language, counts, the author's id) live in one shared, copy-on-write side record that is
/// absent when all of them are empty. They read and write like stored properties.
public struct Tweet: Identifiable, Sendable {
    /// The tweet's id.
    public var id: TweetID
    /// Who posted it.
    public var author: Handle
    /// The creation instant: derived from a snowflake id, else the stated time.
    public var createdAt: Timestamp
    /// `statedTime` in milliseconds, `Int64.min` for none.
    @usableFromInline var statedMilliseconds: Int64
    /// Text with HTML entities decoded and twint's inserted spaces before links removed.
    ///
    /// Stored as UTF-8 in a block shared with other tweets of the same archive; each read builds the `String`.
    /// Setting it extracts the entities of the new text, so ``entities`` always describe ``text``.
    public var text: String {
        get { withUTF8Text { String(decoding: $0, as: UTF8.self) } }
        set {
            var arena = TextArena(blockSize: newValue.utf8.count + EntityExtractor.oneTextRecordRoom)
            var (start, count) = arena.append(newValue)
            var scratch = EntityExtractor.Scratch()
            let entities: Entities
            (entities, start) = EntityExtractor.entities(in: &arena, start: start, count: count, scratch: &scratch)
            textBlock = SharedText(arena.block)
            textStart = UInt32(truncatingIfNeeded: start)
            textCount = UInt32(truncatingIfNeeded: count)
            self.entities = entities
        }
    }
    // Stored in this order so that the 12-byte entities, the text's offsets and the flags pack into 96 bytes.
    @usableFromInline var textBlock: SharedText
    /// The side record, `nil` inside when every field it holds is empty.
    @usableFromInline var side: SideRecord
    /// Mentions, hashtags, cashtags and links in ``text``: extracted from it, or as the archive states them (API
    /// v2 and account exports carry their own). Setting ``text`` extracts them again.
    public internal(set) var entities: Entities {
        // Lent, not copied: `tweet.entities.mentionCount` then takes no reference to the block (scans over millions
        // of tweets, several threads at once, would retain and release the same shared blocks).
        @inlinable _read { yield storedEntities }
        set {
            storedEntities = newValue
            flags.setEntities(newValue)
        }
    }
    @usableFromInline var storedEntities: Entities
    @usableFromInline var textStart: UInt32
    @usableFromInline var textCount: UInt32
    /// A native retweet, or an old-style `RT @user:` one.
    public var isRetweet: Bool
    /// Whether the tweet carries a photo, video or other media, where the format says so (`photos`/`video` in
    /// twint JSON, `attachments.media_keys` in API v2, `entities.media` in exports); in twint text a
    /// `pic.twitter.com` link counts, and `nil` means no such link (a plain `t.co` link may still be media).
    public var hasMedia: Bool?
    /// What ``entities`` and the side record hold, kept inline so that scans over millions of tweets (is it a
    /// reply, does it mention anyone) need not visit either. (Declared last: it fits in the padding.)
    @usableFromInline var flags: Flags

    /// A tweet with the given fields; its entities are extracted from `text` unless given.
    ///
    ///     Tweet(id: TweetID(1), author: Handle("me"), text: "@you hi #swift").entities.hashtags[0].value  // "swift"
    ///
    /// `createdAt` defaults to the time in a snowflake `id`, else `statedTime`; `isRetweet` to whether there is a
    /// `retweetedID` or the text starts `RT @`.
    public init(
        id: TweetID, author: Handle, authorID: UInt64? = nil, createdAt: Timestamp? = nil,
        statedTime: Timestamp? = nil, text: String, entities: Entities? = nil,
        inReplyToID: TweetID? = nil, inReplyToUser: Handle? = nil, conversationID: TweetID? = nil,
        quotedID: TweetID? = nil, retweetedID: TweetID? = nil, isRetweet: Bool? = nil,
        language: String? = nil, counts: EngagementCounts = EngagementCounts(), hasMedia: Bool? = nil
    ) {
        self.id = id
        self.author = author
        self.createdAt =
            createdAt
            ?? id.snowflakeMilliseconds.map(Timestamp.init(milliseconds:))
            ?? statedTime
            ?? Timestamp(milliseconds: 0)
        self.statedMilliseconds = statedTime?.milliseconds ?? .min
        // The text, and behind it the record of its entities unless they are given.
        var arena = TextArena(
            blockSize: text.utf8.count
                + (entities == nil ? EntityExtractor.oneTextRecordRoom : TextArena.padding))
        var (start, count) = arena.append(text)
        if let entities {
            self.storedEntities = entities
        } else {
            var scratch = EntityExtractor.Scratch()
            (self.storedEntities, start) = EntityExtractor.entities(
                in: &arena, start: start, count: count,
                scratch: &scratch)
        }
        let entities = storedEntities
        let block = arena.block
        self.textBlock = SharedText(block)
        self.textStart = UInt32(truncatingIfNeeded: start)
        self.textCount = UInt32(truncatingIfNeeded: count)
        self.flags = Flags()
        self.flags.setEntities(entities)
        let extras = Extras(
            authorID: authorID, inReplyToID: inReplyToID, inReplyToUser: inReplyToUser,
            conversationID: conversationID, quotedID: quotedID, retweetedID: retweetedID,
            language: language, counts: counts)
        self.side = SideRecord(extras.isEmpty ? nil : ExtrasBox(extras))
        if inReplyToID != nil || inReplyToUser != nil { self.flags.insert(.explicitReply) }
        self.isRetweet =
            isRetweet
            ?? (retweetedID != nil
                || Tweet.isOldStyleRetweet(UnsafeBufferPointer(start: block.base + start, count: count)))
        self.hasMedia = hasMedia
    }

    /// A tweet whose text a reader has already written to `block` (valid UTF-8, `count` bytes from `start`) and
    /// whose entities it has extracted.
    init(
        id: TweetID, author: Handle, statedTime: Timestamp, textBlock: TextBlock, start: Int, count: Int,
        entities: Entities, counts: EngagementCounts, hasMedia: Bool?
    ) {
        self.id = id
        self.author = author
        self.createdAt = id.snowflakeMilliseconds.map(Timestamp.init(milliseconds:)) ?? statedTime
        self.statedMilliseconds = statedTime.milliseconds
        self.textBlock = SharedText(textBlock)
        self.textStart = UInt32(truncatingIfNeeded: start)
        self.textCount = UInt32(truncatingIfNeeded: count)
        self.storedEntities = entities
        self.flags = Flags()
        self.flags.setEntities(entities)
        self.side = SideRecord(counts.isEmpty ? nil : ExtrasBox(Extras(counts: counts)))
        self.isRetweet = Tweet.isOldStyleRetweet(UnsafeBufferPointer(start: textBlock.base + start, count: count))
        self.hasMedia = hasMedia
    }

    /// Calls `body` with the text's UTF-8 bytes, valid only during the call: no `String` is built.
    ///
    ///     tweet.withUTF8Text { $0.starts(with: "RT @".utf8) }
    @inlinable
    package func withUTF8Text<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        // `self`, and so its block, is alive for the whole call (the caller lends it): the bytes need no reference
        // of their own. (Taking one retained and released blocks that threads share, for every tweet.)
        let text = UnsafeBufferPointer(
            start: UnsafePointer(textBlock.block.base + Int(textStart)),
            count: Int(textCount))
        return try body(text)
    }

    /// The UTF-8 bytes of the text of the tweet at `tweet`, read in place: valid while that tweet is alive and
    /// unchanged (as an archive's tweets are while the archive is).
    ///
    /// For scans that walk an archive's tweets through a pointer on several threads: ``withUTF8Text(_:)`` called on
    /// `pointee` copies the tweet to keep it alive for the closure, retaining the text block that all threads share.
    @inlinable package static func utf8Text(at tweet: UnsafePointer<Tweet>) -> UnsafeBufferPointer<UInt8> {
        unowned(unsafe) let block = tweet.pointee.textBlock.block
        return UnsafeBufferPointer(
            start: UnsafePointer(block.base + Int(tweet.pointee.textStart)),
            count: Int(tweet.pointee.textCount))
    }

    /// The text's length in UTF-8 bytes, without building it.
    @inlinable package var textUTF8Count: Int { Int(textCount) }

    /// The time the archive wrote, interpreted with its stated offset (UTC when it had none).
    public var statedTime: Timestamp? {
        @inlinable get { statedMilliseconds == .min ? nil : Timestamp(milliseconds: statedMilliseconds) }
        set { statedMilliseconds = newValue?.milliseconds ?? .min }
    }

    /// The author's numeric account id, where the format carries it.
    public var authorID: UInt64? {
        @inlinable get { extras?.value.authorID }
        set { updateExtras { $0.authorID = newValue } }
    }

    /// The id of the tweet this one replies to, where the format states it.
    public var inReplyToID: TweetID? {
        @inlinable get { extras?.value.inReplyToID }
        set { updateExtras { $0.inReplyToID = newValue } }
    }

    /// The user this tweet replies to, where the format states it.
    public var inReplyToUser: Handle? {
        @inlinable get { extras?.value.inReplyToUser }
        set { updateExtras { $0.inReplyToUser = newValue } }
    }

    /// The id of the conversation's first tweet, where the format states it.
    public var conversationID: TweetID? {
        @inlinable get { extras?.value.conversationID }
        set { updateExtras { $0.conversationID = newValue } }
    }

    /// The id of the tweet this one quotes.
    public var quotedID: TweetID? {
        @inlinable get { extras?.value.quotedID }
        set { updateExtras { $0.quotedID = newValue } }
    }

    /// The id of the tweet this one retweets, for a native retweet.
    public var retweetedID: TweetID? {
        @inlinable get { extras?.value.retweetedID }
        set { updateExtras { $0.retweetedID = newValue } }
    }

    /// The language code the format states (`en`, `und`, ...).
    public var language: String? {
        @inlinable get { extras?.value.language }
        set { updateExtras { $0.language = newValue } }
    }

    /// Engagement counts as the archive states them.
    public var counts: EngagementCounts {
        @inlinable get { extras?.value.counts ?? EngagementCounts() }
        set { updateExtras { $0.counts = newValue } }
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
    @inlinable public var isReply: Bool {
        !flags.isDisjoint(with: [.replyRun, .explicitReply])
    }

    /// Whether the text mentions anyone (`!entities.mentions.isEmpty`), in O(1) without reading the entities.
    @inlinable package var hasMentions: Bool { flags.contains(.mentions) }

    /// Whether the format stated any engagement count (`!counts.isEmpty`), in O(1).
    @inlinable package var hasCounts: Bool { extras.map { !$0.value.counts.isEmpty } ?? false }

    /// Mentioned handles other than the reply handles, in order of first appearance, without repeats (compared
    /// case-insensitively). A reply handle named again later in the text stays a reply handle only.
    ///
    ///     // text "@alice thanks @bob and @Bob, cc @alice"
    ///     tweet.mentionedHandles.map(\.display)  // ["bob"]
    ///
    /// - Complexity: O(m) for m mentions.
    public var mentionedHandles: [Handle] {
        mentionedHandles(besides: replyHandles)
    }

    /// ``mentionedHandles`` for a caller that already holds ``replyHandles`` (`reply`), without reading them again.
    package func mentionedHandles(besides reply: [Handle]) -> [Handle] {
        guard hasMentions else { return [] }
        var result: [Handle] = []
        for mention in entities.mentions {
            let handle = Handle(mention.value)
            if !reply.contains(handle) && !result.contains(handle) { result.append(handle) }
        }
        return result
    }

    static func isOldStyleRetweet(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        text.count >= 4 && text[0] == UInt8(ascii: "R") && text[1] == UInt8(ascii: "T") && text[2] == UInt8(ascii: " ")
            && text[3] == UInt8(ascii: "@")
    }
}

// MARK: - Inline flags

extension Tweet {
    @usableFromInline
    struct Flags: OptionSet, Hashable, Sendable {
        @usableFromInline let rawValue: UInt8
        // Computed constants rather than `static let`s: another module reads a stored global through a call to
        // its lazy-initialising accessor, once per tweet in the summary's loop.
        /// The text starts with a mention run (`entities.replyTo` is not empty).
        @inlinable static var replyRun: Flags { Flags(rawValue: 1) }
        /// The text mentions someone.
        @inlinable static var mentions: Flags { Flags(rawValue: 2) }
        /// The archive names a parent tweet or a replied-to user.
        @inlinable static var explicitReply: Flags { Flags(rawValue: 4) }

        @inlinable init(rawValue: UInt8) { self.rawValue = rawValue }

        mutating func setEntities(_ entities: Entities) {
            remove([.replyRun, .mentions])
            if entities.hasReplyRun { insert(.replyRun) }
            if entities.hasMentions { insert(.mentions) }
        }
    }
}

// MARK: - Side record

extension Tweet {
    /// The fields most plain-text tweets leave empty.
    @usableFromInline
    struct Extras: Hashable, Sendable {
        @usableFromInline var authorID: UInt64?
        @usableFromInline var inReplyToID: TweetID?
        @usableFromInline var inReplyToUser: Handle?
        @usableFromInline var conversationID: TweetID?
        @usableFromInline var quotedID: TweetID?
        @usableFromInline var retweetedID: TweetID?
        @usableFromInline var language: String?
        @usableFromInline var counts: EngagementCounts

        var isEmpty: Bool {
            authorID == nil && inReplyToID == nil && inReplyToUser == nil && conversationID == nil && quotedID == nil
                && retweetedID == nil && language == nil && counts.isEmpty
        }

        static let empty = Extras(counts: EngagementCounts())
    }

    /// Shares one ``Extras`` between copies of a tweet; written only while uniquely referenced (copy on write).
    @usableFromInline
    final class ExtrasBox: @unchecked Sendable {
        @usableFromInline var value: Extras
        init(_ value: Extras) { self.value = value }
    }

    /// The optional box, wrapped in a struct of its own. Stored directly as an optional class reference, it made
    /// the optimiser build each new tweet twice and copy one (retaining and releasing every reference the tweet
    /// holds) before storing it; the wrapper costs nothing (same size, same `nil`).
    @usableFromInline
    struct SideRecord: Sendable {
        @usableFromInline var box: ExtrasBox?
        @inlinable init(_ box: ExtrasBox?) { self.box = box }
    }

    /// The side record's box, or `nil`.
    @inlinable var extras: ExtrasBox? { side.box }

    private mutating func updateExtras(_ change: (inout Extras) -> Void) {
        var value = extras?.value ?? .empty
        change(&value)
        if value.inReplyToID != nil || value.inReplyToUser != nil {
            flags.insert(.explicitReply)
        } else {
            flags.remove(.explicitReply)
        }
        if value.isEmpty {
            side.box = nil
        } else if side.box != nil && isKnownUniquelyReferenced(&side.box!) {
            side.box!.value = value
        } else {
            side.box = ExtrasBox(value)
        }
    }
}

extension Tweet: Hashable {
    /// Whether every field is equal, the texts compared byte for byte.
    public static func == (lhs: Tweet, rhs: Tweet) -> Bool {
        lhs.id == rhs.id && lhs.author == rhs.author && lhs.createdAt == rhs.createdAt
            && lhs.statedMilliseconds == rhs.statedMilliseconds && lhs.sameText(as: rhs)
            && lhs.isRetweet == rhs.isRetweet && lhs.hasMedia == rhs.hasMedia
            && lhs.storedEntities == rhs.storedEntities
            && (lhs.extras === rhs.extras || (lhs.extras?.value ?? .empty) == (rhs.extras?.value ?? .empty))
    }

    /// Hashes every field that `==` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(author)
        hasher.combine(createdAt)
        hasher.combine(statedMilliseconds)
        withUTF8Text { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        hasher.combine(entities)
        hasher.combine(isRetweet)
        hasher.combine(hasMedia)
        hasher.combine(extras?.value ?? .empty)
    }

    /// Byte-for-byte equal texts.
    private func sameText(as other: Tweet) -> Bool {
        guard textCount == other.textCount else { return false }
        if textBlock.block === other.textBlock.block && textStart == other.textStart { return true }
        return withUTF8Text { a in other.withUTF8Text { b in a.elementsEqual(b) } }
    }
}
