import Foundation
import Testing

@testable import ReplyGraph

@Suite struct PromotionTemplatesTests {
    @Test(arguments: [
        ("𝐒𝐮𝐛𝐬𝐜𝐫𝐢𝐛𝐞 to our 𝐰𝐞𝐞𝐤𝐥𝐲 newsletter: https://t.co/dkjDPxrTOt 🚀", "subscribe to our weekly newsletter <url>"),
        (
            "/7 I hope you've found this thread helpful. Follow me @alexxubyte",
            "<num> i hope you've found this thread helpful follow me <user>"
        ),
        ("Now 26,326 subscribers (33% off) 𝟏𝟎𝟎k", "now <num> subscribers <num> off <num> k"),
        ("I’d appreciate a RT 🙏 — https://bytebytego.com/x?y=1", "i'd appreciate a rt <url>"),
        ("𝘩𝘢𝘴𝘩( 𝘱𝘢𝘴𝘴𝘸𝘰𝘳𝘥 + 𝘴𝘢𝘭𝘵) 𝙼𝚘𝚗𝚘", "hash password salt mono"),
        ("", ""),
    ])
    func normalises(text: String, expected: String) {
        #expect(PromotionTemplates.normalize(text) == expected)
    }

    @Test func jaccardOfShingles() {
        let a = PromotionTemplates.shingles(["a", "b", "c", "d"])
        let b = PromotionTemplates.shingles(["a", "b", "c", "e"])
        #expect(a == ["a b c", "b c d"])
        #expect(PromotionTemplates.jaccard(a, b) == 1.0 / 3.0)
        #expect(PromotionTemplates.shingles(["x", "y"]) == ["x y"])
        #expect(PromotionTemplates.jaccard([], []) == 1)
    }

    @Test func clustersNearDuplicatesOnly() {
        let texts = [
            "/6 Subscribe to our weekly free newsletter to learn something new every week: https://t.co/aaa https://t.co/b",
            "Subscribe to our weekly free newsletter to learn something new every week: https://t.co/ccc",
            "/11 𝐒𝐮𝐛𝐬𝐜𝐫𝐢𝐛𝐞 to our weekly free newsletter to learn something new every week: https://t.co/ddd",
            "/7 I hope you've found this thread helpful. Follow me @alexxubyte for more. Like/Retweet the first tweet below if you can:",
            "9/ I hope you've found this thread helpful. Follow me @someone for more. Like/Retweet the first tweet below if you can:",
            "Subscribe to our YouTube channel so you won't miss the next video: https://t.co/eee",
            "Subscribe to our weekly newsletter: https://t.co/fff",
        ]
        let groups = PromotionTemplates.cluster(texts, threshold: 0.8)
        #expect(groups == [[0, 1, 2], [3, 4], [5], [6]])
        // A lower threshold merges the short newsletter call with the long one? No: they share too few shingles.
        #expect(PromotionTemplates.cluster(texts, threshold: 0.3).count == 4)
        #expect(PromotionTemplates.cluster([], threshold: 0.8).isEmpty)
    }

    @Test func minesTemplatesWithCountsAndDates() throws {
        let base: Int64 = 1_650_000_000_000
        let tweets =
            (0..<5).map { k in
                EngagementFixtures.tweet(
                    "/\(k + 3) Subscribe to our weekly newsletter to learn something new every week: https://t.co/x\(k)",
                    ms: base + Int64(k) * 86_400_000, sequence: k)
            } + [EngagementFixtures.tweet("Just a diagram about caching", ms: base, sequence: 9)]
        let detector = PromotionDetector()
        let decisions = Dictionary(uniqueKeysWithValues: tweets.map { ($0.id, detector.classify($0)) })
        let templates = PromotionTemplates.mine(tweets, decisions: decisions)
        #expect(templates.count == 1)
        let t = try #require(templates.first)
        #expect(t.count == 5)
        #expect(t.template == "<num> subscribe to our weekly newsletter to learn something new every week <url>")
        #expect(t.firstUse == tweets[0].createdAt.iso8601 && t.lastUse == tweets[4].createdAt.iso8601)
        #expect(t.example == tweets[0].text)
        #expect(t.categories == [.newsletter])
    }

    @Test func sampleTemplatesAreFewAndDominant() throws {
        let report = PromotionReport(tweets: PromotionFixtures.archive.tweets, threads: [])
        let top = try #require(report.templates.first)
        #expect(top.count >= 20)
        #expect(report.templates.reduce(0) { $0 + $1.count } == report.tweets.count)
        print(
            report.templates.prefix(8).map {
                "×\($0.count) \($0.firstUse.prefix(10))…\($0.lastUse.prefix(10)) \($0.template.prefix(100))"
            }
            .joined(separator: "\n"))
    }
}
