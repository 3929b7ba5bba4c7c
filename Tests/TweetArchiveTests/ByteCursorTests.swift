import Testing

@testable import TweetArchive

/// The twint header's number reader: the eight-digit word path against a digit-at-a-time reference.
@Suite struct ByteCursorTests {
    /// What `readUInt64` must return for `text`: the leading digits' value if there are any and it fits in 64
    /// bits, and where the digits end.
    private func reference(_ text: [UInt8]) -> (UInt64?, Int) {
        let digits = text.prefix { (0x30...0x39).contains($0) }
        guard !digits.isEmpty else { return (nil, 0) }
        return (UInt64(String(decoding: digits, as: UTF8.self)), digits.count)
    }

    private func read(_ text: [UInt8]) -> (UInt64?, Int) {
        text.withUnsafeBufferPointer { bytes in
            var cursor = ByteCursor(TextBytes(bytes))
            let value = cursor.readUInt64()
            return (value, value == nil ? 0 : cursor.position)
        }
    }

    @Test func readsNumbersOfEveryLengthAndEnding() {
        // Bytes next to the digits in ASCII (`/`, `:`), with the high bit set, and zero: a word check that slips
        // on any of them takes a non-digit for a digit.
        let enders: [UInt8] = [0x20, 0x2F, 0x3A, 0x00, 0xB0, 0xB9, 0xFF, 0x3F, 0x40]
        var random = SeededGenerator(seed: 7)
        for length in 0...22 {
            for ender in enders {
                for _ in 0..<20 {
                    var text = (0..<length).map { _ in UInt8.random(in: 0x30...0x39, using: &random) }
                    text.append(ender)
                    text += (0..<Int.random(in: 0...9, using: &random)).map { _ in
                        UInt8.random(in: 0...255, using: &random)
                    }
                    let (value, end) = read(text)
                    let (expected, expectedEnd) = reference(text)
                    #expect(value == expected, "\(text)")
                    if expected != nil { #expect(end == expectedEnd, "\(text)") }
                }
            }
        }
        #expect(read(Array("18446744073709551615 ".utf8)).0 == UInt64.max)
        #expect(read(Array("18446744073709551616 ".utf8)).0 == nil)
        #expect(read(Array("1630704298202448447".utf8)).0 == 1_630_704_298_202_448_447) // no byte after it
    }

    @Test func eightDigitWordRejectsEachNonDigitByte() {
        let digits = Array("31415926".utf8)
        #expect(ByteCursor.eightDigits(word(digits)) == 31_415_926)
        #expect(ByteCursor.eightDigits(word(Array("00000000".utf8))) == 0)
        #expect(ByteCursor.eightDigits(word(Array("99999999".utf8))) == 99_999_999)
        for position in 0..<8 {
            for byte in 0...255 where !(0x30...0x39).contains(byte) {
                var bytes = digits
                bytes[position] = UInt8(byte)
                #expect(ByteCursor.eightDigits(word(bytes)) == nil, "byte \(byte) at \(position)")
            }
        }
    }

    private func word(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    }

    /// An author's name is packed for the handle table either by loading sixteen bytes and masking them or, near the
    /// end of a line, by copying: both must give the same key, whatever follows the name.
    @Test func packedNamesAgreeWhetherLoadedOrCopied() {
        var random = SeededGenerator(seed: 11)
        var keys = Set<[UInt64]>()
        var names = Set<[UInt8]>()
        for n in 0...17 {
            for _ in 0..<50 {
                let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &random) }
                bytes.withUnsafeBufferPointer { all in
                    let name = TextBytes(UnsafeBufferPointer(rebasing: all[..<n]))
                    let loaded = TwintTextParser.PackedName(name, readable: 32)
                    let copied = TwintTextParser.PackedName(name, readable: n)
                    #expect(loaded == copied)
                    #expect((loaded == nil) == (n == 0 || n > 15))
                    if let loaded {
                        keys.insert([loaded.low, loaded.high])
                        names.insert(Array(name))
                    }
                }
            }
        }
        #expect(keys.count == names.count && names.count > 700) // one key per name (the length is part of it)
        let a = Array("ab".utf8)
        let b = Array("ab\0".utf8)
        a.withUnsafeBufferPointer { a in
            b.withUnsafeBufferPointer { b in
                #expect(
                    TwintTextParser.PackedName(TextBytes(a), readable: 2)
                        != TwintTextParser.PackedName(TextBytes(b), readable: 3))
            }
        }
    }

    /// `HH:MM:SS` read as one word, against the field-by-field reading it replaced.
    @Test func readsEveryTimeAndRejectsEachBadByte() {
        func read(_ text: String) -> (Int, Int, Int)? { read(Array(text.utf8)) }
        func reference(_ text: String) -> (Int, Int, Int)? { reference(Array(text.utf8)) }
        func read(_ text: [UInt8]) -> (Int, Int, Int)? {
            text.withUnsafeBufferPointer { bytes in
                var cursor = ByteCursor(TextBytes(bytes))
                return cursor.readTime()
            }
        }
        func reference(_ b: [UInt8]) -> (Int, Int, Int)? {
            guard b.count >= 8, b[2] == 0x3A, b[5] == 0x3A else { return nil }
            func two(_ k: Int) -> Int? {
                guard (0x30...0x39).contains(b[k]), (0x30...0x39).contains(b[k + 1]) else { return nil }
                return Int(b[k] - 0x30) * 10 + Int(b[k + 1] - 0x30)
            }
            guard let h = two(0), let m = two(3), let s = two(6), h < 24, m < 60, s < 61 else { return nil }
            return (h, m, s)
        }
        var checked = 0
        for h in stride(from: 0, through: 99, by: 1) {
            for m in [0, 9, 10, 59, 60, 99] {
                for s in [0, 1, 59, 60, 61, 99] {
                    let text = String(format2(h)) + ":" + format2(m) + ":" + format2(s) + " +0000"
                    let (got, want) = (read(text), reference(text))
                    #expect(got.map { [$0.0, $0.1, $0.2] } == want.map { [$0.0, $0.1, $0.2] }, "\(text)")
                    checked += 1
                }
            }
        }
        // Every byte of a good time replaced by each other byte value.
        let good = Array("23:59:60".utf8)
        for position in 0..<8 {
            for byte in 0...255 {
                var bytes = good
                bytes[position] = UInt8(byte)
                #expect(
                    read(bytes).map { [$0.0, $0.1, $0.2] } == reference(bytes).map { [$0.0, $0.1, $0.2] }, "\(bytes)")
                checked += 1
            }
        }
        #expect(checked > 4_000)
        #expect(read("12:34:5") == nil) // too short
    }

    private func format2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
