import Testing
@testable import TweetArchive

@Suite struct TwintTextReaderTests {
    @Test func readsTheBundledSample() throws {
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        #expect(archive.tweets.count == 2073)
        #expect(archive.inputs.first?.format == .twintText)
        #expect(archive.ignored == 3)  // the three scraper log lines at the end
        #expect(archive.skipped.isEmpty)
        #expect(archive.tweets.allSatisfy { $0.author == Handle("AlexXuByte") })
        // The sample's stated times are UTC: no clock offset.
        #expect(archive.inputs.first?.clockOffsetSeconds == 0)
        let first = try #require(archive[TweetID(1625536625030885377)])
        #expect(first.text.hasPrefix("/1 What are the common load-balancing algorithms?"))
        #expect(first.createdAt.iso8601 == "2023-02-14T16:45:07.074Z")
    }

    @Test func normalisesTwintText() throws {
        let line = "1625899017673793541 2023-02-15 16:45:08 +0100 <Bob> @alice Read:  https://t.co/x &amp; &lt;b&gt;"
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
        #expect(archive.skipped == ["bad-id": 1, "bad-date": 1, "unclosed-username": 1])
        #expect(archive.ignored == 1)
        #expect(archive.issues.map(\.description).first == "bad.txt:2: bad-id: 16258990x7673793541 2023-02-15 16:45:08 +0000 <bob> bad id")
        #expect(throws: ArchiveError.self) {
            try ArchiveReader(options: .init(strict: true)).read(bytes: Array(text.utf8), name: "bad.txt")
        }
    }
}
