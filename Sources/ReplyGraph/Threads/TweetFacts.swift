/// What thread inference reads from one tweet's text, computed once per tweet (on all cores) before any link is
/// scored: the link model then compares two tweets' facts without reading either text again.
///
///     let facts = tweet.withUTF8Text { TweetFacts(utf8: $0, author: tweet.author) }
///     facts.flags.contains(.startsLower)    // "and then…" continues a sentence
///
/// - Complexity: O(n) in the text's length.
struct TweetFacts: Sendable {
    /// Word hashes as a 128-bit set: words of three or more letters, outside links and handles, one bit each.
    /// Two tweets written from one template ("Wordle 234 4/6 ⬛🟩…", a daily log) share most of their bits.
    var words: (UInt64, UInt64) = (0, 0)
    var flags: Flags = []
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

    init(utf8 s: UnsafeBufferPointer<UInt8>, author: Handle) {
        let n = s.count
        var i = 0
        while i < n, s[i] == 0x20 { i += 1 }
        // The leading @-run: note whether it names the author, then step over it.
        var leadsSelf = false
        let key = Array(author.key.utf8)
        while i < n, s[i] == 0x40 {
            var j = i + 1
            while j < n, Self.isHandleByte(s[j]) { j += 1 }
            if j - i - 1 == key.count {
                var same = true
                for k in 0..<key.count where Handle.fold(s[i + 1 + k]) != key[k] { same = false; break }
                if same { leadsSelf = true }
            }
            if j == i + 1 { break }
            i = j
            while i < n, s[i] == 0x20 { i += 1 }
        }
        if leadsSelf { flags.insert(.leadsSelf) }
        if i < n, s[i] &- 0x61 < 26 { flags.insert(.startsLower) }

        var latin = 0, hangul = 0, cjk = 0, other = 0
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var wordLength = 0
        var wordHasLetter = false
        var end = n
        func finishWord(_ words: inout (UInt64, UInt64)) {
            if wordLength >= 3 && wordHasLetter {
                let bit = hash >> 57   // 0..<128
                if bit < 64 { words.0 |= 1 << bit } else { words.1 |= 1 << (bit - 64) }
            }
            hash = 0xcbf2_9ce4_8422_2325
            wordLength = 0
            wordHasLetter = false
        }
        var k = i
        while k < n {
            let b = s[k]
            if b == 0x68, k + 4 < n, s[k + 1] == 0x74, s[k + 2] == 0x74, s[k + 3] == 0x70 {   // "http…": a link
                finishWord(&words)
                flags.insert(.hasLink)
                let start = k
                while k < n, s[k] != 0x20 { k += 1 }
                if k == n { end = start }   // a trailing link does not end the sentence
                continue
            }
            if b == 0x40 || b == 0x23 {   // @handle, #tag: not words of the text
                finishWord(&words)
                if b == 0x23 { flags.insert(.hasLink) }
                k += 1
                while k < n, Self.isHandleByte(s[k]) { k += 1 }
                continue
            }
            let isAlnum = b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26
            if isAlnum || b >= 0x80 {
                if (b | 0x20) &- 0x61 < 26 { latin += 1; wordHasLetter = true }
                if b >= 0xC0 {
                    wordHasLetter = true
                    if b >= 0xEA && b <= 0xED { hangul += 1 } else if b >= 0xE3 && b <= 0xE9 { cjk += 1 } else if b < 0xF0 { other += 1 }
                }
                hash = (hash ^ UInt64(b < 0x80 ? Handle.fold(b) : b)) &* 0x100_0000_01b3
                wordLength += 1
            } else {
                finishWord(&words)
            }
            k += 1
        }
        finishWord(&words)
        // Letters in other scripts are 2–3 bytes a letter; CJK and Hangul count once per lead byte.
        let top = Swift.max(latin / 3, hangul, cjk, other)
        if top == 0 { script = .none } else if top == hangul { script = .hangul } else if top == cjk { script = .cjk }
        else if top == latin / 3 { script = .latin } else { script = .other }

        while end > 0, s[end - 1] == 0x20 || s[end - 1] == 0x0A { end -= 1 }
        if end > 0 {
            let last = s[end - 1]
            let ellipsis = end >= 3 && s[end - 3] == 0xE2 && s[end - 2] == 0x80 && last == 0xA6
            if ellipsis || last == UInt8(ascii: ":") || last == UInt8(ascii: ",") || last == UInt8(ascii: ";")
                || last &- 0x30 < 10 || (last | 0x20) &- 0x61 < 26 {
                flags.insert(.endsOpen)
            }
        }
    }

    /// The share of word bits two tweets have in common (Jaccard over the 128-bit sets), in [0, 1].
    func similarity(to other: TweetFacts) -> Double {
        let both = (words.0 & other.words.0).nonzeroBitCount + (words.1 & other.words.1).nonzeroBitCount
        let either = (words.0 | other.words.0).nonzeroBitCount + (words.1 | other.words.1).nonzeroBitCount
        return either == 0 ? 0 : Double(both) / Double(either)
    }

    private static func isHandleByte(_ b: UInt8) -> Bool {
        b &- 0x30 < 10 || (b | 0x20) &- 0x61 < 26 || b == 0x5F
    }
}
