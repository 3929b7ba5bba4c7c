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
    package init(value: String, range: Range<Int>) {
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

/// One entity as the scanner finds it: where it sits in the text and where its value's UTF-8 bytes are, with no
/// string of its own (24 bytes, nothing to retain or release). Records keep it as a ``StoredSpan``.
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

    /// The value's length in bytes.
    var valueCount: Int { Int(valueEnd - valueStart) - Int(gapEnd - gapStart) }

    /// The value read from `text` (the bytes the offsets count from).
    func value(in text: UnsafePointer<UInt8>) -> String {
        let head = UnsafeBufferPointer(start: text + Int(valueStart), count: Int(gapStart - valueStart))
        guard !isContiguous else { return String(decoding: head, as: UTF8.self) }
        let tail = UnsafeBufferPointer(start: text + Int(gapEnd), count: Int(valueEnd - gapEnd))
        return String(decoding: Array(head) + Array(tail), as: UTF8.self)
    }
}

/// One entity as an entity record stores it (16 bytes): where it sits in the text, in Unicode scalars, and where
/// its value's bytes are, counted from the start of the text. Every stored value is one run of bytes: a URL that
/// twitter-text splices together (an ``EntitySpan`` with a gap) has its value written out behind the record.
@usableFromInline
struct StoredSpan {
    var start: UInt32
    var end: UInt32
    var valueStart: UInt32
    var valueEnd: UInt32

    /// The value's bytes in `text` (the bytes the offsets count from).
    @inline(__always)
    func value(in text: UnsafePointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: text + Int(valueStart), count: Int(valueEnd - valueStart))
    }

    /// The value as a string.
    func string(in text: UnsafePointer<UInt8>) -> String { String(decoding: value(in: text), as: UTF8.self) }
}

/// An `@user` mention or an `@user/list-name` list reference, as twitter-text's `extractMentionsOrListsWithIndices`
/// reports it.
///
///     EntityExtractor.mentionsOrLists(in: "see @bob/swift-folks")
///     // [MentionOrList(screenName: "bob", listSlug: "/swift-folks", range: 4..<20)]
package struct MentionOrList: Hashable, Sendable {
    package var screenName: String
    /// `""` for a plain mention, else the slug with its leading `/`.
    package var listSlug: String
    /// In Unicode scalars, from the `@` to the end of the name or slug.
    package var range: Range<Int>

    package init(screenName: String, listSlug: String = "", range: Range<Int>) {
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
/// Archives hold millions of these, so the storage is compact and allocates nothing of its own: `nil` when the
/// text has no entity, else a record in the text block that holds the text (written by the reader right behind
/// the text): a small header with the kinds' boundaries and the length of the reply run (which is a prefix of the
/// mentions), then every entity (mentions, hashtags, cashtags, then URLs) as a span into the text. No entity holds
/// a string: the lists read and write like stored arrays, and reading one builds the array and its strings
/// (`forEachMentionUTF8(_:)` and `forEachReplyToUTF8(_:)` read the names as bytes instead). A record is never
/// written after it is made (a setter makes a new one), which is what makes sharing it between threads safe
/// (`@unchecked Sendable`, as for the text blocks themselves).
public struct Entities: Hashable, @unchecked Sendable {
    /// The block holding the record and the text its spans point into; `nil` when there is no entity.
    @usableFromInline var block: TextBlock?
    /// Where the record starts in ``block``.
    @usableFromInline var record: UInt32

    package init(
        mentions: [TextEntity] = [], replyTo: [String] = [], hashtags: [TextEntity] = [],
        cashtags: [TextEntity] = [], urls: [TextEntity] = []
    ) {
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
        guard
            let size = EntityRecord.size(
                mentions: lists.mentions, hashtags: lists.hashtags,
                cashtags: lists.cashtags, urls: lists.urls, names: names,
                replyCount: replyCount)
        else {
            self.init(block: nil, record: 0)
            return
        }
        let record = EntityRecord.aligned(bytes.count)
        let block = TextBlock.make(capacity: record + size)
        bytes.withUnsafeBufferPointer { if let b = $0.baseAddress { block.base.initialize(from: b, count: $0.count) } }
        EntityRecord.write(
            into: block.base, record: record, textStart: 0, mentions: lists.mentions,
            hashtags: lists.hashtags, cashtags: lists.cashtags, urls: lists.urls, names: names,
            replyCount: replyCount)
        self.init(block: block, record: record)
    }

    init(block: TextBlock?, record: Int) {
        self.block = block
        self.record = UInt32(truncatingIfNeeded: record)
    }

    package static let empty = Entities()

    /// Every `@mention` in order, with repeats, including the leading reply run. `@user/list` references are not
    /// mentions (twitter-text's rule); `EntityExtractor.mentionsOrLists(in:)` reports them.
    public package(set) var mentions: [TextEntity] {
        get { list(.mentions) }
        set {
            self = Entities(mentions: newValue, replyTo: replyTo, hashtags: hashtags, cashtags: cashtags, urls: urls)
        }
    }

    /// The handles of the leading mention run (`@a @b text` → `a`, `b`): whom the tweet replies to. The run starts
    /// the text (after optional white space) and its mentions are separated by white space only.
    package var replyTo: [String] {
        get { withRecord { header, spans, text in header.pointee.replyRange.map { spans[$0].string(in: text) } } ?? [] }
        set {
            self = Entities(mentions: mentions, replyTo: newValue, hashtags: hashtags, cashtags: cashtags, urls: urls)
        }
    }

    /// Every `#hashtag` in order, with repeats.
    public package(set) var hashtags: [TextEntity] {
        get { list(.hashtags) }
        set {
            self = Entities(mentions: mentions, replyTo: replyTo, hashtags: newValue, cashtags: cashtags, urls: urls)
        }
    }

    package var cashtags: [TextEntity] {
        get { list(.cashtags) }
        set {
            self = Entities(mentions: mentions, replyTo: replyTo, hashtags: hashtags, cashtags: newValue, urls: urls)
        }
    }

    /// Every link in order, as written (`t.co` links in most archives).
    public package(set) var urls: [TextEntity] {
        get { list(.urls) }
        set {
            self = Entities(
                mentions: mentions, replyTo: replyTo, hashtags: hashtags, cashtags: cashtags, urls: newValue)
        }
    }

    /// Whether no entity of any kind was found.
    package var isEmpty: Bool { block == nil }

    /// The first reply handle, `replyTo.first`, without building the list.
    ///
    ///     EntityExtractor.entities(in: "@alice @bob hi").firstReplyTo   // "alice"
    ///
    /// - Complexity: O(1).
    package var firstReplyTo: String? {
        withRecord { header, spans, text in header.pointee.replyRange.first.map { spans[$0].string(in: text) } } ?? nil
    }

    /// Whether the first reply handle is `handle` (compared as handles compare, ignoring ASCII case), without
    /// building a `String`.
    ///
    ///     EntityExtractor.entities(in: "@Alice hi").firstReplyTo(is: Handle("alice"))   // true
    ///
    /// - Complexity: O(k) in the handle's length.
    package func firstReplyTo(is handle: Handle) -> Bool {
        withRecord { header, spans, text in
            guard let first = header.pointee.replyRange.first else { return false }
            let name = spans[first].value(in: text)
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
        } ?? false
    }

    /// Calls `body` with each mention's value in order, `mentions.map(\.value)` without building the list.
    ///
    ///     EntityExtractor.entities(in: "@a hi @b").forEachMention { print($0) }   // a, b
    ///
    /// - Complexity: O(m) for m mentions.
    package func forEachMention(_ body: (String) throws -> Void) rethrows {
        try forEachMentionUTF8 { try body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with each mention's value as UTF-8 bytes, valid only during the call: no `String` is built,
    /// for loops over millions of tweets that hash or compare the names.
    ///
    ///     EntityExtractor.entities(in: "@a hi @b").forEachMentionUTF8 { print($0.count) }   // 1, 1
    ///
    /// - Complexity: O(m) for m mentions.
    package func forEachMentionUTF8(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try withRecord { header, spans, text in
            for k in 0..<Int(header.pointee.hashtagStart) { try body(spans[k].value(in: text)) }
        }
    }

    /// `mentions.count`, without building the list.
    ///
    /// - Complexity: O(1).
    package var mentionCount: Int { withRecord { header, _, _ in Int(header.pointee.hashtagStart) } ?? 0 }

    /// `replyTo.count`, without building the list.
    ///
    /// - Complexity: O(1).
    package var replyToCount: Int { withRecord { header, _, _ in header.pointee.replyRange.count } ?? 0 }

    /// Calls `body` with each reply handle in order, `replyTo.forEach(body)` without building the list.
    ///
    ///     EntityExtractor.entities(in: "@a @b hi").forEachReplyTo { print($0) }   // a, b
    ///
    /// - Complexity: O(r) for r reply handles.
    package func forEachReplyTo(_ body: (String) throws -> Void) rethrows {
        try forEachReplyToUTF8 { try body(String(decoding: $0, as: UTF8.self)) }
    }

    /// Calls `body` with each reply handle as UTF-8 bytes, valid only during the call: no `String` is built.
    ///
    /// - Complexity: O(r) for r reply handles.
    package func forEachReplyToUTF8(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        try withRecord { header, spans, text in
            for k in header.pointee.replyRange { try body(spans[k].value(in: text)) }
        }
    }

    /// `!replyTo.isEmpty`, without building the list.
    var hasReplyRun: Bool {
        withRecord { header, _, _ in header.pointee.replyCount > 0 || header.pointee.replyCount < -1 } ?? false
    }

    /// `!mentions.isEmpty`, without building the list.
    var hasMentions: Bool { mentionCount > 0 }

    /// Whether every list is equal.
    public static func == (lhs: Entities, rhs: Entities) -> Bool {
        if lhs.block === rhs.block && lhs.record == rhs.record { return true }
        return lhs.mentions == rhs.mentions && lhs.replyTo == rhs.replyTo && lhs.hashtags == rhs.hashtags
            && lhs.cashtags == rhs.cashtags && lhs.urls == rhs.urls
    }

    /// Hashes every list.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(mentions)
        hasher.combine(replyTo)
        hasher.combine(hashtags)
        hasher.combine(cashtags)
        hasher.combine(urls)
    }

    enum Kind { case mentions, hashtags, cashtags, urls }

    /// Calls `body` with the record's header, its spans and the first byte of the text they point into; `nil`
    /// when there is no record. The block stays alive for the call.
    @inline(__always)
    func withRecord<R>(
        _ body: (UnsafePointer<EntityHeader>, UnsafePointer<StoredSpan>, UnsafePointer<UInt8>) throws -> R
    )
        rethrows -> R?
    {
        // The block's address read without taking a reference of its own: `self` keeps the block alive.
        guard let base = block?.base else { return nil }
        return try withExtendedLifetime(self) {
            let raw = UnsafeRawPointer(base) + Int(record)
            // Bound to these types when the record was written (`EntityRecord.write`).
            let header = raw.assumingMemoryBound(to: EntityHeader.self)
            let spans = (raw + MemoryLayout<EntityHeader>.stride).assumingMemoryBound(to: StoredSpan.self)
            return try body(header, spans, UnsafePointer(base) + Int(header.pointee.textStart))
        }
    }

    private func list(_ kind: Kind) -> [TextEntity] {
        withRecord { header, spans, text in
            let h = header.pointee
            let range: Range<Int32>
            switch kind {
            case .mentions: range = 0..<h.hashtagStart
            case .hashtags: range = h.hashtagStart..<h.cashtagStart
            case .cashtags: range = h.cashtagStart..<h.urlStart
            case .urls: range = h.urlStart..<h.count
            }
            return range.map { k in
                let span = spans[Int(k)]
                return TextEntity(value: span.string(in: text), start: span.start, end: span.end)
            }
        } ?? []
    }
}

/// The head of an entity record: where the text starts in the record's block (span offsets count from there),
/// where each kind's entities sit among the spans (mentions start at 0), and the reply run. 24 bytes, plain data.
@usableFromInline
struct EntityHeader {
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

/// How an entity record is sized and written: a header, then the ``StoredSpan``s of the mentions, hashtags,
/// cashtags and URLs, then any explicit reply names, then the values of spliced URLs. The lists are borrowed (the
/// scanner's own, or a hand-built set).
enum EntityRecord {
    /// Records start at multiples of four bytes (the alignment of their fields).
    static func aligned(_ offset: Int) -> Int { (offset + 3) & ~3 }

    /// The record's size in bytes, `nil` when there is nothing to record (no entity, no reply run). Explicit reply
    /// `names` are recorded only when `replyCount` is negative.
    static func size(
        mentions: [EntitySpan], hashtags: [EntitySpan], cashtags: [EntitySpan], urls: [EntitySpan],
        names: [EntitySpan], replyCount: Int
    ) -> Int? {
        let total = mentions.count + hashtags.count + cashtags.count + urls.count
        if total == 0 && replyCount == 0 { return nil }
        let spans = total + (replyCount < 0 ? names.count : 0)
        precondition(spans < Int(Int32.max), "too many entities")
        var spliced = 0
        for url in urls where !url.isContiguous { spliced += url.valueCount }
        return MemoryLayout<EntityHeader>.stride + spans * MemoryLayout<StoredSpan>.stride + spliced
    }

    /// Writes the record at `record` in the block whose bytes start at `base`
    /// (``size(mentions:hashtags:cashtags:urls:names:replyCount:)`` bytes, 4-byte aligned, behind the text at
    /// `textStart`, which the spans point into), binding its memory to the header and span types.
    ///
    /// - Complexity: O(e) for e entities.
    static func write(
        into base: UnsafeMutablePointer<UInt8>, record: Int, textStart: Int, mentions: [EntitySpan],
        hashtags: [EntitySpan], cashtags: [EntitySpan], urls: [EntitySpan], names: [EntitySpan],
        replyCount: Int
    ) {
        let total = mentions.count + hashtags.count + cashtags.count + urls.count
        let nameCount = replyCount < 0 ? names.count : 0
        let header = EntityHeader(
            textStart: UInt32(truncatingIfNeeded: textStart),
            hashtagStart: Int32(mentions.count),
            cashtagStart: Int32(mentions.count + hashtags.count),
            urlStart: Int32(total - urls.count), count: Int32(total),
            replyCount: replyCount < 0 ? Int32(-nameCount - 1) : Int32(replyCount))
        let target = UnsafeMutableRawPointer(base + record)
        target.bindMemory(to: EntityHeader.self, capacity: 1).initialize(to: header)
        let spans = (target + MemoryLayout<EntityHeader>.stride)
            .bindMemory(to: StoredSpan.self, capacity: total + nameCount)
        // One list at a time (an array of them would be an allocation per tweet, and a nested function capturing
        // the cursor a boxed variable).
        var next = store(mentions, to: spans)
        next = store(hashtags, to: next)
        next = store(cashtags, to: next)
        let firstURL = next
        next = store(urls, to: next)
        if nameCount > 0 { next = store(names, to: next) }
        // Spliced URL values, written out whole behind the spans: their offsets count from the text's start, which
        // lies before the record in the same block.
        let text = base + textStart
        var out = UnsafeMutableRawPointer(next).assumingMemoryBound(to: UInt8.self)
        for k in urls.indices where !urls[k].isContiguous {
            let url = urls[k]
            let head = Int(url.gapStart - url.valueStart)
            let tail = Int(url.valueEnd - url.gapEnd)
            out.initialize(from: text + Int(url.valueStart), count: head)
            (out + head).initialize(from: text + Int(url.gapEnd), count: tail)
            firstURL[k].valueStart = UInt32(truncatingIfNeeded: out - text)
            firstURL[k].valueEnd = UInt32(truncatingIfNeeded: out - text + head + tail)
            out += head + tail
        }
    }

    /// Stores `list` at `target` (a spliced URL's value offsets are set afterwards); returns the position after
    /// it.
    @inline(__always)
    private static func store(_ list: [EntitySpan], to target: UnsafeMutablePointer<StoredSpan>)
        -> UnsafeMutablePointer<StoredSpan>
    {
        list.withUnsafeBufferPointer { buffer in
            for k in 0..<buffer.count {
                let span = buffer[k]
                (target + k).initialize(
                    to: StoredSpan(
                        start: span.start, end: span.end, valueStart: span.valueStart,
                        valueEnd: span.valueEnd))
            }
            return target + buffer.count
        }
    }
}
