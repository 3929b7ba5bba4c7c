/// Wording that marks a tweet's role in a thread, found in text folded to lower-case ASCII (styled letters such as
/// `𝐅𝐨𝐥𝐥𝐨𝐰` fold to `follow`, curly quotes to straight ones).
///
///     TextCues("A thread 🧵👇").contains(.opener)                               // true
///     TextCues("I hope you've found this thread helpful").contains(.closer)   // true
///     TextCues("Source: [1] https://t.co/x").contains(.source)                // true
///
/// - Complexity: O(n) for n bytes of text: one pass against a two-byte-prefix table of the phrases, in place for
///   plain text (a folded copy only when styled letters or curly quotes occur).
public struct TextCues: OptionSet, Hashable, Sendable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Announces a thread: "thread", 🧵, 👇, "(1/n)", "a thread".
    public static let opener = TextCues(rawValue: 1 << 0)
    /// Ends one: "found this thread helpful", "follow me", "like/retweet the first tweet", "subscribe".
    public static let closer = TextCues(rawValue: 1 << 1)
    /// Points back at a thread: "this thread", "the first tweet", "part 2", "in case you missed".
    public static let threadReference = TextCues(rawValue: 1 << 2)
    /// A source or citation note: "Source: …", "Sources:", "[1] https://…".
    public static let source = TextCues(rawValue: 1 << 3)
    /// Opens with a continuation word: "And …", "Also, …", "Update: …", "P.S. …".
    public static let continuationWord = TextCues(rawValue: 1 << 4)
    /// Announces a sequel: starts with "Part 2", or says "part 2 of", "part 2:".
    public static let sequel = TextCues(rawValue: 1 << 5)

    public init(_ text: String) {
        var text = text
        self = text.withUTF8(TextCues.init(utf8:))
    }

    /// The cues of valid UTF-8 text, such as a tweet's from `withUTF8Text`.
    ///
    ///     let cues = tweet.withUTF8Text(TextCues.init(utf8:))
    ///
    /// Styled letters, curly quotes and full-width forms need a folded copy; plain text (the common case) is
    /// scanned in place, lower-casing ASCII on the fly.
    public init(utf8: UnsafeBufferPointer<UInt8>) {
        // One pass finds the phrases and, on the way, any byte pair that ``fold(_:)`` maps: then the phrases are
        // looked for again in a folded copy.
        if let found = Self.matcher.match(utf8, stoppingAtFoldable: true) {
            self = TextCues(rawValue: Self.scanStart(utf8, found: found))
            return
        }
        self = TextCues(rawValue: Self.fold(String(decoding: utf8, as: UTF8.self)).withUnsafeBufferPointer { folded in
            Self.scanStart(folded, found: Self.matcher.match(folded, stoppingAtFoldable: false) ?? 0)
        })
    }

    /// Adds the cues that only count at the start of the text (after its leading @-run) to the phrases `found`.
    static func scanStart(_ s: UnsafeBufferPointer<UInt8>, found: UInt16) -> UInt16 {
        var cues = TextCues(rawValue: found)
        var i = 0
        while i < s.count, s[i] == UInt8(ascii: " ") { i += 1 }
        while i < s.count, s[i] == UInt8(ascii: "@") {  // the leading mention run
            while i < s.count, s[i] != UInt8(ascii: " ") { i += 1 }
            while i < s.count, s[i] == UInt8(ascii: " ") { i += 1 }
        }
        guard i < s.count, startBytes.contains(lower(s[i])) else { return cues.rawValue }
        if startsWithAny(s, at: i, sourceStarts) { cues.insert(.source) }
        if startsWithAny(s, at: i, continuationStarts) { cues.insert(.continuationWord) }
        if startsWithAny(s, at: i, sequelStarts) { cues.insert(.sequel) }
        return cues.rawValue
    }

    /// The byte pairs that ``fold(_:)`` maps (a lead byte and the next): U+02BC, U+2018–U+201D, U+210E, full-width
    /// forms and the mathematical alphanumerics.
    static let foldablePairs: [(UInt8, UInt8)] = [
        (0xF0, 0x9D), (0xE2, 0x80), (0xE2, 0x84), (0xEF, 0xBC), (0xEF, 0xBD), (0xCA, 0xBC),
    ]

    /// The first bytes of every start phrase: most texts start with none of them.
    private static let startBytes = ByteSet((sourceStarts + continuationStarts + sequelStarts).map { $0[0] })

    private static func startsWithAny(_ s: UnsafeBufferPointer<UInt8>, at start: Int, _ prefixes: [[UInt8]]) -> Bool {
        prefixes.contains { prefix in
            guard start + prefix.count <= s.count else { return false }
            for (k, b) in prefix.enumerated() where lower(s[start + k]) != b { return false }
            return true
        }
    }

    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// All "contains" phrases, each tagged with the cue it signals, in one first-byte-indexed table.
    static let matcher = PhraseMatcher([
        (openerPhrases, TextCues.opener.rawValue), (closerPhrases, TextCues.closer.rawValue),
        (referencePhrases, TextCues.threadReference.rawValue), (sequelPhrases, TextCues.sequel.rawValue),
        (sourcePhrases, TextCues.source.rawValue),
    ], stopPairs: foldablePairs)

    static let sourcePhrases: [[UInt8]] = ["[1] http", "[1]: http", "sources:"].map { Array($0.utf8) }
    static let openerPhrases: [[UInt8]] = [
        "thread", "\u{1F9F5}", "\u{1F447}", "(1/n)", " 1/n", "a thread", "\u{2B07}", "read on",
    ].map { Array($0.utf8) }
    static let closerPhrases: [[UInt8]] = [
        "found this thread", "this thread helpful", "this thread useful", "enjoyed this thread",
        "if you found this", "if you enjoy", "if you like this thread", "follow me", "retweet the first",
        "like the first tweet", "rt the first", "like/retweet", "like/rt", "share this thread", "end of thread",
        "/end", "that's a wrap", "subscribe", "thanks for reading",
    ].map { Array($0.utf8) }
    static let referencePhrases: [[UInt8]] = [
        "this thread", "the thread above", "my thread", "my last thread", "the first tweet", "enjoy this thread",
        "enjoyed this thread", "in case you missed", "icymi", "yesterday's thread",
        "earlier thread",
    ].map { Array($0.utf8) }
    static let sequelStarts: [[UInt8]] = ["part 2", "part two", "part ii", "part 3", "part three"]
        .map { Array($0.utf8) }
    static let sequelPhrases: [[UInt8]] = [
        "part 2 of", "part 2:", "(part 2)", "part two of", "part 3 of", "part 3:", "(part 3)",
    ].map { Array($0.utf8) }
    static let sourceStarts: [[UInt8]] = [
        "source:", "sources:", "souce:", "source -", "source http", "credit:", "credits:", "ref:", "references:",
        "link:", "links:", "[1]",
    ].map { Array($0.utf8) }
    static let continuationStarts: [[UInt8]] = [
        "and ", "also ", "also,", "plus ", "update:", "update -", "updated:", "p.s.", "ps:", "ps ", "edit:",
        "correction:", "one more thing",
    ].map { Array($0.utf8) }

    /// Lower-case ASCII bytes: letters folded, mathematical alphanumerics (U+1D400–U+1D7FF) and full-width forms
    /// mapped to ASCII, curly quotes straightened; other scalars kept as UTF-8.
    static func fold(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                let b = UInt8(v)
                out.append(b >= 0x41 && b <= 0x5A ? b | 0x20 : b)
            } else if let ascii = asciiEquivalent(v) {
                out.append(ascii)
            } else {
                UTF8.encode(scalar) { out.append($0) }
            }
        }
        return out
    }

    static func asciiEquivalent(_ v: UInt32) -> UInt8? {
        switch v {
        case 0x1D400...0x1D6A3:  // 13 styled Latin alphabets, 52 letters each
            let letter = (v - 0x1D400) % 52
            return UInt8(ascii: "a") + UInt8(letter % 26)
        case 0x1D7CE...0x1D7FF:  // styled digits, 5 sets of 10
            return UInt8(ascii: "0") + UInt8((v - 0x1D7CE) % 10)
        case 0xFF01...0xFF5E:  // full-width ASCII
            let b = UInt8(v - 0xFEE0)
            return b >= 0x41 && b <= 0x5A ? b | 0x20 : b
        case 0x2018, 0x2019, 0x02BC: return UInt8(ascii: "'")
        case 0x201C, 0x201D: return UInt8(ascii: "\"")
        case 0x210E: return UInt8(ascii: "h")  // the styled alphabets' one hole in common use
        default: return nil
        }
    }


}

/// A set of bytes as 256 bits.
struct ByteSet: Sendable {
    private var bits: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    init(_ bytes: [UInt8]) {
        for b in bytes {
            let bit = UInt64(1) << (b & 63)
            switch b >> 6 {
            case 0: bits.0 |= bit
            case 1: bits.1 |= bit
            case 2: bits.2 |= bit
            default: bits.3 |= bit
            }
        }
    }

    @inline(__always) func contains(_ b: UInt8) -> Bool {
        let word: UInt64
        switch b >> 6 {
        case 0: word = bits.0
        case 1: word = bits.1
        case 2: word = bits.2
        default: word = bits.3
        }
        return word & (1 << (b & 63)) != 0
    }
}

/// Finds which of many byte phrases occur in a text, in one pass: a 64 KiB table maps every two-byte prefix to the
/// few phrases that start with it (most positions hit an empty slot and cost one load), and only those phrases are
/// compared. Tables live in one immutable allocation read through raw pointers (no bounds checks or reference
/// counting in the scan).
final class PhraseMatcher: @unchecked Sendable {
    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per phrase: start and end in `bytes`.
    private let bounds: UnsafeMutablePointer<Int32>
    private let tags: UnsafeMutablePointer<UInt16>
    /// `b0 << 8 | b1` → slot (0 for none); slot s lists phrases `slotPhrases[slotOffsets[s - 1]..<slotOffsets[s]]`.
    private let pairSlot: UnsafeMutablePointer<UInt8>
    private let slotOffsets: UnsafeMutablePointer<Int32>
    private let slotPhrases: UnsafeMutablePointer<Int32>
    private let slotCount: Int
    /// The same prefixes as an 8 KiB bit set, which stays in the L1 cache: the slot table is read only on a hit.
    private let pairBits: UnsafeMutablePointer<UInt64>
    /// One-byte phrases, by byte (tag 0 for none), and whether there are any.
    private let singleTags: UnsafeMutablePointer<UInt16>
    private let hasSingles: Bool
    /// Byte pairs that stop a match (``match(_:stoppingAtFoldable:)``), as a bit set like `pairBits`; their bits are
    /// in `pairBits` too, so the scan tests one set for both.
    private let stopBits: UnsafeMutablePointer<UInt64>

    /// - Parameters:
    ///   - groups: phrases (lower case) and the tag each group adds when one of its phrases occurs.
    ///   - stopPairs: byte pairs of bytes 0x80 and above whose presence anywhere makes ``match(_:stoppingAtFoldable:)``
    ///     give up (the caller then matches a transformed copy).
    init(_ groups: [([[UInt8]], UInt16)], stopPairs: [(UInt8, UInt8)] = []) {
        precondition(stopPairs.allSatisfy { $0.0 >= 0x80 && $0.1 >= 0x80 }, "stop pairs are of bytes no letter folds to")
        let list = groups.flatMap { group in group.0.filter { !$0.isEmpty }.map { ($0, group.1) } }
        let total = list.reduce(0) { $0 + $1.0.count }
        bytes = .allocate(capacity: max(total, 1))
        bounds = .allocate(capacity: 2 * max(list.count, 1))
        tags = .allocate(capacity: max(list.count, 1))
        singleTags = .allocate(capacity: 256)
        singleTags.initialize(repeating: 0, count: 256)
        var byPair: [Int: [Int32]] = [:]
        var pairOrder: [Int] = []
        var offset = 0
        for (p, (phrase, tag)) in list.enumerated() {
            (bytes + offset).initialize(from: phrase, count: phrase.count)
            bounds[2 * p] = Int32(offset)
            bounds[2 * p + 1] = Int32(offset + phrase.count)
            tags[p] = tag
            offset += phrase.count
            if phrase.count == 1 {
                singleTags[Int(phrase[0])] |= tag
            } else {
                let key = Int(phrase[0]) << 8 | Int(phrase[1])
                if byPair[key] == nil { pairOrder.append(key) }
                byPair[key, default: []].append(Int32(p))
            }
        }
        precondition(pairOrder.count < 256, "too many distinct phrase prefixes for one-byte slots")
        slotCount = pairOrder.count
        hasSingles = list.contains { $0.0.count == 1 }
        pairBits = .allocate(capacity: 1024)
        pairBits.initialize(repeating: 0, count: 1024)
        for key in pairOrder { pairBits[key >> 6] |= 1 << UInt64(key & 63) }
        stopBits = .allocate(capacity: 1024)
        stopBits.initialize(repeating: 0, count: 1024)
        for (a, b) in stopPairs {
            let key = Int(a) << 8 | Int(b)
            stopBits[key >> 6] |= 1 << UInt64(key & 63)
            pairBits[key >> 6] |= 1 << UInt64(key & 63)
        }
        pairSlot = .allocate(capacity: 65_536)
        pairSlot.initialize(repeating: 0, count: 65_536)
        slotOffsets = .allocate(capacity: slotCount + 1)
        slotPhrases = .allocate(capacity: max(list.count, 1))
        slotOffsets[0] = 0
        var k = 0
        for (s, key) in pairOrder.enumerated() {
            pairSlot[key] = UInt8(s + 1)
            for p in byPair[key]! { slotPhrases[k] = p; k += 1 }
            slotOffsets[s + 1] = Int32(k)
        }
    }

    deinit {
        for pointer in [UnsafeMutableRawPointer(bytes), UnsafeMutableRawPointer(bounds), UnsafeMutableRawPointer(tags),
                        UnsafeMutableRawPointer(pairSlot), UnsafeMutableRawPointer(slotOffsets),
                        UnsafeMutableRawPointer(slotPhrases), UnsafeMutableRawPointer(singleTags),
                        UnsafeMutableRawPointer(pairBits), UnsafeMutableRawPointer(stopBits)] {
            pointer.deallocate()
        }
    }

    /// The union of the tags of all phrases found in `hay`, ASCII letters compared case-insensitively (phrases are
    /// lower-case); `nil` when `stoppingAtFoldable` and a stop pair occurs anywhere in `hay`, links included.
    func match(_ hay: UnsafeBufferPointer<UInt8>, stoppingAtFoldable: Bool) -> UInt16? {
        guard let base = hay.baseAddress, hay.count > 0 else { return 0 }
        let n = hay.count
        var found: UInt16 = singleTags[Int(TextCues.lower(base[n - 1]))]
        var b0 = Int(TextCues.lower(base[0]))
        var i = 0
        while i + 1 < n {
            let b1 = Int(TextCues.lower(base[i + 1]))
            if hasSingles { found |= singleTags[b0] }
            let key = b0 << 8 | b1
            if pairBits[key >> 6] & (1 << UInt64(key & 63)) != 0 {
                if stoppingAtFoldable && stopBits[key >> 6] & (1 << UInt64(key & 63)) != 0 { return nil }
                let slot = Int(pairSlot[key])   // 0 for a stop pair that starts no phrase
                for k in slot == 0 ? 0..<0 : Int(slotOffsets[slot - 1])..<Int(slotOffsets[slot]) {
                    let p = Int(slotPhrases[k])
                    guard found & tags[p] == 0 else { continue }
                    let start = Int(bounds[2 * p]), length = Int(bounds[2 * p + 1]) - start
                    guard i + length <= n else { continue }
                    var j = 2
                    while j < length, TextCues.lower(base[i + j]) == bytes[start + j] { j += 1 }
                    if j == length { found |= tags[p] }
                }
            }
            b0 = b1
            i += 1
            // Links carry no cues: skip "http…" to the next space.
            if b0 == 0x68, i + 4 < n, base[i + 1] == 0x74, base[i + 2] == 0x74, base[i + 3] == 0x70 {
                while i < n, base[i] != 0x20 {
                    if stoppingAtFoldable, base[i] >= 0xC0, i + 1 < n {
                        let key = Int(base[i]) << 8 | Int(base[i + 1])
                        if stopBits[key >> 6] & (1 << UInt64(key & 63)) != 0 { return nil }
                    }
                    i += 1
                }
                if i < n { b0 = 0x20 }
            }
        }
        return found
    }
}
