/// A parsed JSON value that keeps numbers as their digits, so 64-bit ids survive exactly.
///
///     let value = try JSONParser.parse(Array(#"{"id": 1625536625030885377}"#.utf8))
///     value["id"]?.uint64          // 1625536625030885377 (a Double would give ...5376)
///
/// Objects keep their members in order and look keys up linearly: archive objects have a few dozen keys at most.
enum JSONValue: Sendable {
    case null
    case bool(Bool)
    /// The number's literal text, validated against JSON's grammar but not converted.
    case number(String)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member named `key`, when this is an object that has it.
    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var object: JSONObject? {
        if case .object(let object) = self { return object }
        return nil
    }

    var array: [JSONValue]? {
        if case .array(let array) = self { return array }
        return nil
    }

    var string: String? {
        if case .string(let string) = self { return string }
        return nil
    }

    var bool: Bool? {
        if case .bool(let bool) = self { return bool }
        return nil
    }

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// An unsigned integer written as a JSON number *or* as a string of digits (APIs quote ids and counts);
    /// `nil` for fractions, exponents, signs, other text or values beyond 64 bits.
    var uint64: UInt64? {
        switch self {
        case .number(let text), .string(let text): return Self.digits(text)
        default: return nil
        }
    }

    /// ``uint64`` as an `Int`, for counts.
    var int: Int? { uint64.flatMap { $0 <= UInt64(Int.max) ? Int($0) : nil } }

    /// A tweet id from a number or a string of digits; `nil` for `0` and anything else.
    var tweetID: TweetID? { uint64.flatMap { $0 == 0 ? nil : TweetID($0) } }

    /// Whether this is a non-empty array, string or object (`[]`, `""`, `null` and `false` are "empty").
    var isNonEmpty: Bool {
        switch self {
        case .array(let array): return !array.isEmpty
        case .string(let string): return !string.isEmpty
        case .object(let object): return !object.members.isEmpty
        case .bool(let bool): return bool
        case .number(let text): return Self.digits(text).map { $0 != 0 } ?? true
        case .null: return false
        }
    }

    private static func digits(_ text: String) -> UInt64? {
        var value: UInt64 = 0
        var any = false
        for byte in text.utf8 {
            guard ASCII.isDigit(byte) else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(byte - 0x30))
            if o1 || o2 { return nil }
            value = s
            any = true
        }
        return any ? value : nil
    }
}

/// A JSON object's members in source order.
struct JSONObject: Sendable {
    var members: [(key: String, value: JSONValue)]

    /// The value of the last member named `key` (JSON leaves duplicates undefined; the last one wins as in most
    /// parsers).
    subscript(key: String) -> JSONValue? {
        var i = members.count - 1
        while i >= 0 {
            if members[i].key == key { return members[i].value }
            i -= 1
        }
        return nil
    }
}
