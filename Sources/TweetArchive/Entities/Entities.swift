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
/// The offsets are stored as 32-bit integers, so an entity takes 24 bytes. Archives do not keep `TextEntity`
/// values: ``Entities`` keeps each entity as the place of its value in the tweet text, and builds these (and their
/// strings) only when a list is read.
public struct TextEntity: Hashable, Sendable {
    /// The matched text without its sigil.
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

    init(value: String, start: UInt32, end: UInt32) {
        self.value = value
        self.start = start
        self.end = end
    }
}

/// One entity as ``Entities`` stores it: where it sits in the text and where its value's UTF-8 bytes are, with no
/// string of its own (24 bytes, nothing to retain or release).
///
/// `start`/`end` count Unicode scalars once extraction finishes (bytes while the scanner works). The value is the
/// bytes `valueStart..<valueEnd` of the text, less `gapStart..<gapEnd`, which is empty except in the URLs that
/// twitter-text splices together from a host name and the path after the rest of the host.
@usableFromInline
struct EntitySpan {
    var start: UInt32
    var end: UInt32
    var valueStart: UInt32
    var valueEnd: UInt32
    var gapStart: UInt32
    var gapEnd: UInt32

    /// A span whose value is the byte range `value` of the text.
    @inline(__always)
    init(value: Range<Int>, start: Int, end: Int) {
        self.start = UInt32(truncatingIfNeeded: start)
        self.end = UInt32(truncatingIfNeeded: end)
        self.valueStart = UInt32(truncatingIfNeeded: value.lowerBound)
        self.valueEnd = UInt32(truncatingIfNeeded: value.upperBound)
        self.gapStart = valueEnd
        self.gapEnd = valueEnd
    }

    /// Whether the value is one run of bytes.
    var isContiguous: Bool { gapStart == gapEnd }

    /// The value's bytes in `text`, for a value that is one run (every mention and reply name is).
    @inline(__always)
    func contiguousValue(in text: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text + Int(valueStart), count: Int(valueEnd - valueStart))
    }

    /// The value read from `text` (the bytes the offsets count from).
    func value(in text: UnsafePointer<UInt8>) -> String {
        guard !isContiguous else { return String(decoding: contiguousValue(in: text), as: UTF8.self) }
        let head = UnsafeBufferPointer(start: text + Int(valueStart), count: Int(gapStart - valueStart))
        let tail = UnsafeBufferPointer(start: text + Int(gapEnd), count: Int(valueEnd - gapEnd))
        return String(decoding: Array(head) + Array(tail), as: UTF8.self)
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
/// one shared buffer holding every entity (mentions, hashtags, cashtags, then URLs) as a span into the text it was
/// found in, after a small header with the text's block, the kinds' boundaries and the length of the reply run
/// (which is a prefix of the mentions). No entity holds a string: the lists read and write like stored arrays, and
/// reading one builds the array and its strings (``forEachMentionUTF8(_:)`` and ``forEachReplyToUTF8(_:)`` read
/// the names as bytes instead). The buffer is never written after it is made (a setter makes a new one), which is
/// what makes sharing it between threads safe (`@unchecked Sendable`: `ManagedBuffer` itself is not `Sendable`).
public struct Entities: Hashable, @unchecked Sendable {
    @usableFromInline var storage: EntityStorage?

    public init(mentions: [TextEntity] = [], replyTo: [String] = [], hashtags: [TextEntity] = [],
                cashtags: [TextEntity] = [], urls: [TextEntity] = []) {
        var replyCount = -1
        if replyTo.count <= mentions.count && zip(replyTo, mentions).allSatisfy({ $0 == $1.value }) {
            replyCount = replyTo.count
        }
        // The values, written one after another into a text of their own, which the spans then point into.
        var bytes: [UInt8] = []
        func spans(_ list: [TextEntity]) -> [EntitySpan] {
            list.map { entity in
                let from = bytes.count
                bytes += entity.value.utf8
                var span = EntitySpan(value: from..<bytes.count, start: 0, end: 0)
                (span.start, span.end) = (entity.start, entity.end)
                return span
            }
        }
        let lists = (mentions: spans(mentions), hashtags: spans(hashtags), cashtags: spans(cashtags), urls: spans(urls))
        let names = replyCount < 0 ? spans(replyTo.map { TextEntity(value: $0, start: 0, end: 0) }) : []
        let text = TextBlock.make(capacity: bytes.count)
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { text.base.initialize(from: b, count: $0.count) } }
        storage = EntityStorage.make(text: text, textStart: 0, mentions: lists.mentions, replyCount: replyCount,
                                     explicitReplyTo: names, hashtags: lists.hashtags, cashtags: lists.cashtags,
                                     urls: lists.urls)
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

    /// Whether the first reply handle is `handle` (compared as handles compare, ignoring ASCII case), without
    /// building a `String`.
    ///
    ///     EntityExtractor.entities(in: "@Alice hi").firstReplyTo(is: Handle("alice"))   // true
    ///
    /// - Complexity: O(k) in the handle's length.
    public func firstReplyTo(is handle: Handle) -> Bool {
        guard let storage else { return false }
        return storage.withText { header, spans, text in
            guard let first = header.pointee.replyRange.first else { return false }
            let name = spans[first].contiguousValue(in: text)
            var key = handle.key
            let equal: Bool? = key.withUTF8 { key in
                // Non-ASCII names (only hand-built entities have them) compare as strings: canonical equivalence.
                if key.contains(where: { $0 >= 0x80 }) || name.contains(where: { $0 >= 0x80 }) { return nil }
                guard key.count == name.count else { return false }
                for k in 0..<key.count where key[k] != Handle.fold(name[k]) {
                    return false
                }
                return true
            }
            return equal ?? (Handle(String(decoding: name, as: UTF8.self)) == handle)
        }
    }

    /// Calls `body` with each mention's value in order, `mentions.map(\.value)` without building the list.
    ///
    ///     EntityExtractor.entities(in: "@a hi @b").forEachMention { print($0) }   // a, b
    ///
    /// - Complexity: O(m) for m mentions.
    public func forEachMention(_ body: (String) throws -> Void) rethrows {
        try forEachMentionUTF8 { try body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with each mention's value as UTF-8 bytes, valid only during the call: no `String` is built,
    /// for loops over millions of tweets that hash or compare the names.
    ///
    ///     EntityExtractor.entities(in: "@a hi @b").forEachMentionUTF8 { print($0.count) }   // 1, 1
    ///
    /// - Complexity: O(m) for m mentions.
    public func forEachMentionUTF8(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard let storage else { return }
        try storage.withText { header, spans, text in
            for k in 0..<Int(header.pointee.hashtagStart) { try body(spans[k].contiguousValue(in: text)) }
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
    ///     EntityExtractor.entities(in: "@a @b hi").forEachReplyTo { print($0) }   // a, b
    ///
    /// - Complexity: O(r) for r reply handles.
    public func forEachReplyTo(_ body: (String) throws -> Void) rethrows {
        try forEachReplyToUTF8 { try body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with each reply handle as UTF-8 bytes, valid only during the call: no `String` is built.
    ///
    /// - Complexity: O(r) for r reply handles.
    public func forEachReplyToUTF8(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        guard let storage else { return }
        try storage.withText { header, spans, text in
            for k in header.pointee.replyRange { try body(spans[k].contiguousValue(in: text)) }
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

/// The text an ``EntityStorage``'s spans point into, where each kind's entities sit (mentions start at 0), and the
/// reply run.
@usableFromInline
struct EntityHeader {
    /// The block holding the text (a tweet's text block, shared with the tweet and its neighbours).
    let text: TextBlock
    /// Where the text starts in ``text``; span offsets count from here.
    var textStart: UInt32
    var hashtagStart: Int32
    var cashtagStart: Int32
    var urlStart: Int32
    /// The entities; explicit reply names follow them.
    var count: Int32
    /// How many leading mentions form `replyTo`, or, when negative, `-replyCount - 1` names stored after the
    /// entities (only when built by hand with a `replyTo` that is not a prefix of the mentions).
    var replyCount: Int32

    var explicitReplyCount: Int { replyCount < 0 ? Int(-replyCount - 1) : 0 }

    /// The positions of the reply handles among the spans.
    var replyRange: Range<Int> {
        replyCount < 0 ? Int(count)..<Int(count) + explicitReplyCount : 0..<Int(replyCount)
    }
}

/// The one allocation behind a non-empty ``Entities``: a header and every entity's span, immutable once made.
/// Values are read from the text the header keeps alive, so making one retains one block and builds no string.
@usableFromInline
final class EntityStorage: ManagedBuffer<EntityHeader, EntitySpan> {
    enum Kind { case mentions, hashtags, cashtags, urls }

    /// One buffer for the lists, `nil` when all are empty; `replyCount` is the reply run's length, or -1 with
    /// `explicitReplyTo`. Span offsets count from `textStart` in `text`.
    ///
    /// - Complexity: O(e) for e entities.
    static func make(text: TextBlock, textStart: Int, mentions: [EntitySpan], replyCount: Int,
                     explicitReplyTo names: [EntitySpan], hashtags: [EntitySpan], cashtags: [EntitySpan],
                     urls: [EntitySpan]) -> EntityStorage? {
        let total = mentions.count + hashtags.count + cashtags.count + urls.count
        if total == 0 && replyCount == 0 { return nil }
        let names = replyCount < 0 ? names : []
        precondition(total + names.count < Int(Int32.max), "too many entities")
        let header = EntityHeader(text: text, textStart: UInt32(truncatingIfNeeded: textStart),
                                  hashtagStart: Int32(mentions.count),
                                  cashtagStart: Int32(mentions.count + hashtags.count),
                                  urlStart: Int32(total - urls.count), count: Int32(total),
                                  replyCount: replyCount < 0 ? Int32(-names.count - 1) : Int32(replyCount))
        let storage = unsafeDowncast(EntityStorage.create(minimumCapacity: total + names.count) { _ in header },
                                     to: EntityStorage.self)
        storage.withUnsafeMutablePointerToElements { elements in
            // One list at a time (an array of them would be an allocation per tweet, and a nested function
            // capturing the cursor a boxed variable). Spans are plain data: copying them is a memcpy, and the
            // buffer needs no deinitialisation.
            var next = copy(mentions, to: elements)
            next = copy(hashtags, to: next)
            next = copy(cashtags, to: next)
            next = copy(urls, to: next)
            _ = copy(names, to: next)
        }
        return storage
    }

    /// Copies `list` to `target`; returns the position after it.
    @inline(__always)
    private static func copy(_ list: [EntitySpan], to target: UnsafeMutablePointer<EntitySpan>)
        -> UnsafeMutablePointer<EntitySpan> {
        list.withUnsafeBufferPointer { buffer in
            if let source = buffer.baseAddress { target.initialize(from: source, count: buffer.count) }
            return target + buffer.count
        }
    }

    /// Calls `body` with the header, the spans and the text's first byte (the header lent in place: a copy would
    /// retain and release its block).
    @inline(__always)
    func withText<R>(_ body: (UnsafePointer<EntityHeader>, UnsafePointer<EntitySpan>, UnsafePointer<UInt8>) throws -> R)
        rethrows -> R {
        try withUnsafeMutablePointers { header, spans in
            try body(header, spans, UnsafePointer(header.pointee.text.base + Int(header.pointee.textStart)))
        }
    }

    func list(_ kind: Kind) -> [TextEntity] {
        withText { header, spans, text in
            let h = (hashtagStart: header.pointee.hashtagStart, cashtagStart: header.pointee.cashtagStart,
                     urlStart: header.pointee.urlStart, count: header.pointee.count)
            let range: Range<Int32>
            switch kind {
            case .mentions: range = 0..<h.hashtagStart
            case .hashtags: range = h.hashtagStart..<h.cashtagStart
            case .cashtags: range = h.cashtagStart..<h.urlStart
            case .urls: range = h.urlStart..<h.count
            }
            return range.map { k in
                let span = spans[Int(k)]
                return TextEntity(value: span.value(in: text), start: span.start, end: span.end)
            }
        }
    }

    var replyTo: [String] {
        withText { header, spans, text in header.pointee.replyRange.map { spans[$0].value(in: text) } }
    }

    var firstReplyTo: String? {
        withText { header, spans, text in header.pointee.replyRange.first.map { spans[$0].value(in: text) } }
    }

    /// `!replyTo.isEmpty`.
    var hasReplyRun: Bool {
        // Through the pointer: `header` is a class property, and reading it checks exclusivity at run time.
        let replyCount = withUnsafeMutablePointerToHeader { $0.pointee.replyCount }
        return replyCount > 0 || replyCount < -1
    }

    var mentionCount: Int { withUnsafeMutablePointerToHeader { Int($0.pointee.hashtagStart) } }

    var replyToCount: Int { withUnsafeMutablePointerToHeader { $0.pointee.replyRange.count } }
}
