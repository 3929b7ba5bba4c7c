// The byte storage the entity scanners and the parsers (lines, account-export chunks, JSON documents) read
// through: `TextBytes` (a text's or a line's bytes), `ASCIIClassTable` (the class of each ASCII byte),
// `ByteVector` (sixteen bytes at a time) and `UTF8Validation`.
//
// Invariant: a `TextBytes` is valid only while the storage it was made from (a text block, a line buffer, a
// string's contiguous UTF-8, an array inside `withBytes(of:_:)`) is alive and unchanged, which every maker
// guarantees by using it only during one call; reads stay within `0..<count`, except where a caller states the
// bytes behind the end are readable zero padding (`isPadded`, the text blocks' 16 zero bytes, a line's
// `LineReader.padding`). Everything else in the module reads text through these types.

/// Valid UTF-8 text as bytes, with the scalar decoding and twitter-text character classes the entity scanners use.
///
/// ASCII bytes are classified with one table look-up (`asciiClass`), never through `Unicode.Scalar.Properties`;
/// only non-ASCII scalars are decoded, and only where a rule needs them.
///
///     let bytes = Array("a@b".utf8)
///     bytes.withUnsafeBufferPointer { TextBytes($0).scalar(at: 1).value }   // 0x40
///
/// - Complexity: every accessor is O(1).
struct TextBytes {
    let base: UnsafePointer<UInt8>
    let count: Int

    /// No bytes.
    static var empty: TextBytes { TextBytes(UnsafeBufferPointer(start: nil, count: 0)) }

    /// The `count` bytes of `block` from `start`; valid while the block is alive and those bytes unchanged.
    init(_ block: TextBlock, start: Int, count: Int) {
        self.init(UnsafeBufferPointer(start: UnsafePointer(block.base + start), count: count))
    }

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        // An empty buffer may have no base address; with a count of 0 the placeholder is never read.
        self.base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.count = buffer.count
    }

    @inline(__always) subscript(i: Int) -> UInt8 { base[i] }

    /// The eight bytes from `i` as a little-endian word (`i + 8 <= count`).
    @inline(__always) func word(at i: Int) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
    }

    /// The offset of the first entity trigger at or after `start`, or ``count``: `@ # $`, `0xEF` (the lead byte of
    /// `＠` and `＃`), and `.` where no space follows. Sixteen bytes at a time, in a loop that calls nothing, so its
    /// state stays in registers; `isPadded` says the bytes past the end are readable zeros (as in a text block).
    @inline(__always) func nextTrigger(from start: Int, isPadded: Bool) -> Int {
        let n = count
        let base = self.base
        var i = start
        let at = ByteVector.splat(0x40)
        let hash = ByteVector.splat(0x23)
        let dollar = ByteVector.splat(0x24)
        let lead = ByteVector.splat(0xEF)
        let dot = ByteVector.splat(0x2E)
        let space = ByteVector.splat(0x20)
        @inline(__always) func triggers(_ p: UnsafePointer<UInt8>) -> Int? {
            let v = ByteVector.load(p)
            let next = ByteVector.load(p + 1)
            return ByteVector.first(
                (v .== at) .| (v .== hash) .| (v .== dollar) .| (v .== lead)
                    .| ((v .== dot) .& (next .!= space)))
        }
        while i &+ ByteVector.width &+ 1 <= n {
            if let k = triggers(base + i) { return i &+ k }
            i &+= ByteVector.width
        }
        // At most sixteen bytes left: one more vector over the zeros behind the text, in place or in a zero-padded
        // copy (a final dot, followed by a zero, is a trigger; `scanURL` tells at once that nothing follows it).
        guard i < n else { return n }
        let k = isPadded ? triggers(base + i) : ByteVector.withPaddedTail(base + i, count: n - i, triggers)
        if let k { return i + k }
        return n
    }

    /// The byte at `i`, or 0 past the end (0 belongs to no class the scanners look for).
    @inline(__always) func byte(_ i: Int) -> UInt8 { i < count ? base[i] : 0 }

    /// The scalar starting at byte `i` (a lead byte) and its length in bytes.
    @inline(__always) func scalar(at i: Int) -> (value: UInt32, length: Int) {
        let b0 = base[i]
        if b0 < 0x80 { return (UInt32(b0), 1) }
        if b0 < 0xE0 { return ((UInt32(b0 & 0x1F) << 6) | UInt32(base[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((UInt32(b0 & 0x0F) << 12) | (UInt32(base[i + 1] & 0x3F) << 6) | UInt32(base[i + 2] & 0x3F), 3)
        }
        return (
            (UInt32(b0 & 0x07) << 18) | (UInt32(base[i + 1] & 0x3F) << 12) | (UInt32(base[i + 2] & 0x3F) << 6)
                | UInt32(base[i + 3] & 0x3F), 4
        )
    }

    /// The byte offset where the scalar that ends just before `i` starts (`i > 0`).
    @inline(__always) func scalarStart(before i: Int) -> Int {
        var j = i - 1
        while j > 0 && base[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// The scalar that ends just before byte `i`, or `nil` at the start of the text.
    @inline(__always) func scalar(before i: Int) -> UInt32? {
        guard i > 0 else { return nil }
        let b = base[i - 1]
        if b < 0x80 { return UInt32(b) }
        return scalar(at: scalarStart(before: i)).value
    }

    /// Whether the bytes at `i` spell `ascii`, compared ASCII case-insensitively (`ascii` is lower-case).
    @inline(__always) func hasPrefix(_ ascii: StaticString, at i: Int) -> Bool {
        let n = ascii.utf8CodeUnitCount
        guard i >= 0, i + n <= count else { return false }
        let p = ascii.utf8Start
        for k in 0..<n where lowercased(base[i + k]) != p[k] { return false }
        return true
    }

    /// Whether any byte in `range` is non-ASCII.
    @inline(__always) func containsNonASCII(_ range: Range<Int>) -> Bool { firstNonASCII(in: range) != nil }

    /// The offset of the first non-ASCII byte in `range`, tested eight bytes at a time.
    func firstNonASCII(in range: Range<Int>) -> Int? {
        var i = range.lowerBound
        let end = range.upperBound
        while i + 8 <= end {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
            if word != 0 { return i + word.trailingZeroBitCount / 8 }
            i += 8
        }
        while i < end {
            if base[i] >= 0x80 { return i }
            i += 1
        }
        return nil
    }

    /// The number of scalars in `range` (bytes that are not UTF-8 continuation bytes), eight bytes at a time.
    func scalarCount(_ range: Range<Int>) -> Int {
        var i = range.lowerBound
        let end = range.upperBound
        var continuations = 0
        while i + 8 <= end {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            // A continuation byte is 10xxxxxx: bit 7 set and bit 6 clear. Summing the 0/1 bytes by multiplication
            // avoids a software popcount where the target has no POPCNT instruction.
            let flags = (word & ~(word << 1) & 0x8080_8080_8080_8080) >> 7
            continuations += Int((flags &* 0x0101_0101_0101_0101) >> 56)
            i += 8
        }
        while i < end {
            if base[i] & 0xC0 == 0x80 { continuations += 1 }
            i += 1
        }
        return range.count - continuations
    }

    /// The text in `range` as a `String` (the range lies on scalar boundaries, so no repair happens).
    @inline(__always) func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(start: base + range.lowerBound, count: range.count), as: UTF8.self)
    }
}

@inline(__always) func lowercased(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

/// Bit flags for ASCII bytes, one set per twitter-text character class.
enum ASCIIClass {
    /// `[A-Za-z0-9_]`: screen-name characters, and the ASCII part of a hashtag's alphanumerics.
    static let handle: UInt32 = 1 << 0
    /// `[A-Za-z]`.
    static let letter: UInt32 = 1 << 1
    /// `[0-9]`.
    static let digit: UInt32 = 1 << 2
    /// `[a-zA-Z0-9_!#$%&*@]`: may not stand before a mention's `@`.
    static let notBeforeMention: UInt32 = 1 << 3
    /// `[a-zA-Z0-9_+~.-]`: may not stand before an `RT` that precedes a mention.
    static let notBeforeRT: UInt32 = 1 << 4
    /// twitter-text's `punct` set (ASCII punctuation without `"` and `` ` ``).
    static let punct: UInt32 = 1 << 5
    /// `[\t-\r ]`.
    static let space: UInt32 = 1 << 6
    /// `[A-Za-z0-9@$#]`: may not stand before a URL.
    static let notBeforeURL: UInt32 = 1 << 7
    /// General URL path characters: ``[a-z0-9!*';:=+,.$/%#\[\]\-_~@|&]``, case-insensitive.
    static let pathChar: UInt32 = 1 << 8
    /// Characters a URL path may end with: `[+\-a-z0-9=_#/]`, case-insensitive.
    static let pathEnd: UInt32 = 1 << 9
    /// Query characters: ``[a-z0-9!?*'@();:&=+$/%#\[\]\-_.,~|]``, case-insensitive.
    static let queryChar: UInt32 = 1 << 10
    /// Characters a query may end with: `[a-z0-9\-_&=#/]`, case-insensitive.
    static let queryEnd: UInt32 = 1 << 11
    /// `[-a-zA-Z0-9]`: the ASCII characters of a protocol-less URL's host labels.
    static let asciiLabel: UInt32 = 1 << 12
    /// `[0-9a-zA-Z@+-]`: may not follow a top-level domain.
    static let notAfterTLD: UInt32 = 1 << 13

    /// ``table``'s elements at a fixed address, for scanners that keep the pointer (allocated once, never freed,
    /// never written after initialisation, hence safe to share: `nonisolated(unsafe)` only because pointers are
    /// not `Sendable`).
    nonisolated(unsafe) static let pointer: UnsafePointer<UInt32> = {
        let copy = UnsafeMutablePointer<UInt32>.allocate(capacity: table.count)
        copy.initialize(from: table, count: table.count)
        return UnsafePointer(copy)
    }()

    /// ``pointer`` as the scanners read it: `lookup[Int(byte)]` for an ASCII byte.
    static var lookup: ASCIIClassTable { ASCIIClassTable(base: pointer) }

    static let table: [UInt32] = {
        var t = [UInt32](repeating: 0, count: 128)
        func add(_ flag: UInt32, _ chars: String) { for b in chars.utf8 { t[Int(b)] |= flag } }
        func addRange(_ flag: UInt32, _ from: UInt8, _ to: UInt8) { for b in from...to { t[Int(b)] |= flag } }
        for flag in [
            handle, letter, notBeforeMention, notBeforeRT, notBeforeURL, pathChar, pathEnd, queryChar,
            queryEnd, asciiLabel, notAfterTLD,
        ] {
            addRange(flag, 0x41, 0x5A)
            addRange(flag, 0x61, 0x7A)
        }
        for flag in [
            handle, digit, notBeforeMention, notBeforeRT, notBeforeURL, pathChar, pathEnd, queryChar,
            queryEnd, asciiLabel, notAfterTLD,
        ] {
            addRange(flag, 0x30, 0x39)
        }
        add(handle, "_")
        add(notBeforeMention, "_!#$%&*@")
        add(notBeforeRT, "_+~.-")
        add(punct, "!'#%&()*+,\\-./:;<=>?@[]^_{|}~$")
        addRange(space, 0x09, 0x0D)
        add(space, " ")
        add(notBeforeURL, "@$#")
        add(pathChar, "!*';:=+,.$/%#[]-_~@|&")
        add(pathEnd, "+-=_#/")
        add(queryChar, "!?*'@();:&=+$/%#[]-_.,~|")
        add(queryEnd, "-_&=#/")
        add(asciiLabel, "-")
        add(notAfterTLD, "@+-")
        return t
    }()
}

/// twitter-text's character classes for scalars outside ASCII (each function is only correct for `c >= 0x80`
/// unless it says otherwise).
enum UnicodeClass {
    /// twitter-text's `spaces` group, all of it (ASCII included).
    @inline(__always) static func isSpace(_ c: UInt32) -> Bool {
        switch c {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x180E, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F,
            0x3000:
            return true
        default: return false
        }
    }

    /// White space as JavaScript's `\s` sees it (the end of a cashtag), all of it (ASCII included).
    static func isJavaScriptSpace(_ c: UInt32) -> Bool {
        switch c {
        case 0x09...0x0D, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000,
            0xFEFF:
            return true
        default: return false
        }
    }

    /// Bidirectional formatting marks, which never belong to a host name.
    @inline(__always) static func isDirectionalMarker(_ c: UInt32) -> Bool {
        switch c {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// U+FFFE, U+FEFF and U+FFFF.
    @inline(__always) static func isInvalid(_ c: UInt32) -> Bool { c == 0xFFFE || c == 0xFEFF || c == 0xFFFF }

    /// twitter-text's `latinAccentChars`.
    static func isLatinAccent(_ c: UInt32) -> Bool {
        switch c {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0xFF, 0x100...0x24F, 0x253, 0x254, 0x256, 0x257, 0x259, 0x25B, 0x263,
            0x268, 0x26F, 0x272, 0x289, 0x28B, 0x2BB, 0x300...0x36F, 0x1E00...0x1EFF:
            return true
        default: return false
        }
    }

    @inline(__always) static func isCyrillic(_ c: UInt32) -> Bool { c >= 0x400 && c <= 0x4FF }

    /// A non-ASCII character that may appear in a URL path: Cyrillic, Latin accents and the en dash.
    static func isPathChar(_ c: UInt32) -> Bool { isCyrillic(c) || isLatinAccent(c) || c == 0x2013 }

    /// A non-ASCII character that may end a URL path: Cyrillic and Latin accents.
    static func isPathEnd(_ c: UInt32) -> Bool { isCyrillic(c) || isLatinAccent(c) }

    /// A non-ASCII host-name character: anything but spaces, directional marks and the invalid scalars.
    @inline(__always) static func isDomainChar(_ c: UInt32) -> Bool {
        !(isSpace(c) || isDirectionalMarker(c) || isInvalid(c))
    }

    /// Hashtag classes of a non-ASCII scalar: `(alphanumeric, alpha)`. Letters and marks are alpha; decimal digits
    /// and twitter-text's special joiners and marks (ZWNJ, ZWJ, `·`, `〃`, `～`, …) are alphanumeric only.
    static func hashtagClass(_ c: UInt32) -> (alphanumeric: Bool, alpha: Bool) {
        switch c {
        case 0x200C, 0x200D, 0xA67E, 0x05BE, 0x05F3, 0x05F4, 0xFF5E, 0x301C, 0x309B, 0x309C, 0x30A0, 0x30FB,
            0x3003, 0x0F0B, 0x0F0C, 0x00B7:
            return (true, false)
        default: break
        }
        guard let scalar = Unicode.Scalar(c) else { return (false, false) }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark:
            return (true, true)
        case .decimalNumber:
            return (true, false)
        default:
            return (false, false)
        }
    }
}

/// The ASCII class table at a fixed address (``ASCIIClass/lookup``): allocated once and never written after, so
/// it may be shared between threads.
struct ASCIIClassTable: @unchecked Sendable {
    let base: UnsafePointer<UInt32>

    /// The classes of the ASCII byte `i` (`i < 128`).
    @inline(__always) subscript(i: Int) -> UInt32 { base[i] }
}

extension TextBytes: RandomAccessCollection {
    var startIndex: Int { 0 }
    var endIndex: Int { count }
}

// MARK: - Lines and records as TextBytes

/// The parsers read lines, records and JSON documents as `TextBytes`, so that their loops index bytes without
/// pointers; these are the makers and the few whole-word reads they need.
extension TextBytes {
    /// The bytes of `buffer` as it is (for the storage and I/O types, which hold the pointers).
    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// The bytes in `range`, indexed from 0.
    @inline(__always) func slice(_ range: Range<Int>) -> TextBytes {
        TextBytes(UnsafeBufferPointer(start: base + range.lowerBound, count: range.count))
    }

    /// The bytes from `start` to the end, indexed from 0.
    @inline(__always) func slice(from start: Int) -> TextBytes { slice(start..<count) }

    /// The offset of `part` (a slice of these bytes) from their start.
    @inline(__always) func offset(of part: TextBytes) -> Int { part.base - base }

    /// The two bytes from `i` as a little-endian half-word (`i + 2 <= count`).
    @inline(__always) func halfWord(at i: Int) -> UInt16 {
        UInt16(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt16.self))
    }

    /// The sixteen bytes from `i` (`i + 16 <= count`, or readable padding behind the end).
    @inline(__always) func vector(at i: Int) -> ByteVector.Bytes { ByteVector.load(base + i) }

    /// Calls `body` with the bytes of `array`.
    static func withBytes<R, E: Error>(of array: [UInt8], _ body: (TextBytes) throws(E) -> R) throws(E) -> R {
        let result: Result<R, E> = array.withUnsafeBufferPointer { buffer in
            do throws(E) { return .success(try body(TextBytes(buffer))) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Calls `body` with the bytes of `slice`.
    static func withBytes<R, E: Error>(of slice: ArraySlice<UInt8>, _ body: (TextBytes) throws(E) -> R) throws(E)
        -> R
    {
        let result: Result<R, E> = slice.withUnsafeBufferPointer { buffer in
            do throws(E) { return .success(try body(TextBytes(buffer))) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Calls `body` with the UTF-8 bytes of `string` (made contiguous first, if it is not).
    static func withBytes<R>(of string: String, _ body: (TextBytes) -> R) -> R {
        var string = string
        return string.withUTF8 { body(TextBytes($0)) }
    }

    /// Calls `body` with the bytes from `start` to the end (at most 32) followed by zeros, 48 bytes in all (see
    /// ``ByteVector/withPaddedTail(_:count:_:)``): a scan's last vectors then load in bounds.
    @inline(__always) func withPaddedTail<R>(from start: Int, _ body: (TextBytes) -> R) -> R {
        ByteVector.withPaddedTail(base + start, count: count - start) {
            body(TextBytes(UnsafeBufferPointer(start: $0, count: 3 * ByteVector.width)))
        }
    }

    /// The first `limit` characters of the bytes as text, for diagnostics.
    func excerpt(_ limit: Int = 60) -> String {
        let prefix = buffer.prefix(limit * 2)
        var text = String(decoding: prefix, as: UTF8.self)
        if text.count > limit { text = String(text.prefix(limit)) + "…" }
        return text
    }
}

// MARK: - Writing bytes

/// Room reserved for bytes (a text block's free space, a new string's storage), filled from its start: the
/// normaliser writes decoded text through it. The maker guarantees `capacity` writable bytes (and any padding
/// asked of ``zeroPad(_:)``) for as long as the writer is used, which is one call.
struct ByteWriter {
    private let base: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    /// The bytes written.
    private(set) var count = 0

    init(_ base: UnsafeMutablePointer<UInt8>, capacity: Int) {
        self.base = base
        self.capacity = capacity
    }

    /// Appends `bytes`.
    @inline(__always) mutating func append(_ bytes: TextBytes) {
        assert(count + bytes.count <= capacity, "past the reserved room")
        (base + count).update(from: bytes.base, count: bytes.count)
        count &+= bytes.count
    }

    /// Appends `byte`.
    @inline(__always) mutating func append(_ byte: UInt8) {
        assert(count < capacity, "past the reserved room")
        base[count] = byte
        count &+= 1
    }

    /// Appends the UTF-8 of `string`.
    mutating func append(_ string: String) {
        TextBytes.withBytes(of: string) { append($0) }
    }

    /// The bytes written so far.
    var written: TextBytes { TextBytes(UnsafeBufferPointer(start: base, count: count)) }

    /// Writes `n` zero bytes behind the written ones, without counting them (a text block's padding).
    func zeroPad(_ n: Int) { (base + count).initialize(repeating: 0, count: n) }

    /// A string of at most `capacity` bytes, written by `body` straight into its storage (repaired, as
    /// `String(decoding:as:)` would, if the bytes are not valid UTF-8).
    static func string(capacity: Int, _ body: (inout ByteWriter) -> Void) -> String {
        String(unsafeUninitializedCapacity: capacity) { out in
            var writer = ByteWriter(out.baseAddress!, capacity: capacity)
            body(&writer)
            return writer.count
        }
    }
}

// MARK: - Sixteen bytes at a time

/// Sixteen bytes at a time, for the scans that look for a few byte values in long text (entity triggers, the
/// normaliser's candidates, non-ASCII bytes).
///
/// Written with `SIMD16<UInt8>` comparisons against splatted constants and read back through two 64-bit lanes,
/// which the compiler lowers to one `pcmpeqb` per comparison and a `movmsk` test on x86-64 (and the NEON
/// equivalents on arm64): about a dozen instructions per 16 bytes, where word-at-a-time arithmetic needs several
/// times that.
///
///     let v = ByteVector.load(base + i)
///     let hit = ByteVector.first(v .== ByteVector.splat(0x40))   // offset of the first "@", or nil
enum ByteVector {
    typealias Bytes = SIMD16<UInt8>
    static let width = 16

    @inline(__always) static func load(_ pointer: UnsafePointer<UInt8>) -> Bytes {
        UnsafeRawPointer(pointer).loadUnaligned(as: Bytes.self)
    }

    @inline(__always) static func splat(_ byte: UInt8) -> Bytes { Bytes(repeating: byte) }

    /// The mask as two words, each matching byte 0xFF.
    @inline(__always) static func words(_ mask: SIMDMask<SIMD16<Int8>>) -> SIMD2<UInt64> {
        unsafeBitCast(mask, to: SIMD2<UInt64>.self)
    }

    /// The offset of the first matching byte, or `nil`.
    @inline(__always) static func first(_ mask: SIMDMask<SIMD16<Int8>>) -> Int? {
        let w = words(mask)
        if w[0] != 0 { return w[0].trailingZeroBitCount >> 3 }
        if w[1] != 0 { return 8 + w[1].trailingZeroBitCount >> 3 }
        return nil
    }

    /// The offset of the last matching byte, or `nil`.
    @inline(__always) static func last(_ mask: SIMDMask<SIMD16<Int8>>) -> Int? {
        let w = words(mask)
        if w[1] != 0 { return 15 - w[1].leadingZeroBitCount >> 3 }
        if w[0] != 0 { return 7 - w[0].leadingZeroBitCount >> 3 }
        return nil
    }

    /// The position of the last `byte` in `bytes`, sixteen bytes at a time from the end.
    static func lastIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var end = bytes.count
        let target = splat(byte)
        while end >= width {
            if let k = last(load(base + end - width) .== target) { return end - width + k }
            end -= width
        }
        while end > 0 {
            end -= 1
            if base[end] == byte { return end }
        }
        return nil
    }

    /// Calls `body` with a copy of the `count` bytes at `source` (at most 32) followed by zeros, 48 bytes in all:
    /// a scan's last vectors (sixteen bytes and a look-ahead of one or two) then load in bounds, and the zeros
    /// match none of the bytes the scans look for. This replaces a byte-at-a-time loop over a text's last bytes.
    @inline(__always)
    static func withPaddedTail<R>(_ source: UnsafePointer<UInt8>, count: Int, _ body: (UnsafePointer<UInt8>) -> R) -> R
    {
        var padded: (Bytes, Bytes, Bytes) = (Bytes(), Bytes(), Bytes())
        return withUnsafeMutableBytes(of: &padded) { raw in
            let bytes = raw.baseAddress!.assumingMemoryBound(to: UInt8.self)
            bytes.update(from: source, count: min(count, 32))
            return body(UnsafePointer(bytes))
        }
    }

    /// `v` with the bytes from `count` on set to zero (`count` may exceed sixteen: then `v` whole).
    @inline(__always) static func prefix(_ v: Bytes, count: Int) -> Bytes {
        let lanes = Bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        return v.replacing(with: 0, where: lanes .>= splat(UInt8(truncatingIfNeeded: min(count, width))))
    }

    /// Whether any byte has its high bit set (is not ASCII).
    @inline(__always) static func hasNonASCII(_ v: Bytes) -> Bool {
        let w = unsafeBitCast(v, to: SIMD2<UInt64>.self)
        return (w[0] | w[1]) & 0x8080_8080_8080_8080 != 0
    }
}

// MARK: - UTF-8 validation

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
            if b0 < 0x80 {
                i += 1
                continue
            }
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
            case 0xE0:
                length = 3
                low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED:
                length = 3
                high = 0x9F
            case 0xF0:
                length = 4
                low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4:
                length = 4
                high = 0x8F
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

    static func isValid(_ bytes: TextBytes) -> Bool { isValid(bytes.buffer) }

    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { isValid($0) }
    }
}
