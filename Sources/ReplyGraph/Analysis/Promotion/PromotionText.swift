/// Text normalisation shared by promotion detection and template mining.
///
///     PromotionText.foldStyledLetters("𝐒𝐮𝐛𝐬𝐜𝐫𝐢𝐛𝐞 now")   // "Subscribe now"
///     PromotionText.tokens(in: "Like/Retweet the first tweet: https://t.co/x").map(\.text)
///     // ["like", "retweet", "the", "first", "tweet", ":", "<url>"]
package enum PromotionText {
    /// Maps a Mathematical Alphanumeric Symbol (U+1D400–U+1D7FF: bold, italic, script, fraktur, double-struck,
    /// sans-serif and monospace letters and digits) to its ASCII letter or digit; other scalars are returned as
    /// they are. Greek styled letters are left alone.
    @inlinable package static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let v = scalar.value
        if v >= 0x1D400 && v <= 0x1D6A3 {
            let k = (v - 0x1D400) % 52
            return Unicode.Scalar(k < 26 ? 0x41 + k : 0x61 + k - 26)!
        }
        if v >= 0x1D7CE && v <= 0x1D7FF { return Unicode.Scalar(0x30 + (v - 0x1D7CE) % 10)! }
        return scalar
    }

    /// The text with styled letters and digits folded to ASCII (see ``fold(_:)``).
    ///
    /// - Complexity: O(n) in the number of scalars.
    package static func foldStyledLetters(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars { out.append(fold(s)) }
        return String(out)
    }

    /// One word of a tweet as the rule matcher sees it.
    package struct Token: Hashable, Sendable {
        /// Lower-cased ASCII word, an `@handle`, one of `: ( ) % $`, or `<url>` for a link.
        package var text: String
        /// Offset in Unicode scalars of the token's first character in the original text.
        package var start: Int
        /// Offset one past the token's last character.
        package var end: Int
    }

    /// Splits tweet text into matcher tokens.
    ///
    /// Words are runs of ASCII letters, digits, `_` and inner apostrophes (`’` counts as `'`), lower-cased; a
    /// leading `@` is kept (handles) and a leading `#` dropped (hashtags read as words); anything starting with
    /// `http` up to the next space is one `<url>` token; the characters `: ( ) % $` are tokens of their own;
    /// everything else (spaces, other punctuation, emoji, non-ASCII letters) separates tokens. With
    /// `foldStyled`, styled letters (𝐒𝐮𝐛) are read as ASCII first.
    ///
    /// - Complexity: O(n) in the number of scalars.
    package static func tokens(in text: String, foldStyled: Bool = false) -> [Token] {
        var scalars: [UInt32] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            var v = (foldStyled ? fold(s) : s).value
            if v >= 0x41 && v <= 0x5A { v |= 0x20 }
            if v == 0x2019 || v == 0x2018 { v = 0x27 }
            scalars.append(v)
        }
        var tokens: [Token] = []
        let n = scalars.count
        var i = 0
        @inline(__always) func isWordStart(_ v: UInt32) -> Bool { isAlnum(v) || v == 0x5F || v == 0x40 || v == 0x23 }
        @inline(__always) func isWordChar(_ v: UInt32) -> Bool { isAlnum(v) || v == 0x5F || v == 0x27 }
        while i < n {
            let c = scalars[i]
            if c == 0x68, i + 3 < n, scalars[i + 1] == 0x74, scalars[i + 2] == 0x74, scalars[i + 3] == 0x70 {
                var j = i
                while j < n && !isSpace(scalars[j]) { j += 1 }
                tokens.append(Token(text: "<url>", start: i, end: j))
                i = j
                continue
            }
            if isWordStart(c) {
                var j = i + 1
                while j < n && isWordChar(scalars[j]) { j += 1 }
                var end = j
                while end > i && scalars[end - 1] == 0x27 { end -= 1 }
                var start = i
                if scalars[start] == 0x23 { start += 1 }
                if start < end {
                    var word = String.UnicodeScalarView()
                    for k in start..<end { word.append(Unicode.Scalar(scalars[k])!) }
                    tokens.append(Token(text: String(word), start: i, end: end))
                }
                i = j
                continue
            }
            if c == 0x3A || c == 0x28 || c == 0x29 || c == 0x25 || c == 0x24 {
                tokens.append(Token(text: String(Unicode.Scalar(c)!), start: i, end: i + 1))
            }
            i += 1
        }
        return tokens
    }

    @inline(__always) static func isAlnum(_ v: UInt32) -> Bool {
        (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A)
    }

    @inline(__always) static func isSpace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 || v == 0x3000 || (v >= 0x2000 && v <= 0x200B)
    }
}
