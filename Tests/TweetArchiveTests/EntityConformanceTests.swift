import Foundation
import Testing

@testable import TweetArchive

/// One vector of twitter-text's `extract.json` (see `Fixtures/twitter-text/SOURCE.md`).
struct ConformanceCase: Sendable, CustomTestStringConvertible {
    /// An expected entity: its value, its list slug (lists group only) and its indices when the group gives them.
    struct Expected: Equatable, Sendable {
        var value: String
        var listSlug: String? = nil
        var range: Range<Int>? = nil
    }

    var group: String
    var index: Int
    var description: String
    var text: String
    /// The expected entities; for `replies`, zero or one value.
    var expected: [Expected]

    var id: String { "\(group)#\(index)" }
    var testDescription: String { "\(id) \(description)" }
}

enum ConformanceVectors {
    static let all: [String: [ConformanceCase]] = {
        guard let url = Bundle.module.url(forResource: "Fixtures/twitter-text/extract", withExtension: "json"),
            let data = try? Data(contentsOf: url),
            let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tests = root["tests"] as? [String: [[String: Any]]]
        else {
            return [:]
        }
        var result: [String: [ConformanceCase]] = [:]
        for (group, cases) in tests {
            result[group] = cases.enumerated().map { index, raw in
                ConformanceCase(
                    group: group, index: index, description: raw["description"] as? String ?? "",
                    text: raw["text"] as? String ?? "", expected: expectations(raw["expected"]))
            }
        }
        return result
    }()

    private static func expectations(_ raw: Any?) -> [ConformanceCase.Expected] {
        if let value = raw as? String { return [.init(value: value)] }
        guard let list = raw as? [Any] else { return [] } // null: no reply
        return list.map { item in
            if let value = item as? String { return .init(value: value) }
            let object = item as? [String: Any] ?? [:]
            let value = ["screen_name", "hashtag", "cashtag", "url"].lazy.compactMap { object[$0] as? String }.first
            let indices = object["indices"] as? [Int] ?? []
            return .init(
                value: value ?? "", listSlug: object["list_slug"] as? String,
                range: indices.count == 2 ? indices[0]..<indices[1] : nil)
        }
    }

    static func cases(_ group: String) -> [ConformanceCase] { all[group] ?? [] }

    /// The groups about URLs: `urls`, `urls_with_indices`, `urls_with_directional_markers`, `tco_urls_with_params`.
    static var urlGroups: [String] {
        all.keys.filter { $0.hasPrefix("url") || $0.hasPrefix("tco_url") }.sorted()
    }
}

/// What the extractor gives for a vector, in the vector's shape (ranges only where the vector has them).
func actual(for c: ConformanceCase) -> [ConformanceCase.Expected] {
    let withRanges = c.expected.contains { $0.range != nil }
    func shape(_ list: [TextEntity]) -> [ConformanceCase.Expected] {
        list.map { .init(value: $0.value, range: withRanges ? $0.range : nil) }
    }
    switch c.group {
    case "replies":
        return EntityExtractor.replyScreenName(in: c.text).map { [.init(value: $0)] } ?? []
    case "mentions_or_lists_with_indices":
        return EntityExtractor.mentionsOrLists(in: c.text).map {
            .init(value: $0.screenName, listSlug: $0.listSlug, range: $0.range)
        }
    case let g where g.hasPrefix("mentions"): return shape(EntityExtractor.entities(in: c.text).mentions)
    case let g where g.hasPrefix("hashtags"): return shape(EntityExtractor.entities(in: c.text).hashtags)
    case let g where g.hasPrefix("cashtags"): return shape(EntityExtractor.entities(in: c.text).cashtags)
    default: return shape(EntityExtractor.entities(in: c.text).urls)
    }
}

@Suite struct EntityConformanceTests {
    @Test func vectorsAreBundled() {
        for group in [
            "mentions", "mentions_with_indices", "mentions_or_lists_with_indices", "replies", "hashtags",
            "hashtags_with_indices", "hashtags_from_astral", "cashtags", "cashtags_with_indices", "urls",
            "urls_with_indices",
        ] {
            #expect(!ConformanceVectors.cases(group).isEmpty, "group \(group) missing from extract.json")
        }
    }

    @Test(arguments: ConformanceVectors.cases("mentions")) func mentions(_ c: ConformanceCase) {
        #expect(actual(for: c) == c.expected)
    }

    @Test(arguments: ConformanceVectors.cases("mentions_with_indices")) func mentionsWithIndices(_ c: ConformanceCase) {
        #expect(actual(for: c) == c.expected)
    }

    @Test(arguments: ConformanceVectors.cases("mentions_or_lists_with_indices"))
    func mentionsOrListsWithIndices(_ c: ConformanceCase) {
        #expect(actual(for: c) == c.expected)
    }

    @Test(arguments: ConformanceVectors.cases("replies")) func replies(_ c: ConformanceCase) {
        #expect(actual(for: c) == c.expected)
    }

    @Test(arguments: ConformanceVectors.cases("hashtags")) func hashtags(_ c: ConformanceCase) {
        #expect(actual(for: c) == c.expected)
    }

    @Test(arguments: ConformanceVectors.cases("hashtags_with_indices")) func hashtagsWithIndices(_ c: ConformanceCase) {
        #expect(actual(for: c) == c.expected)
    }

    @Test(arguments: ConformanceVectors.cases("hashtags_from_astral")) func hashtagsFromAstral(_ c: ConformanceCase) {
        #expect(actual(for: c) == c.expected)
    }

    @Test(arguments: ConformanceVectors.cases("cashtags")) func cashtags(_ c: ConformanceCase) {
        #expect(actual(for: c) == c.expected)
    }

    @Test(arguments: ConformanceVectors.cases("cashtags_with_indices")) func cashtagsWithIndices(_ c: ConformanceCase) {
        #expect(actual(for: c) == c.expected)
    }
}

/// The URL groups, held to a 90 % pass rate with every failure listed and explained.
@Suite struct EntityURLConformanceTests {
    /// Vector id → why the extractor knowingly disagrees. A case that starts passing, or one not listed that
    /// fails, breaks `failuresAreExactlyTheKnownOnes`.
    static let knownFailures: [String: String] = [:]

    static var urlCases: [ConformanceCase] { ConformanceVectors.urlGroups.flatMap(ConformanceVectors.cases) }

    @Test(arguments: urlCases) func url(_ c: ConformanceCase) {
        if let reason = Self.knownFailures[c.id] {
            #expect(actual(for: c) != c.expected, "now passes; remove from knownFailures (\(reason))")
        } else {
            #expect(actual(for: c) == c.expected)
        }
    }

    @Test func failuresAreExactlyTheKnownOnes() {
        let cases = Self.urlCases
        #expect(cases.count >= 100)
        let failing = Set(cases.filter { actual(for: $0) != $0.expected }.map(\.id))
        #expect(failing == Set(Self.knownFailures.keys))
        let passRate = Double(cases.count - failing.count) / Double(cases.count)
        #expect(passRate >= 0.9)
    }
}
