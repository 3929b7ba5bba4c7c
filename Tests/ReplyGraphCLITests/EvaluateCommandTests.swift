import Foundation
import Testing

@Suite struct EvaluateCommandTests {
    /// A small account export: a three-part thread (self-replies a second apart), a reply to someone else continued
    /// once, and two stand-alone tweets an hour apart.
    static let export = """
        window.YTD.tweets.part0 = [
        { "tweet": { "id_str": "1600000000000000001", "created_at": "Tue Dec 06 10:00:00 +0000 2022", "full_text": "1/ How caches fail" } },
        { "tweet": { "id_str": "1600000004194304002", "created_at": "Tue Dec 06 10:00:01 +0000 2022", "full_text": "2/ Stale reads", "in_reply_to_status_id_str": "1600000000000000001", "in_reply_to_screen_name": "me" } },
        { "tweet": { "id_str": "1600000008388608003", "created_at": "Tue Dec 06 10:00:02 +0000 2022", "full_text": "3/ Thundering herds", "in_reply_to_status_id_str": "1600000004194304002", "in_reply_to_screen_name": "me" } },
        { "tweet": { "id_str": "1600015099453112324", "created_at": "Tue Dec 06 11:00:00 +0000 2022", "full_text": "Lunch was good" } },
        { "tweet": { "id_str": "1600030198906224645", "created_at": "Tue Dec 06 12:00:00 +0000 2022", "full_text": "@bob I agree, and", "in_reply_to_status_id_str": "1500000000000000000", "in_reply_to_screen_name": "bob" } },
        { "tweet": { "id_str": "1600030203100528646", "created_at": "Tue Dec 06 12:00:01 +0000 2022", "full_text": "@bob the second half of my answer", "in_reply_to_status_id_str": "1600030198906224645", "in_reply_to_screen_name": "me" } }
        ]
        """

    @Test func scoresAnExportAgainstItsOwnReplyIDs() throws {
        let file = try CLIRunner.temporaryFile("tweets.js", contents: Self.export)
        let result = try CLIRunner.run(["evaluate", file.path, "--owner", "me", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        let archives = try #require(json["archives"] as? [[String: Any]])
        #expect(archives.count == 1)
        let links = try #require(archives[0]["links"] as? [String: Any])
        #expect(links["truth_links"] as? Int == 3)
        #expect(links["truth_threads"] as? Int == 2)
        #expect(links["correct_links"] as? Int == 3)
        #expect(links["precision"] as? Double == 1)
        let calibration = try #require(json["calibration"] as? [String: Any])
        #expect((calibration["bins"] as? [Any])?.count == 10)
        #expect(calibration["expected_calibration_error"] is Double)
        #expect(archives[0]["sixty_second_rule"] != nil)
        #expect(json["macro_f1"] is Double)

        let text = try CLIRunner.run(["evaluate", file.path, "--owner", "me"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("60-second rule F1"))
        #expect(text.stdout.contains("Reliability"))
    }

    @Test func theSampleMeetsItsLabelsAndNeedsThem() throws {
        // The sample is twint text: no reply ids to compare with, so labels are needed.
        let bare = try CLIRunner.run(["evaluate"])
        #expect(bare.status == 65)
        #expect(bare.stderr.contains("states no reply ids"))
        let labels = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("ReplyGraphTests/Fixtures/truth-visible/threads.json")
        let result = try CLIRunner.run([
            "evaluate", "--labels", labels.path, "--labels-before", "2022-07-01",
            "--format", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let overall = try #require(try result.json()["overall"] as? [String: Any])
        #expect(overall["truth_links"] as? Int == 492)
        #expect((overall["precision"] as? Double ?? 0) >= 0.99)
        #expect((overall["recall"] as? Double ?? 0) >= 0.99)
        #expect(try CLIRunner.run(["evaluate", "--labels-before", "2022-07-01"]).status == 64)
    }
}
