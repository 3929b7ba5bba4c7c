/// What thread inference reads from one tweet's text, computed once per tweet (on all cores) before any link is
/// scored: the link model then compares two tweets' facts without reading either text again.
///
///     let facts = tweet.withUTF8Span { TweetFacts(utf8: $0, author: TweetFacts.handleBit(tweet.author.key)) }
///     facts.flags.contains(.startsLower)    // "and then…" continues a sentence
///
/// - Complexity: O(n) in the text's length.
struct TweetFacts: Sendable {
    /// Word hashes as a 128-bit set: words of three or more bytes with a letter, outside links and handles, one bit
    /// each.
    /// Two tweets written from one template ("Wordle 234 4/6 ⬛🟩…", a daily log) share most of their bits.
    var words: (UInt64, UInt64) = (0, 0)
    var flags: Flags = []
    /// Whom the leading @-run addresses (the author aside), and every other handle the text mentions, each handle
    /// one bit of 64 (by hash): enough to tell "the same people again" from "someone new".
    var addressees: UInt64 = 0
    var mentions: UInt64 = 0
    /// The dominant script of the letters.
    var script: Script = .none

    struct Flags: OptionSet, Sendable {
        let rawValue: UInt16
        /// The first word after the leading @-run starts with a lower-case ASCII letter.
        static let startsLower = Flags(rawValue: 1 << 0)
        /// The text (trailing links aside) ends without closing punctuation: mid-sentence, `:` or `…`.
        static let endsOpen = Flags(rawValue: 1 << 1)
        /// The leading @-run names the author.
        static let leadsSelf = Flags(rawValue: 1 << 2)
        /// The text has a link or a hashtag.
        static let hasLink = Flags(rawValue: 1 << 3)
    }

    enum Script: UInt8, Sendable {
        case none, latin, hangul, cjk, other
    }

    init() {}

    /// The bit of 64 that stands for a handle (its ``Handle/key``) in ``addressees`` and ``mentions``.
    static func handleBit(_ key: String) -> UInt64 {
        key.utf8.reduce(Self.handleSeed) { Self.handleStep($0, $1) } >> 58
    }

    /// - Parameter selfBit: the author's ``handleBit(_:)`` (the same for all their tweets: computed once each).
    init(utf8 s: Span<UInt8>, author selfBit: UInt64) {
        let n = s.count
        var i = 0
        while i < n, s[i] == 0x20 { i += 1 }
        // The leading @-run: whom the tweet addresses (the author aside), then the text after it.
        var leadsSelf = false
        while i < n, s[i] == 0x40 {
            var j = i + 1
            var hash = Self.handleSeed
            while j < n, Self.isHandleByte(s[j]) {
                hash = Self.handleStep(hash, s[j])
                j += 1
            }
            if j == i + 1 { break }
            let bit = hash >> 58
            if bit == selfBit { leadsSelf = true } else { addressees |= 1 << bit }
            i = j
            while i < n, s[i] == 0x20 { i += 1 }
        }
        if leadsSelf { flags.insert(.leadsSelf) }
        if i < n, s[i] &- 0x61 < 26 { flags.insert(.startsLower) }

        // Words are runs of word bytes; each run is hashed in one tight loop that breaks only at its end.
        // A span of the shared table: no copy of it and no reference counting (a local copy of a 256-byte
        // `InlineArray` was copied again for every lookup). With its count known, a byte always indexes inside it
        // and the lookups need no bounds checks.
        let classes = ByteClass.table.span
        precondition(classes.count == 256)
        var bits: (UInt64, UInt64) = (0, 0)
        var latin = 0
        var hangul = 0
        var cjk = 0
        var other = 0
        var end = n
        var k = i
        while k < n {
            var b = s[k]
            var c = classes[Int(b)]
            if c & ByteClass.word == 0 {
                k += 1
                if c & ByteClass.sigil != 0 { // @handle, #tag: not words of the text
                    var hash = Self.handleSeed
                    while k < n, Self.isHandleByte(s[k]) {
                        hash = Self.handleStep(hash, s[k])
                        k += 1
                    }
                    if b == 0x40 { mentions |= 1 << (hash >> 58) } else { flags.insert(.hasLink) }
                }
                continue
            }
            if b | 0x20 == 0x68, k + 4 < n, s[k + 1] == 0x74, s[k + 2] == 0x74, s[k + 3] == 0x70 {
                // "http…" starts a link: skip it
                flags.insert(.hasLink)
                let start = k
                while k < n, s[k] != 0x20 { k += 1 }
                if k == n { end = start } // a trailing link does not end the sentence
                continue
            }
            let first = k
            var hash: UInt64 = 0xcbf2_9ce4_8422_2325
            var seen: UInt8 = 0
            while true {
                if c & ByteClass.lead != 0 {
                    // Letters in other scripts are 2–3 bytes a letter; CJK and Hangul count once per lead byte.
                    if b >= 0xEA && b <= 0xED {
                        hangul += 1
                    } else if b >= 0xE3 && b <= 0xE9 {
                        cjk += 1
                    } else if b < 0xF0 {
                        other += 1
                    }
                }
                latin &+= Int(c & ByteClass.asciiLetter) >> 2
                seen |= c
                // ASCII letters folded to lower case (their class bit 2, shifted to 0x20).
                hash = (hash ^ UInt64(b | (c & ByteClass.asciiLetter) << 3)) &* 0x100_0000_01b3
                k += 1
                guard k < n else { break }
                b = s[k]
                c = classes[Int(b)]
                if c & ByteClass.word == 0 { break }
            }
            if k - first >= 3 && seen & ByteClass.letter != 0 { // three bytes or more, with a letter
                let bit = hash >> 57 // 0..<128
                if bit < 64 { bits.0 |= 1 << bit } else { bits.1 |= 1 << (bit - 64) }
            }
        }
        self.words = bits
        let top = Swift.max(latin / 3, hangul, cjk, other)
        if top == 0 {
            script = .none
        } else if top == hangul {
            script = .hangul
        } else if top == cjk {
            script = .cjk
        } else if top == latin / 3 {
            script = .latin
        } else {
            script = .other
        }

        while end > 0, s[end - 1] == 0x20 || s[end - 1] == 0x0A { end -= 1 }
        if end > 0 {
            let last = s[end - 1]
            let ellipsis = end >= 3 && s[end - 3] == 0xE2 && s[end - 2] == 0x80 && last == 0xA6
            if ellipsis || last == UInt8(ascii: ":") || last == UInt8(ascii: ",") || last == UInt8(ascii: ";")
                || last &- 0x30 < 10 || (last | 0x20) &- 0x61 < 26
            {
                flags.insert(.endsOpen)
            }
        }
    }

    static let handleSeed: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One FNV-1a step over a handle byte folded to lower case.
    @inline(__always) static func handleStep(_ hash: UInt64, _ byte: UInt8) -> UInt64 {
        (hash ^ UInt64(Handle.fold(byte))) &* 0x100_0000_01b3
    }

    /// The share of word bits two tweets have in common (Jaccard over the 128-bit sets), in [0, 1].
    func similarity(to other: TweetFacts) -> Double {
        let both = (words.0 & other.words.0).nonzeroBitCount + (words.1 & other.words.1).nonzeroBitCount
        let either = (words.0 | other.words.0).nonzeroBitCount + (words.1 | other.words.1).nonzeroBitCount
        return either == 0 ? 0 : Double(both) / Double(either)
    }

    @inline(__always) private static func isHandleByte(_ b: UInt8) -> Bool {
        b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26 || b == 0x5F
    }
}

/// What each byte is to ``TweetFacts``' word scan, one table lookup a byte. The table is built once and never
/// written after; the scan reads it through a `Span` of known count, so a lookup is one load: no copy of the
/// table, no bounds check, no reference counting.
enum ByteClass {
    /// Part of a word: an ASCII letter or digit, or any byte of a multi-byte scalar.
    static let word: UInt8 = 1 << 0
    /// Makes a word count: an ASCII letter, or any byte of a multi-byte scalar.
    static let letter: UInt8 = 1 << 1
    /// An ASCII letter (bit 2: shifted left by 3 it is the 0x20 that folds the letter to lower case).
    static let asciiLetter: UInt8 = 1 << 2
    /// `@` or `#`, which start a handle or a hashtag.
    static let sigil: UInt8 = 1 << 3
    /// The lead byte of a multi-byte scalar.
    static let lead: UInt8 = 1 << 4

    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for v in 0..<256 {
            let b = UInt8(v)
            if b >= 0x80 {
                table[v] = word | letter | (b >= 0xC0 ? lead : 0)
            } else if (b | 0x20) &- 0x61 < 26 {
                table[v] = word | letter | asciiLetter
            } else if b &- 0x30 < 10 {
                table[v] = word
            } else if b == 0x40 || b == 0x23 {
                table[v] = sigil
            } else {
                table[v] = 0
            }
        }
        return table
    }()
}
