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
/// - Complexity: O(n · b) per text of n bytes, for b words starting with the same byte (a handful).
struct PromotionPrefilter: Sendable {
    /// The words looked for, lower-case ASCII.
    private let needles: [[UInt8]]
    /// Needle indices by their first byte.
    private let byFirstByte: [[Int32]]
    /// Per pattern, per usable element, the needles one of which the element needs (no elements: any text).
    private let required: [[[Int32]]]

    /// The needles found in one text.
    struct Found {
        fileprivate var bits: [UInt64]
        fileprivate let required: [[[Int32]]]

        /// Whether pattern `k` (its index in the `patterns` the filter was made from) may match the text: each of
        /// its usable elements has one of its words in the text.
        func mayMatch(_ k: Int) -> Bool {
            for needles in required[k] {
                var any = false
                for needle in needles where bits[Int(needle) >> 6] & (1 << (UInt64(needle) & 63)) != 0 {
                    any = true
                    break
                }
                if !any { return false }
            }
            return true
        }
    }

    init(patterns: [PromotionPattern]) {
        var index: [[UInt8]: Int32] = [:]
        var needles: [[UInt8]] = []
        var required: [[[Int32]]] = []
        for pattern in patterns {
            required.append(Self.requiredWords(pattern).map { element in
                element.map { word in
                    if let k = index[word] { return k }
                    let k = Int32(needles.count)
                    index[word] = k
                    needles.append(word)
                    return k
                }
            })
        }
        var byFirstByte = [[Int32]](repeating: [], count: 256)
        for (k, needle) in needles.enumerated() { byFirstByte[Int(needle[0])].append(Int32(k)) }
        self.needles = needles
        self.byFirstByte = byFirstByte
        self.required = required
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

    /// The needles that occur in `text` (ASCII case-insensitively).
    func scan(_ text: UnsafeBufferPointer<UInt8>) -> Found {
        var bits = [UInt64](repeating: 0, count: (needles.count + 63) / 64)
        let n = text.count
        var i = 0
        while i < n {
            let first = Self.fold(text[i])
            for k in byFirstByte[Int(first)] {
                let needle = needles[Int(k)]
                guard i + needle.count <= n else { continue }
                var j = 1
                while j < needle.count && Self.fold(text[i + j]) == needle[j] { j += 1 }
                if j == needle.count { bits[Int(k) >> 6] |= 1 << (UInt64(k) & 63) }
            }
            i += 1
        }
        return Found(bits: bits, required: required)
    }

    /// ``scan(_:)`` of an array of bytes.
    func scan(_ text: [UInt8]) -> Found { text.withUnsafeBufferPointer { scan($0) } }

    @inline(__always) private static func fold(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }
}
