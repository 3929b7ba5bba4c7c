/// Turns raw tweet-text bytes into the model's text: HTML entities decoded, invalid UTF-8 replaced, and (for twint)
/// the space twint inserts before every `http` and `pic.twitter` removed again.
enum TextNormalizer {
    struct Result {
        var value: String
        var invalidUTF8: Bool
        var hasPicLink: Bool
    }

    /// Normalises twint text bytes.
    ///
    ///     "Read:  https://t.co/x &amp; more" → "Read: https://t.co/x & more"
    static func twintText(_ bytes: UnsafeBufferPointer<UInt8>) -> Result {
        normalize(bytes, dropSpaceBeforeLinks: true)
    }

    /// Decodes HTML entities only (API and export text).
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(ASCII.ampersand) else { return text }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer in
            normalize(UnsafeBufferPointer(buffer), dropSpaceBeforeLinks: false).value
        }
    }

    private static func normalize(_ bytes: UnsafeBufferPointer<UInt8>, dropSpaceBeforeLinks: Bool) -> Result {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var hasPicLink = false
        var i = 0
        let n = bytes.count
        // twint puts one space before the text when it starts with a link.
        while dropSpaceBeforeLinks && i < n && bytes[i] == ASCII.space && startsLink(bytes, at: i + 1) != nil { i += 1 }
        while i < n {
            let b = bytes[i]
            if b == ASCII.space && dropSpaceBeforeLinks, let kind = startsLink(bytes, at: i + 1) {
                if kind == .pic { hasPicLink = true }
                i += 1   // drop twint's inserted space
                continue
            }
            if b == ASCII.ampersand, let (decoded, length) = entity(bytes, at: i) {
                appendScalar(decoded, to: &out)
                i += length
                continue
            }
            out.append(b)
            i += 1
        }
        if let valid = String(validating: out, as: UTF8.self) {
            return Result(value: valid, invalidUTF8: false, hasPicLink: hasPicLink)
        }
        return Result(value: String(decoding: out, as: UTF8.self), invalidUTF8: true, hasPicLink: hasPicLink)
    }

    private enum LinkKind { case http, pic }

    private static func startsLink(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> LinkKind? {
        if has(bytes, at: i, "http") { return .http }
        if has(bytes, at: i, "pic.twitter") { return .pic }
        return nil
    }

    @inline(__always)
    private static func has(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        return word.withUTF8Buffer { w in
            for k in 0..<n where bytes[i + k] != w[k] { return false }
            return true
        }
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#39;` `&#x27;` → the character and the entity's byte length.
    private static func entity(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int)? {
        if has(bytes, at: i, "&amp;") { return ("&", 5) }
        if has(bytes, at: i, "&lt;") { return ("<", 4) }
        if has(bytes, at: i, "&gt;") { return (">", 4) }
        if has(bytes, at: i, "&quot;") { return ("\"", 6) }
        if has(bytes, at: i, "&apos;") { return ("'", 6) }
        guard i + 3 < bytes.count, bytes[i + 1] == ASCII.hash else { return nil }
        var k = i + 2
        var hex = false
        if bytes[k] == 0x78 || bytes[k] == 0x58 { hex = true; k += 1 }
        var value: UInt32 = 0
        let start = k
        while k < bytes.count && k - start < 7 {
            let b = bytes[k]
            if ASCII.isDigit(b) { value = value * (hex ? 16 : 10) + UInt32(b - 0x30) }
            else if hex, let h = hexValue(b) { value = value * 16 + h }
            else { break }
            k += 1
        }
        guard k > start, k < bytes.count, bytes[k] == ASCII.semicolon, let scalar = Unicode.Scalar(value),
              value != 0 else { return nil }
        return (scalar, k + 1 - i)
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        default: return nil
        }
    }

    private static func appendScalar(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        var buffer: [UInt8] = []
        UTF8.encode(scalar) { buffer.append($0) }
        out.append(contentsOf: buffer)
    }
}
