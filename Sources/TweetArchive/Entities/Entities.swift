/// One entity found in tweet text: the matched value and where it sits.
///
/// `range` counts Unicode scalars (code points) from the start of the text, the convention of twitter-text's
/// conformance vectors; `value` excludes the sigil (`@`, `#`, `$`).
public struct TextEntity: Hashable, Sendable {
    public var value: String
    public var range: Range<Int>

    public init(value: String, range: Range<Int>) {
        self.value = value
        self.range = range
    }
}

/// The entities of one tweet's text, extracted by twitter-text's rules.
public struct Entities: Hashable, Sendable {
    /// Every @mention in order, including the leading reply run and `@user/list` mentions reduced to the user.
    public var mentions: [TextEntity]
    /// The handles of the leading mention run (`@a @b text` → `a`, `b`): whom the tweet replies to.
    public var replyTo: [String]
    public var hashtags: [TextEntity]
    public var cashtags: [TextEntity]
    public var urls: [TextEntity]

    public init(mentions: [TextEntity] = [], replyTo: [String] = [], hashtags: [TextEntity] = [],
                cashtags: [TextEntity] = [], urls: [TextEntity] = []) {
        self.mentions = mentions
        self.replyTo = replyTo
        self.hashtags = hashtags
        self.cashtags = cashtags
        self.urls = urls
    }

    public static let empty = Entities()
}
