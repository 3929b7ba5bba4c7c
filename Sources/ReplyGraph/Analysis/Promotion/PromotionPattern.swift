/// A compiled promotion rule: a sequence of token alternatives with bounded gaps.
///
/// Syntax (whitespace-separated elements):
/// - `word` matches that token exactly (rules are matched against lower-cased tokens, see ``PromotionText``);
/// - `subscrib*` matches any token starting with `subscrib`;
/// - `my|our|the` matches any of the alternatives (each may end in `*`);
/// - `?` matches any one token, `@*` any `@handle`, `<url>` a link;
/// - `..` lets up to 4 tokens pass before the next element, `..N` up to N.
///
/// A *phrase* is the same without operators: its words must follow each other directly.
///
///     let p = try PromotionPattern(pattern: "subscrib* ..6 newsletter")
///     p.firstMatch(in: PromotionText.tokens(in: "Subscribe to our weekly newsletter"))   // 0..<5
///
/// - Complexity: matching is O(t · g^k) in the worst case for t tokens, k elements and gaps of g; rules are a few
///   elements with small gaps, so in practice O(t).
package struct PromotionPattern: Hashable, Sendable {
    struct Element: Hashable, Sendable {
        /// Tokens allowed before this element (0 = directly after the previous one).
        var gap: Int
        var alternatives: [Alternative]
    }

    enum Alternative: Hashable, Sendable {
        case exact(String)
        case prefix(String)
        case anyToken
        case anyHandle
    }

    /// The source text.
    package let source: String
    let elements: [Element]
    /// Exact words one of which must occur for any match (the first element's alternatives when all are exact
    /// words); `nil` when the first element has a wildcard. Lets a caller skip the pattern with one set lookup.
    let anchors: [String]?

    /// Compiles a pattern.
    ///
    /// - Throws: ``PromotionRulesError`` (with an empty path; the loader adds the field) for an empty pattern, a
    ///   gap that is not a number, or a gap with no element after it.
    package init(pattern: String) throws {
        self.source = pattern
        var elements: [Element] = []
        var gap = 0
        var pendingGap = false
        for word in pattern.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }) {
            if word.hasPrefix("..") {
                let digits = word.dropFirst(2)
                if digits.isEmpty {
                    gap = 4
                } else if let g = Int(digits), g >= 0, g <= 50 {
                    gap = g
                } else {
                    throw PromotionRulesError(path: "", message: "gap '\(word)' is not ..N with N in 0...50")
                }
                if elements.isEmpty {
                    throw PromotionRulesError(path: "", message: "a pattern cannot start with a gap")
                }
                pendingGap = true
                continue
            }
            let alternatives = word.split(separator: "|").map { alt -> Alternative in
                if alt == "?" { return .anyToken }
                if alt == "@*" { return .anyHandle }
                if alt.count > 1 && alt.hasSuffix("*") { return .prefix(Handle.fold(alt.dropLast())) }
                return .exact(Handle.fold(alt))
            }
            if alternatives.isEmpty { throw PromotionRulesError(path: "", message: "empty alternative in '\(word)'") }
            elements.append(Element(gap: gap, alternatives: alternatives))
            gap = 0
            pendingGap = false
        }
        if elements.isEmpty { throw PromotionRulesError(path: "", message: "empty pattern") }
        if pendingGap { throw PromotionRulesError(path: "", message: "a pattern cannot end with a gap") }
        self.elements = elements
        self.anchors = Self.anchors(of: elements)
    }

    /// Compiles a phrase: its words, tokenised like tweet text, must appear consecutively.
    ///
    /// - Throws: ``PromotionRulesError`` when the phrase has no words.
    package init(phrase: String) throws {
        self.source = phrase
        var elements: [Element] = []
        for word in phrase.split(separator: " ") {
            if word == "<url>" {
                elements.append(Element(gap: 0, alternatives: [.exact("<url>")]))
                continue
            }
            for token in PromotionText.tokens(in: String(word), foldStyled: true) {
                elements.append(Element(gap: 0, alternatives: [.exact(token.text)]))
            }
        }
        if elements.isEmpty { throw PromotionRulesError(path: "", message: "phrase has no words") }
        self.elements = elements
        self.anchors = Self.anchors(of: elements)
    }

    private static func anchors(of elements: [Element]) -> [String]? {
        var words: [String] = []
        for alternative in elements[0].alternatives {
            guard case .exact(let word) = alternative else { return nil }
            words.append(word)
        }
        return words
    }

    /// Whether a match is possible given the set of token texts (a cheap pre-check before ``firstMatch(in:)``).
    @inline(__always) func mayMatch(words: Set<String>) -> Bool {
        guard let anchors else { return true }
        return anchors.contains { words.contains($0) }
    }

    /// The token range of the first (leftmost) match, or `nil`.
    package func firstMatch(in tokens: [PromotionText.Token]) -> Range<Int>? {
        guard let first = elements.first else { return nil }
        for start in tokens.indices where Self.matches(first, tokens[start].text) {
            if let end = matchRest(tokens, element: 1, from: start + 1) { return start..<end }
        }
        return nil
    }

    private func matchRest(_ tokens: [PromotionText.Token], element k: Int, from position: Int) -> Int? {
        if k == elements.count { return position }
        let element = elements[k]
        var j = position
        let last = min(tokens.count - 1, position + element.gap)
        while j <= last {
            if Self.matches(element, tokens[j].text), let end = matchRest(tokens, element: k + 1, from: j + 1) {
                return end
            }
            j += 1
        }
        return nil
    }

    @inline(__always) static func matches(_ element: Element, _ token: String) -> Bool {
        for alternative in element.alternatives {
            switch alternative {
            case .exact(let word): if token == word { return true }
            case .prefix(let prefix): if token.hasPrefix(prefix) { return true }
            case .anyToken: return true
            case .anyHandle: if token.utf8.first == UInt8(ascii: "@") { return true }
            }
        }
        return false
    }
}
