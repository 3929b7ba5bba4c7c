import Foundation
import Testing

@testable import ReplyGraph

@Suite struct EngagementModelTests {
    static let planted: [String: Double] = [
        "intercept": 4.0, "thread_root": 0.5, "thread_length": 0.05, "thread_position": -0.1, "is_reply": -1.0,
        "promo_newsletter": -0.3, "promo_video": 0.2, "has_link": -0.2, "has_media": 0.3, "mentions": 0.1,
        "text_length_100": 0.15, "hour_06_12": 0.1, "hour_12_18": 0.25, "hour_18_24": -0.1, "tue": 0.05, "wed": 0,
        "thu": 0.1, "fri": -0.05, "sat": -0.2, "sun": -0.15, "trend_years": 0.4,
    ]

    /// A synthetic archive of about 3,000 tweets whose counts follow a known log-linear model with Gaussian noise
    /// (σ = 0.5 on the log scale); threads, replies, links, media, mentions, promotions, hours and weekdays vary
    /// independently. Seed fixed, so the outcome is deterministic.
    static func syntheticArchive(seed: UInt64 = 20_230_215) -> (
        tweets: [Tweet], threads: [TweetThread],
        promotions: [TweetID: [PromotionCategory]]
    ) {
        var rng = EngagementSeededGenerator(seed: seed)
        var tweets: [Tweet] = []
        var threads: [TweetThread] = []
        var promotions: [TweetID: [PromotionCategory]] = [:]
        var sequence = 0
        func makeTweet(ms: Int64, reply: Bool) -> Tweet {
            sequence += 1
            var text = reply ? "@friend Post" : "Post"
            let mentions = Int.random(in: 0...2, using: &rng)
            for k in 0..<mentions { text += " @user\(k)" }
            text += " " + String(repeating: "word ", count: Int.random(in: 2...50, using: &rng))
            if Bool.random(using: &rng) { text += " https://t.co/abc\(sequence)" }
            let tweet = Tweet(
                id: EngagementFixtures.id(ms: ms, sequence: sequence), author: Handle("me"), text: text,
                hasMedia: Double.random(in: 0..<1, using: &rng) < 0.3)
            let u = Double.random(in: 0..<1, using: &rng)
            if u < 0.1 { promotions[tweet.id] = [.newsletter] } else if u < 0.18 { promotions[tweet.id] = [.video] }
            return tweet
        }
        while tweets.count < 3000 {
            let day = Int64.random(in: 0..<730, using: &rng)
            let ms = EngagementFixtures.start + day * 86_400_000 + Int64.random(in: 0..<86_400_000, using: &rng)
            if Double.random(in: 0..<1, using: &rng) < 0.25 {
                let length = Int.random(in: 2...8, using: &rng)
                let members = (0..<length).map { makeTweet(ms: ms + Int64($0) * 1000, reply: false) }
                tweets += members
                threads.append(
                    TweetThread(
                        root: members[0].id, author: Handle("me"), tweets: members.map(\.id),
                        links: zip(members.dropFirst(), members).map {
                            ThreadLink(
                                from: $0.id, to: $1.id, confidence: 1, reason: ThreadLink.Reason(basis: .replyID))
                        },
                        numbering: .none, numbers: members.map { _ in nil }, confidence: 1,
                        start: members[0].createdAt, end: members.last!.createdAt))
            } else {
                tweets.append(makeTweet(ms: ms, reply: Double.random(in: 0..<1, using: &rng) < 0.15))
            }
        }
        // Counts from the planted model on the features the library computes.
        let observations = EngagementObservation.build(tweets: tweets, threads: threads, promotions: promotions)
        var counts: [TweetID: EngagementCounts] = [:]
        for o in observations {
            let eta = o.features.reduce(0) { $0 + (planted[$1.name] ?? 0) * $1.value }
            let likes = Int((exp(eta + 0.5 * rng.normal()) - 1).rounded())
            let retweets = Int((exp(eta - 1 + 0.5 * rng.normal()) - 1).rounded())
            counts[o.id] = EngagementCounts(likes: max(0, likes), retweets: max(0, retweets))
        }
        for k in tweets.indices { tweets[k].counts = counts[tweets[k].id]! }
        return (tweets, threads, promotions)
    }

    /// The fitted 95 % intervals contain the planted coefficients. With 21 coefficients and nominal 95 % coverage
    /// about one miss is expected by chance, so the documented tolerance is "at least 90 % of them" per target
    /// (retweets: intercept planted 1 lower).
    @Test func recoversPlantedCoefficients() throws {
        let data = Self.syntheticArchive()
        #expect(data.tweets.count >= 3000)
        let report = EngagementReport(tweets: data.tweets, threads: data.threads, promotions: data.promotions)
        #expect(report.countsAvailable)
        #expect(report.models.count == 2)
        for model in report.models {
            #expect(model.dropped.isEmpty, "\(model.dropped)")
            var covered = 0
            var table = "\(model.target.rawValue): n=\(model.n) R²=\(model.r2 ?? -1)\n"
            for c in model.coefficients {
                let truth =
                    (Self.planted[c.feature] ?? .nan) - (model.target == .retweets && c.feature == "intercept" ? 1 : 0)
                let ci = try #require(c.estimateCI95)
                let inside = ci[0] <= truth && truth <= ci[1]
                if inside { covered += 1 }
                table +=
                    "  \(c.feature) planted \(truth) fitted \(String(format: "%.3f [%.3f, %.3f]", c.estimate, ci[0], ci[1]))"
                    + (inside ? "" : "  MISS") + "\n"
                #expect(abs(c.estimate - truth) < 0.2, "\(c.feature)")
            }
            print(table)
            #expect(model.coefficients.count == Self.planted.count)
            #expect(
                Double(covered) >= 0.9 * Double(model.coefficients.count), "\(covered) of \(model.coefficients.count)")
            let significant = Set(model.coefficients.filter(\.significant).map(\.feature))
            #expect(significant.isSuperset(of: ["thread_root", "is_reply", "has_media", "trend_years", "hour_12_18"]))
        }
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(json.contains("\"counts_available\":true"))
        #expect(json.contains("\"std_error\""))
        #expect(report.summary.contains("significant"))
        print(report.summary)
    }

    @Test func hc1StandardErrorsAreClose() throws {
        let data = Self.syntheticArchive(seed: 7)
        let obs = EngagementObservation.build(tweets: data.tweets, threads: data.threads, promotions: data.promotions)
        let classical = try EngagementModel.fit(obs, target: .likes).get()
        let robust = try EngagementModel.fit(obs, target: .likes, covariance: .hc1).get()
        for (a, b) in zip(classical.coefficients, robust.coefficients) {
            #expect(a.estimate == b.estimate)
            let ratio = try #require(b.stdError) / #require(a.stdError)
            #expect(ratio > 0.8 && ratio < 1.25, "\(a.feature) \(ratio)")
        }
    }

    @Test(arguments: [
        (0.975, 10.0, 2.228138851986), (0.975, 1.0, 12.706204736174), (0.95, 5.0, 2.015048372669),
        (0.975, 1_000_000.0, 1.959966), (0.025, 3.0, -3.182446305284), (0.995, 30.0, 2.749995653567),
    ])
    func tQuantileMatchesTables(p: Double, df: Double, expected: Double) {
        #expect(abs(StudentT.quantile(p, degreesOfFreedom: df) - expected) < 1e-6)
        #expect(abs(StudentT.cdf(expected, degreesOfFreedom: df) - p) < 1e-6)
    }

    @Test func leastSquaresSolvesAndDropsCollinearColumns() {
        let x1: [Double] = [1, 2, 3, 4, 5]
        let fit = LeastSquares.fit(columns: [[1, 1, 1, 1, 1], x1, x1.map { 2 * $0 + 1 }], y: [3, 5, 7, 9, 11])
        #expect(fit.kept == [0, 1])
        #expect(fit.dropped.count == 1)
        #expect(fit.dropped.first?.column == 2)
        #expect(fit.dropped.first?.explainedBy == [0, 1])
        #expect(abs(fit.coefficients[0] - 1) < 1e-12 && abs(fit.coefficients[1] - 2) < 1e-12)
        #expect(fit.residuals.allSatisfy { abs($0) < 1e-12 })
    }
}
