import Testing

@testable import ReplyGraph
@testable import TweetArchive

/// `StringIndex` must give exactly the ids of a `[String: Int32]`, by `String` and by UTF-8 bytes, for short keys
/// (compared as words), long ones (compared as bytes), keys that differ only past their first word, non-ASCII keys
/// (which the cache never holds) and canonically equivalent spellings, through many table growths.
@Suite("StringIndex")
struct StringIndexTests {
    static func randomKey(_ rng: inout SeededGenerator) -> String {
        let alphabet = Array("abcAB_01") + ["é", "\u{212A}", "K"]
        let length = Int.random(in: 0...40, using: &rng)
        // Mostly ASCII, from a small alphabet, so that keys share prefixes and collide in their first words.
        let asciiOnly = Int.random(in: 0..<10, using: &rng) < 8
        return String(
            (0..<length).map { _ in
                asciiOnly
                    ? alphabet[Int.random(in: 0..<8, using: &rng)]
                    : alphabet[Int.random(in: 0..<alphabet.count, using: &rng)]
            })
    }

    @Test func idsEqualADictionarys() {
        var rng = SeededGenerator(seed: 17)
        var index = StringIndex()
        var reference: [String: Int32] = [:]
        for step in 0..<20_000 {
            var key = Self.randomKey(&rng)
            let viaBytes = step % 2 == 0
            let found = viaBytes ? key.withUTF8 { index.id(ofUTF8: $0.span) } : index.id(of: key)
            #expect(found == reference[key], "key \(key.debugDescription)")
            if found == nil {
                let id = Int32(reference.count)
                reference[key] = id
                index.add(key, id: id)
            }
        }
        // Every key again, both ways, after the table grew many times.
        for (key, id) in reference {
            var bytes = key
            #expect(index.id(of: key) == id)
            #expect(bytes.withUTF8 { index.id(ofUTF8: $0.span) } == id)
        }
        #expect(reference.count > 5_000)
    }

    @Test func keysDifferingOnlyInTheirLastByteOrLengthAreApart() {
        var index = StringIndex()
        let keys = [
            "", "a", "a\u{0}", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnoq",
            "abcdefghijklmnopq", "abcdefghijklmnopr", "\u{212A}", "K",
        ]
        for (i, key) in keys.enumerated() where index.id(of: key) == nil { index.add(key, id: Int32(i)) }
        // "\u{212A}" (Kelvin) == "K" as Strings: the dictionary decides, so both get the Kelvin sign's id.
        #expect(keys.map { index.id(of: $0) } == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 9])
    }
}
