import Foundation
import Testing

@testable import ReplyGraph

@Suite struct PromotionDetectorTests {
    /// Per-category precision and recall of the built-in rules on the visible hand labels (tweets before
    /// 2022-07-01); fails below 0.95.
    @Test func meetsPrecisionAndRecallOnVisibleLabels() throws {
        let detector = PromotionDetector()
        let labels = PromotionFixtures.labels
        #expect(labels.count == 831)
        var tp: [String: Int] = [:]
        var fp: [String: Int] = [:]
        var fn: [String: Int] = [:]
        var errors: [String] = []
        for tweet in PromotionFixtures.archive.tweets {
            guard let gold = labels[tweet.id] else { continue }
            let predicted = Set(detector.classify(tweet).categories.map(\.rawValue))
            for category in gold.union(predicted) {
                switch (gold.contains(category), predicted.contains(category)) {
                case (true, true): tp[category, default: 0] += 1
                case (false, true):
                    fp[category, default: 0] += 1
                    errors.append("FP \(category) \(tweet.id): \(tweet.text.prefix(90))")
                case (true, false):
                    fn[category, default: 0] += 1
                    errors.append("FN \(category) \(tweet.id): \(tweet.text.prefix(90))")
                default: break
                }
            }
        }
        var table = "category             n   tp  fp  fn  precision  recall\n"
        for category in PromotionCategory.builtIn.map(\.rawValue) {
            let t = tp[category, default: 0]
            let f = fp[category, default: 0]
            let m = fn[category, default: 0]
            let precision = t + f == 0 ? 1 : Double(t) / Double(t + f)
            let recall = t + m == 0 ? 1 : Double(t) / Double(t + m)
            table +=
                category.padding(toLength: 20, withPad: " ", startingAt: 0)
                + [t + m, t, f, m].map { String($0).leftPadded(4) }.joined()
                + String(format: "  %9.3f  %6.3f\n", precision, recall)
            #expect(precision >= 0.95, "precision of \(category) is \(precision)")
            #expect(recall >= 0.95, "recall of \(category) is \(recall)")
            #expect(t + m > 0, "no labelled \(category) tweets")
        }
        print(table + errors.joined(separator: "\n"))
    }

    @Test(arguments: [
        ("Subscribe to our weekly free newsletter to learn something new every week: https://t.co/x", ["newsletter"]),
        (
            "/7 I hope you've found this thread helpful. Follow me @someone for more. Like/Retweet the first tweet below if you can:",
            ["follow_retweet"]
        ),
        (
            "What is CI/CD? In this video, we will talk about: - How it works. Watch and subscribe here: https://t.co/x",
            ["video"]
        ),
        ("*BIG* announcement: My new book, Machine Learning System Design Interview, is available!", ["book"]),
        ("BLACK FRIDAY SALE: use code BF2022 at checkout for 30% off our online course.", ["course_or_product"]),
        ("Next week, we will cover: 🔹 Kafka 🔹 Redis", ["next_week_preview"]),
        // Not self-promotion: thanks, support replies, other people's products, topical mentions.
        ("@someone Thank you! Glad to hear my book was helpful.", []),
        ("@someone I'm a fan of your LinkedIn course as well! Took it a while ago.", []),
        ("Which protocol does Zoom use for video streaming, TCP or UDP?", []),
        ("DNS acts as an address book. It translates domain names to IP addresses.", []),
        ("Congratulations to @friend on the new newsletter!", []),
    ])
    func classifiesHandMadeTweets(text: String, expected: [String]) {
        let decision = PromotionDetector().classify(PromotionFixtures.tweet(text))
        #expect(decision.categories.map(\.rawValue).sorted() == expected.sorted(), "\(text)")
        for evidence in decision.evidence {
            #expect(text.unicodeScalars.count > evidence.offset)
            #expect((0...1).contains(evidence.relativePosition))
            #expect(!evidence.match.isEmpty)
        }
    }

    @Test func retweetsAreNotSelfPromotion() {
        let tweet = PromotionFixtures.tweet("RT @other: Subscribe to our newsletter: https://t.co/x")
        #expect(tweet.isRetweet)
        #expect(PromotionDetector().classify(tweet).categories.isEmpty)
    }

    @Test func evidenceLocatesTheMatch() throws {
        let text = "Great post. Subscribe to our newsletter: https://t.co/x"
        let decision = PromotionDetector().classify(PromotionFixtures.tweet(text))
        let evidence = try #require(decision.evidence.first)
        #expect(evidence.category == .newsletter)
        #expect(evidence.offset == 12)
        #expect(evidence.match.hasPrefix("Subscribe"))
    }

    @Test func styledLettersAreFoldedOnRequest() {
        let tweet = PromotionFixtures.tweet("𝐒𝐮𝐛𝐬𝐜𝐫𝐢𝐛𝐞 𝐭𝐨 𝐨𝐮𝐫 𝐧𝐞𝐰𝐬𝐥𝐞𝐭𝐭𝐞𝐫")
        #expect(PromotionDetector().classify(tweet).categories.isEmpty)
        #expect(PromotionDetector(foldStyledLetters: true).classify(tweet).categories == [.newsletter])
    }

    @Test func encodesIdsAsStrings() throws {
        let decision = PromotionDetector().classify(
            PromotionFixtures.tweet(
                "Subscribe to our newsletter",
                id: 1_625_536_706_027_061_253))
        let json = String(decoding: try JSONEncoder().encode(decision), as: UTF8.self)
        #expect(json.contains("\"id\":\"1625536706027061253\""))
        #expect(json.contains("\"relative_position\""))
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
