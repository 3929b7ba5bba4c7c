import Foundation
import Testing

@testable import ReplyGraph

@Suite struct PromotionRulesTests {
    @Test func builtInsCoverTheSixCategoriesInOrder() {
        #expect(PromotionRules.builtIn.categories.map(\.name) == PromotionCategory.builtIn)
    }

    @Test func extendAddsRulesAndCategories() throws {
        let json =
            #"{"mode":"extend","categories":{"video":{"phrases":["watch my talk"]},"podcast":{"patterns":["listen ..3 our|my ..2 podcast"],"threshold":1}}}"#
        let rules = try PromotionRules.decode(Data(json.utf8))
        #expect(rules.categories.count == 7)
        let detector = PromotionDetector(rules: rules)
        #expect(detector.classify(PromotionFixtures.tweet("Watch my talk at the conference")).categories == [.video])
        #expect(detector.classify(PromotionFixtures.tweet("Listen to our new podcast")).categories == ["podcast"])
        // Built-in rules still apply.
        #expect(detector.classify(PromotionFixtures.tweet("Subscribe to our newsletter")).categories == [.newsletter])
    }

    @Test func replaceDropsTheBuiltIns() throws {
        let json =
            #"{"mode":"replace","categories":{"sale":{"phrases":[{"text":"% off","weight":0.5},"sale"],"threshold":1}}}"#
        let detector = PromotionDetector(rules: try PromotionRules.decode(Data(json.utf8)))
        #expect(detector.classify(PromotionFixtures.tweet("Subscribe to our newsletter")).categories.isEmpty)
        #expect(detector.classify(PromotionFixtures.tweet("20% off today")).categories.isEmpty) // 0.5 < 1
        #expect(detector.classify(PromotionFixtures.tweet("Big sale: 20% off")).categories == ["sale"])
    }

    @Test func excludeVetoesAndWeightScales() throws {
        let json =
            #"{"mode":"replace","categories":{"book":{"phrases":["my book"],"exclude":["glad ..4 my book"],"weight":2,"threshold":2}}}"#
        let detector = PromotionDetector(rules: try PromotionRules.decode(Data(json.utf8)))
        #expect(detector.classify(PromotionFixtures.tweet("My book is out")).categories == [.book])
        #expect(detector.classify(PromotionFixtures.tweet("So glad you liked my book")).categories.isEmpty)
    }

    @Test func loadsFromAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("promo-rules-\(UUID()).json")
        try Data(#"{"categories":{"video":{"domains":["vimeo.com"]}}}"#.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let rules = try PromotionRules.load(from: url)
        let tweet = Tweet(id: TweetID(1), author: Handle("me"), text: "New talk https://vimeo.com/123")
        let decision = PromotionDetector(rules: rules).classify(tweet)
        #expect(decision.categories == [.video])
        #expect(decision.evidence.first?.kind == .domain)
    }

    @Test func exampleRulesFileLoads() throws {
        let rules = try PromotionRules.load(
            from: PromotionFixtures.fixtures.appendingPathComponent("example-rules.json"))
        #expect(rules.categories.map(\.name) == PromotionCategory.builtIn + ["podcast"])
        let detector = PromotionDetector(rules: rules)
        #expect(
            detector.classify(PromotionFixtures.tweet("New episode of our podcast is live")).categories == ["podcast"])
        #expect(
            detector.classify(PromotionFixtures.tweet("What is your favorite podcast? Listen to our podcast"))
                .categories.isEmpty)
        #expect(detector.classify(PromotionFixtures.tweet("Podcast: https://t.co/x")).categories.isEmpty) // 0.5 < 1
    }

    @Test(arguments: [
        (#"{"categories":{"video":{"phrases":["a","b",3]}}}"#, "categories.video.phrases[2]: expected a string"),
        (#"{"categories":{"video":{"patterns":"x"}}}"#, "categories.video.patterns: expected an array"),
        (
            #"{"categories":{"video":{"patterns":["..2 video"]}}}"#,
            "categories.video.patterns[0]: a pattern cannot start with a gap"
        ),
        (
            #"{"categories":{"video":{"patterns":["a ..x b"]}}}"#,
            "categories.video.patterns[0]: gap '..x' is not ..N with N in 0...50"
        ),
        (#"{"categories":{"video":{"weight":"high"}}}"#, "categories.video.weight: expected a number"),
        (#"{"categories":{"video":{"threshold":true}}}"#, "categories.video.threshold: expected a number"),
        (
            #"{"categories":{"video":{"phrases":[{"weight":1}]}}}"#,
            "categories.video.phrases[0].text: expected a string"
        ),
        (
            #"{"categories":{"video":{"phrase":["x"]}}}"#,
            "categories.video.phrase: unknown field (expected one of domains, exclude, patterns, phrases, threshold, weight)"
        ),
        (#"{"mode":"merge","categories":{}}"#, "mode: expected \"extend\" or \"replace\""),
        (#"{"mode":"extend"}"#, "categories: missing"),
        (#"{"categories":{"video":[]}}"#, "categories.video: expected an object"),
        (#"{"categories":{"video":{"phrases":["   "]}}}"#, "categories.video.phrases[0]: phrase has no words"),
        ("[1,2]", "expected an object with \"categories\""),
        ("{", "not valid JSON"),
    ])
    func badFilesNameTheField(json: String, message: String) {
        #expect(throws: PromotionRulesError.self) { try PromotionRules.decode(Data(json.utf8)) }
        do {
            _ = try PromotionRules.decode(Data(json.utf8))
        } catch {
            #expect(String(describing: error) == message)
        }
    }

    @Test(arguments: [
        ("subscrib* ..6 newsletter", "Subscribing to my weekly system design newsletter", true),
        ("subscrib* ..2 newsletter", "Subscribe to our weekly free newsletter", false),
        ("follow ..2 @*", "Follow @alexxubyte", true),
        ("youtube ..2 : <url>", "YouTube channel: https://t.co/x", true),
        ("% off", "(33% off)", true),
        ("my|our ..3 book", "My book", true),
        ("next week ..3 cover", "Next week, we will cover:", true),
        ("next week ..3 cover", "We will cover it next week", false),
    ])
    func patternsMatch(pattern: String, text: String, expected: Bool) throws {
        let compiled = try PromotionPattern(pattern: pattern)
        #expect((compiled.firstMatch(in: PromotionText.tokens(in: text)) != nil) == expected)
    }

    @Test func tokenizerFoldsAndSplits() {
        #expect(
            PromotionText.tokens(in: "Like/Retweet the 1st tweet: https://t.co/x #SystemDesign (33% off) I’d")
                .map(\.text) == [
                    "like", "retweet", "the", "1st", "tweet", ":", "<url>", "systemdesign", "(", "33", "%",
                    "off", ")", "i'd",
                ])
        #expect(PromotionText.tokens(in: "𝐅𝐨𝐥𝐥𝐨𝐰 𝐦𝐞 𝟏", foldStyled: true).map(\.text) == ["follow", "me", "1"])
        #expect(PromotionText.tokens(in: "𝐅𝐨𝐥𝐥𝐨𝐰 𝐦𝐞").isEmpty)
    }
}
