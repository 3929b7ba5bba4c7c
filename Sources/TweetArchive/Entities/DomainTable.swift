/// Look-up of twitter-text's top-level domains at a byte position, built once from `TopLevelDomains`.
///
/// ASCII names (all letters, at most 18) are packed five bits a letter into two words and kept in an open-addressed
/// table with a multiplicative hash, so a look-up builds no `String` and runs no `Hasher`. Names that start with a
/// non-ASCII byte (`みんな`, `中国`) or mix scripts (`vermögensberater`) are few and tried as byte strings in
/// twitter-text's alternation order.
///
///     DomainTable.shared.tldLength(in: text, at: 4, end: text.count, classes: table)   // 3 in "foo.com/x"
///
/// - Complexity: O(k) for an ASCII name of k letters; O(u) comparisons for the u non-ASCII names.
final class DomainTable: Sendable {
    struct Key: Hashable {
        var low: UInt64
        var high: UInt64
    }

    static let shared = DomainTable()

    /// Open-addressed hash table of the ASCII names' keys (a power-of-two size, over twice the names), probed
    /// linearly from a multiplicative hash; the all-zero key marks an empty slot.
    private let asciiSlots: [Key]
    private static let slotBits = 12
    /// Names that start with ASCII letters and go on with non-ASCII ones, lower-cased UTF-8, in match order.
    private let mixed: [[UInt8]]
    /// Names that start with a non-ASCII scalar, UTF-8, in match order.
    private let unicode: [[UInt8]]

    private init() {
        var ascii: [Key] = []
        var mixed: [[UInt8]] = []
        var unicode: [[UInt8]] = []
        for name in TopLevelDomains.generic + TopLevelDomains.countryCode {
            let bytes = Array(name.utf8)
            if bytes.allSatisfy({ $0 < 0x80 }) {
                if let key = DomainTable.key(bytes[...]) { ascii.append(key) }
            } else if bytes[0] < 0x80 {
                mixed.append(bytes)
            } else {
                unicode.append(bytes)
            }
        }
        var slots = [Key](repeating: Key(low: 0, high: 0), count: 1 << DomainTable.slotBits)
        precondition(ascii.count * 2 < slots.count, "grow DomainTable.slotBits")
        for key in ascii {
            var i = DomainTable.slot(key)
            while slots[i] != Key(low: 0, high: 0) && slots[i] != key { i = (i + 1) & (slots.count - 1) }
            slots[i] = key
        }
        self.asciiSlots = slots
        self.mixed = mixed
        self.unicode = unicode
    }

    @inline(__always) static func slot(_ key: Key) -> Int {
        let mixed = (key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: mixed >> UInt64(64 - slotBits))
    }

    @inline(__always) func containsASCII(_ key: Key) -> Bool {
        var i = DomainTable.slot(key)
        let mask = asciiSlots.count - 1
        while true {
            let slot = asciiSlots[i]
            if slot == key { return true }
            if slot.low == 0 && slot.high == 0 { return false }
            i = (i + 1) & mask
        }
    }

    /// Packs up to 24 ASCII letters (case-folded); `nil` for anything else.
    static func key(_ letters: some Collection<UInt8>) -> Key? {
        guard letters.count <= 24 else { return nil }
        var key = Key(low: 0, high: 0)
        var shift: UInt64 = 0
        var index = 0
        for b in letters {
            let folded = lowercased(b)
            guard folded >= 0x61 && folded <= 0x7A else { return nil }
            let code = UInt64(folded - 0x60)
            if index < 12 { key.low |= code << shift } else { key.high |= code << (shift - 60) }
            shift += 5
            index += 1
        }
        return key
    }

    /// The length in bytes of the top-level domain (or `xn--` punycode label) starting at byte `i`, or 0.
    ///
    /// A name counts only when the next character is not `[0-9a-zA-Z@+-]`; `end` acts as the end of the text.
    func tldLength(in text: TextBytes, at i: Int, end: Int, classes: ASCIIClassTable) -> Int {
        guard i < end else { return 0 }
        let first = text[i]
        if first < 0x80 {
            guard classes[Int(first)] & ASCIIClass.letter != 0 else { return 0 }
            var j = i + 1
            while j < end, text[j] < 0x80, classes[Int(text[j])] & (ASCIIClass.letter | ASCIIClass.digit) != 0 {
                j += 1
            }
            let nextIsASCII = j < end && text[j] < 0x80
            if !(nextIsASCII && classes[Int(text[j])] & ASCIIClass.notAfterTLD != 0),
                let key = DomainTable.key(text[i..<j]),
                containsASCII(key)
            {
                return j - i
            }
            if j < end && text[j] >= 0x80, let n = firstMatch(mixed, in: text, at: i, end: end, classes: classes) {
                return n
            }
            // Punycode: xn--[\-0-9a-z]+ (no look-ahead).
            if j - i >= 2, text.hasPrefix("xn--", at: i), i + 4 <= end {
                var k = i + 4
                while k < end, text[k] < 0x80,
                    classes[Int(text[k])] & (ASCIIClass.letter | ASCIIClass.digit) != 0 || text[k] == 0x2D
                {
                    k += 1
                }
                if k > i + 4 { return k - i }
            }
            return 0
        }
        return firstMatch(unicode, in: text, at: i, end: end, classes: classes) ?? 0
    }

    private func firstMatch(
        _ names: [[UInt8]], in text: TextBytes, at i: Int, end: Int,
        classes: ASCIIClassTable
    ) -> Int? {
        for name in names where i + name.count <= end {
            var matches = true
            for (k, b) in name.enumerated() where lowercased(text[i + k]) != b {
                matches = false
                break
            }
            guard matches else { continue }
            let j = i + name.count
            if j < end, text[j] < 0x80, classes[Int(text[j])] & ASCIIClass.notAfterTLD != 0 { continue }
            return name.count
        }
        return nil
    }
}
