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
        self = text.withUTF8 { TextCues(utf8: $0.span) }
    }

    /// Adds the cues that only count at the start of the text (after its leading @-run) to the phrases `found`.
    static func scanStart(_ s: Span<UInt8>, found: UInt16) -> UInt16 {
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

    private static func startsWithAny(_ s: Span<UInt8>, at start: Int, _ prefixes: [[UInt8]]) -> Bool {
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
