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
    static func withPaddedTail<R>(_ source: UnsafePointer<UInt8>, count: Int, _ body: (UnsafePointer<UInt8>) -> R) -> R {
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
