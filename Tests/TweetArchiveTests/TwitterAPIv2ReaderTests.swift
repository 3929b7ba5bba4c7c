import Testing

@testable import TweetArchive

@Suite struct TwitterAPIv2ReaderTests {
    /// The counts twarc2/README.md states: tweets, distinct authors, replies with a parent id.
    @Test(arguments: [("flat.jsonl", 100, 96, 31), ("noflat.jsonl", 100, 96, 31), ("withheld.jsonl", 215, 107, 62)])
    func matchesTheREADMECounts(file: String, tweets: Int, authors: Int, replies: Int) throws {
        let archive = try ArchiveReader().read(paths: [try ReaderFixture.path("twarc2/\(file)")])
        #expect(archive.inputs.first?.format == .twitterAPIv2)
        #expect(archive.tweets.count == tweets)
        #expect(Set(archive.tweets.map(\.author)).count == authors)
        #expect(archive.tweets.filter { $0.inReplyToID != nil }.count == replies)
        #expect(archive.issues.isEmpty)
        #expect(archive.duplicates == 0)
    }

    @Test func flatAndRawPagesGiveTheSameTweets() throws {
        let flat = try ArchiveReader().read(paths: [try ReaderFixture.path("twarc2/flat.jsonl")])
        let raw = try ArchiveReader().read(paths: [try ReaderFixture.path("twarc2/noflat.jsonl")])
        #expect(flat.tweets.map(\.id) == raw.tweets.map(\.id))
        #expect(flat.tweets == raw.tweets)
        // Every referenced tweet not in the archive is an external tweet, in both shapes.
        #expect(Set(flat.externalTweets.keys) == Set(raw.externalTweets.keys))
    }

    @Test func mapsTheFieldsOfOneRetweet() throws {
        let archive = try ArchiveReader().read(paths: [try ReaderFixture.path("twarc2/noflat.jsonl")])
        let retweet = try #require(archive[TweetID(1_380_242_611_781_386_245)])
        #expect(retweet.author.display == "Alexandravm12")
        #expect(retweet.authorID == 1_352_661_060_663_336_960)
        #expect(retweet.isRetweet)
        #expect(retweet.retweetedID == TweetID(1_380_175_475_545_362_437))
        #expect(retweet.language == "es")
        #expect(retweet.counts == EngagementCounts(likes: 0, retweets: 410, replies: 0, quotes: 0))
        #expect(retweet.statedTime?.iso8601 == "2021-04-08T19:34:16.000Z")
        #expect(retweet.createdAt.iso8601 == "2021-04-08T19:34:16.973Z") // the snowflake has milliseconds
        let original = try #require(archive.externalTweets[TweetID(1_380_175_475_545_362_437)])
        #expect(original.author?.display == "williamserafino")
        #expect(original.text?.hasPrefix("De manera simultánea") == true)
    }

    @Test func readsHandMadeEdgeCases() throws {
        let path = try ReaderFixture.path("malformed/twarc2-edge.jsonl")
        let archive = try ArchiveReader().read(paths: [path])
        #expect(archive.tweets.count == 3)
        #expect(archive.duplicates == 1)
        #expect(archive.ignored == 2) // an empty page and an error-only page
        #expect(archive.skipped == [.missingAuthor: 1, .missingText: 1, .badDate: 1, .badJSON: 1])
        #expect(
            archive.issues.map(\.description) == [
                "\(path):4: missing-author: tweet 1408876827505590275",
                "\(path):5: missing-text: tweet 1408876827505590276",
                "\(path):6: bad-date: tweet 1408876827505590277: yesterday",
                "\(path):8: bad-json: column 1: unexpected character",
            ])
        let flat = try #require(archive[TweetID(1_408_876_827_505_590_273)])
        #expect(flat.text == "hi & bye")
        #expect(flat.counts == EngagementCounts(likes: 3, retweets: 1, replies: 2, quotes: 4, impressions: 500))
        #expect(flat.hasMedia == true)
        let reply = try #require(archive[TweetID(1_408_876_827_505_590_274)])
        #expect(reply.author.display == "Ben")
        #expect(reply.inReplyToID == TweetID(1_408_876_827_505_590_282))
        #expect(reply.inReplyToUser == Handle("zed"))
        #expect(reply.quotedID == TweetID(1_408_876_827_505_590_283))
        // The parent is absent everywhere: known by id only. The quoted tweet is in includes.tweets.
        #expect(
            archive.externalTweets[TweetID(1_408_876_827_505_590_282)]
                == ExternalTweet(id: TweetID(1_408_876_827_505_590_282)))
        #expect(
            archive.externalTweets[TweetID(1_408_876_827_505_590_283)]
                == ExternalTweet(
                    id: TweetID(1_408_876_827_505_590_283), author: Handle("zed"), text: "the quoted one > all"))
        // An author missing from includes keeps the tweet under a placeholder handle.
        #expect(archive[TweetID(1_408_876_827_505_590_278)]?.author.display == "id:424242")
    }

    @Test(arguments: [
        ("2021-06-26T19:56:26.000Z", "2021-06-26T19:56:26.000Z"),
        ("2021-06-26T19:56:26Z", "2021-06-26T19:56:26.000Z"),
        ("2021-06-26T21:56:26.5+02:00", "2021-06-26T19:56:26.500Z"),
    ])
    func parsesISO8601(text: String, expected: String) {
        #expect(StatedDate.iso8601(text)?.iso8601 == expected)
    }
}
