import Testing

@testable import TweetArchive

/// The direct path for `https://t.co/…` links gives exactly what the general URL path gives: the same entities
/// (values, ranges, and the mentions, hashtags and later URLs whose matching depends on where a URL ends).
@Suite struct ShortLinkPathTests {
    @Test func sampleArchiveMatchesTheGeneralPath() throws {
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        var links = 0
        for tweet in archive.tweets {
            let text = tweet.text
            let general = EntityExtractor.entitiesWithoutShortLinkPath(in: text)
            #expect(EntityExtractor.entities(in: text) == general, "\(tweet.id)")
            #expect(tweet.entities == general, "\(tweet.id)")
            links += general.urls.filter { $0.value.contains("t.co/") }.count
        }
        #expect(links > 1000) // the sample's links are nearly all t.co
    }

    @Test(arguments: [
        "see https://t.co/abc", "https://t.co/abc", "https://t.co/abc?x=1 y", "https://t.co/abc/def",
        "https://t.co/abc.",
        "HTTPS://T.CO/abc", "Https://t.co/Abc9 x", "http://t.co/abc @bob", "xhttps://t.co/abc", "@https://t.co/abc",
        "#https://t.co/abc", "$https://t.co/abc", "日本https://t.co/abc", "https://t.co/", "https://t.co/ x",
        "https://t.co/" + String(repeating: "a", count: 40) + " x", "https://t.co/" + String(repeating: "a", count: 41),
        "https://t.co/abc https://t.co/def", "https://t.co/abchttps://t.co/def", "a.https://t.co/abc",
        "https://x.t.co/abc", "https://t.co.uk/abc", "https://t.co/abc#tag", "https://t.co/abc's", "(https://t.co/abc)",
        "https://t.co/a\u{00E9}", "https://t.co/abc\u{3000}x", "ftp://t.co/abc", "https:/t.co/abc",
        "https://t.co/abc@x",
    ])
    func edgeCasesMatchTheGeneralPath(text: String) {
        let general = EntityExtractor.entitiesWithoutShortLinkPath(in: text)
        let direct = EntityExtractor.entities(in: text)
        #expect(direct == general)
        #expect(direct.urls.map(\.value) == general.urls.map(\.value))
    }
}
