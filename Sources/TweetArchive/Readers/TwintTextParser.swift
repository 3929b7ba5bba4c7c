/// Parses twint's plain-text lines:
/// `<id> <YYYY-MM-DD> <HH:MM:SS>[ <±zzzz>] <<username>> <text>[ <#tags>][ <$tags>][ | N replies N retweets N likes]`.
///
/// Works on bytes: ids, dates and counts are accumulated digit by digit, and the only `String` built per line is
/// the tweet's text.
struct TwintTextParser: RecordParser {
    /// Authors already seen, by spelling: an open-addressing table keyed by the name's bytes packed into two words
    /// (screen names have at most 15), each slot holding its key and its ``Handle``, so that a lookup reads one
    /// place in memory (the texts streaming through evict the table from the caches between tweets). Archives
    /// repeat a few thousand names a million times, and building a ``Handle`` (its folded key) costs allocations.
    /// An empty slot has an all-zero key (a packed name records its non-zero length); the table stays at most half
    /// full.
    private var handleSlots = [HandleSlot](repeating: HandleSlot(), count: 1 << 10)
    private var handleCount = 0

    struct HandleSlot {
        var key = PackedName()
        var handle = Handle("")
    }

    /// The last date read, by its ten bytes (`YYYY-MM-DD` as a word and a half-word), and its day number, `nil` for
    /// an impossible date: twint lists a day's tweets together, so most lines repeat the date before them.
    private var lastDate: (word: UInt64, tail: UInt16, days: Int?)?
    /// The entity scanner, reset for every line (its lists keep their storage).
    private var scratch = EntityExtractor.Scratch()
    /// Where the texts go, one block for thousands of tweets.
    private var texts: TextArena

    /// A parser whose first text block holds `firstTextBlock` bytes (default: a whole block): the reader passes a
    /// small file's size, so that each of many small files keeps a block its size, not a huge page.
    init(firstTextBlock: Int? = nil) {
        texts = TextArena(firstBlockSize: firstTextBlock)
    }

    /// Up to 15 bytes and their count, packed for an exact two-word comparison.
    struct PackedName: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0

        /// No name (the empty slot's key).
        init() {}

        /// `bytes` packed, or `nil` when they are empty or more than 15; `readable` bytes from their start may be
        /// read (at least `bytes.count`): with 16, the name is loaded as two words and masked, without a copy.
        init?(_ bytes: TextBytes, readable: Int) {
            let n = bytes.count
            guard n > 0, n <= 15 else { return nil }
            if readable >= 16 {
                let first = bytes.word(at: 0)
                let second = bytes.word(at: 8)
                // Keep the name's bytes only: n of the sixteen, low bytes first.
                low = n >= 8 ? first : first & ((1 << (UInt64(n) * 8)) - 1)
                high = n > 8 ? second & ((1 << (UInt64(n - 8) * 8)) - 1) : 0
            } else {
                // The bytes placed over the two words one by one, low bytes first (as the loads would place them).
                for k in 0..<n {
                    if k < 8 {
                        low |= UInt64(bytes[k]) << (UInt64(k) * 8)
                    } else {
                        high |= UInt64(bytes[k]) << (UInt64(k - 8) * 8)
                    }
                }
            }
            high |= UInt64(n) << 56 // then the count, in the byte no name reaches
        }

        /// A well-mixed hash for a table slot (the caller masks it).
        var slot: Int {
            let mixed = (low ^ high &* 0x9E37_79B9_7F4A_7C15) &* 0xBF58_476D_1CE4_E5B9
            return Int(truncatingIfNeeded: mixed >> 32)
        }
    }

    mutating func consume(_ line: TextBytes, line number: Int, into sink: inout RecordSink)
        throws(ArchiveError)
    {
        var cursor = ByteCursor(line)
        cursor.skipSpaces()
        if cursor.atEnd {
            sink.ignore()
            return
        }
        if Self.isLogLine(cursor.rest) {
            sink.ignore()
            return
        }

        guard let id = cursor.readUInt64(), cursor.consume(ASCII.space) else {
            return try sink.skip(line: number, reason: .badID, detail: line.excerpt())
        }
        if cursor.peek == ASCII.pipe { // a profile line: `<id> | <name> | @<username> | Private: ...`
            sink.ignore()
            return
        }
        guard let days = readDays(&cursor), cursor.consume(ASCII.space) else {
            return try sink.skip(line: number, reason: .badDate, detail: line.excerpt())
        }
        guard let (hour, minute, second) = cursor.readTime() else {
            return try sink.skip(line: number, reason: .badTime, detail: line.excerpt())
        }
        guard cursor.consume(ASCII.space) else {
            return try sink.skip(line: number, reason: .truncated, detail: line.excerpt())
        }
        var offsetSeconds = 0
        if cursor.peek == ASCII.plus || cursor.peek == ASCII.minus {
            guard let offset = cursor.readOffset(), cursor.consume(ASCII.space) else {
                return try sink.skip(line: number, reason: .badUTCOffset, detail: line.excerpt())
            }
            offsetSeconds = offset
        } else if let b = cursor.peek, b != ASCII.lessThan, (0x41...0x5A).contains(b) {
            cursor.skipToken() // a zone abbreviation (`UTC`, `CET`): its offset is unknown, read as UTC
            _ = cursor.consume(ASCII.space)
        }
        guard cursor.consume(ASCII.lessThan) else {
            return try sink.skip(line: number, reason: .missingUsername, detail: line.excerpt())
        }
        guard let name = cursor.readUsernameBytes() else {
            return try sink.skip(line: number, reason: .unclosedUsername, detail: line.excerpt())
        }
        // A well-formed date that is not a calendar day (2023-02-30) is reported here, after the fields that
        // follow it, as `Timestamp(year:month:day:…)` would.
        guard let days else {
            return try sink.skip(line: number, reason: .badDate, detail: line.excerpt())
        }
        let seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second) - Int64(offsetSeconds)
        let stated = Timestamp(milliseconds: seconds * 1000)
        _ = cursor.consume(ASCII.space)

        var body = cursor.rest
        var counts = EngagementCounts()
        if let (stripped, stats) = Self.splitStatsTail(body) {
            body = stripped
            counts = stats
        }
        body = Self.stripTagTails(body)
        let text = TextNormalizer.twintText(body, into: &texts, padded: true) // lines come padded (RecordParser)
        if text.invalidUTF8 { sink.stats.invalidUTF8Lines += 1 }
        // The name ends before `>`, and the line goes on: what is left of it may be read.
        let author = handle(name, readable: line.count - line.offset(of: name))
        let (entities, start) = EntityExtractor.entities(
            in: &texts, start: text.start, count: text.count,
            isASCII: text.ascii, scratch: &scratch)
        sink.emit(
            Tweet(
                id: TweetID(id), author: author, statedTime: stated, textBlock: texts.block, start: start,
                count: text.count, entities: entities, counts: counts, hasMedia: text.hasPicLink ? true : nil))
    }

    private mutating func handle(_ name: TextBytes, readable: Int) -> Handle {
        guard let key = PackedName(name, readable: readable) else {
            return Handle(name.string(0..<name.count))
        }
        var slot = key.slot & (handleSlots.count - 1)
        return known(key, slot: &slot) ?? added(key, name, slot: slot)
    }

    /// The handle stored under `key`, probing from `slot`; `nil` with `slot` at the empty slot that ended the probe.
    private func known(_ key: PackedName, slot: inout Int) -> Handle? {
        let slots = handleSlots.span
        let mask = slots.count - 1
        while slots[slot].key.high != 0 {
            if slots[slot].key == key { return slots[slot].handle }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// A new author's handle, entered in `slot` (the empty one its lookup ended at).
    private mutating func added(_ key: PackedName, _ name: TextBytes, slot: Int) -> Handle {
        let fresh = Handle(name.string(0..<name.count))
        handleSlots[slot] = HandleSlot(key: key, handle: fresh)
        handleCount += 1
        if handleCount * 2 > handleSlots.count {
            // Grow to keep the load under one half, re-placing every entry.
            let old = handleSlots
            handleSlots = [HandleSlot](repeating: HandleSlot(), count: old.count * 2)
            let mask = handleSlots.count - 1
            for entry in old where entry.key.high != 0 {
                var slot = entry.key.slot & mask
                while handleSlots[slot].key.high != 0 { slot = (slot + 1) & mask }
                handleSlots[slot] = entry
            }
        }
        return fresh
    }

    /// Reads `YYYY-MM-DD`: `nil` when the bytes are not a date, `.some(nil)` for a well-formed impossible date,
    /// else the day number (days since 1970-01-01). A date equal to the last one is recognised from its bytes.
    private mutating func readDays(_ cursor: inout ByteCursor) -> Int?? {
        let bytes = cursor.bytes
        if bytes.count - cursor.position >= 10 {
            let word = bytes.word(at: cursor.position)
            let tail = bytes.halfWord(at: cursor.position + 8)
            if let last = lastDate, word == last.word && tail == last.tail {
                cursor.position += 10
                return .some(last.days)
            }
            guard let (year, month, day) = cursor.readDate() else { return nil }
            var days: Int?
            if (1...12).contains(month), (1...Timestamp.daysIn(month: month, year: year)).contains(day) {
                days = Timestamp.daysFromCivil(year: year, month: month, day: day)
            }
            lastDate = (word, tail, days)
            return .some(days)
        }
        return nil
    }

    /// Scraper chatter twint prints between tweets: `[!] No more data!`, `found 0 deleted tweets...`, `['twitter'] ...`.
    static func isLogLine(_ line: TextBytes) -> Bool {
        guard let first = line.first else { return false }
        if first == ASCII.leftBracket { return true }
        guard first == UInt8(ascii: "f") || first == UInt8(ascii: "C") || first == UInt8(ascii: "T") else {
            return false
        }
        return line.starts(with: "found ".utf8) || line.starts(with: "CRITICAL".utf8)
            || line.starts(with: "Traceback".utf8)
    }

    /// Splits off twint's `--stats` tail ` | N replies N retweets N likes`.
    static func splitStatsTail(_ body: TextBytes) -> (TextBytes, EngagementCounts)? {
        // Most lines have no tail: it must end in "likes".
        guard body.count >= 22, body[body.count - 1] == UInt8(ascii: "s"), body[body.count - 5] == UInt8(ascii: "l"),
            body[body.count - 6] == ASCII.space
        else { return nil }
        // Find the last " | " and check that what follows is exactly the stats phrase.
        var i = body.count - 3
        while i >= 0 {
            if body[i] == ASCII.space && body[i + 1] == ASCII.pipe && body[i + 2] == ASCII.space { break }
            i -= 1
        }
        guard i >= 0 else { return nil }
        var cursor = ByteCursor(body.slice(from: i + 3))
        var values: [Int] = []
        let words: [StaticString] = ["replies", "retweets", "likes"]
        for (k, word) in words.enumerated() {
            guard let n = cursor.readUInt64(), cursor.consume(ASCII.space), cursor.consumeWord(word) else { return nil }
            values.append(Int(n))
            if k < 2 && !cursor.consume(ASCII.space) { return nil }
        }
        guard cursor.atEnd else { return nil }
        return (
            body.slice(0..<i),
            EngagementCounts(likes: values[2], retweets: values[1], replies: values[0])
        )
    }

    /// Drops `--hashtags` / `--cashtags` tails: a final comma-joined `#a,#b` (or `$a,$b`) token whose every tag
    /// also appears earlier in the text, which is how twint lists a tweet's own tags.
    static func stripTagTails(_ body: TextBytes) -> TextBytes {
        var body = body
        for _ in 0..<2 {
            guard let space = ByteVector.lastIndex(of: ASCII.space, in: body.buffer) else { return body }
            let token = body.slice(from: space + 1)
            guard let sigil = token.first, sigil == ASCII.hash || sigil == ASCII.dollar, token.count > 1 else {
                return body
            }
            let head = body.slice(0..<space)
            let tags = token.split(separator: ASCII.comma)
            let allTagsRepeat = tags.allSatisfy { tag in
                tag.first == sigil && tag.count > 1 && Self.containsTag(Array(tag), in: head)
            }
            guard allTagsRepeat else { return body }
            body = head
            while let last = body.last, last == ASCII.space { body = body.slice(0..<body.count - 1) }
        }
        return body
    }

    private static func containsTag(_ tag: [UInt8], in text: TextBytes) -> Bool {
        guard text.count >= tag.count else { return false }
        var i = 0
        while i <= text.count - tag.count {
            var k = 0
            // Tags compare case-insensitively: twint lower-cases its lists.
            while k < tag.count && (text[i + k] | 0x20) == (tag[k] | 0x20) { k += 1 }
            if k == tag.count { return true }
            i += 1
        }
        return false
    }
}

/// A forward-only reader over one line's bytes.
struct ByteCursor {
    let bytes: TextBytes
    var position = 0

    init(_ bytes: TextBytes) { self.bytes = bytes }

    var atEnd: Bool { position >= bytes.count }
    var peek: UInt8? { position < bytes.count ? bytes[position] : nil }
    var rest: TextBytes { bytes.slice(from: min(position, bytes.count)) }

    mutating func consume(_ byte: UInt8) -> Bool {
        guard peek == byte else { return false }
        position += 1
        return true
    }

    mutating func consumeWord(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard bytes.count - position >= n else { return false }
        let ok = word.withUTF8Buffer { w in (0..<n).allSatisfy { bytes[position + $0] == w[$0] } }
        if ok { position += n }
        return ok
    }

    mutating func skipSpaces() { while peek == ASCII.space || peek == ASCII.tab { position += 1 } }
    mutating func skipToken() { while let b = peek, b != ASCII.space { position += 1 } }

    /// 1–20 digits that fit in 64 bits, ending at a non-digit.
    mutating func readUInt64() -> UInt64? {
        var value: UInt64 = 0
        let start = position
        // Eight digits at a time while whole words of them last (tweet ids have 18 or 19), then one at a time.
        // Nineteen digits cannot overflow (10^19 - 1 < 2^64): no checks for those.
        // (`eightDigits` takes the word as loaded, in memory order: `word(at:)` reads it little-endian.)
        while bytes.count &- position >= 8 && position &- start <= 11,
            let eight = Self.eightDigits(UInt64(littleEndian: bytes.word(at: position)))
        {
            value = value &* 100_000_000 &+ eight
            position &+= 8
        }
        while position < bytes.count && position - start < 19 {
            let v = bytes[position] &- 0x30
            guard v < 10 else { break }
            value = value &* 10 &+ UInt64(v)
            position += 1
        }
        while let b = peek, ASCII.isDigit(b) {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(b - 0x30))
            if o1 || o2 { return nil }
            value = s
            position += 1
        }
        return position > start ? value : nil
    }

    /// The value of eight ASCII digits loaded as one word (the first digit in the lowest byte), or `nil` when a
    /// byte is not a digit: SWAR, as in simdjson's `parse_eight_digits_unrolled`.
    @inline(__always)
    static func eightDigits(_ word: UInt64) -> UInt64? {
        let w = UInt64(littleEndian: word)
        // Each byte is 0x30...0x39 exactly when its high nibble is 3 and adding 6 keeps it so.
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        guard (w & high) | (((w &+ 0x0606_0606_0606_0606) & high) >> 4) == 0x3333_3333_3333_3333 else { return nil }
        var v = w &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8) // pairs: each even byte holds two digits' value
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        v = (((v & mask) &* (100 &+ (1_000_000 << 32))) &+ (((v >> 16) & mask) &* (1 &+ (10_000 << 32)))) >> 32
        return v & 0xFFFF_FFFF
    }

    @inline(__always)
    mutating func readFixedDigits(_ count: Int) -> Int? {
        guard bytes.count - position >= count else { return nil }
        var value = 0
        for _ in 0..<count {
            let b = bytes[position]
            guard ASCII.isDigit(b) else { return nil }
            value = value * 10 + Int(b - 0x30)
            position += 1
        }
        return value
    }

    /// `d` digits (up to 4) at `offset` from the position, or `nil`: no bounds check (the caller made one).
    @inline(__always)
    private func digits(at offset: Int, _ d: Int) -> Int? {
        var value = 0
        for k in 0..<d {
            let v = bytes[position + offset + k] &- 0x30
            guard v < 10 else { return nil }
            value = value * 10 + Int(v)
        }
        return value
    }

    /// `YYYY-MM-DD`, read at fixed offsets after one length check.
    mutating func readDate() -> (Int, Int, Int)? {
        guard bytes.count - position >= 10, bytes[position + 4] == ASCII.minus, bytes[position + 7] == ASCII.minus,
            let y = digits(at: 0, 4), let m = digits(at: 5, 2), let d = digits(at: 8, 2)
        else { return nil }
        position += 10
        return (y, m, d)
    }

    /// `HH:MM:SS`, read as one word: the colons checked in place, then the six digits as in ``eightDigits(_:)``.
    mutating func readTime() -> (Int, Int, Int)? {
        guard bytes.count - position >= 8 else { return nil }
        let w = bytes.word(at: position)
        let colons: UInt64 = 0x0000_FF00_00FF_0000
        guard w & colons == 0x0000_3A00_003A_0000 else { return nil }
        // The colons read as zeros, so that all eight bytes must be digits.
        let t = (w & ~colons) | 0x0000_3000_0030_0000
        let high: UInt64 = 0xF0F0_F0F0_F0F0_F0F0
        guard (t & high) | (((t &+ 0x0606_0606_0606_0606) & high) >> 4) == 0x3333_3333_3333_3333 else { return nil }
        let d = t &- 0x3030_3030_3030_3030
        let pairs = (d &* 10) &+ (d >> 8) // bytes 0, 3 and 6 hold HH, MM and SS (each at most 99: no carry)
        let h = Int(pairs & 0xFF)
        let m = Int((pairs >> 24) & 0xFF)
        let s = Int((pairs >> 48) & 0xFF)
        guard h < 24, m < 60, s < 61 else { return nil }
        position += 8
        return (h, m, s)
    }

    /// `+hhmm` / `-hhmm` as seconds east of UTC.
    mutating func readOffset() -> Int? {
        guard let sign = peek else { return nil }
        position += 1
        guard let hh = readFixedDigits(2), let mm = readFixedDigits(2), hh <= 14, mm < 60 else { return nil }
        let seconds = hh * 3600 + mm * 60
        return sign == ASCII.minus ? -seconds : seconds
    }

    /// The name up to `>`, which must close before the end of the line; `nil` if unclosed or empty.
    mutating func readUsernameBytes() -> TextBytes? {
        let start = position
        // Sixteen bytes at a time while sixteen remain (names are short: usually one step), then one at a time.
        while bytes.count &- position >= ByteVector.width {
            let v = bytes.vector(at: position)
            if let k = ByteVector.first(
                (v .== ByteVector.splat(ASCII.greaterThan)) .| (v .== ByteVector.splat(ASCII.space)))
            {
                position &+= k
                break
            }
            position &+= ByteVector.width
        }
        while let b = peek, b != ASCII.greaterThan, b != ASCII.space { position += 1 }
        guard peek == ASCII.greaterThan, position > start else { return nil }
        let name = bytes.slice(start..<position)
        position += 1
        return name
    }
}
