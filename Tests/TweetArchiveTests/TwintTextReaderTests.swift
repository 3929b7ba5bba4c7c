import Testing

@testable import TweetArchive

@Suite struct TwintTextReaderTests {
    @Test func readsTheBundledSample() throws {
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        #expect(archive.tweets.count == 2073)
        #expect(archive.inputs.first?.format == .twintText)
        #expect(archive.ignored == 3) // the three scraper log lines at the end
        #expect(archive.skipped.isEmpty)
        #expect(archive.tweets.allSatisfy { $0.author == Handle("AlexXuByte") })
        // The sample's stated times are UTC: no clock offset.
        #expect(archive.inputs.first?.clockOffsetSeconds == 0)
        let first = try #require(archive[TweetID(1_625_536_625_030_885_377)])
        #expect(first.text.hasPrefix("/1 What are the common load-balancing algorithms?"))
        #expect(first.createdAt.iso8601 == "2023-02-14T16:45:07.074Z")
    }

    @Test func normalisesTwintText() throws {
        let line =
            "1625899017673793541 2023-02-15 16:45:08 +0100 <Bob> @alice Read:  https://t.co/x &amp; &lt;b&gt;"
            + " | 3 replies 4 retweets 5 likes"
        let archive = try ArchiveReader().read(bytes: Array(line.utf8), name: "t.txt")
        let tweet = try #require(archive.tweets.first)
        #expect(tweet.text == "@alice Read: https://t.co/x & <b>")
        #expect(tweet.counts == EngagementCounts(likes: 5, retweets: 4, replies: 3))
        #expect(tweet.entities.replyTo == ["alice"])
        #expect(tweet.statedTime?.iso8601 == "2023-02-15T15:45:08.000Z")
    }

    @Test func skipsAndCountsMalformedLines() throws {
        let text = """
            1625899017673793541 2023-02-15 16:45:08 +0000 <bob> fine
            16258990x7673793541 2023-02-15 16:45:08 +0000 <bob> bad id
            1625899017673793542 2023-13-45 16:45:08 +0000 <bob> bad date
            1625899017673793543 2023-02-15 16:45:08 +0000 <bob unclosed
            [!] No more data! Scraping will stop now.
            """
        let archive = try ArchiveReader().read(bytes: Array(text.utf8), name: "bad.txt")
        #expect(archive.tweets.count == 1)
        #expect(archive.skipped == [.badID: 1, .badDate: 1, .unclosedUsername: 1])
        #expect(archive.ignored == 1)
        #expect(
            archive.issues.map(\.description).first
                == "bad.txt:2: bad-id: 16258990x7673793541 2023-02-15 16:45:08 +0000 <bob> bad id")
        #expect(throws: ArchiveError.self) {
            try ArchiveReader(options: .init(strict: true)).read(bytes: Array(text.utf8), name: "bad.txt")
        }
    }

    /// The reader remembers the last date's day number; lines repeating a date, or an impossible one, read as if
    /// each date were new (times checked against `Timestamp(year:month:day:…)`).
    @Test func repeatedDatesReadLikeFreshOnes() throws {
        let text = """
            1625899017673793545 2024-02-29 23:59:59 +0100 <bob> leap day
            1625899017673793544 2024-02-29 00:00:00 -0530 <bob> same day
            1625899017673793543 2023-02-30 10:00:00 +0000 <bob> no such day
            1625899017673793542 2023-02-30 11:00:00 +0000 <bob> no such day again
            1625899017673793541 2023-02-28 10:00:00 +0000 <bob> next
            1625899017673793540 2023-02-28 25:00:00 +0000 <bob> bad time on a cached date
            """
        let archive = try ArchiveReader().read(bytes: Array(text.utf8), name: "dates.txt")
        #expect(archive.skipped == [.badDate: 2, .badTime: 1])
        let stated = archive.tweets.map { $0.statedTime }
        let expected = [
            Timestamp(year: 2023, month: 2, day: 28, hour: 10),
            Timestamp(year: 2024, month: 2, day: 29, utcOffsetSeconds: -19_800),
            Timestamp(year: 2024, month: 2, day: 29, hour: 23, minute: 59, second: 59, utcOffsetSeconds: 3600),
        ]
        #expect(stated == expected)
    }

    @Test func idsUpToTheLargest64BitValueAreReadAndLargerOnesSkipped() throws {
        // 19 digits take the unchecked path, the 20th is checked for overflow.
        let text = """
            18446744073709551615 2023-02-15 16:45:08 +0000 <bob> largest
            18446744073709551616 2023-02-15 16:45:08 +0000 <bob> one more
            99999999999999999999 2023-02-15 16:45:08 +0000 <bob> far more
            9999999999999999999 2023-02-15 16:45:08 +0000 <bob> nineteen nines
            """
        let archive = try ArchiveReader().read(bytes: Array(text.utf8), name: "ids.txt")
        #expect(archive.tweets.map(\.id.rawValue) == [9_999_999_999_999_999_999, UInt64.max])
        #expect(archive.skipped == [.badID: 2])
    }
}

/// The word-at-a-time text normaliser against a byte-at-a-time oracle, on seeded random texts built from the
/// tokens that matter (spaces, link starts, entities, multi-byte characters) at every alignment.
@Suite struct TextNormalizerReaderTests {
    private static let tokens = [
        " ", "  ", "h", "p", "http", "https://t.co/x", "pic.twitter.com/y", "&amp;", "&lt;",
        "&gt;", "&quot;", "&#39;", "&#x1F680;", "&", "&am", "a", "word", "é", "🚀", "\u{FFFD}",
    ]

    private static func oracle(_ text: String) -> String {
        let b = Array(text.utf8)
        func starts(_ word: String, at i: Int) -> Bool {
            Array(b.dropFirst(i).prefix(word.utf8.count)) == Array(word.utf8)
        }
        let entities: [(String, String)] = [
            ("&amp;", "&"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""),
            ("&apos;", "'"), ("&#39;", "'"), ("&#x1F680;", "🚀"),
        ]
        var out: [UInt8] = []
        var i = 0
        while i < b.count {
            if b[i] == 0x20 && (starts("http", at: i + 1) || starts("pic.twitter", at: i + 1)) {
                i += 1
                continue
            }
            if let (entity, value) = entities.first(where: { starts($0.0, at: i) }) {
                out += Array(value.utf8)
                i += entity.utf8.count
                continue
            }
            out.append(b[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    @Test(arguments: 0..<8)
    func matchesTheOracle(seed: UInt64) {
        var rng = SeededGenerator(seed: seed)
        for _ in 0..<400 {
            let count = Int(rng.next() % 24)
            let text = (0..<count).map { _ in Self.tokens[Int(rng.next() % UInt64(Self.tokens.count))] }.joined()
            var copy = text
            let result = copy.withUTF8 { TextNormalizer.twintText(TextBytes($0)) }
            #expect(result.value == Self.oracle(text), "\(text.debugDescription)")
            #expect(result.invalidUTF8 == false)
            #expect(result.hasPicLink == text.contains(" pic.twitter"))
            // The reader's path writes into a text arena and says whether the text is ASCII (which lets entity
            // extraction skip converting offsets to scalars).
            var arena = TextArena()
            let written = copy.withUTF8 { TextNormalizer.twintText(TextBytes($0), into: &arena) }
            let bytes = Array(UnsafeBufferPointer(start: arena.block.base + written.start, count: written.count))
            #expect(String(decoding: bytes, as: UTF8.self) == Self.oracle(text))
            #expect(written.ascii == bytes.allSatisfy { $0 < 0x80 })
            // A reader's lines are followed by padding (the next line's bytes): reading the last vector in place
            // must ignore them, whatever they hold.
            let garbage = (0..<LineReader.padding).map { _ in
                [0x20, 0x68, 0x74, 0x70, 0x69, 0x26, 0xC3, 0xF0, 0x9F, 0x23][Int(rng.next() % 10)] as UInt8
            }
            let line = Array(text.utf8) + garbage
            let padded = line.withUnsafeBufferPointer { all in
                TextNormalizer.twintText(
                    TextBytes(UnsafeBufferPointer(rebasing: all[..<text.utf8.count])), into: &arena,
                    padded: true)
            }
            let paddedBytes = Array(UnsafeBufferPointer(start: arena.block.base + padded.start, count: padded.count))
            #expect(paddedBytes == bytes, "\(text.debugDescription)")
            #expect(padded.ascii == written.ascii && padded.hasPicLink == written.hasPicLink)
        }
    }

    @Test func flagsInvalidUTF8AfterALongASCIIRun() {
        let bytes: [UInt8] = Array("0123456789abcdefghij".utf8) + [0xC3] + Array(" tail".utf8)
        let result = bytes.withUnsafeBufferPointer { TextNormalizer.twintText(TextBytes($0)) }
        #expect(result.invalidUTF8)
        #expect(result.value == "0123456789abcdefghij\u{FFFD} tail")
    }
}
