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
    package let key: String

    /// The handle `name`, without a leading `@` if it has one.
    public init(_ name: some StringProtocol) {
        let whole = Substring(name)
        let trimmed = whole.hasPrefix("@") ? whole.dropFirst() : whole
        self.display = String(trimmed)
        self.key = Self.fold(display)
    }

    /// ASCII lower-casing without Foundation, cheap enough for per-tweet use: no allocation when nothing changes
    /// or the name fits a small string (15 UTF-8 bytes, which every screen name does).
    ///
    ///     Handle.fold("AlexXuByte")   // "alexxubyte"
    ///
    /// - Complexity: O(n) in the name's UTF-8 length.
    package static func fold(_ name: some StringProtocol) -> String {
        var name = String(name)
        return name.withUTF8 { bytes in
            // One pass over the contiguous bytes to see whether anything changes (a generic `contains` over the
            // UTF-8 view costs several times as much).
            var upper = false
            for b in bytes where b &- 0x41 < 26 {
                upper = true
                break
            }
            guard upper else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { out in
                for i in 0..<bytes.count {
                    let b = bytes[i]
                    out[i] = fold(b)
                }
                return bytes.count
            }
        } ?? name
    }

    /// Folds one byte as the string `fold` does: ASCII upper case to lower case, every other byte as it is. Loops
    /// that compare handles as UTF-8 bytes fold with this.
    ///
    ///     Handle.fold(UInt8(ascii: "A")) == UInt8(ascii: "a")   // true
    @inlinable package static func fold(_ byte: UInt8) -> UInt8 { byte &- 0x41 < 26 ? byte | 0x20 : byte }

    /// Whether the names are equal ignoring ASCII case.
    public static func == (lhs: Handle, rhs: Handle) -> Bool { lhs.key == rhs.key }
    /// Hashes the case-folded name.
    public func hash(into hasher: inout Hasher) { hasher.combine(key) }
    /// Orders by the case-folded name.
    public static func < (lhs: Handle, rhs: Handle) -> Bool { lhs.key < rhs.key }
    /// The name as first written, ``display``.
    public var description: String { display }
}
