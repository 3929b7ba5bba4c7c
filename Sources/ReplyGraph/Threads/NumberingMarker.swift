/// A thread-part number read from a tweet's text: `/3`, `3/`, `3/7`, `(3/7)`, `3.`, `3)` or `3️⃣` at the start (after
/// any leading @-mentions), or `3/7` / `(3/7)` at the end (before trailing links); `[3/7]` and `{3/7}` count as
/// `(3/7)`.
///
///     NumberingMarker.parse("@bob 3/ Next")        // 3, slashSuffix
///     NumberingMarker.parse("Intro text. 1/6  https://t.co/x")   // 1 of 6, nOfM
///     NumberingMarker.parse("2.2 The data")        // nil: a decimal, not a marker
///
/// `n/m` wins over the other forms when a tweet shows several (a list item `1.` inside part `2/5` is part 2).
/// Numbers are 0 to 999 (some threads open with `0/`); keycap digits count as ``NumberingStyle/dot`` (both are list-like).
///
/// - Complexity: O(n) in the text's length (only the leading and trailing tokens are examined).
package struct NumberingMarker: Hashable, Sendable {
    package var number: Int
    /// The `m` of `n/m`, when shown (`nil` for `n/n` or no total).
    package var total: Int?
    package var style: NumberingStyle

    package init(number: Int, total: Int? = nil, style: NumberingStyle) {
        self.number = number
        self.total = total
        self.style = style
    }

    package static func parse(_ text: String) -> NumberingMarker? {
        // Read the text's storage in place (`withUTF8` makes a bridged string contiguous first).
        var text = text
        return text.withUTF8 { parse(bytes: $0.span) }
    }

    /// ``parse(_:)`` over UTF-8 bytes, such as a tweet's from `withUTF8Span`, without building a `String`.
    ///
    ///     tweet.withUTF8Span(NumberingMarker.parse(utf8:))
    package static func parse(utf8: Span<UInt8>) -> NumberingMarker? { parse(bytes: utf8) }

    private static func parse(bytes whole: Span<UInt8>) -> NumberingMarker? {
        // Trailing links and spaces go first: "text 2/5  https://t.co/x".
        var end = whole.count
        while true {
            while end > 0, whole[end - 1] == space || whole[end - 1] == 0x0A || whole[end - 1] == 0x09 { end -= 1 }
            guard let start = lastTokenStart(whole.extracting(..<end)),
                hasPrefix(whole.extracting(..<end), at: start, "http")
            else { break }
            end = start
        }
        let utf8 = whole.extracting(..<end)
        var i = 0
        while i < utf8.count, utf8[i] == space { i += 1 }
        // Skip the leading @-mention run.
        while i < utf8.count, utf8[i] == at {
            var j = i + 1
            while j < utf8.count, isHandleByte(utf8[j]) { j += 1 }
            guard j > i + 1 else { break }
            i = j
            while i < utf8.count, utf8[i] == space { i += 1 }
        }
        let leading = leadingMarker(utf8, from: i)
        if let leading, leading.style == .nOfM { return leading }
        if let trailing = trailingOfMarker(utf8, end: utf8.count), i < utf8.count { return trailing }
        return leading
    }

    private static func leadingMarker(_ s: Span<UInt8>, from start: Int) -> NumberingMarker? {
        var i = start
        guard i < s.count else { return nil }
        if s[i] == slash { // "/3"
            let (n, j) = digits(s, i + 1)
            guard let n, j == s.count || !isDigit(s[j]) && s[j] != slash else { return nil }
            return NumberingMarker(number: n, style: .slashPrefix)
        }
        if let close = closing(s[i]) { // "(3/7)", "[3/7]", "{3/7}"
            let (n, j) = digits(s, i + 1)
            guard let n, j < s.count, s[j] == slash else { return nil }
            let (m, k) = totalDigits(s, j + 1)
            guard k < s.count, s[k] == close else { return nil }
            return NumberingMarker(number: n, total: m, style: .nOfM)
        }
        if hasPrefix(s, at: i, "\u{1F51F}") { return NumberingMarker(number: 10, style: .dot) } // keycap ten
        let (n, j) = digits(s, i)
        guard let n else { return nil }
        i = j
        if i == s.count { return nil }
        switch s[i] {
        case slash:
            let (m, k) = totalDigits(s, i + 1)
            if k > i + 1 {
                guard k == s.count || !isDigit(s[k]) else { return nil }
                if let m, m < n { return nil } // "24/7", a date: not a part
                return NumberingMarker(number: n, total: m, style: .nOfM)
            }
            guard k == s.count || s[k] == space || s[k] == closeParen else { return nil }
            return NumberingMarker(number: n, style: .slashSuffix)
        case dot:
            // "3. text", "3.-- text", but not "2.2 text" or "3.5%".
            guard i + 1 == s.count || !isDigit(s[i + 1]) else { return nil }
            return NumberingMarker(number: n, style: .dot)
        case closeParen:
            return NumberingMarker(number: n, style: .dot)
        case 0xEF where hasPrefix(s, at: i, "\u{FE0F}\u{20E3}"), 0xE2 where hasPrefix(s, at: i, "\u{20E3}"):
            return n < 10 ? NumberingMarker(number: n, style: .dot) : nil
        default:
            return nil
        }
    }

    /// `... 3/7` or `... (3/7)` at the very end, glued or not to the previous word ("hood.1/8").
    private static func trailingOfMarker(_ s: Span<UInt8>, end: Int) -> NumberingMarker? {
        var e = end
        var opener: UInt8?
        if e > 0, let o = opening(s[e - 1]) {
            e -= 1
            opener = o
        }
        var k = e
        while k > 0, isDigit(s[k - 1]) { k -= 1 }
        var totalValue: Int?
        if k == e {
            guard e > 0, s[e - 1] == letterN else { return nil } // "3/n"
            k = e - 1
        } else {
            guard e - k <= 3 else { return nil }
            totalValue = value(s, k..<e)
        }
        guard k > 0, s[k - 1] == slash else { return nil }
        let numberEnd = k - 1
        var b = numberEnd
        while b > 0, isDigit(s[b - 1]) { b -= 1 }
        guard b < numberEnd, numberEnd - b <= 3 else { return nil }
        if b > 0 {
            let before = s[b - 1]
            if isDigit(before) || before == slash { return nil }
            if let opener { guard before == opener else { return nil } }
        } else if opener != nil {
            return nil
        }
        let n = value(s, b..<numberEnd)
        guard n >= 1 else { return nil }
        if let m = totalValue, m < n && m != 0 { return nil } // "7/5" is a date or a ratio, not a part
        return NumberingMarker(number: n, total: totalValue, style: .nOfM)
    }

    /// The number that the ASCII digits `s[range]` spell.
    private static func value(_ s: Span<UInt8>, _ range: Range<Int>) -> Int {
        var value = 0
        for k in range { value = value * 10 + Int(s[k] - zero) }
        return value
    }

    private static func digits(_ s: Span<UInt8>, _ start: Int) -> (Int?, Int) {
        var j = start
        var value = 0
        while j < s.count, isDigit(s[j]), j - start < 4 {
            value = value * 10 + Int(s[j] - zero)
            j += 1
        }
        guard j > start, j - start <= 3 else { return (nil, j) }
        if j < s.count, isDigit(s[j]) { return (nil, j) }
        return (value, j)
    }

    /// The `m` after a slash: digits, or `n` for an open total ("1/n"); `(nil, i)` when absent.
    private static func totalDigits(_ s: Span<UInt8>, _ i: Int) -> (Int?, Int) {
        if i < s.count, s[i] == letterN, i + 1 == s.count || !isHandleByte(s[i + 1]) { return (nil, i + 1) }
        let (m, j) = digits(s, i)
        return (m, m == nil ? i : j)
    }

    private static func lastTokenStart(_ s: Span<UInt8>) -> Int? {
        guard !s.isEmpty else { return nil }
        var i = s.count
        while i > 0, s[i - 1] != space { i -= 1 }
        return i
    }

    /// Whether `prefix`'s UTF-8 starts at `i`. The prefix is a `StaticString` so its bytes are read in place: this
    /// runs once per tweet (the trailing-link check), where a `String` prefix would be walked through its UTF-8 view.
    private static func hasPrefix(_ s: Span<UInt8>, at i: Int, _ prefix: StaticString) -> Bool {
        prefix.withUTF8Buffer { bytes in
            guard i >= 0, s.count - i >= bytes.count else { return false }
            for k in 0..<bytes.count where s[i + k] != bytes[k] { return false }
            return true
        }
    }

    private static func closing(_ b: UInt8) -> UInt8? {
        switch b {
        case openParen: closeParen
        case UInt8(ascii: "["): UInt8(ascii: "]")
        case UInt8(ascii: "{"): UInt8(ascii: "}")
        default: nil
        }
    }

    private static func opening(_ b: UInt8) -> UInt8? {
        switch b {
        case closeParen: openParen
        case UInt8(ascii: "]"): UInt8(ascii: "[")
        case UInt8(ascii: "}"): UInt8(ascii: "{")
        default: nil
        }
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= zero && b <= zero + 9 }
    private static func isHandleByte(_ b: UInt8) -> Bool {
        isDigit(b) || (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || b == 0x5F
    }
}

private let space = UInt8(ascii: " ")
private let slash = UInt8(ascii: "/")
private let dot = UInt8(ascii: ".")
private let at = UInt8(ascii: "@")
private let zero = UInt8(ascii: "0")
private let openParen = UInt8(ascii: "(")
private let closeParen = UInt8(ascii: ")")
private let letterN = UInt8(ascii: "n")

/// Each tweet's ``NumberingMarker`` (or none) in six bytes, where a `DecisionColumn<NumberingMarker?>` takes
/// twenty-four: at ten million tweets that is 180 MB of thread reconstruction's peak. Numbers and totals fit in
/// 16 bits because ``NumberingMarker/parse(_:)`` reads at most three digits; the style is stored as its case
/// index plus one, 0 meaning no marker, and a missing total as -1.
struct MarkerColumn: Sendable {
    private struct Packed {
        var number: Int16 = 0
        var total: Int16 = -1
        var style: UInt8 = 0
    }

    private let packed: DecisionColumn<Packed>
    private static let styles = NumberingStyle.allCases

    /// A column of `count` tweets without markers.
    init(count: Int) { packed = DecisionColumn(repeating: Packed(), count: count) }

    /// Tweet `i`'s marker; setting it writes the storage every copy of the column shares (see ``DecisionColumn``).
    subscript(i: Int) -> NumberingMarker? {
        get {
            let p = packed[i]
            guard p.style > 0 else { return nil }
            return NumberingMarker(
                number: Int(p.number), total: p.total < 0 ? nil : Int(p.total), style: Self.styles[Int(p.style) - 1])
        }
        nonmutating set {
            guard let marker = newValue else {
                packed[i] = Packed()
                return
            }
            precondition(
                (0...999).contains(marker.number) && (marker.total ?? 0) >= 0 && (marker.total ?? 0) <= 999,
                "a parsed marker's number and total are 0 to 999")
            packed[i] = Packed(
                number: Int16(marker.number), total: Int16(marker.total ?? -1),
                style: UInt8(Self.styles.firstIndex(of: marker.style)! + 1))
        }
    }
}
