/// A byte-level JSON parser (RFC 8259) for archive lines: exact integers, positions in errors, invalid UTF-8
/// repaired and reported.
///
///     var parser = JSONParser(bytes)
///     let value = try parser.parseDocument()   // JSONValue
///     parser.repairedInvalidUTF8               // true when a string held invalid UTF-8 (now U+FFFD)
///
/// Numbers are validated and kept as text (see ``JSONValue/number(_:)``), so no id ever passes through a
/// `Double`. Nesting deeper than ``maxDepth`` is an error rather than a stack overflow.
///
/// - Complexity: O(n) in the input's bytes.
struct JSONParser {
    /// Why a document is not JSON, and the 0-based byte offset where that was found.
    struct SyntaxError: Error, Hashable, Sendable {
        var offset: Int
        var message: String
    }

    static let maxDepth = 256

    private let bytes: TextBytes
    private var position = 0
    private var depth = 0
    private var scratch: [UInt8] = []
    /// Whether any string held invalid UTF-8 (replaced by U+FFFD).
    private(set) var repairedInvalidUTF8 = false

    init(_ bytes: TextBytes) { self.bytes = bytes }

    /// Parses `bytes` as one JSON document (surrounding whitespace allowed).
    static func parse(_ bytes: TextBytes) throws(SyntaxError) -> JSONValue {
        var parser = JSONParser(bytes)
        return try parser.parseDocument()
    }

    static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        try TextBytes.withBytes(of: bytes) { text throws(SyntaxError) in try parse(text) }
    }

    mutating func parseDocument() throws(SyntaxError) -> JSONValue {
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        guard position == bytes.count else { throw error("unexpected data after the value") }
        return value
    }

    // MARK: - Values

    private mutating func parseValue() throws(SyntaxError) -> JSONValue {
        guard position < bytes.count else { throw error("unexpected end of input") }
        switch bytes[position] {
        case ASCII.leftBrace: return try parseObject()
        case ASCII.leftBracket: return try parseArray()
        case ASCII.quote: return .string(try parseString())
        case ASCII.minus, 0x30...0x39: return .number(try parseNumber())
        case UInt8(ascii: "t"):
            try expectWord("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expectWord("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expectWord("null")
            return .null
        default: throw error("unexpected character")
        }
    }

    private mutating func parseObject() throws(SyntaxError) -> JSONValue {
        try enter()
        position += 1 // {
        var members: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if peek == ASCII.rightBrace {
            position += 1
            depth -= 1
            return .object(JSONObject(members: members))
        }
        while true {
            skipWhitespace()
            guard peek == ASCII.quote else { throw error("expected a member name") }
            let key = try parseString()
            skipWhitespace()
            guard peek == ASCII.colon else { throw error("expected ':'") }
            position += 1
            skipWhitespace()
            members.append((key, try parseValue()))
            skipWhitespace()
            switch peek {
            case ASCII.comma: position += 1
            case ASCII.rightBrace:
                position += 1
                depth -= 1
                return .object(JSONObject(members: members))
            default: throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray() throws(SyntaxError) -> JSONValue {
        try enter()
        position += 1 // [
        var elements: [JSONValue] = []
        skipWhitespace()
        if peek == ASCII.rightBracket {
            position += 1
            depth -= 1
            return .array(elements)
        }
        while true {
            skipWhitespace()
            elements.append(try parseValue())
            skipWhitespace()
            switch peek {
            case ASCII.comma: position += 1
            case ASCII.rightBracket:
                position += 1
                depth -= 1
                return .array(elements)
            default: throw error("expected ',' or ']'")
            }
        }
    }

    private mutating func enter() throws(SyntaxError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw error("nested deeper than \(Self.maxDepth) levels") }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, returned as text.
    private mutating func parseNumber() throws(SyntaxError) -> String {
        let start = position
        if peek == ASCII.minus { position += 1 }
        guard let first = peek, ASCII.isDigit(first) else { throw error("expected a digit") }
        position += 1
        if first != 0x30 { skipDigits() }
        if peek == UInt8(ascii: ".") {
            position += 1
            guard let b = peek, ASCII.isDigit(b) else { throw error("expected a digit after '.'") }
            skipDigits()
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            position += 1
            if peek == ASCII.plus || peek == ASCII.minus { position += 1 }
            guard let b = peek, ASCII.isDigit(b) else { throw error("expected a digit in the exponent") }
            skipDigits()
        }
        return bytes.string(start..<position)
    }

    private mutating func skipDigits() {
        while position < bytes.count && ASCII.isDigit(bytes[position]) { position += 1 }
    }

    /// A string starting at the opening quote; escapes decoded, invalid UTF-8 replaced.
    private mutating func parseString() throws(SyntaxError) -> String {
        position += 1 // opening quote
        let start = position
        var nonASCII: UInt8 = 0
        // Fast path: no escapes.
        while position < bytes.count {
            let b = bytes[position]
            if b == ASCII.quote {
                let raw = bytes.slice(start..<position)
                position += 1
                return makeString(raw, checkUTF8: nonASCII & 0x80 != 0)
            }
            if b == ASCII.backslash { break }
            if b < 0x20 { throw error("control character in a string") }
            nonASCII |= b
            position += 1
        }
        guard position < bytes.count else { throw error("unterminated string", at: start - 1) }
        // Slow path: copy into the scratch buffer, decoding escapes.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes.slice(start..<position).buffer)
        while position < bytes.count {
            let b = bytes[position]
            if b == ASCII.quote {
                position += 1
                let check = nonASCII & 0x80 != 0
                return TextBytes.withBytes(of: scratch) { makeString($0, checkUTF8: check) }
            }
            if b < 0x20 { throw error("control character in a string") }
            if b != ASCII.backslash {
                nonASCII |= b
                scratch.append(b)
                position += 1
                continue
            }
            position += 1
            guard let escape = peek else { break }
            position += 1
            switch escape {
            case ASCII.quote, ASCII.backslash, UInt8(ascii: "/"): scratch.append(escape)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try readHex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    // A high surrogate must be followed by an escaped low one; a lone one becomes U+FFFD.
                    if position + 1 < bytes.count && bytes[position] == ASCII.backslash
                        && bytes[position + 1] == UInt8(ascii: "u")
                    {
                        let save = position
                        position += 2
                        let low = try readHex4()
                        if (0xDC00...0xDFFF).contains(low) {
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else {
                            position = save
                            scalar = 0xFFFD
                        }
                    } else {
                        scalar = 0xFFFD
                    }
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    scalar = 0xFFFD
                }
                UTF8.encode(Unicode.Scalar(scalar) ?? "\u{FFFD}") { scratch.append($0) }
            default:
                throw error("invalid escape", at: position - 2)
            }
        }
        throw error("unterminated string", at: start - 1)
    }

    private mutating func readHex4() throws(SyntaxError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let digit: UInt32
            switch b {
            case 0x30...0x39: digit = UInt32(b - 0x30)
            case 0x61...0x66: digit = UInt32(b - 0x61 + 10)
            case 0x41...0x46: digit = UInt32(b - 0x41 + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func makeString(_ raw: TextBytes, checkUTF8: Bool) -> String {
        if checkUTF8 && !UTF8Validation.isValid(raw) { repairedInvalidUTF8 = true }
        return raw.string(0..<raw.count)
    }

    private mutating func expectWord(_ word: StaticString) throws(SyntaxError) {
        let n = word.utf8CodeUnitCount
        let matches =
            position + n <= bytes.count
            && word.withUTF8Buffer { w in
                (0..<n).allSatisfy { bytes[position + $0] == w[$0] }
            }
        guard matches else { throw error("unexpected character") }
        position += n
    }

    // MARK: - Bytes

    private var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case ASCII.space, ASCII.tab, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private func error(_ message: String, at offset: Int? = nil) -> SyntaxError {
        SyntaxError(offset: offset ?? position, message: message)
    }
}
