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
/// The offsets are stored as 32-bit integers, and a long value (a URL, say) found by the extractor is kept as
/// its place in the tweet text, which the entity shares, rather than as a string of its own: an entity takes
/// 32 bytes and no allocation (a value of up to 15 UTF-8 bytes, such as any screen name, lives inside the
/// `String` itself). Reading such a value builds its `String`.
public struct TextEntity: Hashable, Sendable {
    /// The value itself, or, when `valueEnd > 0`, the text whose UTF-8 `valueStart..<valueEnd` the value is.
    @usableFromInline var storage: String
    @usableFromInline var start: UInt32
    @usableFromInline var end: UInt32
    @usableFromInline var valueStart: UInt32 = 0
    @usableFromInline var valueEnd: UInt32 = 0

    /// The matched text without its sigil.
    public var value: String {
        get {
            guard valueEnd > 0 else { return storage }
            let utf8 = storage.utf8
            let from = utf8.index(utf8.startIndex, offsetBy: Int(valueStart))
            let to = utf8.index(from, offsetBy: Int(valueEnd - valueStart))
            return String(storage[from..<to])
        }
        set {
            storage = newValue
            valueStart = 0
            valueEnd = 0
        }
    }

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
        self.storage = value
        self.start = UInt32(truncatingIfNeeded: range.lowerBound)
        self.end = UInt32(truncatingIfNeeded: range.upperBound)
    }

    init(value: String, start: Int, end: Int) {
        self.storage = value
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: end)
    }

    /// An entity whose value is `text`'s UTF-8 `utf8Range` (on scalar boundaries, not empty), sharing `text`.
    init(in text: String, utf8Range: Range<Int>, start: Int, end: Int) {
        self.storage = text
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: end)
        self.valueStart = UInt32(truncatingIfNeeded: utf8Range.lowerBound)
        self.valueEnd = UInt32(truncatingIfNeeded: utf8Range.upperBound)
    }

    public static func == (lhs: TextEntity, rhs: TextEntity) -> Bool {
        guard lhs.start == rhs.start && lhs.end == rhs.end else { return false }
        if lhs.valueEnd == 0 && rhs.valueEnd == 0 { return lhs.storage == rhs.storage }
        return lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(value)
        hasher.combine(start)
        hasher.combine(end)
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
///
/// Archives hold millions of these, so the storage is compact: one word, `nil` when the text has no entity, else
/// one shared buffer holding every entity (mentions, hashtags, cashtags, then URLs) after a small header with
/// the kinds' boundaries and the length of the reply run (which is a prefix of the mentions). The lists read and
/// write like stored arrays; reading one builds the array. The buffer is never written after it is made (a
/// setter makes a new one), which is what makes sharing it between threads safe (`@unchecked Sendable`:
/// `ManagedBuffer` itself is not `Sendable`).
public struct Entities: Hashable, @unchecked Sendable {
    @usableFromInline var storage: EntityStorage?

    public init(mentions: [TextEntity] = [], replyTo: [String] = [], hashtags: [TextEntity] = [],
                cashtags: [TextEntity] = [], urls: [TextEntity] = []) {
        var replyCount = -1
        if replyTo.count <= mentions.count && zip(replyTo, mentions).allSatisfy({ $0 == $1.value }) {
            replyCount = replyTo.count
        }
        storage = EntityStorage.make(mentions: mentions, replyCount: replyCount,
                                     explicitReplyTo: replyCount < 0 ? replyTo : nil,
                                     hashtags: hashtags, cashtags: cashtags, urls: urls)
    }

    init(storage: EntityStorage?) { self.storage = storage }

    public static let empty = Entities()

    /// Every `@mention` in order, with repeats, including the leading reply run. `@user/list` references are not
    /// mentions (twitter-text's rule); `EntityExtractor.mentionsOrLists(in:)` reports them.
    public var mentions: [TextEntity] {
        get { storage?.list(.mentions) ?? [] }
        set { self = Entities(mentions: newValue, replyTo: replyTo, hashtags: hashtags, cashtags: cashtags, urls: urls) }
    }

    /// The handles of the leading mention run (`@a @b text` → `a`, `b`): whom the tweet replies to. The run starts
    /// the text (after optional white space) and its mentions are separated by white space only.
    public var replyTo: [String] {
        get { storage?.replyTo ?? [] }
        set { self = Entities(mentions: mentions, replyTo: newValue, hashtags: hashtags, cashtags: cashtags, urls: urls) }
    }

    public var hashtags: [TextEntity] {
        get { storage?.list(.hashtags) ?? [] }
        set { self = Entities(mentions: mentions, replyTo: replyTo, hashtags: newValue, cashtags: cashtags, urls: urls) }
    }

    public var cashtags: [TextEntity] {
        get { storage?.list(.cashtags) ?? [] }
        set { self = Entities(mentions: mentions, replyTo: replyTo, hashtags: hashtags, cashtags: newValue, urls: urls) }
    }

    public var urls: [TextEntity] {
        get { storage?.list(.urls) ?? [] }
        set { self = Entities(mentions: mentions, replyTo: replyTo, hashtags: hashtags, cashtags: cashtags, urls: newValue) }
    }

    /// Whether no entity of any kind was found.
    public var isEmpty: Bool { storage == nil }

    /// The first reply handle, `replyTo.first`, without building the list.
    ///
    ///     EntityExtractor.entities(in: "@alice @bob hi").firstReplyTo   // "alice"
    ///
    /// - Complexity: O(1).
    public var firstReplyTo: String? { storage?.firstReplyTo }

    /// Calls `body` with each mention's value in order, `mentions.map(\.value)` without building the list.
    ///
    ///     EntityExtractor.entities(in: "@a hi @b").forEachMention { print($0) }   // a, b
    ///
    /// - Complexity: O(m) for m mentions.
    public func forEachMention(_ body: (String) throws -> Void) rethrows {
        guard let storage else { return }
        try storage.withUnsafeMutablePointers { header, elements in
            for k in 0..<Int(header.pointee.hashtagStart) { try body(elements[k].value) }
        }
    }

    /// `mentions.count`, without building the list.
    ///
    /// - Complexity: O(1).
    public var mentionCount: Int { storage?.mentionCount ?? 0 }

    /// `replyTo.count`, without building the list.
    ///
    /// - Complexity: O(1).
    public var replyToCount: Int { storage?.replyToCount ?? 0 }

    /// Calls `body` with each reply handle in order, `replyTo.forEach(body)` without building the list.
    ///
    /// - Complexity: O(r) for r reply handles.
    public func forEachReplyTo(_ body: (String) throws -> Void) rethrows {
        guard let storage else { return }
        try storage.withUnsafeMutablePointers { header, elements in
            let h = header.pointee
            if h.replyCount < 0 {
                for k in 0..<h.explicitReplyCount { try body(elements[Int(h.count) + k].value) }
            } else {
                for k in 0..<Int(h.replyCount) { try body(elements[k].value) }
            }
        }
    }

    /// `!replyTo.isEmpty`, without building the list.
    var hasReplyRun: Bool { storage?.hasReplyRun ?? false }

    /// `!mentions.isEmpty`, without building the list.
    var hasMentions: Bool { mentionCount > 0 }

    public static func == (lhs: Entities, rhs: Entities) -> Bool {
        if lhs.storage === rhs.storage { return true }
        return lhs.mentions == rhs.mentions && lhs.replyTo == rhs.replyTo && lhs.hashtags == rhs.hashtags
            && lhs.cashtags == rhs.cashtags && lhs.urls == rhs.urls
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(mentions)
        hasher.combine(replyTo)
        hasher.combine(hashtags)
        hasher.combine(cashtags)
        hasher.combine(urls)
    }
}

/// Where each kind's entities sit in an ``EntityStorage`` (mentions start at 0), and the reply run.
///
/// 20 bytes, so the entities start 40 bytes into the object and an allocation fills its malloc size class.
@usableFromInline
struct EntityHeader {
    var hashtagStart: Int32
    var cashtagStart: Int32
    var urlStart: Int32
    /// The entities; explicit reply names follow them.
    var count: Int32
    /// How many leading mentions form `replyTo`, or, when negative, `-replyCount - 1` names stored after the
    /// entities as values (only when built by hand with a `replyTo` that is not a prefix of the mentions).
    var replyCount: Int32

    var explicitReplyCount: Int { replyCount < 0 ? Int(-replyCount - 1) : 0 }
}

/// The one allocation behind a non-empty ``Entities``: a header and every entity, immutable once made.
@usableFromInline
final class EntityStorage: ManagedBuffer<EntityHeader, TextEntity> {
    enum Kind { case mentions, hashtags, cashtags, urls }

    deinit {
        _ = withUnsafeMutablePointers { header, elements in
            elements.deinitialize(count: Int(header.pointee.count) + header.pointee.explicitReplyCount)
        }
    }

    /// One buffer for the lists, `nil` when all are empty; `replyCount` is the reply run's length, or -1 with
    /// `explicitReplyTo`.
    ///
    /// - Complexity: O(e) for e entities.
    static func make(mentions: [TextEntity], replyCount: Int, explicitReplyTo: [String]?, hashtags: [TextEntity],
                     cashtags: [TextEntity], urls: [TextEntity]) -> EntityStorage? {
        let total = mentions.count + hashtags.count + cashtags.count + urls.count
        if total == 0 && replyCount == 0 { return nil }
        let names = replyCount < 0 ? explicitReplyTo ?? [] : []
        precondition(total + names.count < Int(Int32.max), "too many entities")
        let header = EntityHeader(hashtagStart: Int32(mentions.count), cashtagStart: Int32(mentions.count + hashtags.count),
                                  urlStart: Int32(total - urls.count), count: 0, replyCount: 0)
        let storage = unsafeDowncast(EntityStorage.create(minimumCapacity: total + names.count) { _ in header },
                                     to: EntityStorage.self)
        storage.withUnsafeMutablePointers { header, elements in
            var next = elements
            // One list at a time (an array of the four would be an allocation per tweet).
            func append(_ list: [TextEntity]) {
                guard !list.isEmpty else { return }
                list.withUnsafeBufferPointer { next.initialize(from: $0.baseAddress!, count: $0.count) }
                next += list.count
            }
            append(mentions)
            append(hashtags)
            append(cashtags)
            append(urls)
            for name in names {
                next.initialize(to: TextEntity(value: name, start: 0, end: 0))
                next += 1
            }
            header.pointee.count = Int32(total)
            header.pointee.replyCount = replyCount < 0 ? Int32(-names.count - 1) : Int32(replyCount)
        }
        return storage
    }

    func list(_ kind: Kind) -> [TextEntity] {
        withUnsafeMutablePointers { header, elements in
            let h = header.pointee
            let range: Range<Int32>
            switch kind {
            case .mentions: range = 0..<h.hashtagStart
            case .hashtags: range = h.hashtagStart..<h.cashtagStart
            case .cashtags: range = h.cashtagStart..<h.urlStart
            case .urls: range = h.urlStart..<h.count
            }
            if range.isEmpty { return [] }
            return Array(UnsafeBufferPointer(start: elements + Int(range.lowerBound), count: range.count))
        }
    }

    var replyTo: [String] {
        withUnsafeMutablePointers { header, elements in
            let h = header.pointee
            if h.replyCount < 0 { return (0..<h.explicitReplyCount).map { elements[Int(h.count) + $0].value } }
            return (0..<Int(h.replyCount)).map { elements[$0].value }
        }
    }

    var firstReplyTo: String? {
        withUnsafeMutablePointers { header, elements in
            let h = header.pointee
            if h.replyCount < 0 { return h.explicitReplyCount > 0 ? elements[Int(h.count)].value : nil }
            return h.replyCount > 0 ? elements[0].value : nil
        }
    }

    /// `!replyTo.isEmpty`.
    var hasReplyRun: Bool {
        // Through the pointer: `header` is a class property, and reading it checks exclusivity at run time.
        let replyCount = withUnsafeMutablePointerToHeader { $0.pointee.replyCount }
        return replyCount > 0 || replyCount < -1
    }

    var mentionCount: Int { withUnsafeMutablePointerToHeader { Int($0.pointee.hashtagStart) } }

    var replyToCount: Int {
        withUnsafeMutablePointerToHeader { h in
            h.pointee.replyCount < 0 ? h.pointee.explicitReplyCount : Int(h.pointee.replyCount)
        }
    }
}
