import Testing

@testable import TweetArchive

/// The vector helpers agree with the plain collection algorithms at every length and position, including the
/// lengths around a vector's width where the tail handling changes.
@Suite struct ByteVectorTests {
    @Test(arguments: [1 as UInt64, 2, 3])
    func lastIndexMatchesTheCollectionAlgorithm(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        for count in 0...70 {
            for _ in 0..<20 {
                // Few distinct bytes, so matches are frequent, absent or at the edges.
                let bytes = (0..<count).map { _ in
                    [0x20, 0x41, 0x80, 0xFF][Int.random(in: 0..<4, using: &random)] as UInt8
                }
                for target: UInt8 in [0x20, 0x80, 0x00] {
                    let found = bytes.withUnsafeBufferPointer { ByteVector.lastIndex(of: target, in: $0) }
                    #expect(found == bytes.lastIndex(of: target), "count \(count), byte \(target)")
                }
            }
        }
    }

    @Test func paddedTailCopiesTheBytesThenZeros() {
        let bytes = Array(1...40 as ClosedRange<UInt8>)
        for count in [0, 1, 15, 16, 17, 32, 40] {
            let copy = bytes.withUnsafeBufferPointer { source in
                ByteVector.withPaddedTail(source.baseAddress!, count: count) {
                    Array(UnsafeBufferPointer(start: $0, count: 48))
                }
            }
            let kept = min(count, 32)
            #expect(Array(copy[..<kept]) == Array(bytes[..<kept]))
            #expect(copy[kept...].allSatisfy { $0 == 0 })
        }
    }
}
