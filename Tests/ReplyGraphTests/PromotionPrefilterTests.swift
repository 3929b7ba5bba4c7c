import Foundation
import Testing

@testable import ReplyGraph

/// The prefilter only skips work: with it, every decision is the one the detector makes matching every rule.
@Suite struct PromotionPrefilterTests {
    /// Decisions with the prefilter (the batch path) against the rule-by-rule path, tweet by tweet.
    func expectSameDecisions(_ detector: PromotionDetector, _ tweets: [Tweet]) {
        let filtered = detector.classify(tweets)
        #expect(filtered.count == tweets.count)
        for (tweet, decision) in zip(tweets, filtered) {
            #expect(decision == detector.classify(tweet, filter: nil), "\(tweet.text.debugDescription)")
        }
    }

    @Test func sampleArchiveDecisionsAreUnchanged() {
        let tweets = PromotionFixtures.archive.tweets
        expectSameDecisions(PromotionDetector(), tweets)
        expectSameDecisions(PromotionDetector(foldStyledLetters: true), tweets)
        let promotional = PromotionDetector().classify(tweets).filter(\.isPromotion)
        #expect(!promotional.isEmpty)
    }

    /// Case, curly apostrophes, hashtags, handles, styled letters, upper-case links and near misses.
    static let texts = [
        "SUBSCRIBE to our weekly NEWSLETTER: HTTPS://t.co/abc", "Subscribe here", "subscribers love the newsletter",
        "I hope you’ve found this thread helpful. Follow me @alice for more", "Follow @bob and RT",
        "Like/Retweet the first tweet below", "#newsletter out now, subscribe now", "𝐒𝐮𝐛𝐬𝐜𝐫𝐢𝐛𝐞 to our newsletter",
        "we just published a new video", "Watch and subscribe: https://youtu.be/x", "50% off the course today",
        "% OFF", "(video) https://t.co/y", "(yt", "next week we'll cover caching", "Next week I will discuss it",
        "The book is available now on Amazon", "table of contents ↓", "don't subscribe", "newsletter ( https://t.co/z",
        "nothing to see here", "", "bytes and python", "follow ... @carol", "consider following @dan’s work",
        "coupon CODE inside", "Enrol today", "the PDF version", "appreciate a retweet", "premium plan",
    ]

    @Test func constructedTextsDecisionsAreUnchanged() {
        let tweets = Self.texts.enumerated().map { k, text in
            PromotionFixtures.tweet(text, id: 1_500_000_000_000_000_000 + UInt64(k))
        }
        expectSameDecisions(PromotionDetector(), tweets)
    }

    @Test func userRulesWithWildcardsAndApostrophesAreUnchanged() throws {
        let rules = try PromotionRules.decode(
            Data(
                #"""
                {"mode": "extend", "categories": {
                  "podcast": {"phrases": ["listen to our podcast", "you've got mail"],
                              "patterns": ["new episode ..3 <url>", "? ..2 episode*", "@* ..1 podcast", "ep* live",
                                           {"text": "old episode", "weight": -1}],
                              "exclude": ["not a podcast"], "weight": 1.0}}}
                """#.utf8))
        let texts =
            Self.texts + [
                "New episode out: https://t.co/q", "our podcast episode 3", "@ann podcast",
                "EPISODES live", "You’ve got mail", "you've got mail", "not a podcast: new episode https://x",
            ]
        let tweets = texts.enumerated().map { k, text in
            PromotionFixtures.tweet(text, id: 1_500_000_000_000_000_000 + UInt64(k))
        }
        expectSameDecisions(PromotionDetector(rules: rules), tweets)
    }

    @Test func filterNeedsEveryUsableElement() throws {
        let filter = PromotionPrefilter(patterns: [
            try PromotionPattern(pattern: "subscrib* ..6 newsletter"),
            try PromotionPattern(pattern: "? ..2 @*"),
            try PromotionPattern(pattern: "you've ..2 found"),
        ])
        let both = filter.scan(Array("SUBSCRIBE to our weekly Newsletter".utf8))
        #expect(both.mayMatch(0) && both.mayMatch(1))
        #expect(!both.mayMatch(2)) // no "found"
        let one = filter.scan(Array("subscribe to nothing".utf8))
        #expect(!one.mayMatch(0))
        #expect(one.mayMatch(1)) // wildcards only: any text
        #expect(!one.mayMatch(2)) // "you've" gives nothing to look for, "found" still does
        #expect(filter.scan(Array("You’ve found it".utf8)).mayMatch(2))
    }

    @Test func closersAreUnchanged() {
        for tweet in PromotionFixtures.archive.tweets {
            let tokens = PromotionText.tokens(in: tweet.text)
            let expected = PromotionReport.closerPatterns.contains { $0.firstMatch(in: tokens) != nil }
            #expect(PromotionReport.isCloser(tweet.text) == expected)
        }
        for text in Self.texts {
            let tokens = PromotionText.tokens(in: text)
            #expect(
                PromotionReport.isCloser(text)
                    == PromotionReport.closerPatterns.contains { $0.firstMatch(in: tokens) != nil })
        }
    }

    /// One scan per tweet for the rules and the closers finds what classifying each tweet and ``isCloser`` find: on
    /// the sample (one part), on the 10k-tweet corpus (64 parts), and without the prefilter (styled letters read).
    @Test(arguments: [false, true])
    func promotionsAndClosersComeFromOneScan(foldStyledLetters: Bool) {
        let detector = PromotionDetector(foldStyledLetters: foldStyledLetters)
        let archives =
            foldStyledLetters
            ? [PromotionFixtures.archive] : [PromotionFixtures.archive, UserGraphProjectionTests.corpus]
        for archive in archives {
            let tweets = archive.tweets.filter { !$0.isRetweet }
            let found = detector.promotions(in: tweets, closers: PromotionReport.closerPatterns)
            let decisions = tweets.map { detector.classify($0) }
            #expect(found.promotional.map(\.index) == decisions.indices.filter { decisions[$0].isPromotion })
            #expect(found.promotional.map(\.decision) == decisions.filter(\.isPromotion))
            let closers = tweets.indices.filter { PromotionReport.isCloser(tweets[$0].text) }
            #expect(found.closers == closers)
            #expect(!closers.isEmpty && !found.promotional.isEmpty)
        }
    }
}
