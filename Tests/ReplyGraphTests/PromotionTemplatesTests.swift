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

    /// Groups by the definition: every two distinct normalised forms compared by the Jaccard of their shingle
    /// sets (``PromotionTemplates/shingles(_:size:)``), joined transitively, texts grouped by their form.
    static func bruteForceGroups(_ texts: [String], threshold: Double, shingleSize: Int) -> [[Int]] {
        let normalized = texts.map(PromotionTemplates.normalize)
        var forms: [String] = []
        var formIndex: [String: Int] = [:]
        for form in normalized where formIndex[form] == nil {
            formIndex[form] = forms.count
            forms.append(form)
        }
        let sets = forms.map {
            PromotionTemplates.shingles($0.isEmpty ? [] : $0.split(separator: " ").map(String.init), size: shingleSize)
        }
        var parent = Array(forms.indices)
        func find(_ x: Int) -> Int { parent[x] == x ? x : find(parent[x]) }
        for a in forms.indices {
            for b in forms.indices where b > a && !sets[a].isEmpty && !sets[b].isEmpty {
                if PromotionTemplates.jaccard(sets[a], sets[b]) >= threshold { parent[find(a)] = find(b) }
            }
        }
        let byRoot = Dictionary(grouping: texts.indices) { find(formIndex[normalized[$0]]!) }
        return byRoot.values.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }

    /// Shingles of up to three tokens are compared as packed integers, longer ones by their text, and many texts
    /// are tokenized on all cores: each way gives the groups of the definition.
    @Test(arguments: [(1, 0.8), (2, 0.8), (3, 0.8), (3, 0.5), (4, 0.8), (5, 0.6)])
    func clustersAsTheDefinitionSays(shingleSize: Int, threshold: Double) {
        let detector = PromotionDetector()
        let promotional = PromotionFixtures.archive.tweets.filter { detector.classify($0).isPromotion }.map(\.text)
        let texts = promotional + ["", "@a", "one two", "Subscribe to our weekly newsletter"]
        #expect(
            PromotionTemplates.cluster(texts, threshold: threshold, shingleSize: shingleSize)
                == Self.bruteForceGroups(texts, threshold: threshold, shingleSize: shingleSize))
        // The parallel path, forced on these few texts: tokenized and shingled in 7 parts.
        let expected = Self.bruteForceGroups(texts, threshold: threshold, shingleSize: shingleSize)
        #expect(
            PromotionTemplates.clusterForms(texts, threshold: threshold, shingleSize: shingleSize, chunks: 7).groups
                == expected)
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
