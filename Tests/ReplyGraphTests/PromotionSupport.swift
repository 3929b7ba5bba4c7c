import Foundation
import ReplyGraph

/// Shared fixtures for the promotion tests: the sample archive (read once) and the visible labels.
enum PromotionFixtures {
    static let archive: Archive = {
        do { return try ArchiveReader().read(paths: [SampleArchive.path]) } catch {
            preconditionFailure("cannot read the sample archive: \(error)")
        }
    }()

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/promotions")

    /// Tweet id → label set (empty for `none`).
    static let labels: [TweetID: Set<String>] = {
        do {
            let data = try Data(contentsOf: fixtures.appendingPathComponent("promotions.json"))
            let raw = try JSONDecoder().decode([String: [String]].self, from: data)
            var labels: [TweetID: Set<String>] = [:]
            for (id, categories) in raw {
                labels[TweetID(id)!] = Set(categories.filter { $0 != "none" })
            }
            return labels
        } catch {
            preconditionFailure("cannot read promotions.json: \(error)")
        }
    }()

    static func tweet(_ text: String, id: UInt64 = 1_500_000_000_000_000_000, author: String = "me") -> Tweet {
        Tweet(id: TweetID(id), author: Handle(author), text: text)
    }
}
