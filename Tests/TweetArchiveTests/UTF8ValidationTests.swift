import Testing

@testable import TweetArchive

/// The validator against the standard library's decoder: bytes are valid UTF-8 exactly when decoding them
/// (which repairs whatever is not) gives them back unchanged.
@Suite struct UTF8ValidationTests {
    /// Lead bytes at every boundary of the well-formedness table, continuation bytes at theirs, and ASCII.
    static let alphabet: [UInt8] = [
        0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
        0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
    ]

    @Test(arguments: [1 as UInt64, 2, 3, 4])
    func agreesWithTheDecoder(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        var invalid = 0
        for _ in 0..<20_000 {
            // An ASCII run of any length first, so sequences fall both where a word fits and in the last bytes.
            var bytes = [UInt8](repeating: 0x61, count: Int.random(in: 0...11, using: &random))
            // Then pieces: mostly whole scalars (of every length), sometimes a byte from the alphabet.
            for _ in 0..<Int.random(in: 1...6, using: &random) {
                if Int.random(in: 0..<10, using: &random) < 8 {
                    let ranges: [ClosedRange<UInt32>] = [
                        0...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFF,
                        0x10000...0x10FFFF,
                    ]
                    let value = UInt32.random(in: ranges.randomElement(using: &random)!, using: &random)
                    bytes += Array(String(Unicode.Scalar(value)!).utf8)
                } else {
                    bytes.append(Self.alphabet.randomElement(using: &random)!)
                }
            }
            let valid = Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
            if !valid { invalid += 1 }
            #expect(UTF8Validation.isValid(bytes) == valid, "\(bytes)")
        }
        #expect(invalid > 2_000 && invalid < 18_000) // both answers exercised
    }

    @Test func acceptsEveryScalarAtTheEndAndBeforeMore() {
        for value in [0x7F, 0x80, 0x7FF, 0x800, 0xD7FF, 0xE000, 0xFFFF, 0x10000, 0x10FFFF] as [UInt32] {
            let scalar = Array(String(Unicode.Scalar(value)!).utf8)
            #expect(UTF8Validation.isValid(scalar) && UTF8Validation.isValid(scalar + Array("xyz".utf8)))
            #expect(UTF8Validation.isValid(Array("ab".utf8) + scalar))
            if scalar.count > 1 { #expect(!UTF8Validation.isValid(Array(scalar.dropLast()) + Array("xyz".utf8))) }
        }
    }
}
