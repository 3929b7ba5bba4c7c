import TweetArchive

/// Which ``PromotionPattern``s could match a text, told from one pass over its UTF-8 bytes, before the text is cut
/// into tokens.
///
/// A pattern matches only where each of its elements matches a token. Take an element whose alternatives are all
/// plain words or prefixes (`newsletter`, `subscrib*`, `<url>`): a token equal to one of them, or starting with
/// it, is a run of ASCII letters in the text, lower-cased (`<url>` is a run starting `http`). So when none of an
/// element's words occurs in the text, compared ASCII case-insensitively, the pattern cannot match, and the
/// detector skips it; when no rule of any category can match, the tweet is not promotional and is never
/// tokenized. Most tweets are decided that way. The answer is the same as matching every pattern: the filter only
/// rules out patterns that would not have matched.
///
///     let filter = PromotionPrefilter(patterns: [try PromotionPattern(pattern: "subscrib* ..6 newsletter")])
///     filter.scan(Array("Subscribe to our weekly Newsletter".utf8)).mayMatch(0)   // true
///     filter.scan(Array("Nice weather today".utf8)).mayMatch(0)                   // false
///
/// Elements with a wildcard (`?`, `@*`), an apostrophe (the tokenizer reads `’` as `'`), `<` or `>` (other than
/// `<url>`), non-ASCII text or nothing to look for give no such word; a pattern with no usable element may match
/// any text. The filter assumes the tokenizer's default of styled letters left as they are (`foldStyled: false`).
///
/// - Complexity: O(n · b) per text of n bytes, for b words starting with the same two bytes (rarely more than one).
struct PromotionPrefilter: Sendable {
    // Flat arrays, so that the per-byte scan touches no reference counts.
    /// The words looked for, lower-case ASCII, one after another: word `k` is
    /// `bytes[wordStart[k]..<wordStart[k + 1]]`.
    private let bytes: [UInt8]
    private let wordStart: [Int32]
    /// Words of two bytes or more grouped by their first two: those starting with bytes `a b` are
    /// `byPair[pairStart[a << 8 | b]..<pairStart[a << 8 | b + 1]]`.
    private let byPair: [Int32]
    private let pairStart: [Int32]
    /// The one-byte word of each byte (`:`, `(`, `%`), or -1.
    private let single: [Int32]
    /// Per pattern, its usable elements: pattern `p`'s are `elementStart[patternStart[p]..<patternStart[p + 1]]`,
    /// and element `e` needs one of the words `elementWords[elementStart[e]..<elementStart[e + 1]]`.
    private let patternStart: [Int32]
    private let elementStart: [Int32]
    private let elementWords: [Int32]

    /// The words found in one text.
    struct Found {
        fileprivate var bits: [UInt64]
        fileprivate let filter: PromotionPrefilter

        /// Whether pattern `k` (its index in the `patterns` the filter was made from) may match the text: each of
        /// its usable elements has one of its words in the text.
        func mayMatch(_ k: Int) -> Bool {
            for e in Int(filter.patternStart[k])..<Int(filter.patternStart[k + 1]) {
                var any = false
                for w in Int(filter.elementStart[e])..<Int(filter.elementStart[e + 1]) {
                    let word = Int(filter.elementWords[w])
                    if bits[word >> 6] & (1 << UInt64(word & 63)) != 0 {
                        any = true
                        break
                    }
                }
                if !any { return false }
            }
            return true
        }
    }

    init(patterns: [PromotionPattern]) {
        var index: [[UInt8]: Int32] = [:]
        var words: [[UInt8]] = []
        var patternStart: [Int32] = [0]
        var elementStart: [Int32] = [0]
        var elementWords: [Int32] = []
        for pattern in patterns {
            for element in Self.requiredWords(pattern) {
                for word in element {
                    if let k = index[word] {
                        elementWords.append(k)
                        continue
                    }
                    index[word] = Int32(words.count)
                    elementWords.append(Int32(words.count))
                    words.append(word)
                }
                elementStart.append(Int32(elementWords.count))
            }
            patternStart.append(Int32(elementStart.count - 1))
        }
        var bytes: [UInt8] = []
        var wordStart: [Int32] = [0]
        for word in words {
            bytes += word
            wordStart.append(Int32(bytes.count))
        }
        var single = [Int32](repeating: -1, count: 256)
        var pairs: [(pair: Int, word: Int32)] = []
        for (k, word) in words.enumerated() {
            if word.count == 1 {
                single[Int(word[0])] = Int32(k)
            } else {
                pairs.append((Int(word[0]) << 8 | Int(word[1]), Int32(k)))
            }
        }
        pairs.sort { ($0.pair, $0.word) < ($1.pair, $1.word) }
        var pairStart = [Int32](repeating: 0, count: 65_537)
        for entry in pairs { pairStart[entry.pair + 1] += 1 }
        for p in 0..<65_536 { pairStart[p + 1] += pairStart[p] }
        self.bytes = bytes
        self.wordStart = wordStart
        self.byPair = pairs.map(\.word)
        self.pairStart = pairStart
        self.single = single
        self.patternStart = patternStart
        self.elementStart = elementStart
        self.elementWords = elementWords
    }

    /// For each element of `pattern` that gives words, the words one of which any match of the pattern contains,
    /// ASCII case aside (none: the pattern may match any text).
    static func requiredWords(_ pattern: PromotionPattern) -> [[[UInt8]]] {
        var elements: [[[UInt8]]] = []
        for element in pattern.elements {
            var words: [[UInt8]] = []
            for alternative in element.alternatives {
                let word: String
                switch alternative {
                case .exact(let w): word = w == "<url>" ? "http" : w
                case .prefix(let p): word = p
                case .anyToken, .anyHandle: word = ""
                }
                let bytes = Array(word.utf8)
                // `'` may stand for `’` in the text, and only links make tokens with `<`.
                guard !bytes.isEmpty, bytes.allSatisfy({ $0 < 0x80 && !"'<>".utf8.contains($0) }) else {
                    words = []
                    break
                }
                words.append(bytes.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 })
            }
            if !words.isEmpty { elements.append(words) }
        }
        return elements
    }

    /// The words that occur in `text` (ASCII case-insensitively).
    func scan(_ text: Span<UInt8>) -> Found {
        var bits = [UInt64](repeating: 0, count: (wordStart.count - 1 + 63) / 64 + 1)
        let bytes = bytes.span
        let wordStart = wordStart.span
        let byPair = byPair.span
        let pairStart = pairStart.span
        let single = single.span
        let n = text.count
        var next = n > 0 ? Int(Self.fold(text[0])) : 0
        for i in 0..<n {
            let first = next
            let k1 = Int(single[first])
            if k1 >= 0 { bits[k1 >> 6] |= 1 << UInt64(k1 & 63) }
            guard i + 1 < n else { break }
            next = Int(Self.fold(text[i + 1]))
            let pair = first << 8 | next
            for slot in Int(pairStart[pair])..<Int(pairStart[pair + 1]) {
                let k = Int(byPair[slot])
                let start = Int(wordStart[k])
                let length = Int(wordStart[k + 1]) - start
                guard i + length <= n else { continue }
                var j = 2
                while j < length && Self.fold(text[i + j]) == bytes[start + j] { j += 1 }
                if j == length { bits[k >> 6] |= 1 << UInt64(k & 63) }
            }
        }
        return Found(bits: bits, filter: self)
    }

    /// ``scan(_:)`` of an array of bytes.
    func scan(_ text: [UInt8]) -> Found { scan(text.span) }

    /// ``scan(_:)`` of a string's UTF-8.
    func scan(_ text: String) -> Found {
        var text = text
        return text.withUTF8 { scan($0.span) }
    }

    /// ``scan(_:)`` of a tweet's text, read in place.
    func scan(_ tweet: Tweet) -> Found { tweet.withUTF8Span { scan($0) } }

    @inline(__always) private static func fold(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
}
