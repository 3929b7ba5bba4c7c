/// One entity found in tweet text: the matched value and where it sits.
///
/// `range` counts Unicode scalars (code points) from the start of the text, the convention of twitter-text's
/// conformance vectors and of the v1.1 API's `indices`; for text within the Basic Multilingual Plane it equals the
/// UTF-16 offsets. `value` excludes the sigil (`@`, `#`, `$`); a URL's value is the URL as written.
///
///     let tag = EntityExtractor.entities(in: "日本 #swift").hashtags[0]
///     tag.value   // "swift"
///     tag.range   // 3..<9
///
/// The offsets are stored as 32-bit integers so that an entity takes 24 bytes (a value of up to 15 UTF-8 bytes,
/// such as any screen name, lives inside the `String` without a heap allocation).
public struct TextEntity: Hashable, Sendable {
    public var value: String
    @usableFromInline var start: UInt32
    @usableFromInline var end: UInt32

    /// The entity's place in the text, in Unicode scalars, sigil included.
    public var range: Range<Int> {
        get { Int(start)..<Int(end) }
        set {
            start = UInt32(truncatingIfNeeded: newValue.lowerBound)
            end = UInt32(truncatingIfNeeded: newValue.upperBound)
        }
    }

    /// Makes an entity; `range` must lie within `0..<UInt32.max` (tweet text is far shorter).
    public init(value: String, range: Range<Int>) {
        self.value = value
        self.start = UInt32(truncatingIfNeeded: range.lowerBound)
        self.end = UInt32(truncatingIfNeeded: range.upperBound)
    }

    init(value: String, start: Int, end: Int) {
        self.value = value
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: end)
    }
}

/// An `@user` mention or an `@user/list-name` list reference, as twitter-text's `extractMentionsOrListsWithIndices`
/// reports it.
///
///     EntityExtractor.mentionsOrLists(in: "see @bob/swift-folks")
///     // [MentionOrList(screenName: "bob", listSlug: "/swift-folks", range: 4..<20)]
public struct MentionOrList: Hashable, Sendable {
    public var screenName: String
    /// `""` for a plain mention, else the slug with its leading `/`.
    public var listSlug: String
    /// In Unicode scalars, from the `@` to the end of the name or slug.
    public var range: Range<Int>

    public init(screenName: String, listSlug: String = "", range: Range<Int>) {
        self.screenName = screenName
        self.listSlug = listSlug
        self.range = range
    }
}

/// The entities of one tweet's text, extracted by twitter-text's rules.
///
///     let e = EntityExtractor.entities(in: "@alice @bob see #swift $AAPL http://t.co/x")
///     e.replyTo                   // ["alice", "bob"]
///     e.mentions.map(\.value)     // ["alice", "bob"]
///     e.hashtags.map(\.value)     // ["swift"]
///     e.cashtags.map(\.value)     // ["AAPL"]
///     e.urls.map(\.value)         // ["http://t.co/x"]
///
/// Entities never overlap: as in twitter-text's `extractEntitiesWithIndices`, a mention, hashtag or cashtag that
/// lies inside a URL (`https://example.com/@user`, `twitter.com/#tag`) is dropped.
public struct Entities: Hashable, Sendable {
    /// Every `@mention` in order, with repeats, including the leading reply run. `@user/list` references are not
    /// mentions (twitter-text's rule); `EntityExtractor.mentionsOrLists(in:)` reports them.
    public var mentions: [TextEntity]
    /// The handles of the leading mention run (`@a @b text` → `a`, `b`): whom the tweet replies to. The run starts
    /// the text (after optional white space) and its mentions are separated by white space only.
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

    /// Whether no entity of any kind was found.
    public var isEmpty: Bool {
        mentions.isEmpty && replyTo.isEmpty && hashtags.isEmpty && cashtags.isEmpty && urls.isEmpty
    }
}
