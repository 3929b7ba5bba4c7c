import Foundation
import Testing

@Suite struct PromotionsAndEngagementCommandTests {
    @Test func promotionsJSONHasTheDocumentedShape() throws {
        let result = try CLIRunner.run(["promotions", "--format", "json"])
        #expect(result.status == 0)
        let json = try result.json()
        for key in ["tweets", "templates", "positions", "schedule", "by_month"] {
            #expect(json[key] != nil, "missing key \(key)")
        }
        let tweets = try #require(json["tweets"] as? [[String: Any]])
        #expect(!tweets.isEmpty)
        let known: Set = ["newsletter", "follow_retweet", "video", "book", "course_or_product", "next_week_preview"]
        for tweet in tweets {
            #expect(UInt64(try #require(tweet["id"] as? String)) != nil)
            let categories = try #require(tweet["categories"] as? [String])
            #expect(!categories.isEmpty && Set(categories).isSubset(of: known))
            #expect((tweet["evidence"] as? [Any])?.isEmpty == false)
        }
        let schedule = try #require(json["schedule"] as? [String: Any])
        let heatmap = try #require(schedule["heatmap_all"] as? [[Int]])
        #expect(heatmap.count == 7 && heatmap.allSatisfy { $0.count == 24 })
        // Every tweet of the sample lands in the heatmap exactly once.
        #expect(heatmap.joined().reduce(0, +) == 2073)
    }

    @Test func aBadRulesFileNamesTheField() throws {
        let rules = try CLIRunner.temporaryFile("rules.json", contents: #"{"categories":{"video":{"phrases":[1]}}}"#)
        let result = try CLIRunner.run(["promotions", "--rules", rules.path])
        #expect(result.status == 65)
        #expect(result.stderr.contains("categories.video.phrases[0]"))
        #expect(try CLIRunner.run(["promotions", "--rules", "/no/rules.json"]).status == 66)
        #expect(try CLIRunner.run(["promotions", "--tz", "Mars/Olympus"]).status == 64)
    }

    @Test func engagementSaysPlainlyThatTheSampleHasNoCounts() throws {
        let result = try CLIRunner.run(["engagement", "--format", "json"])
        #expect(result.status == 0)
        let json = try result.json()
        #expect(json["counts_available"] as? Bool == false)
        #expect((json["counts_reason"] as? String)?.contains("counts") == true)
        #expect((json["models"] as? [Any])?.isEmpty ?? true)
        #expect(json["conversation"] != nil)
    }

    @Test func engagementModelsLikesWhenCountsExist() throws {
        // twint --stats text carries reply, retweet and like counts.
        var lines: [String] = []
        var id: UInt64 = 1_625_000_000_000_000_000
        for k in 0..<60 {
            id += UInt64(7_200_000 + k % 7 * 1_000) << 22 // about two hours apart: no threads
            let likes = k % 5 == 0 ? 200 + k : 10 + k % 9
            // Text lengths vary independently of the video flag, so the two features are not collinear.
            let padding = String(repeating: " and more", count: (k * 7) % 11)
            let text =
                (k % 5 == 0 ? "New video! Watch and subscribe here: https://t.co/abc\(k)" : "Note \(k) about caches")
                + padding
            lines.append(
                "\(id) 2023-01-01 10:00:00 +0000 <bob> \(text) | \(k % 3) replies \(k % 4) retweets \(likes) likes")
        }
        let file = try CLIRunner.temporaryFile("stats.txt", contents: lines.joined(separator: "\n"))
        let json = try CLIRunner.run(["engagement", file.path, "--format", "json"]).json()
        #expect(json["counts_available"] as? Bool == true)
        let models = try #require(json["models"] as? [[String: Any]])
        let likes = try #require(models.first { $0["target"] as? String == "likes" })
        #expect(likes["n"] as? Int == 60)
        let coefficients = try #require(likes["coefficients"] as? [[String: Any]])
        let video = try #require(coefficients.first { $0["feature"] as? String == "promo_video" })
        // Video tweets get ~20x the likes here: a large, significant positive effect.
        #expect((video["effect"] as? Double ?? 0) > 5)
        #expect(video["significant"] as? Bool == true)
    }
}
