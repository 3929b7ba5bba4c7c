import Foundation
import Testing

@testable import TweetArchive

/// The extractor against hand-labelled mentions of the bundled sample (`Fixtures/truth-visible/SOURCE.md`).
///
/// Truth `reply_to` is the leading handle run, which `Entities.replyTo` models; truth `mentions` is every handle in
/// the text in order, repeats and the leading ones included, which is `Entities.mentions`. Both are compared as
/// exact lists and, as the labels' case is the text's, as lower-cased sets too.
@Suite struct EntityTruthTests {
    struct Label: Decodable {
        // The JSON key.
        // swift-format-ignore: AlwaysUseLowerCamelCase
        var reply_to: [String]
        var mentions: [String]
        var note: String?
    }

    static func labels() throws -> [String: Label] {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/truth-visible/mentions", withExtension: "json"))
        return try JSONDecoder().decode([String: Label].self, from: Data(contentsOf: url))
    }

    @Test func agreesWithHandLabelledMentions() throws {
        let labels = try Self.labels()
        #expect(labels.count == 831)
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        var agreeing = 0
        var disagreements: [String] = []
        for (id, label) in labels.sorted(by: { $0.key < $1.key }) {
            let tweetID = try #require(TweetID(id))
            let tweet = try #require(archive[tweetID], "labelled tweet \(id) missing from the sample")
            let mentions = tweet.entities.mentions.map(\.value)
            let listsAgree = tweet.entities.replyTo == label.reply_to && mentions == label.mentions
            let setsAgree =
                Set(tweet.entities.replyTo.map(Handle.fold)) == Set(label.reply_to.map(Handle.fold))
                && Set(mentions.map(Handle.fold)) == Set(label.mentions.map(Handle.fold))
            if listsAgree && setsAgree {
                agreeing += 1
            } else {
                disagreements.append(
                    "\(id): replyTo \(tweet.entities.replyTo) vs \(label.reply_to), "
                        + "mentions \(mentions) vs \(label.mentions)")
            }
        }
        let agreement = Double(agreeing) / Double(labels.count)
        #expect(agreement == 1.0, "agreement \(agreeing)/\(labels.count)")
        #expect(disagreements.isEmpty, "\(disagreements.prefix(10).joined(separator: "\n"))")
    }

    /// The labelling rules that generalise beyond the sample.
    @Test(arguments: [
        ("@ ferraroroberto thanks", [String](), [String]()),
        ("mail me at alex@bytebytego.com", [], []),
        ("@a @b thanks @c", ["a", "b"], ["a", "b", "c"]),
        ("  @a\u{3000}@b: hi", ["a", "b"], ["a", "b"]),
        ("@a, @b hi", ["a"], ["a", "b"]),
        (".@a hi", [], ["a"]),
        ("@a/list @b hi", [], ["b"]),
        ("RT @a: @b said", [], ["a", "b"]),
        ("see https://medium.com/@author/post", [], []),
    ])
    func labellingRules(text: String, replyTo: [String], mentions: [String]) {
        let entities = EntityExtractor.entities(in: text)
        #expect(entities.replyTo == replyTo)
        #expect(entities.mentions.map(\.value) == mentions)
    }
}
