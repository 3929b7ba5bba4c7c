import Foundation
import Testing

@testable import TweetArchive

/// Tweet texts live in shared blocks written by the readers; these check that what comes back out is what went
/// in, wherever a block boundary falls, and that tweets compare by their texts' bytes.
@Suite struct TweetTextTests {
    private func read(_ text: String) throws -> Archive {
        try ArchiveReader().read(bytes: Array(text.utf8), name: "t.txt")
    }

    @Test func readerTextsMatchTheirBytesAndAHandBuiltTweet() throws {
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        #expect(archive.tweets.count == 2_073)
        for tweet in archive.tweets {
            let bytes = tweet.withUTF8Text { Array($0) }
            #expect(bytes == Array(tweet.text.utf8))
            #expect(tweet.textUTF8Count == bytes.count)
            // The same tweet built through the public initialiser (its own block) is equal and hashes alike.
            let copy = Tweet(
                id: tweet.id, author: tweet.author, statedTime: tweet.statedTime, text: tweet.text,
                counts: tweet.counts, hasMedia: tweet.hasMedia)
            #expect(copy == tweet)
            #expect(copy.hashValue == tweet.hashValue)
            #expect(copy.entities == tweet.entities)
        }
    }

    @Test func textsLargerThanWhatABlockHasLeftStartANewBlock() throws {
        // Three texts of 600 KB: the second does not fit behind the first in a 1 MiB block.
        let bodies = ["a", "b", "c"].map { String(repeating: "\($0)x ", count: 200_000) }
        let lines = bodies.enumerated().map { k, body in
            "\(1_600_000_000_000_000_000 + k) 2023-01-01 00:00:0\(k) +0000 <u> \(body)"
        }
        let archive = try read(lines.joined(separator: "\n"))
        // Compared as lengths and checksums: a failure should not print 1.8 MB of text.
        let texts = archive.tweets.map(\.text)
        #expect(texts.map(\.utf8.count) == bodies.map(\.utf8.count))
        #expect(texts.map { $0.hashValue } == bodies.map { $0.hashValue })
    }

    @Test func invalidUTF8IsRepairedInTheBlock() throws {
        var bytes = Array("1600000000000000000 2023-01-01 00:00:00 +0000 <u> caf".utf8)
        bytes += [0xC3, 0x28] + Array(" ok".utf8)
        let archive = try ArchiveReader().read(bytes: bytes, name: "bad.txt")
        #expect(archive.tweets.map(\.text) == ["caf\u{FFFD}( ok"])
        #expect(archive.inputs[0].invalidUTF8Lines == 1)
    }

    @Test func settingTheTextReplacesItAndTweetsCompareByBytes() throws {
        var tweet = try #require(try read("1600000000000000000 2023-01-01 00:00:00 +0000 <u> hello").tweets.first)
        let original = tweet
        tweet.text = "hello"
        #expect(tweet == original) // same bytes, different blocks
        tweet.text = "hello!"
        #expect(tweet != original)
        #expect(tweet.withUTF8Text { String(decoding: $0, as: UTF8.self) } == "hello!")
        // Canonically equivalent but different bytes (é precomposed vs e + combining accent) are different texts.
        let a = Tweet(id: TweetID(1), author: Handle("u"), text: "caf\u{E9}")
        let b = Tweet(id: TweetID(1), author: Handle("u"), text: "cafe\u{301}")
        #expect(a != b)
    }
}
