import Foundation
import Testing

@testable import ReplyGraph

/// Thread reconstruction measured against the hand-checked labels of the sample archive (tweets before 2022-07-01).
@Suite struct ThreadAccuracyTests {
    struct LabelledThread: Decodable {
        var root: String
        var ids: [String]
        // The JSON key.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        var numbering_style: String
    }
    struct LabelledFollowUp: Decodable {
        var id: String
        // The JSON key.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        var followup_of: String
    }

    static func fixture(_ name: String) throws -> Data {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/truth-visible/\(name)")
        return try Data(contentsOf: url)
    }

    @Test func reproducesLabelledThreads() throws {
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        let graph = ReplyGraph(archive)
        let cutoff = try #require(Timestamp(year: 2022, month: 7, day: 1))
        let period = Set(archive.tweets.filter { $0.createdAt < cutoff }.map(\.id))
        #expect(period.count == 831)

        let labelled = try JSONDecoder().decode([LabelledThread].self, from: Self.fixture("threads.json"))
            .map { $0.ids.compactMap { TweetID($0) } }
        #expect(labelled.count == 99)
        // Links as inference states them (each tweet and its parent), against the labels' consecutive parts; the
        // labels cover threads, so links inside reply chains are not scored.
        let evaluation = ThreadEvaluator().evaluate([
            LabelledArchive(archive: archive, threads: labelled, scope: period, name: "alexxubyte")
        ])
        let scores = evaluation.overall
        let precision = scores.precision
        let recall = scores.recall
        let exactRate = scores.exactShare
        let exact = scores.exactThreads
        let hits = scores.correctLinks

        let labelledFollowUps = try JSONDecoder().decode([LabelledFollowUp].self, from: Self.fixture("followups.json"))
        let truthFollowUps = Set(
            labelledFollowUps.compactMap { f in
                TweetID(f.id).flatMap { a in TweetID(f.followup_of).map { [a, $0] } }
            })
        let predictedFollowUps = Set(
            graph.followUps.filter { period.contains($0.tweet) }.map { [$0.tweet, $0.target] })
        let followHits = truthFollowUps.intersection(predictedFollowUps).count
        let followPrecision = Double(followHits) / Double(max(predictedFollowUps.count, 1))
        let followRecall = Double(followHits) / Double(max(truthFollowUps.count, 1))

        print(
            """
            thread accuracy (truth-visible, \(period.count) tweets, \(labelled.count) threads): \
            precision \(precision) recall \(recall) (\(hits)/\(scores.predictedLinks) predicted, \
            \(scores.truthLinks) labelled links), exact threads \(exact)/\(labelled.count) = \(exactRate); \
            follow-ups precision \(followPrecision) recall \(followRecall) \
            (\(followHits)/\(predictedFollowUps.count) predicted, \(truthFollowUps.count) labelled)
            """)
        if ProcessInfo.processInfo.environment["THREAD_DIAGNOSTICS"] != nil {
            for f in predictedFollowUps.symmetricDifference(truthFollowUps) {
                let mine = graph.followUps.first { $0.tweet == f[0] }
                print("FU-diff \(f) \(mine?.reason.description ?? "missed") \(archive[f[0]]!.text.prefix(80))")
            }
        }
        #expect(precision >= 0.99)
        #expect(recall >= 0.99)
        #expect(exactRate >= 0.97)
        #expect(followRecall >= 0.5)
        #expect(followPrecision >= 0.5)
    }

    @Test func numberingMatchesTheLabels() throws {
        let graph = ReplyGraph(try ArchiveReader().read(paths: [SampleArchive.path]))
        let labels = try JSONDecoder().decode([LabelledThread].self, from: Self.fixture("threads.json"))
        let styles: [String: NumberingStyle] = [
            "none": .none, "n_of_m_suffix": .nOfM, "n_slash": .slashSuffix,
            "n_dot": .dot, "slash_prefix": .slashPrefix,
        ]
        let agreeing = labels.filter { label in
            graph.thread(containing: TweetID(label.root)!)?.numbering == styles[label.numbering_style]
        }.count
        print("numbering style agrees with the labels for \(agreeing)/\(labels.count) threads")
        #expect(agreeing >= 95)
        // Gaps the labels' reasons name: "2/6 missing", "11/11 missing", "3/ and 9/ missing", "4/ missing".
        let missing: [UInt64: [Int]] = [
            1_483_853_507_140_620_297: [2], 1_493_998_887_715_020_804: [11],
            1_523_691_173_327_507_456: [3, 9], 1_524_045_917_136_982_019: [4],
        ]
        for (root, numbers) in missing {
            #expect(graph.thread(containing: TweetID(root))?.missingNumbers == numbers)
        }
    }
}
