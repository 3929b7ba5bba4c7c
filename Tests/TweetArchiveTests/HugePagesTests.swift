import Testing

@testable import TweetArchive

#if canImport(Glibc)
    import Glibc
#endif

/// Reader memory asked for in huge pages: a reader's text blocks lie in whole 2 MiB pages, and where the kernel
/// takes the advice, the mapping says so.
@Suite struct HugePagesTests {
    @Test func readerBlocksAreWholeHugePages() {
        let block = TextBlock.make(capacity: TextArena.blockSize)
        #expect(UInt(bitPattern: block.base) % UInt(HugePages.size) == 0)
        // Small blocks (hand-built texts) are plain allocations, never advised.
        let small = TextBlock.make(capacity: 100)
        #expect(!HugePages.advise(UnsafeMutableRawPointer(small.base), count: 100))
    }

    @Test func adviceCoversOnlyWholeAlignedPages() throws {
        let count = 3 * HugePages.size
        let memory = HugePages.allocate(count)
        defer { free(memory) }
        // Less than one aligned page inside the range: nothing to advise.
        #expect(!HugePages.advise(memory + 1, count: HugePages.size))
        #if os(Linux)
            guard HugePages.advise(memory, count: count) else { return } // a kernel without transparent huge pages
            // /proc/self/smaps lists the advised range with the `hg` flag.
            let smaps = try #require(readProcFile("/proc/self/smaps"))
            let address = UInt(bitPattern: memory)
            var inside = false
            var flagged = false
            for line in smaps.split(separator: "\n") {
                if let dash = line.firstIndex(of: "-"), let space = line.firstIndex(of: " "), dash < space,
                    let low = UInt(line[..<dash], radix: 16),
                    let high = UInt(line[line.index(after: dash)..<space], radix: 16)
                {
                    inside = low <= address && address < high
                } else if inside, line.hasPrefix("VmFlags:") {
                    flagged = line.split(separator: " ").contains("hg")
                }
            }
            #expect(flagged)
        #endif
    }

    #if os(Linux)
        /// The whole of a `/proc` file, read until `read(2)` says it ended (they report a size of zero, and
        /// Foundation's `String(contentsOfFile:)` stops after the first chunk).
        private func readProcFile(_ path: String) -> String? {
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else { return nil }
            defer { close(descriptor) }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                if n < 0 { return nil }
                if n == 0 { break }
                bytes += chunk[..<n]
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    #endif

    @Test func reservedArrayIsAdvisedWithoutChangingIt() {
        var numbers: [UInt64] = [1, 2, 3]
        numbers.reserveCapacityInHugePages(1 << 20)
        #expect(numbers == [1, 2, 3] && numbers.capacity >= 1 << 20)
        numbers.append(contentsOf: 4...10)
        #expect(numbers == Array(1...10))
    }
}
