/// Checks bytes against UTF-8's well-formedness table (Unicode §3.9, table 3-7) without building a `String`.
///
///     UTF8Validation.isValid(Array("naïve".utf8))   // true
///     UTF8Validation.isValid([0x61, 0xFF])          // false
///
/// Readers build each text with `String(decoding:as:)`, which repairs silently; this tells them whether it had to,
/// so the line can be counted in ``InputStats/invalidUTF8Lines``.
///
/// - Complexity: O(n), with a word-at-a-time skip over ASCII runs and each sequence checked as one word.
enum UTF8Validation {
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return true }
        var i = 0
        while i < n {
            // Skip eight ASCII bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { return true }
            let b0 = base[i]
            if b0 < 0x80 { i += 1; continue }
            if n &- i >= 4 {
                // A whole sequence fits in one word: its continuation bytes checked at once, then the lead byte's
                // limits on the second byte (no overlong forms, no surrogates, nothing above U+10FFFF).
                let w = UInt32(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self))
                let b1 = UInt8(truncatingIfNeeded: w >> 8)
                switch b0 {
                case 0xC2...0xDF:
                    guard w & 0xC000 == 0x8000 else { return false }
                    i &+= 2
                case 0xE0...0xEF:
                    guard w & 0xC0_C000 == 0x80_8000, b0 != 0xE0 || b1 >= 0xA0, b0 != 0xED || b1 <= 0x9F else {
                        return false
                    }
                    i &+= 3
                case 0xF0...0xF4:
                    guard w & 0xC0C0_C000 == 0x8080_8000, b0 != 0xF0 || b1 >= 0x90, b0 != 0xF4 || b1 <= 0x8F else {
                        return false
                    }
                    i &+= 4
                default:
                    return false
                }
                continue
            }
            let length: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return false
            }
            guard i + length <= n else { return false }
            let b1 = base[i + 1]
            guard b1 >= low && b1 <= high else { return false }
            var k = 2
            while k < length {
                guard base[i + k] & 0xC0 == 0x80 else { return false }
                k += 1
            }
            i += length
        }
        return true
    }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }
}
