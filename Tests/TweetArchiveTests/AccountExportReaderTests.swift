import Foundation
import Testing

@testable import TweetArchive

@Suite struct AccountExportReaderTests {
    @Test func reads2019StyleBareObjects() throws {
        let archive = try ArchiveReader().read(paths: [try ReaderFixture.path("account-export/tweet.js")])
        #expect(archive.inputs.first?.format == .accountExport)
        #expect(archive.tweets.count == 3)
        #expect(archive.issues.isEmpty)
        #expect(archive.tweets.allSatisfy { $0.author == Handle("owner") })
        let first = try #require(archive[TweetID(1_102_435_025_548_214_273)])
        #expect(first.text == "Shipping the new cache layer today & tomorrow")
        #expect(first.statedTime?.iso8601 == "2019-03-04T05:06:07.000Z")
        #expect(first.createdAt == first.statedTime)
        #expect(first.counts == EngagementCounts(likes: 12, retweets: 3))
        #expect(first.hasMedia == true)
        #expect(first.language == "en")
        let reply = try #require(archive[TweetID(1_102_871_371_576_246_274)])
        #expect(reply.inReplyToID == TweetID(1_102_856_272_081_846_276))
        #expect(reply.inReplyToUser == Handle("carol"))
        #expect(reply.hasMedia == false)
        #expect(archive.externalTweets[TweetID(1_102_856_272_081_846_276)]?.author == Handle("carol"))
        let retweet = try #require(archive[TweetID(1_103_248_858_936_246_275)])
        #expect(retweet.isRetweet)
        #expect(retweet.retweetedID == nil)
    }

    @Test func reads2021StyleWrappedObjectsWithTrailingSemicolon() throws {
        let options = ArchiveReader.Options(exportOwner: Handle("Me_Myself"))
        let archive = try ArchiveReader(options: options).read(paths: [
            try ReaderFixture.path("account-export/tweets.js")
        ])
        #expect(archive.tweets.count == 4)
        #expect(archive.issues.isEmpty)
        #expect(archive.tweets.allSatisfy { $0.author.display == "Me_Myself" })
        let hello = try #require(archive[TweetID(1_220_108_963_148_726_273)])
        #expect(hello.text == "Hello, world 👋 <3")
        #expect(hello.statedTime?.iso8601 == "2020-01-22T22:20:20.000Z")
        #expect(hello.counts == EngagementCounts(likes: 42, retweets: 4))
        let reply = try #require(archive[TweetID(1_356_150_290_641_846_274)])
        #expect(reply.inReplyToID == TweetID(1_356_142_740_894_646_277))
        #expect(reply.inReplyToUser?.display == "Bob_B")
        #expect(reply.replyHandles == [Handle("Bob_B"), Handle("carol")])
        #expect(archive[TweetID(1_356_531_552_875_446_275)]?.isRetweet == true)
        #expect(archive[TweetID(1_356_935_464_350_646_276)]?.quotedID == TweetID(1_350_050_094_904_246_278))
    }

    /// The tweetback site generator saves `tweets.js` as `module.exports = [ ... ]`; it reads like the original.
    @Test func readsTheModuleExportsForm() throws {
        let options = ArchiveReader.Options(exportOwner: Handle("Me_Myself"))
        let reader = ArchiveReader(options: options)
        let path = try ReaderFixture.path("account-export/tweets.js")
        let original = try reader.read(paths: [path])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let prefix = "window.YTD.tweets.part0 = ["
        #expect(text.hasPrefix(prefix))
        let copy = try reader.read(
            bytes: Array(("module.exports = [" + text.dropFirst(prefix.count)).utf8),
            name: "tweets.js")
        #expect(copy.inputs.first?.format == .accountExport)
        #expect(copy.issues.isEmpty)
        #expect(copy.tweets.map(\.id) == original.tweets.map(\.id))
        #expect(copy.tweets.map(\.text) == original.tweets.map(\.text))
    }

    @Test func readsALaterPart() throws {
        let archive = try ArchiveReader().read(paths: [try ReaderFixture.path("account-export/tweets-part1.js")])
        #expect(archive.tweets.map(\.id) == [TweetID(1_220_108_963_148_726_273), TweetID(1_366_176_359_117_750_279)])
    }

    @Test func reportsBrokenElementsAtTheLineWhereTheyStart() throws {
        let path = try ReaderFixture.path("malformed/tweets-broken.js")
        let archive = try ArchiveReader().read(paths: [path])
        #expect(archive.tweets.map(\.text) == ["ok", "a } brace, a \" quote and a { in a string"])
        #expect(archive.skipped == [.badJSON: 1, .missingID: 1, .badDate: 1, .unexpectedText: 1])
        #expect(
            archive.issues.map(\.description) == [
                "\(path):3: bad-json: line 5 column 5: expected ',' or '}'",
                "\(path):6: missing-id",
                "\(path):8: bad-date: tweet 1220108963148726275: Someday",
                "\(path):10: unexpected-text: }, garbage",
            ])
    }

    @Test func truncatedExportAndOverlongElement() throws {
        let truncated = "window.YTD.tweets.part0 = [ {\n  \"tweet\" : { \"id_str\" : \"1220108963148726273\",\n"
        let archive = try ArchiveReader().read(bytes: Array(truncated.utf8), name: "tweets.js")
        #expect(archive.tweets.isEmpty)
        #expect(archive.issues.map(\.description) == ["tweets.js:1: truncated: the file ends inside this element"])

        // An element of 20 short lines, longer in all than the limit though each line is within it.
        let big =
            "window.YTD.tweets.part0 = [ { \"tweet\" : {\n"
            + String(repeating: "  \"source\" : \"xxxxxxxxxxxxxxxxxxxx\",\n", count: 20)
            + "\"id_str\" : \"1\", \"full_text\" : \"big\" } },\n{ \"id_str\" : \"2\", \"full_text\" : \"small\" } ]"
        let small = try ArchiveReader(options: .init(maxLineLength: 200)).read(bytes: Array(big.utf8), name: "t.js")
        #expect(small.tweets.map(\.text) == ["small"])
        #expect(small.issues.map(\.description) == ["t.js:1: element-too-long: longer than 200 bytes"])
    }

    @Test(arguments: [
        ("Wed Jan 22 22:20:20 +0000 2020", "2020-01-22T22:20:20.000Z"),
        ("Sat Feb 29 23:59:59 -0130 2020", "2020-03-01T01:29:59.000Z"),
    ])
    func parsesExportDates(text: String, expected: String) {
        #expect(StatedDate.export(text)?.iso8601 == expected)
    }
}
