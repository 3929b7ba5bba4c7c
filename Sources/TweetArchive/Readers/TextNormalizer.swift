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
    static func twintText(_ bytes: TextBytes) -> Result {
        normalize(bytes, dropSpaceBeforeLinks: true)
    }

    /// Decodes HTML entities only (API and export text).
    static func decodeEntities(_ text: String) -> String {
        guard text.utf8.contains(ASCII.ampersand) else { return text }
        return TextBytes.withBytes(of: text) { normalize($0, dropSpaceBeforeLinks: false).value }
    }

    /// One pass over the bytes, written straight into the new string's storage (no intermediate array): runs of
    /// ordinary bytes are copied whole, and only a space before a link or an `&` stops the scan.
    private static func normalize(_ bytes: TextBytes, dropSpaceBeforeLinks: Bool) -> Result {
        guard bytes.count > 0 else { return Result(value: "", invalidUTF8: false, hasPicLink: false) }
        var hasPicLink = false
        var invalidUTF8 = false
        let value = ByteWriter.string(capacity: bytes.count) { out in
            let (ascii, picLink) = normalize(bytes, dropSpaceBeforeLinks: dropSpaceBeforeLinks, into: &out)
            hasPicLink = picLink
            // The initializer repairs invalid UTF-8 silently; check first so the line can be counted.
            invalidUTF8 = !ascii && !UTF8Validation.isValid(out.written)
        }
        return Result(value: value, invalidUTF8: invalidUTF8, hasPicLink: hasPicLink)
    }

    /// Normalises twint text bytes into `arena`, followed by ``TextArena/padding`` zero bytes: the text's start in
    /// the arena's current block, its length, and what ``Result`` tells besides. Invalid UTF-8 is replaced (U+FFFD), as `String` would.
    ///
    /// With `padded`, ``LineReader/padding`` readable bytes follow `bytes` (a reader's line buffer guarantees
    /// them), and the last sixteen bytes are read in place rather than through a zero-padded copy.
    static func twintText(_ bytes: TextBytes, into arena: inout TextArena, padded: Bool = false)
        -> (start: Int, count: Int, ascii: Bool, invalidUTF8: Bool, hasPicLink: Bool)
    {
        var out = arena.writer(reserving: bytes.count + TextArena.padding)
        let (ascii, hasPicLink) = normalize(bytes, dropSpaceBeforeLinks: true, padded: padded, into: &out)
        if ascii || UTF8Validation.isValid(out.written) {
            out.zeroPad(TextArena.padding)
            return (arena.commit(out.count), out.count, ascii, false, hasPicLink)
        }
        let repaired = out.written.string(0..<out.count)
        var copy = arena.writer(reserving: repaired.utf8.count + TextArena.padding)
        copy.append(repaired)
        copy.zeroPad(TextArena.padding)
        return (arena.commit(copy.count), copy.count, false, true, hasPicLink)
    }

    /// The normalisation itself, writing to `out` (room for `bytes.count`: decoding and dropping only shrink the
    /// text, every entity being longer than its UTF-8): whether every byte was ASCII, and whether a
    /// `pic.twitter.com` link was seen.
    private static func normalize(
        _ bytes: TextBytes, dropSpaceBeforeLinks: Bool, padded: Bool = false, into out: inout ByteWriter
    ) -> (ascii: Bool, hasPicLink: Bool) {
        let n = bytes.count
        guard n > 0 else { return (true, false) }
        var hasPicLink = false
        var i = 0
        // twint puts one space before the text when it starts with a link.
        while dropSpaceBeforeLinks && i < n && bytes[i] == ASCII.space, let kind = startsLink(bytes, at: i + 1) {
            if kind == .pic { hasPicLink = true }
            i += 1
        }
        var run = i
        var high: UInt8 = 0 // non-ASCII scalars decoded from entities
        var highBytes = ByteVector.Bytes()
        while i < n {
            // Sixteen bytes at a time; the last ones (fewer than eighteen) in place when padding follows them (its
            // bytes masked off, its candidates ignored), else through a zero-padded copy.
            var found: Int? = nil
            while found == nil && i < n {
                if i &+ ByteVector.width &+ 2 <= n {
                    if let k = firstCandidate(bytes, at: i, links: dropSpaceBeforeLinks, high: &highBytes) {
                        found = i &+ k
                    } else {
                        i &+= ByteVector.width
                    }
                } else if padded {
                    var tail = ByteVector.Bytes()
                    let k = firstCandidate(bytes, at: i, links: dropSpaceBeforeLinks, high: &tail)
                    highBytes |= ByteVector.prefix(tail, count: n - i)
                    if let k, i + k < n { found = i + k } else { i = min(i + ByteVector.width, n) }
                } else if let k = bytes.withPaddedTail(
                    from: i, { firstCandidate($0, at: 0, links: dropSpaceBeforeLinks, high: &highBytes) }),
                    i + k < n
                {
                    found = i + k
                } else {
                    i = min(i + ByteVector.width, n)
                }
            }
            guard let at = found else { break }
            i = at
            if bytes[i] == ASCII.space {
                if dropSpaceBeforeLinks, let kind = startsLink(bytes, at: i + 1) {
                    if kind == .pic { hasPicLink = true }
                    out.append(bytes.slice(run..<i))
                    i += 1 // drop twint's inserted space
                    run = i
                    continue
                }
            } else if let (decoded, length) = entity(bytes, at: i) { // an `&`
                out.append(bytes.slice(run..<i))
                if decoded.value > 0x7F { high = 0x80 }
                UTF8.encode(decoded) { out.append($0) }
                i += length
                run = i
                continue
            }
            i += 1
        }
        out.append(bytes.slice(run..<n))
        let ascii = high == 0 && !ByteVector.hasNonASCII(highBytes)
        return (ascii, hasPicLink)
    }

    /// The offset of the first candidate among the sixteen bytes at `i` (two more are read ahead): an `&`, or with
    /// `links` a space before `ht` or `pi` (where `http` and `pic.twitter` start; words such as "help" or "python"
    /// do not stop the scan). The bytes are or-ed into `high`: every byte of a text passes through here at least
    /// once, so `high` tells whether the text is ASCII.
    @inline(__always)
    private static func firstCandidate(_ bytes: TextBytes, at i: Int, links: Bool, high: inout ByteVector.Bytes)
        -> Int?
    {
        let v = bytes.vector(at: i)
        high |= v
        var candidates = v .== ByteVector.splat(ASCII.ampersand)
        if links {
            let next = bytes.vector(at: i &+ 1)
            let after = bytes.vector(at: i &+ 2)
            let http = (next .== ByteVector.splat(0x68)) .& (after .== ByteVector.splat(0x74))
            let pic = (next .== ByteVector.splat(0x70)) .& (after .== ByteVector.splat(0x69))
            // swift-format-ignore: NoAssignmentInExpressions
            candidates = candidates .| ((v .== ByteVector.splat(ASCII.space)) .& (http .| pic))
        }
        return ByteVector.first(candidates)
    }

    private enum LinkKind { case http, pic }

    @inline(__always)
    private static func startsLink(_ bytes: TextBytes, at i: Int) -> LinkKind? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "h") || bytes[i] == UInt8(ascii: "p") else { return nil }
        if has(bytes, at: i, "http") { return .http }
        if has(bytes, at: i, "pic.twitter") { return .pic }
        return nil
    }

    @inline(__always)
    private static func has(_ bytes: TextBytes, at i: Int, _ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { return false }
        return word.withUTF8Buffer { w in
            for k in 0..<n where bytes[i + k] != w[k] { return false }
            return true
        }
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#39;` `&#x27;` → the character and the entity's byte length.
    private static func entity(_ bytes: TextBytes, at i: Int) -> (Unicode.Scalar, Int)? {
        if has(bytes, at: i, "&amp;") { return ("&", 5) }
        if has(bytes, at: i, "&lt;") { return ("<", 4) }
        if has(bytes, at: i, "&gt;") { return (">", 4) }
        if has(bytes, at: i, "&quot;") { return ("\"", 6) }
        if has(bytes, at: i, "&apos;") { return ("'", 6) }
        guard i + 3 < bytes.count, bytes[i + 1] == ASCII.hash else { return nil }
        var k = i + 2
        var hex = false
        if bytes[k] == 0x78 || bytes[k] == 0x58 {
            hex = true
            k += 1
        }
        var value: UInt32 = 0
        let start = k
        while k < bytes.count && k - start < 7 {
            let b = bytes[k]
            if ASCII.isDigit(b) {
                value = value * (hex ? 16 : 10) + UInt32(b - 0x30)
            } else if hex, let h = hexValue(b) {
                value = value * 16 + h
            } else {
                break
            }
            k += 1
        }
        guard k > start, k < bytes.count, bytes[k] == ASCII.semicolon, let scalar = Unicode.Scalar(value),
            value != 0
        else { return nil }
        return (scalar, k + 1 - i)
    }

    private static func hexValue(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x61...0x66: return UInt32(b - 0x61 + 10)
        case 0x41...0x46: return UInt32(b - 0x41 + 10)
        default: return nil
        }
    }
}
