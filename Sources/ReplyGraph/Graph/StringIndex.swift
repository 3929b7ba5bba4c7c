/// Dense ids for strings, for lookups in per-tweet loops: a `[String: Int32]` behind an open-addressing cache of
/// the ASCII strings already seen, hashed and compared as bytes.
///
///     var index = StringIndex()
///     index.id(of: "alice")         // nil
///     index.add("alice", id: 0)
///     index.id(of: "alice")         // 0
///
/// The dictionary decides what is equal (`String` equality is canonical equivalence: `"\u{212A}" == "K"`), so ids
/// are exactly those of a `[String: Int32]`; the cache only answers, without Unicode-aware hashing, for ASCII
/// strings byte-identical to ones the dictionary has already resolved.
///
/// - Complexity: O(length) per lookup; a miss costs a dictionary lookup as well.
struct StringIndex {
    private var dictionary: [String: Int32] = [:]
    /// Open addressing over the entries themselves, so a lookup reads one 32-byte entry (two share a cache line)
    /// rather than a slot and then the entry it points to: at a million keys each read is a trip to memory. The
    /// capacity is a power of two, at most half full.
    private var table = ContiguousArray<Entry>(repeating: Entry(), count: 64)
    private var cachedCount = 0
    /// The bytes of the cached keys longer than 16 bytes, one after another.
    private var bytes = ContiguousArray<UInt8>()

    /// A cached key: its hash, id and length + 1 (0 marks an empty entry), and for keys of up to 16 bytes the bytes
    /// themselves as two zero-padded words, compared without another read; a longer key's `words.0` is where its
    /// bytes start in `bytes`.
    private struct Entry {
        var words: (UInt64, UInt64) = (0, 0)
        var hash: UInt64 = 0
        var id: Int32 = 0
        var stored: Int32 = 0
    }

    /// A key's ASCII hash and, for keys of up to 16 bytes, its padded words.
    private struct Probe {
        var hash: UInt64
        var words: (UInt64, UInt64)
    }

    /// The id of `key`, or `nil` when it has none yet (give it one with ``add(_:id:)``).
    mutating func id(of key: String) -> Int32? {
        var key = key
        let found: Int32? = key.withUTF8 { buffer in
            let utf8 = buffer.span
            guard let probe = Self.probe(utf8) else { return nil }
            return cached(utf8, probe)
        }
        if let found { return found }
        guard let known = dictionary[key] else { return nil }
        cache(key, known)
        return known
    }

    /// The id of the string whose UTF-8 is `key`, or `nil` when it has none yet: ``id(of:)`` without a `String`
    /// when the bytes are ASCII and already cached.
    mutating func id(ofUTF8 key: Span<UInt8>) -> Int32? {
        if let probe = Self.probe(key), let found = cached(key, probe) { return found }
        let string = String(decoding: key)
        guard let known = dictionary[string] else { return nil }
        cache(string, known)
        return known
    }

    /// Gives `key`, which has no id yet, the id `id`.
    mutating func add(_ key: String, id: Int32) {
        dictionary[key] = id
        cache(key, id)
    }

    private mutating func cache(_ key: String, _ id: Int32) {
        var key = key
        key.withUTF8 { buffer in
            let utf8 = buffer.span
            if let probe = Self.probe(utf8) { insert(utf8, probe, id) }
        }
    }

    /// The hash of the bytes (and their padded words when there are at most 16), or `nil` when a byte is not
    /// ASCII. Keys of up to 16 bytes (every screen name) are mixed from their two words with two multiplies; longer
    /// ones go through FNV-1a.
    @inline(__always)
    private static func probe(_ s: Span<UInt8>) -> Probe? {
        if s.isEmpty { return Probe(hash: 0, words: (0, 0)) }
        if s.count <= 16 {
            let words = Self.paddedWords(s)
            guard (words.0 | words.1) & 0x8080_8080_8080_8080 == 0 else { return nil }
            let mixed = (words.0 &* 0x9E37_79B9_7F4A_7C15 ^ words.1 ^ UInt64(s.count)) &* 0xBF58_476D_1CE4_E5B9
            return Probe(hash: mixed ^ (mixed >> 31), words: words)
        }
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        var high: UInt8 = 0
        for k in s.indices {
            let b = s[k]
            high |= b
            h = (h ^ UInt64(b)) &* 0x100_0000_01B3
        }
        return high < 0x80 ? Probe(hash: h ^ (h >> 29), words: (0, 0)) : nil
    }

    /// The bytes of a key of at most 16 bytes as two little-endian words, zero-padded: loaded a word or half-word
    /// at a time (two overlapping loads, the overlap shifted out), not assembled byte by byte.
    @inline(__always)
    private static func paddedWords(_ s: Span<UInt8>) -> (UInt64, UInt64) {
        let n = s.count
        let raw = s.bytes
        if n >= 8 {
            let low = UInt64(littleEndian: raw.unsafeLoadUnaligned(as: UInt64.self))
            guard n > 8 else { return (low, 0) }
            let high = UInt64(littleEndian: raw.unsafeLoadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
            return (low, high >> (8 * (16 - n)))
        }
        if n >= 4 {
            let low = UInt64(UInt32(littleEndian: raw.unsafeLoadUnaligned(as: UInt32.self)))
            let high = UInt64(UInt32(littleEndian: raw.unsafeLoadUnaligned(fromByteOffset: n - 4, as: UInt32.self)))
            return (low | (high >> (8 * (8 - n))) << 32, 0)
        }
        var word: UInt64 = 0
        for k in 0..<n { word |= UInt64(s[k]) << (8 * k) }
        return (word, 0)
    }

    private func cached(_ s: Span<UInt8>, _ probe: Probe) -> Int32? {
        let mask = table.count - 1
        let stored = Int32(s.count + 1)
        var slot = Int(truncatingIfNeeded: probe.hash) & mask
        while true {
            let entry = table[slot]
            if entry.stored == 0 { return nil }
            if entry.hash == probe.hash && entry.stored == stored && equal(entry, s, probe) { return entry.id }
            slot = (slot + 1) & mask
        }
    }

    /// Whether `entry`, of `s`'s length, holds `s`.
    @inline(__always)
    private func equal(_ entry: Entry, _ s: Span<UInt8>, _ probe: Probe) -> Bool {
        if s.count <= 16 { return entry.words == probe.words }
        let start = Int(truncatingIfNeeded: entry.words.0)
        let stored = bytes.span
        for k in 0..<s.count where stored[start + k] != s[k] { return false }
        return true
    }

    private mutating func insert(_ s: Span<UInt8>, _ probe: Probe, _ id: Int32) {
        var entry = Entry(words: probe.words, hash: probe.hash, id: id, stored: Int32(s.count + 1))
        if s.count > 16 {
            entry.words = (UInt64(bytes.count), 0)
            for k in s.indices { bytes.append(s[k]) }
        }
        cachedCount += 1
        if cachedCount * 2 > table.count {
            // Grow to keep the load under one half, re-placing every entry.
            let old = table
            table = ContiguousArray(repeating: Entry(), count: table.count * 2)
            for k in old.indices where old[k].stored != 0 { place(old[k]) }
        }
        place(entry)
    }

    private mutating func place(_ entry: Entry) {
        let mask = table.count - 1
        var slot = Int(truncatingIfNeeded: entry.hash) & mask
        while table[slot].stored != 0 { slot = (slot + 1) & mask }
        table[slot] = entry
    }
}

extension String {
    /// The string whose UTF-8 is `utf8` (ill-formed sequences repaired, as `String(decoding:as:)` does).
    init(decoding utf8: Span<UInt8>) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for k in utf8.indices { bytes.append(utf8[k]) }
        self = String(decoding: bytes, as: UTF8.self)
    }
}
