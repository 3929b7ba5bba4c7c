import Foundation
import Testing

@testable import ReplyGraph

@Suite struct EngagementReportTests {
    typealias F = EngagementFixtures

    static func json(_ report: EngagementReport) throws -> String {
        // JSONEncoder throws on NaN or infinity, so encoding is itself the "no NaN/inf" check.
        String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
    }

    @Test func sampleArchiveSaysCountsAreNeeded() throws {
        let graph = ReplyGraph(PromotionFixtures.archive)
        let report = EngagementReport(graph: graph)
        #expect(report.countsAvailable == false)
        #expect(report.countsReason?.contains("needs counts") == true)
        #expect(report.models.isEmpty)
        #expect(report.unavailable.count == 2)
        let c = report.conversation
        #expect(c.account == "alexxubyte")
        #expect(c.tweets == 2073)
        #expect(c.replies > 100 && c.replies < c.tweets)
        #expect(c.distinctUsersEngaged > 50)
        #expect(c.inboundObservable == false && c.reciprocityShare == nil)
        #expect(c.burstCount > 0 && c.longestBurst >= 2)
        #expect(c.byQuarter.count >= 8)
        #expect(c.byQuarter.allSatisfy { $0.users.count <= 5 })
        let json = try Self.json(report)
        #expect(json.contains("\"counts_available\":false"))
        #expect(report.summary.contains("not available"))
    }

    @Test func allZeroCountsAreReportedNotModelled() throws {
        let tweets = (0..<20).map {
            F.tweet("Post \($0) https://t.co/x", ms: F.start + Int64($0) * 3_600_000, likes: 0, retweets: 0)
        }
        let report = EngagementReport(tweets: tweets, threads: [], promotions: [:])
        #expect(report.countsAvailable)
        #expect(report.models.isEmpty)
        #expect(
            report.unavailable.map(\.reason) == [
                "likes is 0 for all 20 tweets: a constant cannot be explained",
                "retweets is 0 for all 20 tweets: a constant cannot be explained",
            ])
        #expect(report.countsReason != nil)
        _ = try Self.json(report)
    }

    @Test func emptyInputIsAPlainReport() throws {
        let report = EngagementReport(tweets: [], threads: [], promotions: [:])
        #expect(!report.countsAvailable && report.countsReason == "the archive has no tweets to model")
        #expect(report.conversation.tweets == 0 && report.conversation.replyShare == 0)
        #expect(report.classes.allSatisfy { $0.n == 0 && $0.likesMedian == nil })
        _ = try Self.json(report)
        let promotions = PromotionReport(tweets: [], threads: [])
        #expect(promotions.tweets.isEmpty && promotions.schedule.slots.isEmpty && promotions.byMonth.isEmpty)
        #expect(promotions.links.note == "the archive has no links")
        _ = try JSONEncoder().encode(promotions)
    }

    @Test func singleTweetCannotBeModelled() throws {
        let report = EngagementReport(
            tweets: [F.tweet("Hello", ms: F.start, likes: 5, retweets: 1)], threads: [],
            promotions: [:])
        #expect(report.models.isEmpty)
        #expect(report.unavailable.count == 2)
        #expect(report.classes.first { $0.name == "single" }?.likesMedian == 5)
        _ = try Self.json(report)
    }

    @Test func tooFewTweetsGiveEstimatesWithoutIntervals() throws {
        let tweets = [
            F.tweet("Hello", ms: F.start, likes: 5, retweets: 1),
            F.tweet("Hello there, a longer one", ms: F.start + 86_400_000, likes: 9, retweets: 3),
        ]
        let report = EngagementReport(tweets: tweets, threads: [], promotions: [:])
        let model = try #require(report.models.first)
        #expect(model.degreesOfFreedom == 0)
        #expect(model.coefficients.allSatisfy { $0.stdError == nil && $0.ci95 == nil && !$0.significant })
        #expect(model.notes.first?.contains("no residual degrees of freedom") == true)
        #expect(!model.dropped.isEmpty)
        _ = try Self.json(report)
    }

    @Test func constantAndCollinearFeaturesAreDroppedWithReasons() throws {
        var rng = EngagementSeededGenerator(seed: 11)
        // No links anywhere (constant); media exactly when a mention is present (collinear with mentions);
        // no promotions (no promo dummies at all).
        let tweets = (0..<200).map { k -> Tweet in
            let mention = Bool.random(using: &rng)
            return F.tweet(
                "Post \(k)" + (mention ? " cc @pal" : ""), ms: F.start + Int64(k) * 7_200_000, sequence: k,
                likes: Int.random(in: 0...100, using: &rng), retweets: Int.random(in: 0...10, using: &rng),
                media: mention)
        }
        let report = EngagementReport(tweets: tweets, threads: [], promotions: [:])
        let model = try #require(report.models.first { $0.target == .likes })
        let dropped = Dictionary(uniqueKeysWithValues: model.dropped.map { ($0.feature, $0.reason) })
        #expect(dropped["has_link"] == "constant (0 for every tweet)")
        #expect(dropped["thread_root"] == "constant (0 for every tweet)")
        #expect(dropped["mentions"]?.hasPrefix("collinear with") == true && dropped["mentions"]!.contains("has_media"))
        #expect(!model.coefficients.contains { $0.feature.hasPrefix("promo_") })
        #expect(model.coefficients.allSatisfy { $0.estimate.isFinite && ($0.stdError?.isFinite ?? false) })
        let promotional = try #require(report.classes.first { $0.name == "promotional" })
        #expect(promotional.n == 0 && promotional.likesMean == nil)
        let json = try Self.json(report)
        #expect(json.contains("\"dropped\""))
        #expect(model.summary.contains("dropped has_link"))
    }

    @Test func conversationMeasuresReciprocityAndBursts() {
        let t0 = F.start
        let tweets = [
            F.tweet("@ann thanks!", ms: t0, sequence: 1),
            F.tweet("@bob agreed", ms: t0 + 60_000, sequence: 2),
            F.tweet("@ann sure", ms: t0 + 120_000, sequence: 3),
            F.tweet("New post, cc @carl", ms: t0 + 86_400_000, sequence: 4),
            F.tweet("@dan later reply", ms: t0 + 100 * 86_400_000, sequence: 5),
            F.tweet("@me great post", ms: t0 + 30_000, sequence: 6, author: "ann"),
            F.tweet("@me @ann hi", ms: t0 + 90_000, sequence: 7, author: "zed"),
        ]
        let c = ConversationEngagement(tweets: tweets, account: Handle("me"))
        #expect(c.tweets == 5 && c.replies == 4)
        #expect(abs(c.replyShare - 0.8) < 1e-12)
        #expect(c.distinctUsersEngaged == 4) // ann, bob, carl, dan
        #expect(c.reciprocatedUsers == 1) // ann replied; zed was never engaged
        #expect(c.reciprocityShare == 0.25)
        #expect(c.burstCount == 1 && c.longestBurst == 3)
        #expect(c.topBursts.first?.users == 2)
        #expect(c.topUsers.first?.user == "ann" && c.topUsers.first?.repliesTo == 2)
        #expect(c.byQuarter.map(\.quarter) == ["2021-Q1", "2021-Q2"])
        #expect(c.byQuarter.first?.users.first?.user == "ann")
    }
}
