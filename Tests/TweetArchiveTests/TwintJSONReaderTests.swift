import Testing

@testable import TweetArchive

@Suite struct TwintJSONReaderTests {
    @Test func readsThePreOctober2020Shape() throws {
        let archive = try ArchiveReader().read(paths: [try ReaderFixture.path("twint-json/pre-2020-10.jsonl")])
        #expect(archive.inputs.first?.format == .twintJSON)
        #expect(archive.tweets.count == 4)
        #expect(archive.issues.isEmpty)
        // 1219369087923126273 is odd and above 2^53: a Double would have rounded it.
        let post = try #require(archive[TweetID(1_219_369_087_923_126_273)])
        #expect(post.author == Handle("alice"))
        #expect(post.authorID == 14_327_235)
        #expect(post.text == "New post on caching & queues: https://t.co/AbCdEf1234 pic.twitter.com/XyZ123")
        #expect(post.statedTime?.iso8601 == "2020-01-20T21:20:20.000Z") // 22:20:20 CET, offset from `timezone`
        #expect(post.createdAt == post.statedTime)
        #expect(post.counts == EngagementCounts(likes: 17, retweets: 5, replies: 2))
        #expect(post.hasMedia == true)
        #expect(post.inReplyToUser == nil) // the old reply_to lists only the author itself
        #expect(post.isRetweet == false)

        let reply = try #require(archive[TweetID(1_219_370_266_522_550_275)])
        #expect(reply.inReplyToUser == Handle("bob")) // the author's own entry comes first and is passed over
        #expect(reply.replyHandles == [Handle("bob"), Handle("carol")])
        #expect(reply.conversationID == TweetID(1_219_363_970_872_246_281))

        let quote = try #require(archive[TweetID(1_219_530_065_310_646_277)])
        #expect(quote.quotedID == TweetID(1_211_980_318_110_646_283))
        #expect(archive.externalTweets[TweetID(1_211_980_318_110_646_283)]?.author == Handle("dave"))

        let retweet = try #require(archive[TweetID(1_219_552_714_552_246_279)])
        #expect(retweet.isRetweet)
        #expect(retweet.retweetedID == TweetID(1_218_835_488_568_246_285))
        #expect(
            archive.externalTweets[TweetID(1_218_835_488_568_246_285)]
                == ExternalTweet(
                    id: TweetID(1_218_835_488_568_246_285), author: Handle("dave")))
        #expect(archive.inputs.first?.clockOffsetSeconds == 0)
    }

    @Test func readsThePostOctober2020Shape() throws {
        let archive = try ArchiveReader().read(paths: [try ReaderFixture.path("twint-json/post-2020-10.jsonl")])
        #expect(archive.tweets.count == 2)
        #expect(archive.issues.isEmpty)
        let reply = try #require(archive[TweetID(1_408_876_827_505_590_273)])
        #expect(reply.author.display == "Erin_Dev")
        #expect(reply.authorID == 1_352_661_060_663_336_960)
        #expect(reply.inReplyToUser?.display == "Bob_B")
        #expect(reply.conversationID == TweetID(1_408_875_208_504_246_274))
        #expect(reply.statedTime?.iso8601 == "2021-06-26T19:56:26.000Z")
        #expect(reply.language == "en")
        #expect(reply.hasMedia == true) // video: 1
        #expect(reply.text == "@Bob_B yes, see the clip https://t.co/VvVvVvVvVv")
        // An id, counts and user id written as strings; an unknown nested key ignored.
        let second = try #require(archive[TweetID(1_409_043_819_525_046_275)])
        #expect(second.text == "Grüße aus Köln 🚀 #travel")
        #expect(second.counts == EngagementCounts(likes: 12, retweets: 1, replies: 3))
        #expect(second.hasMedia == false)
        #expect(second.inReplyToUser == nil)
    }

    @Test func readsTheBenchmarkGeneratorsJSONLines() throws {
        // gen_corpus.py --tweets 200 --authors 5 --seed 3 --format jsonl: created_at in ms, reply_to objects.
        let archive = try ArchiveReader().read(paths: [try ReaderFixture.path("twint-json/generated-200.jsonl")])
        #expect(archive.tweets.count == 200)
        #expect(archive.issues.isEmpty)
        #expect(Set(archive.tweets.map(\.author)).count == 5)
        #expect(archive.tweets.filter { $0.inReplyToUser != nil }.count == 39)
        #expect(archive.inputs.first?.clockOffsetSeconds == 0)
        let first = try #require(archive[TweetID(1_625_899_135_527_813_319)])
        #expect(first.author == Handle("leolam"))
        #expect(first.counts == EngagementCounts(likes: 1015, retweets: 48, replies: 37))
        #expect(first.statedTime?.milliseconds == 1_676_479_536_312)
        #expect(first.createdAt == first.statedTime)
    }

    @Test(
        arguments: [
            ("2021-06-26 19:56:26 UTC", nil, "2021-06-26T19:56:26.000Z"),
            ("2021-06-26 21:56:26 CEST", 7200, "2021-06-26T19:56:26.000Z"),
            ("2021-06-26 21:56:26 +0200", nil, "2021-06-26T19:56:26.000Z"),
            ("2021-06-26 19:56:26", nil, "2021-06-26T19:56:26.000Z"),
        ] as [(String, Int?, String)])
    func parsesTwintDates(text: String, fallback: Int?, expected: String) {
        #expect(StatedDate.twint(text, fallbackOffset: fallback)?.iso8601 == expected)
    }

    @Test(arguments: ["2021-06-26", "2021-02-30 10:00:00 UTC", "2021-06-26 19:56:26 +99", "yesterday"])
    func rejectsBadTwintDates(text: String) {
        #expect(StatedDate.twint(text) == nil)
    }
}
