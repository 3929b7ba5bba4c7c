/// A Twitter screen name, compared case-insensitively and displayed as first seen.
///
///     Handle("AlexXuByte") == Handle("alexxubyte")   // true
///     Handle("AlexXuByte").description               // "AlexXuByte"
///
/// Screen names are ASCII letters, digits and `_`, so folding is ASCII lower-casing; other characters (which can
/// appear in malformed input) are kept as they are.
public struct Handle: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The spelling as it was first written, without the `@`.
    public let display: String
    /// The lower-cased comparison key.
    public let key: String

    public init(_ name: some StringProtocol) {
        let whole = Substring(name)
        let trimmed = whole.hasPrefix("@") ? whole.dropFirst() : whole
        self.display = String(trimmed)
        self.key = Self.fold(trimmed)
    }

    /// ASCII lower-casing without Foundation, cheap enough for per-tweet use.
    public static func fold(_ name: some StringProtocol) -> String {
        var utf8 = Array(name.utf8)
        var changed = false
        for i in utf8.indices where utf8[i] >= 0x41 && utf8[i] <= 0x5A {
            utf8[i] |= 0x20
            changed = true
        }
        return changed ? String(decoding: utf8, as: UTF8.self) : String(name)
    }

    public static func == (lhs: Handle, rhs: Handle) -> Bool { lhs.key == rhs.key }
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    public static func < (lhs: Handle, rhs: Handle) -> Bool { lhs.key < rhs.key }
    public var description: String { display }
}
