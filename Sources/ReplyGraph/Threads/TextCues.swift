/// Wording that marks a tweet's role in a thread, found in text folded to lower-case ASCII (styled letters such as
/// `𝐅𝐨𝐥𝐥𝐨𝐰` fold to `follow`, curly quotes to straight ones).
///
///     TextCues("A thread 🧵👇").contains(.opener)                               // true
///     TextCues("I hope you've found this thread helpful").contains(.closer)   // true
///     TextCues("Source: [1] https://t.co/x").contains(.source)                // true
///
/// - Complexity: O(n) for n bytes of text: one pass folds the text into a scratch copy (eight ASCII bytes at a
///   time), one pass finds the phrases in it.
package struct TextCues: OptionSet, Hashable, Sendable {
    package let rawValue: UInt16
    package init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Announces a thread: "thread", 🧵, 👇, "(1/n)", "a thread".
    package static let opener = TextCues(rawValue: 1 << 0)
    /// Ends one: "found this thread helpful", "follow me", "like/retweet the first tweet", "subscribe".
    package static let closer = TextCues(rawValue: 1 << 1)
    /// Points back at a thread: "this thread", "the first tweet", "part 2", "in case you missed".
    package static let threadReference = TextCues(rawValue: 1 << 2)
    /// A source or citation note: "Source: …", "Sources:", "[1] https://…".
    package static let source = TextCues(rawValue: 1 << 3)
    /// Opens with a continuation word: "And …", "Also, …", "Update: …", "P.S. …".
    package static let continuationWord = TextCues(rawValue: 1 << 4)
    /// Announces a sequel: starts with "Part 2", or says "part 2 of", "part 2:".
    package static let sequel = TextCues(rawValue: 1 << 5)

    package init(_ text: String) {
        var text = text
        self = text.withUTF8(TextCues.init(utf8:))
    }

    /// The cues of valid UTF-8 text, such as a tweet's from `withUTF8Text`.
    ///
    ///     let cues = tweet.withUTF8Text(TextCues.init(utf8:))
    ///
    /// The text is folded into a scratch copy (on the stack for tweet-sized texts), which the phrases are then
    /// looked for in: the same cues as ``fold(_:)``'s copy gives, without decoding scalars.
    package init(utf8: UnsafeBufferPointer<UInt8>) {
        let padding = PhraseMatcher.padding
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count + padding) { scratch in
            let folded = scratch.baseAddress!
            let count = Self.fold(utf8, into: folded)
            (folded + count).initialize(repeating: 0, count: padding)
            let found = Self.matcher.match(folded: folded, count: count)
            return TextCues(rawValue: Self.scanStart(UnsafeBufferPointer(start: folded, count: count), found: found))
        }
    }

    /// Adds the cues that only count at the start of the text (after its leading @-run) to the phrases `found`.
    static func scanStart(_ s: UnsafeBufferPointer<UInt8>, found: UInt16) -> UInt16 {
        var cues = TextCues(rawValue: found)
        var i = 0
        while i < s.count, s[i] == UInt8(ascii: " ") { i += 1 }
        while i < s.count, s[i] == UInt8(ascii: "@") { // the leading mention run
            while i < s.count, s[i] != UInt8(ascii: " ") { i += 1 }
            while i < s.count, s[i] == UInt8(ascii: " ") { i += 1 }
        }
        guard i < s.count, startBytes.contains(lower(s[i])) else { return cues.rawValue }
        if startsWithAny(s, at: i, sourceStarts) { cues.insert(.source) }
        if startsWithAny(s, at: i, continuationStarts) { cues.insert(.continuationWord) }
        if startsWithAny(s, at: i, sequelStarts) { cues.insert(.sequel) }
        return cues.rawValue
    }

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
    ])

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

    /// ``fold(_:)`` of valid UTF-8 `text`, written to `out` (room for `text.count` bytes); returns the folded
    /// length. Runs of eight ASCII bytes are lower-cased at once; of the other bytes only the lead bytes of what
    /// ``asciiEquivalent(_:)`` maps are decoded.
    static func fold(_ text: UnsafeBufferPointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> Int {
        guard let p = text.baseAddress else { return 0 }
        let n = text.count
        var i = 0
        var o = 0
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
                if w & 0x8080_8080_8080_8080 == 0 {
                    // Per byte, bit 7 of w + 0x3F is set from "A" up, and of w + 0x25 from "[" up: no carries, as
                    // every byte is below 0x80.
                    let upper = (w &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(w &+ 0x2525_2525_2525_2525) & 0x8080_8080_8080_8080
                    UnsafeMutableRawPointer(out + o).storeBytes(of: w | upper >> 2, as: UInt64.self)
                    i += 8
                    o += 8
                    continue
                }
            }
            let b = p[i]
            if b < 0x80 {
                out[o] = lower(b)
            } else if b >= 0xCA, let (ascii, length) = foldedSequence(p, at: i, count: n) {
                out[o] = ascii
                i += length - 1
            } else {
                out[o] = b
            }
            i += 1
            o += 1
        }
        return o
    }

    /// The ASCII byte that the scalar starting at `p[i]` folds to, and its length in bytes; `nil` for one kept as
    /// it is.
    @inline(__always)
    private static func foldedSequence(_ p: UnsafePointer<UInt8>, at i: Int, count n: Int) -> (UInt8, Int)? {
        let b = p[i]
        switch b {
        case 0xF0: // U+1D400–U+1D7FF: F0 9D xx xx
            guard i + 3 < n, p[i + 1] == 0x9D else { return nil }
            let v =
                UInt32(b & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12 | UInt32(p[i + 2] & 0x3F) << 6
                | UInt32(p[i + 3] & 0x3F)
            return asciiEquivalent(v).map { ($0, 4) }
        case 0xE2, 0xEF: // U+2018–U+201D, U+210E; U+FF01–U+FF5E
            guard i + 2 < n else { return nil }
            let c = p[i + 1]
            guard b == 0xE2 ? c == 0x80 || c == 0x84 : c == 0xBC || c == 0xBD else { return nil }
            let v = UInt32(b & 0x0F) << 12 | UInt32(c & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F)
            return asciiEquivalent(v).map { ($0, 3) }
        case 0xCA: // U+02BC
            return i + 1 < n && p[i + 1] == 0xBC ? (UInt8(ascii: "'"), 2) : nil
        default:
            return nil
        }
    }

    static func asciiEquivalent(_ v: UInt32) -> UInt8? {
        switch v {
        case 0x1D400...0x1D6A3: // 13 styled Latin alphabets, 52 letters each
            let letter = (v - 0x1D400) % 52
            return UInt8(ascii: "a") + UInt8(letter % 26)
        case 0x1D7CE...0x1D7FF: // styled digits, 5 sets of 10
            return UInt8(ascii: "0") + UInt8((v - 0x1D7CE) % 10)
        case 0xFF01...0xFF5E: // full-width ASCII
            let b = UInt8(v - 0xFEE0)
            return b >= 0x41 && b <= 0x5A ? b | 0x20 : b
        case 0x2018, 0x2019, 0x02BC: return UInt8(ascii: "'")
        case 0x201C, 0x201D: return UInt8(ascii: "\"")
        case 0x210E: return UInt8(ascii: "h") // the styled alphabets' one hole in common use
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

/// Finds which of many byte phrases occur in a folded text, in one pass.
///
/// Phrases are three bytes or longer. At each position the text's next three bytes, hashed to 12 bits, index a
/// 4 KiB table of buckets (one byte each, so it stays in the L1 cache): about two positions in a hundred land in a
/// bucket that holds phrases, and only their phrases are compared. The tables live in one immutable object read
/// through raw pointers (no bounds checks or reference counting in the scan); they are written once, in `init`, and
/// never after.
final class PhraseMatcher: @unchecked Sendable {
    /// Bytes past a text's end that ``match(folded:count:)`` may read (a three-byte window loaded as four).
    static let padding = 8

    private let bytes: UnsafeMutablePointer<UInt8>
    /// Per phrase: start and end in `bytes`.
    private let bounds: UnsafeMutablePointer<Int32>
    private let tags: UnsafeMutablePointer<UInt16>
    /// ``tripleHash(_:)`` of a position's three bytes → bucket (0 for none); bucket b lists the phrases
    /// `bucketPhrases[bucketOffsets[b - 1]..<bucketOffsets[b]]`, those whose first three bytes hash to it.
    private let bucketOf: UnsafeMutablePointer<UInt8>
    private let bucketOffsets: UnsafeMutablePointer<Int32>
    private let bucketPhrases: UnsafeMutablePointer<Int32>

    private static let hashBits = 12

    /// - Parameter groups: phrases (lower case, three bytes or more) and the tag each group adds when one of its
    ///   phrases occurs.
    init(_ groups: [([[UInt8]], UInt16)]) {
        let list = groups.flatMap { group in group.0.map { ($0, group.1) } }
        precondition(list.allSatisfy { $0.0.count >= 3 }, "phrases are three bytes or longer")
        let total = list.reduce(0) { $0 + $1.0.count }
        bytes = .allocate(capacity: max(total, 1))
        bounds = .allocate(capacity: 2 * max(list.count, 1))
        tags = .allocate(capacity: max(list.count, 1))
        var byHash: [Int: [Int32]] = [:]
        var hashOrder: [Int] = []
        var offset = 0
        for (p, (phrase, tag)) in list.enumerated() {
            (bytes + offset).initialize(from: phrase, count: phrase.count)
            bounds[2 * p] = Int32(offset)
            bounds[2 * p + 1] = Int32(offset + phrase.count)
            tags[p] = tag
            offset += phrase.count
            let h = Self.tripleHash(UInt32(phrase[0]) | UInt32(phrase[1]) << 8 | UInt32(phrase[2]) << 16)
            if byHash[h] == nil { hashOrder.append(h) }
            byHash[h, default: []].append(Int32(p))
        }
        precondition(hashOrder.count < 256, "too many distinct phrase prefixes for one-byte buckets")
        bucketOf = .allocate(capacity: 1 << Self.hashBits)
        bucketOf.initialize(repeating: 0, count: 1 << Self.hashBits)
        bucketOffsets = .allocate(capacity: hashOrder.count + 1)
        bucketPhrases = .allocate(capacity: max(list.count, 1))
        bucketOffsets[0] = 0
        var k = 0
        for (b, h) in hashOrder.enumerated() {
            bucketOf[h] = UInt8(b + 1)
            for p in byHash[h]! {
                bucketPhrases[k] = p
                k += 1
            }
            bucketOffsets[b + 1] = Int32(k)
        }
    }

    deinit {
        for pointer in [
            UnsafeMutableRawPointer(bytes), UnsafeMutableRawPointer(bounds), UnsafeMutableRawPointer(tags),
            UnsafeMutableRawPointer(bucketOf), UnsafeMutableRawPointer(bucketOffsets),
            UnsafeMutableRawPointer(bucketPhrases),
        ] {
            pointer.deallocate()
        }
    }

    /// ``hashBits`` bits of the three bytes in the low 24 bits of `window` (multiplicative hashing).
    @inline(__always) private static func tripleHash(_ window: UInt32) -> Int {
        Int(((window & 0xFF_FFFF) &* 0x9E37_79B1) >> (32 - hashBits))
    }

    /// The union of the tags of all phrases found in the `count` bytes at `text`, which are folded (see
    /// ``TextCues/fold(_:into:)``) and followed by ``padding`` readable bytes. Links carry no cues: from an "http"
    /// after the first byte, the scan skips to the next space.
    func match(folded text: UnsafePointer<UInt8>, count n: Int) -> UInt16 {
        var found: UInt16 = 0
        var i = 0
        while i + 1 < n {
            let bucket = Int(bucketOf[Self.tripleHash(UnsafeRawPointer(text + i).loadUnaligned(as: UInt32.self))])
            if bucket != 0 {
                for k in Int(bucketOffsets[bucket - 1])..<Int(bucketOffsets[bucket]) {
                    let p = Int(bucketPhrases[k])
                    guard found & tags[p] == 0 else { continue }
                    let start = Int(bounds[2 * p])
                    let length = Int(bounds[2 * p + 1]) - start
                    guard i + length <= n else { continue }
                    var j = 0
                    while j < length, text[i + j] == bytes[start + j] { j += 1 }
                    if j == length { found |= tags[p] }
                }
            }
            i += 1
            if text[i] == 0x68, i + 4 < n, text[i + 1] == 0x74, text[i + 2] == 0x74, text[i + 3] == 0x70 {
                while i < n, text[i] != 0x20 { i += 1 }
            }
        }
        return found
    }
}
