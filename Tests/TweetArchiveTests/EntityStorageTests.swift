import Testing

@testable import TweetArchive

/// The compact entity storage behaves like five stored arrays.
@Suite struct EntityStorageTests {
    @Test func layoutStaysCompact() {
        #expect(MemoryLayout<Entities>.size == 12)
        #expect(MemoryLayout<TextEntity>.stride == 24)
        #expect(MemoryLayout<EntitySpan>.stride == 24)
        #expect(MemoryLayout<StoredSpan>.stride == 16)
        #expect(MemoryLayout<Tweet>.stride == 96)
        #expect(MemoryLayout<EntityHeader>.size == 24)
    }

    @Test func handBuiltEqualsExtracted() {
        let text = "@alice @bob see #swift $AAPL https://example.com/a/very/long/path?q=1"
        let extracted = EntityExtractor.entities(in: text)
        let built = Entities(
            mentions: [TextEntity(value: "alice", range: 0..<6), TextEntity(value: "bob", range: 7..<11)],
            replyTo: ["alice", "bob"], hashtags: [TextEntity(value: "swift", range: 16..<22)],
            cashtags: [TextEntity(value: "AAPL", range: 23..<28)],
            urls: [TextEntity(value: "https://example.com/a/very/long/path?q=1", range: 29..<69)])
        #expect(extracted == built)
        #expect(Set([extracted, built]).count == 1)
        #expect(extracted.urls[0].value == "https://example.com/a/very/long/path?q=1")
        #expect(extracted.firstReplyTo == "alice")
        #expect(extracted.firstReplyTo(is: Handle("ALICE")) && !extracted.firstReplyTo(is: Handle("bob")))
        #expect(!extracted.firstReplyTo(is: Handle("alic")) && !Entities.empty.firstReplyTo(is: Handle("alice")))
        let nfd = Entities(replyTo: ["Jose\u{301}"]) // not a prefix of the (no) mentions: kept as given
        #expect(nfd.firstReplyTo(is: Handle("jos\u{E9}"))) // canonical equivalence, as Handle's == has it
        var names: [String] = []
        extracted.forEachMention { names.append($0) }
        #expect(names == ["alice", "bob"])
        for entities in [extracted, built] {
            var bytes: [[UInt8]] = []
            entities.forEachMentionUTF8 { bytes.append(Array($0)) }
            #expect(bytes == [Array("alice".utf8), Array("bob".utf8)])
            bytes = []
            entities.forEachReplyToUTF8 { bytes.append(Array($0)) }
            #expect(bytes == [Array("alice".utf8), Array("bob".utf8)])
        }
    }

    /// twitter-text splices the path onto the last ASCII host inside a non-ASCII host; the stored value skips the
    /// bytes between them and reads back as one string.
    @Test func splicedURLValueSkipsTheGap() {
        let e = EntityExtractor.entities(in: "see example.com日本.jp/path now")
        #expect(e.urls.map(\.value) == ["example.com/path"])
        #expect(e.urls.map(\.range) == [4..<25])
        #expect(EntityExtractor.urls(in: "see example.com日本.jp/path now").map(\.value) == ["example.com/path"])
        let two = "@a example.com日本.jp/one #x test.org日本.jp/two?q=1 https://t.co/abcdefghij"
        let urls = EntityExtractor.entities(in: two).urls.map(\.value)
        #expect(urls == ["example.com/one", "test.org/two?q=1", "https://t.co/abcdefghij"])
        #expect(Tweet(id: TweetID(1), author: Handle("me"), text: two).entities.urls.map(\.value) == urls)
    }

    @Test func settersKeepTheOtherLists() {
        var e = EntityExtractor.entities(in: "@alice hi #tag http://t.co/abcdefghij")
        e.replyTo = ["zed"] // not a prefix of the mentions: kept as given
        #expect(e.replyTo == ["zed"] && e.mentions.map(\.value) == ["alice"])
        e.mentions = []
        #expect(e.mentions.isEmpty && e.replyTo == ["zed"] && e.hashtags.map(\.value) == ["tag"])
        e.urls[0].value = "x"
        #expect(e.urls.map(\.value) == ["x"] && e.urls[0].range == 15..<37)
        let twoNames = Entities(mentions: [TextEntity(value: "a", range: 0..<2)], replyTo: ["b", "c"])
        #expect(twoNames.replyTo == ["b", "c"] && twoNames.firstReplyTo == "b" && twoNames.mentions.count == 1)
        var names: [String] = []
        twoNames.forEachReplyToUTF8 { names.append(String(decoding: $0, as: UTF8.self)) }
        #expect(names == ["b", "c"] && twoNames.replyToCount == 2)
        #expect(twoNames != Entities(mentions: [TextEntity(value: "a", range: 0..<2)], replyTo: ["a"]))
        e = Entities(replyTo: [])
        #expect(e.isEmpty && e == .empty)
        #expect(!Entities(replyTo: ["a"]).isEmpty)
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func scratchMatchesFreshExtraction(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let pieces = [
            "@alice", "@Bob_the_builder_", "#swift", "$AAPL", "https://t.co/abcdefghij", "example.com/path",
            "日本", "hi", "  ", "@", "#", "x.y", "😀", "https://example.org/a?b=c#frag",
        ]
        var scratch = EntityExtractor.Scratch()
        for _ in 0..<200 {
            let text = (0..<Int.random(in: 0...12, using: &random))
                .map { _ in pieces.randomElement(using: &random)! }.joined(separator: " ")
            #expect(EntityExtractor.entities(in: text, scratch: &scratch) == EntityExtractor.entities(in: text))
        }
    }

    /// A record always shares a block with the text its spans point into: when the block is full, the text moves
    /// to a new block with its record. Small blocks make that happen every few texts.
    @Test func recordsFollowTheirTextIntoNewBlocks() {
        var arena = TextArena(blockSize: 160)
        var scratch = EntityExtractor.Scratch()
        var kept: [(entities: Entities, block: TextBlock, start: Int, text: String)] = []
        var moves = 0
        for k in 0..<300 {
            let text =
                k % 7 == 0
                ? "no entities \(k)"
                : "@user\(k) hi #tag\(k) $AB https://t.co/abcdefghij 日本 example.com日本.jp/p\(k) "
                    + String(repeating: "x", count: k % 41)
            let (start, count) = arena.append(text)
            let (entities, moved) = EntityExtractor.entities(in: &arena, start: start, count: count, scratch: &scratch)
            if moved != start { moves += 1 }
            kept.append((entities, arena.block, moved, text))
        }
        #expect(moves > 10)
        for (entities, block, start, text) in kept {
            let bytes = UnsafeBufferPointer(start: block.base + start, count: text.utf8.count)
            #expect(String(decoding: bytes, as: UTF8.self) == text)
            #expect(entities == EntityExtractor.entities(in: text))
            #expect(entities.isEmpty || entities.block === block)
            // The spliced URL's value, written out behind the record, reads as the URL-only path has it.
            #expect(entities.urls.map(\.value) == EntityExtractor.urls(in: text).map(\.value))
            #expect(
                entities.mentions.map(\.value)
                    == (text.hasPrefix("@")
                        ? [text.split(separator: " ")[0].dropFirst()]
                            .map(String.init) : []))
        }
    }

    /// A tweet built from a string with more entities than the room kept behind its text moves both to a block of
    /// their own, and reads back the same.
    @Test func tweetWithManyEntitiesKeepsItsText() {
        let names = (0..<12).map { "name\($0)" }
        let text = names.map { "@" + $0 }.joined(separator: " ") + " #a #b $CD https://t.co/abcdefghij done"
        let tweet = Tweet(id: TweetID(1), author: Handle("me"), text: text)
        #expect(tweet.text == text)
        #expect(tweet.entities.replyTo == names && tweet.entities.mentions.count == 12)
        #expect(tweet.entities.hashtags.map(\.value) == ["a", "b"] && tweet.entities.urls.count == 1)
        #expect(tweet.entities == EntityExtractor.entities(in: text))
    }

    /// An arena's texts are followed by zero padding, so the scanner reads their last bytes in place; the spans
    /// it finds are those found through a zero-padded copy, on texts whose last sixteen bytes hold every trigger.
    @Test(arguments: [1 as UInt64, 2])
    func paddedScanFindsWhatTheCopyFinds(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        let pieces = [
            "@alice", "#swift", "$AAPL", "https://t.co/abcdefghij", "example.com", "x.y", "a.", ".", "@",
            "＠bob", "＃tag", "日本", "hi", " ", "t.co", "😀", "&", "$", "#",
        ]
        var scratch = EntityExtractor.Scratch()
        for _ in 0..<400 {
            let text = (0..<Int.random(in: 1...8, using: &random))
                .map { _ in pieces.randomElement(using: &random)! }.joined(
                    separator: Bool.random(using: &random) ? " " : "")
            var arena = TextArena(blockSize: 64)
            let (start, count) = arena.append(text)
            let padded = EntityExtractor.entities(in: &arena, start: start, count: count, scratch: &scratch).entities
            // The same text without padding: a scanner over the string's own storage.
            var copy = text
            let unpadded: Entities = copy.withUTF8 { bytes in
                var scanner = EntityScanner(text: TextBytes(bytes), classes: ASCIIClass.lookup)
                scanner.scan()
                var arena = TextArena(blockSize: 64)
                let (start, count) = arena.append(text)
                return scanner.finishEntities(in: &arena, start: start, count: count).entities
            }
            #expect(padded == unpadded, "\(text)")
        }
    }
}
