/// Extracts mentions, reply handles, hashtags, cashtags and URLs from tweet text following twitter-text.
///
///     let e = EntityExtractor.entities(in: "@alice @bob see #swift https://t.co/x")
///     e.replyTo                       // ["alice", "bob"]
///     e.hashtags.map(\.value)         // ["swift"]
///     e.urls.map(\.value)             // ["https://t.co/x"]
///     EntityExtractor.replyScreenName(in: " @alice hi")   // "alice"
///
/// Extraction reads the string's UTF-8 bytes in place: ASCII bytes are classified by table, only non-ASCII
/// scalars that a rule looks at are decoded, no `Character` or regular expression is involved, and a `String` is
/// built only for each entity found. Ranges are converted from bytes to Unicode scalars at the end, and only when
/// non-ASCII text precedes an entity.
///
/// - Complexity: O(n) in the text's length (URL matching also reads the word before each `.`).
package enum EntityExtractor {
    /// All entities of `text`, with overlaps removed in favour of the earlier entity (so mentions and hashtags
    /// inside URLs are dropped), and the leading mention run as `replyTo`.
    ///
    ///     EntityExtractor.entities(in: "@a @b hi @c twitter.com/#x").mentions.map(\.value)   // ["a", "b", "c"]
    ///
    /// - Complexity: O(n) in the text's length.
    package static func entities(in text: String) -> Entities {
        var scratch = Scratch()
        return entities(in: text, scratch: &scratch)
    }

    /// A scanner kept between calls of ``entities(in:scratch:)``: a reader that extracts from millions of texts
    /// keeps one, so the scanner's lists are allocated once (and not released) rather than for every text.
    struct Scratch {
        var scanner = EntityScanner(
            text: .empty,
            classes: ASCIIClass.lookup)
    }

    /// ``entities(in:)`` with the scanner borrowed from `scratch` (its lists emptied, capacity kept). The entities
    /// point into a copy of the text.
    ///
    /// - Complexity: O(n) in the text's length.
    static func entities(in text: String, scratch: inout Scratch) -> Entities {
        var arena = TextArena(blockSize: text.utf8.count + oneTextRecordRoom)
        let (start, count) = arena.append(text)
        return entities(in: &arena, start: start, count: count, scratch: &scratch).entities
    }

    /// Room left behind a single text for its entity record (more than the padding the scanner reads): a header
    /// and three spans fit without a second block.
    static let oneTextRecordRoom = 3 + MemoryLayout<EntityHeader>.stride + 3 * MemoryLayout<StoredSpan>.stride

    /// ``entities(in:)`` by the general URL path alone, without the direct path for `t.co` links (for tests).
    static func entitiesWithoutShortLinkPath(in text: String) -> Entities {
        var scratch = Scratch()
        scratch.scanner.shortLinks = false
        return entities(in: text, scratch: &scratch)
    }

    /// The entities of the text written last to `arena` (`count` bytes of valid UTF-8 from `start` in its block,
    /// followed by ``TextArena/padding`` zero bytes), with their record written right behind it; a reader that already knows the text to be ASCII says so
    /// (`isASCII`), which spares the scan for scalar offsets. Returns the entities and where the text now starts
    /// in `arena.block`: when the block has no room for the record, text and record move to a new one.
    ///
    /// - Complexity: O(n) in the text's length.
    static func entities(
        in arena: inout TextArena, start: Int, count: Int, isASCII: Bool = false,
        scratch: inout Scratch
    ) -> (entities: Entities, start: Int) {
        scratch.scanner.reset(
            text: TextBytes(arena.block, start: start, count: count), isASCII: isASCII, isPadded: true)
        scratch.scanner.scan()
        return scratch.scanner.finishEntities(in: &arena, start: start, count: count)
    }

    /// URLs in order by twitter-text's `extractUrlsWithIndices`, before any overlap with other entities is removed.
    ///
    ///     EntityExtractor.urls(in: "see example.com/a. and http://t.co/abc's").map(\.value)
    ///     // ["example.com/a", "http://t.co/abc"]
    ///
    /// - Complexity: O(n) in the text's length.
    package static func urls(in text: String) -> [TextEntity] {
        withScanner(text) { scanner in
            scanner.scanURLsOnly()
            return scanner.finishURLs()
        }
    }

    /// The screen name a tweet replies to by twitter-text's `extractReplyScreenname`: the first mention, if the
    /// text starts with it after optional white space.
    ///
    ///     EntityExtractor.replyScreenName(in: "　@alice hi")    // "alice"
    ///     EntityExtractor.replyScreenName(in: ".@alice hi")    // nil
    ///
    /// - Complexity: O(1): it reads the leading white space and at most 21 more characters.
    package static func replyScreenName(in text: String) -> String? {
        withScanner(text) { scanner in scanner.replyScreenName() }
    }

    /// Mentions and list references in order, by twitter-text's `extractMentionsOrListsWithIndices` (no URL
    /// overlap check).
    ///
    ///     EntityExtractor.mentionsOrLists(in: "@bob/swift hi @carol").map(\.listSlug)   // ["/swift", ""]
    ///
    /// - Complexity: O(n) in the text's length.
    package static func mentionsOrLists(in text: String) -> [MentionOrList] {
        withScanner(text) { scanner in
            scanner.scan(urls: false)
            return scanner.finishMentionsOrLists()
        }
    }

    private static func withScanner<R>(_ text: String, _ body: (inout EntityScanner) -> R) -> R {
        if let result = text.utf8.withContiguousStorageIfAvailable({ bytes -> R in
            var scanner = EntityScanner(text: TextBytes(bytes), classes: ASCIIClass.lookup)
            return body(&scanner)
        }) {
            return result
        }
        // Bridged or otherwise non-contiguous strings: copy once into native UTF-8.
        var copy = text
        copy.makeContiguousUTF8()
        return copy.utf8.withContiguousStorageIfAvailable { bytes -> R in
            var scanner = EntityScanner(text: TextBytes(bytes), classes: ASCIIClass.lookup)
            return body(&scanner)
        }!
    }
}

extension EntityScanner {
    /// Makes the scanner ready for `text`, as if new: the lists are emptied (their storage kept) and the matching
    /// state cleared.
    mutating func reset(text: TextBytes, isASCII: Bool, isPadded: Bool = false) {
        self.text = text
        self.isASCII = isASCII
        self.isPadded = isPadded
        // Most lists stay empty, and the others hold an entity or two: one `removeLast()` at a time keeps the
        // capacity without the general `replaceSubrange` behind `removeAll(keepingCapacity:)`.
        while !mentions.isEmpty { mentions.removeLast() }
        while !lists.isEmpty { lists.removeLast() }
        while !hashtags.isEmpty { hashtags.removeLast() }
        while !cashtags.isEmpty { cashtags.removeLast() }
        while !urls.isEmpty { urls.removeLast() }
        mentionConsumed = 0
        hashtagConsumed = 0
        chain = (-1, -1, -1, -1)
        urlMinStart = 0
    }
}

extension EntityScanner {
    /// Removes overlaps, derives the reply run and converts byte ranges to scalar ranges, then writes the record
    /// behind the scanned text, the `count` bytes written last to `arena` at `start`; returns the entities and
    /// where the text now starts (see ``TextArena/reserveRecord(_:text:count:)``).
    mutating func finishEntities(in arena: inout TextArena, start: Int, count: Int) -> (entities: Entities, start: Int)
    {
        if !urls.isEmpty && (overlapsURL(mentions) || overlapsURL(hashtags) || overlapsURL(cashtags)) {
            removeOverlaps()
        }
        var replyCount = 0
        var pos = 0
        for mention in mentions {
            pos = skipSpaces(from: pos)
            guard pos == Int(mention.start) else { break }
            replyCount += 1
            pos = Int(mention.end)
        }
        // Two-argument `max` calls: the variadic one builds (and frees) an array each time.
        let last = Int(
            max(
                max(mentions.last?.end ?? 0, hashtags.last?.end ?? 0),
                max(cashtags.last?.end ?? 0, urls.last?.end ?? 0)))
        let text = self.text // a local, so that converting a stored array does not copy `self`
        if last > 0, !isASCII, let firstNonASCII = text.firstNonASCII(in: 0..<last) {
            Self.convertToScalarOffsets(&mentions, in: text, from: firstNonASCII)
            Self.convertToScalarOffsets(&hashtags, in: text, from: firstNonASCII)
            Self.convertToScalarOffsets(&cashtags, in: text, from: firstNonASCII)
            Self.convertToScalarOffsets(&urls, in: text, from: firstNonASCII)
        }
        guard
            let size = EntityRecord.size(
                mentions: mentions, hashtags: hashtags, cashtags: cashtags, urls: urls,
                names: [], replyCount: replyCount)
        else {
            return (Entities(block: nil, record: 0), start)
        }
        // The scanned text is not read after this point: moving it to a new block is safe.
        let (record, textStart) = arena.reserveRecord(size, text: start, count: count)
        EntityRecord.write(
            into: arena.block.base, record: record, textStart: textStart,
            mentions: mentions, hashtags: hashtags, cashtags: cashtags, urls: urls, names: [],
            replyCount: replyCount)
        return (Entities(block: arena.block, record: record), textStart)
    }

    mutating func finishURLs() -> [TextEntity] {
        let text = self.text
        if let last = urls.last, let firstNonASCII = text.firstNonASCII(in: 0..<Int(last.end)) {
            Self.convertToScalarOffsets(&urls, in: text, from: firstNonASCII)
        }
        return urls.map { TextEntity(value: $0.value(in: text.base), start: $0.start, end: $0.end) }
    }

    mutating func finishMentionsOrLists() -> [MentionOrList] {
        var all = mentions.map { ListReference(entity: $0, nameEnd: Int($0.end)) } + lists
        all.sort { $0.entity.start < $1.entity.start }
        let hasNonASCII = text.containsNonASCII(0..<(all.last.map { Int($0.entity.end) } ?? 0))
        var cursor = ScalarCursor()
        return all.map { item in
            let slug = item.nameEnd < Int(item.entity.end) ? text.string(item.nameEnd..<Int(item.entity.end)) : ""
            var range = Int(item.entity.start)..<Int(item.entity.end)
            if hasNonASCII {
                let start = cursor.advance(to: range.lowerBound, in: text)
                range = start..<cursor.advance(to: range.upperBound, in: text)
            }
            return MentionOrList(
                screenName: text.string(Int(item.entity.valueStart)..<Int(item.entity.valueEnd)),
                listSlug: slug, range: range)
        }
    }

    func replyScreenName() -> String? {
        let i = skipSpaces(from: 0)
        guard i < text.count else { return nil }
        let sigil: Int
        if text[i] == 0x40 {
            sigil = 1
        } else if text[i] == 0xEF && text.byte(i + 1) == 0xBC && text.byte(i + 2) == 0xA0 {
            sigil = 3
        } else {
            return nil
        }
        let nameStart = i + sigil
        var j = nameStart
        while j < text.count, j - nameStart < 20, isClass(text[j], ASCIIClass.handle) { j += 1 }
        guard j > nameStart, !invalidAfterMention(j) else { return nil }
        return text.string(nameStart..<j)
    }

    /// The first byte at or after `i` that is not in twitter-text's `spaces` group.
    private func skipSpaces(from i: Int) -> Int {
        var j = i
        while j < text.count {
            let (c, length) = text[j] < 0x80 ? (UInt32(text[j]), 1) : text.scalar(at: j)
            guard UnicodeClass.isSpace(c) else { break }
            j += length
        }
        return j
    }

    /// Whether an entity of `list` overlaps a URL (both lists are sorted by start and free of inner overlaps).
    private func overlapsURL(_ list: [EntitySpan]) -> Bool {
        var u = 0
        for e in list {
            while u < urls.count && urls[u].end <= e.start { u += 1 }
            if u == urls.count { return false }
            if urls[u].start < e.end { return true }
        }
        return false
    }

    /// twitter-text's `removeOverlappingEntities`: sort every entity by start and drop each one that begins
    /// before the previous kept one ends.
    private mutating func removeOverlaps() {
        // kind: 0 URL, 1 mention, 2 hashtag, 3 cashtag (twitter-text's concatenation order breaks ties).
        var all: [(start: UInt32, end: UInt32, kind: UInt8, index: Int)] = []
        all.reserveCapacity(urls.count + mentions.count + hashtags.count + cashtags.count)
        for (kind, list) in [urls, mentions, hashtags, cashtags].enumerated() {
            for (index, e) in list.enumerated() { all.append((e.start, e.end, UInt8(kind), index)) }
        }
        all.sort { ($0.start, $0.kind) < ($1.start, $1.kind) }
        var keep: [[Bool]] = [urls, mentions, hashtags, cashtags].map { [Bool](repeating: false, count: $0.count) }
        var lastEnd: UInt32 = 0
        for e in all where e.start >= lastEnd {
            keep[Int(e.kind)][e.index] = true
            lastEnd = e.end
        }
        func filter(_ list: [EntitySpan], _ flags: [Bool]) -> [EntitySpan] {
            flags.allSatisfy { $0 } ? list : zip(list, flags).filter { $0.1 }.map { $0.0 }
        }
        urls = filter(urls, keep[0])
        mentions = filter(mentions, keep[1])
        hashtags = filter(hashtags, keep[2])
        cashtags = filter(cashtags, keep[3])
    }

    /// Rewrites byte offsets as scalar offsets; `list` is sorted and its entities do not overlap.
    private static func convertToScalarOffsets(
        _ list: inout [EntitySpan], in text: TextBytes,
        from firstNonASCII: Int
    ) {
        guard let last = list.last, Int(last.end) > firstNonASCII else { return }
        var cursor = ScalarCursor(start: firstNonASCII)
        for k in list.indices where Int(list[k].end) > firstNonASCII {
            let start = cursor.advance(to: Int(list[k].start), in: text)
            let end = cursor.advance(to: Int(list[k].end), in: text)
            list[k].start = UInt32(start)
            list[k].end = UInt32(end)
        }
    }
}

/// Counts scalars while moving forward through the bytes: byte offset → scalar offset in one sweep.
///
/// Bytes before the first non-ASCII one map one to one, so a cursor starts there.
struct ScalarCursor {
    private var byte: Int
    private var scalars: Int

    init(start: Int = 0) {
        byte = start
        scalars = start
    }

    mutating func advance(to target: Int, in text: TextBytes) -> Int {
        if target <= byte { return scalars - (target < byte ? text.scalarCount(target..<byte) : 0) }
        scalars += text.scalarCount(byte..<target)
        byte = target
        return scalars
    }
}
