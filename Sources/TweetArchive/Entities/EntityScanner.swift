/// One pass over a tweet's UTF-8 bytes that finds mentions, lists, hashtags, cashtags and URLs by twitter-text's
/// rules, recording byte ranges (`TextEntity.start`/`end` hold byte offsets until `finish` converts them).
///
/// The loop reads sixteen bytes at a time and finds the trigger bytes among them with vector compares
/// (``ByteVector``) — `@ # $`, `0xEF` (the lead byte of `＠` and `＃`) and `.` where no space follows — so
/// everything else (ASCII words, CJK, emoji) passes without a per-byte branch. Each rule then looks around the
/// sigil in bytes, as twitter-text's regular expressions would, without building a `String` until a match is
/// certain.
///
///     var scanner = EntityScanner(text: bytes, classes: table)
///     scanner.scan()
///     scanner.mentions   // byte ranges until finish()
///
/// - Complexity: O(n) in the text's length for mentions, hashtags and cashtags; URL matching looks back over the
///   word before each `.` and forward over the host, path and query it finds.
struct EntityScanner {
    /// An `@user/list` match: the entity (value = the user) and where the name ends and the slug starts.
    struct ListReference {
        var entity: EntitySpan
        var nameEnd: Int
    }

    /// The text being scanned (``EntityExtractor/Scratch`` reuses a scanner, see `reset(text:isASCII:)`).
    var text: TextBytes
    let classes: ASCIIClassTable

    var mentions: [EntitySpan] = []
    var lists: [ListReference] = []
    var hashtags: [EntitySpan] = []
    var cashtags: [EntitySpan] = []
    var urls: [EntitySpan] = []
    /// The end of the last mention-pattern match, accepted or not: the pattern consumes the character (or `RT`)
    /// before the `@`, so a later match may not lean on characters up to here.
    var mentionConsumed = 0
    /// The end of the last hashtag-pattern match, accepted or not (the same for the character before `#`).
    var hashtagConsumed = 0
    /// The chain of host labels the last analysed dot starts: its first dot, where it ends, and the dot and end of
    /// its longest domain (`bestDot` -1 when none).
    var chain: (from: Int, end: Int, bestDot: Int, bestEnd: Int) = (-1, -1, -1, -1)
    /// The first byte offset at which a URL may start: one past the end of the previous URL match, since
    /// twitter-text's URL pattern consumes the character before the URL.
    var urlMinStart = 0
    /// Set when the text is known to be ASCII: byte offsets are then scalar offsets.
    var isASCII = false
    /// Whether ``TextArena/padding`` zero bytes follow the text (an arena's texts): the last vector then loads in
    /// place instead of through a zero-padded copy.
    var isPadded = false
    /// Whether `t.co` links take the direct path (``scanShortLink(dot:)``); tests turn it off to compare it with
    /// the general one.
    var shortLinks = true
    init(text: TextBytes, classes: ASCIIClassTable) {
        self.text = text
        self.classes = classes
    }

    /// An entity whose value is the bytes `valueRange`, at bytes `start..<end` (sigil included).
    @inline(__always) func entity(_ valueRange: Range<Int>, start: Int, end: Int) -> EntitySpan {
        EntitySpan(value: valueRange, start: start, end: end)
    }

    @inline(__always) func isClass(_ b: UInt8, _ flag: UInt32) -> Bool { b < 0x80 && classes[Int(b)] & flag != 0 }

    mutating func scan(urls scanURLs: Bool = true) {
        let n = text.count
        var i = nextTrigger(from: 0)
        while i < n {
            dispatch(at: i, urls: scanURLs)
            i = nextTrigger(from: i + 1)
        }
    }

    /// The offset of the first trigger byte at or after `start`, or the text's length: sixteen bytes at a time, in
    /// a loop that calls nothing, so its state stays in registers.
    @inline(__always) func nextTrigger(from start: Int) -> Int {
        text.nextTrigger(from: start, isPadded: isPadded)
    }

    /// Visits only the dots (for `EntityExtractor.urls(in:)`), eight bytes at a time.
    mutating func scanURLsOnly() {
        let n = text.count
        let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        var i = 0
        while i + 8 <= n {
            let y = text.word(at: i) ^ 0x2E2E_2E2E_2E2E_2E2E
            var mask = ~(((y & lows) &+ lows) | y) & ~lows
            while mask != 0 {
                let dot = i + mask.trailingZeroBitCount / 8
                if dot >= urlMinStart { scanURL(dot: dot) }
                mask &= mask &- 1
            }
            i += 8
        }
        while i < n {
            if text[i] == 0x2E && i >= urlMinStart { scanURL(dot: i) }
            i += 1
        }
    }

    @inline(__always) private mutating func dispatch(at i: Int, urls scanURLs: Bool) {
        let n = text.count
        switch text[i] {
        case 0x40: scanMention(at: i, sigilLength: 1)
        case 0x23: scanHashtag(at: i, sigilLength: 1)
        case 0x24: scanCashtag(at: i)
        case 0x2E: if scanURLs && i >= urlMinStart { scanURL(dot: i) }
        default: // 0xEF: ＠ is EF BC A0, ＃ is EF BC 83
            if i + 2 < n && text[i + 1] == 0xBC {
                if text[i + 2] == 0xA0 {
                    scanMention(at: i, sigilLength: 3)
                } else if text[i + 2] == 0x83 {
                    scanHashtag(at: i, sigilLength: 3)
                }
            }
        }
    }

    // MARK: Mentions and lists

    /// `@user` or `@user/list` at `i`: not after `[a-zA-Z0-9_!#$%&*@＠]` unless that is an `RT` (or `RT:`) which
    /// itself starts the text or follows a character outside `[a-zA-Z0-9_+~.-]`; 1–20 name characters (a longer
    /// name is cut at 20, as twitter-text does); not followed by `@`, a Latin accented letter or `://`.
    mutating func scanMention(at i: Int, sigilLength: Int) {
        guard mentionMayStart(at: i) else { return }
        let n = text.count
        let nameStart = i + sigilLength
        var j = nameStart
        while j < n, j - nameStart < 20, isClass(text[j], ASCIIClass.handle) { j += 1 }
        guard j > nameStart else { return }
        let nameEnd = j
        var end = nameEnd
        if text.byte(j) == 0x2F, isClass(text.byte(j + 1), ASCIIClass.letter) {
            var k = j + 2
            while k < n, k - (j + 1) < 25, isClass(text[k], ASCIIClass.handle) || text[k] == 0x2D { k += 1 }
            end = k
        }
        mentionConsumed = end // a match, whether or not the check below keeps it
        guard !invalidAfterMention(end) else { return }
        let entity = entity(nameStart..<nameEnd, start: i, end: end)
        if end == nameEnd {
            mentions.append(entity)
        } else {
            lists.append(ListReference(entity: entity, nameEnd: nameEnd))
        }
    }

    private func mentionMayStart(at i: Int) -> Bool {
        guard i > 0 else { return true }
        let prev = text[i - 1]
        if prev >= 0x80 {
            // Only ＠ (EF BC A0) is excluded among non-ASCII characters.
            let isFullwidthAt = i >= 3 && prev == 0xA0 && text[i - 2] == 0xBC && text[i - 3] == 0xEF
            return !isFullwidthAt && text.scalarStart(before: i) >= mentionConsumed
        }
        if classes[Int(prev)] & ASCIIClass.notBeforeMention == 0 && i - 1 >= mentionConsumed { return true }
        // RT@user, rt:@user: the "RT" must start the text or follow a character outside [a-zA-Z0-9_+~.-].
        var q = i
        if text[q - 1] == 0x3A { q -= 1 }
        guard q >= 2, q - 2 >= mentionConsumed, lowercased(text[q - 2]) == 0x72, lowercased(text[q - 1]) == 0x74
        else { return false }
        if q == 2 { return true }
        return text.scalarStart(before: q - 2) >= mentionConsumed && !isClass(text[q - 3], ASCIIClass.notBeforeRT)
    }

    /// twitter-text's `endMentionMatch`: `@`, `＠`, a Latin accented letter or `://` right after the name.
    func invalidAfterMention(_ e: Int) -> Bool {
        guard e < text.count else { return false }
        let b = text[e]
        if b < 0x80 { return b == 0x40 || (b == 0x3A && text.byte(e + 1) == 0x2F && text.byte(e + 2) == 0x2F) }
        let c = text.scalar(at: e).value
        return c == 0xFF20 || UnicodeClass.isLatinAccent(c)
    }

    // MARK: Hashtags

    /// `#tag` at `i`: not after a hashtag character or `&` (U+FE0E and U+FE0F may precede), not followed by U+FE0F
    /// or U+20E3 (a keycap), then the longest run of letters, marks, decimal digits, `_` and twitter-text's special
    /// characters, holding at least one letter or mark; not followed by `#`, `＃` or `://`.
    mutating func scanHashtag(at i: Int, sigilLength: Int) {
        // The character before '#' belongs to the match, so it may not be part of the previous one.
        if i > 0 && text.scalarStart(before: i) < hashtagConsumed { return }
        if let prev = text.scalar(before: i), prev != 0xFE0E, prev != 0xFE0F {
            if prev < 0x80 {
                if prev == 0x26 || classes[Int(prev)] & ASCIIClass.handle != 0 { return }
            } else if UnicodeClass.hashtagClass(prev).alphanumeric {
                return
            }
        }
        let n = text.count
        let bodyStart = i + sigilLength
        if bodyStart < n, text[bodyStart] >= 0x80 {
            let c = text.scalar(at: bodyStart).value
            if c == 0xFE0F || c == 0x20E3 { return }
        }
        var j = bodyStart
        var hasAlpha = false
        while j < n {
            let b = text[j]
            if b < 0x80 {
                let flags = classes[Int(b)]
                guard flags & ASCIIClass.handle != 0 else { break }
                if flags & ASCIIClass.letter != 0 { hasAlpha = true }
                j += 1
            } else {
                let (c, length) = text.scalar(at: j)
                let cls = UnicodeClass.hashtagClass(c)
                guard cls.alphanumeric else { break }
                if cls.alpha { hasAlpha = true }
                j += length
            }
        }
        guard hasAlpha else { return }
        hashtagConsumed = j // a match, whether or not the check below keeps it
        // endHashtagMatch: '#', '＃' or '://' right after.
        if j < n {
            let b = text[j]
            if b == 0x23 || (b == 0xEF && text.byte(j + 1) == 0xBC && text.byte(j + 2) == 0x83)
                || (b == 0x3A && text.byte(j + 1) == 0x2F && text.byte(j + 2) == 0x2F)
            {
                return
            }
        }
        hashtags.append(entity(bodyStart..<j, start: i, end: j))
    }

    // MARK: Cashtags

    /// `$TICKER` at `i`: at the start or after a space; 1–6 ASCII letters, optionally `.` or `_` and 1–2 letters;
    /// followed by the end, white space or punctuation (twitter-text's look-ahead, backtracking included:
    /// `$AB.CDE` yields `AB`).
    mutating func scanCashtag(at i: Int) {
        if let prev = text.scalar(before: i), !UnicodeClass.isSpace(prev) { return }
        let n = text.count
        let start = i + 1
        var j = start
        while j < n, isClass(text[j], ASCIIClass.letter) { j += 1 }
        let letters = j - start
        guard letters >= 1, letters <= 6 else { return }
        var end = j
        if j < n, text[j] == 0x2E || text[j] == 0x5F {
            var k = j + 1
            while k < n, isClass(text[k], ASCIIClass.letter) { k += 1 }
            let suffix = k - (j + 1)
            if suffix >= 1 && suffix <= 2 && endsCashtag(k) { end = k }
            // Otherwise the '.' or '_' (punctuation) ends the cashtag before it.
        } else if !endsCashtag(j) {
            return
        }
        cashtags.append(entity(start..<end, start: i, end: end))
    }

    /// The look-ahead `(?=$|\s|[punct])`.
    private func endsCashtag(_ e: Int) -> Bool {
        guard e < text.count else { return true }
        let b = text[e]
        if b < 0x80 { return classes[Int(b)] & (ASCIIClass.punct | ASCIIClass.space) != 0 }
        return UnicodeClass.isJavaScriptSpace(text.scalar(at: e).value)
    }
}
