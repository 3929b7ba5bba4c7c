import Foundation
import Testing

@testable import TweetArchive

/// Hand-made edge cases for every format (see `Fixtures/malformed/README.md`): exact counts and the first
/// diagnostics, and `strict` stopping at the first malformed line.
@Suite struct MalformedInputTests {
    @Test func twintTextEdgeCases() throws {
        let path = try ReaderFixture.path("malformed/twint-edge.txt")
        let archive = try ArchiveReader().read(paths: [path])
        let stats = try #require(archive.inputs.first)
        #expect(stats.format == .twintText) // detected through the BOM
        #expect(stats.lines == 13)
        #expect(stats.tweets == 7)
        #expect(stats.duplicates == 1)
        #expect(stats.ignored == 4) // blank line, profile line, two log lines
        #expect(stats.skipped == [.unclosedUsername: 1, .badDate: 1])
        #expect(stats.invalidUTF8Lines == 1)
        #expect(stats.clockOffsetSeconds == 0)
        let badDate = "1625899016778678279 2023-02-30 16:45:08 +0000 <bob> impossible date"
        #expect(
            archive.issues.map(\.description) == [
                "\(path):10: unclosed-username: 1625899016778678278 2023-02-15 16:45:08 +0000 <bob unclosed",
                "\(path):12: bad-date: \(badDate.prefix(60))…",
            ])
        #expect(
            archive.tweets.map(\.text) == [
                "Hello #Swift and #SwiftLang", // BOM dropped, hashtag tail stripped, CR dropped
                "no offset here", // no ±zzzz; --stats tail stripped
                "Buy $AAPL and $TSLA today", // cashtag tail stripped
                "caf\u{FFFD} au lait", // invalid UTF-8 replaced
                "@bob @carol replying https://t.co/abcdefghij", // twint's space before the link removed
                "last line, no newline",
            ])
        #expect(archive.tweets[1].counts == EngagementCounts(likes: 3, retweets: 2, replies: 1))
        #expect(archive.tweets[1].statedTime?.iso8601 == "2023-02-15T16:45:08.000Z")
        #expect(archive.tweets[4].replyHandles == [Handle("bob"), Handle("carol")])
    }

    @Test func twintJSONEdgeCases() throws {
        let path = try ReaderFixture.path("malformed/twint-edge.jsonl")
        let archive = try ArchiveReader().read(paths: [path])
        let stats = try #require(archive.inputs.first)
        #expect(stats.format == .twintJSON)
        #expect(stats.lines == 13)
        #expect(stats.tweets == 3)
        #expect(stats.duplicates == 1)
        #expect(stats.ignored == 1)
        #expect(stats.invalidUTF8Lines == 1)
        #expect(
            stats.skipped == [
                .badJSON: 2, .badID: 2, .missingUsername: 1, .missingID: 1,
                .missingText: 1, .notAnObject: 1, .badDate: 1,
            ])
        let issues = archive.issues.map(\.description)
        #expect(
            issues.prefix(4) == [
                "\(path):2: bad-json: column 57: unterminated string",
                "\(path):4: bad-id: {\"id\": \"x1408876827505590275\", \"username\": \"bob\", \"tweet\": \"…",
                "\(path):5: missing-username: {\"id\": 1408876827505590276, \"tweet\": \"no user\"}",
                "\(path):6: missing-id: {\"username\": \"bob\", \"tweet\": \"no id\"}",
            ])
        #expect(issues.last == "\(path):13: bad-json: column 325: nested deeper than 256 levels")
        #expect(archive.tweets.map(\.text) == ["first https://t.co/abcdefghij", "caf\u{FFFD} é 🚀"])
    }

    @Test(arguments: [
        (
            "malformed/twint-edge.txt", 10,
            "unclosed-username: 1625899016778678278 2023-02-15 16:45:08 +0000 <bob unclosed"
        ),
        ("malformed/twint-edge.jsonl", 2, "bad-json: column 57: unterminated string"),
        ("malformed/twarc2-edge.jsonl", 4, "missing-author: tweet 1408876827505590275"),
        ("malformed/tweets-broken.js", 3, "bad-json: line 5 column 5: expected ',' or '}'"),
    ])
    func strictStopsAtTheFirstMalformedLine(fixture: String, line: Int, message: String) throws {
        let path = try ReaderFixture.path(fixture)
        let error = try #require(throws: ArchiveError.self) {
            try ArchiveReader(options: .init(strict: true)).read(paths: [path])
        }
        #expect(error.kind == .malformed)
        #expect(error.line == line)
        #expect(error.description == "\(path):\(line): \(message)")
    }

    @Test func reportsOnlyTheFirstIssuesButCountsAll() throws {
        let lines = (0..<50).map { "1625899016778678\($0 + 100) 2023-02-15 16:45:08 +0000 <bob" }
        let archive = try ArchiveReader(options: .init(maxReportedIssues: 3))
            .read(bytes: Array(lines.joined(separator: "\n").utf8), name: "many.txt")
        #expect(archive.skipped == [.unclosedUsername: 50])
        #expect(archive.issues.map(\.line) == [1, 2, 3])
    }

    @Test(arguments: [
        "{\"a\": 1,}", "{\"a\" 1}", "[1, 2", "\"\\x\"", "{\"a\": tru}", "01", "1.", "-", "{\"a\": \"\u{01}\"}", "{} {}",
    ])
    func jsonParserRejects(text: String) {
        #expect(throws: JSONParser.SyntaxError.self) { try JSONParser.parse(Array(text.utf8)) }
    }

    @Test func jsonParserKeepsExactIntegersAndDecodesEscapes() throws {
        let value = try JSONParser.parse(
            Array(
                #"{"id": 18446744073709551615, "s": "a\"\\\/\u00e9\ud83d\ude80\n", "n": -1.5e3, "x": [true, false, null]}"#
                    .utf8))
        #expect(value["id"]?.uint64 == UInt64.max)
        #expect(value["s"]?.string == "a\"\\/é🚀\n")
        #expect(value["n"]?.uint64 == nil)
        #expect(value["x"]?.array?.count == 3)
        #expect(try JSONParser.parse(Array(#""\ud800x""#.utf8)).string == "\u{FFFD}x") // lone surrogate
    }

    @Test(
        arguments: [
            ([0x61, 0x62], true), ([0xC3, 0xA9], true), ([0xF0, 0x9F, 0x9A, 0x80], true), ([0xE9], false),
            ([0xC0, 0x80], false), ([0xED, 0xA0, 0x80], false), ([0xF4, 0x90, 0x80, 0x80], false),
            ([0xE2, 0x82], false),
        ] as [([UInt8], Bool)])
    func utf8Validation(bytes: [UInt8], valid: Bool) {
        #expect(UTF8Validation.isValid(bytes) == valid)
        #expect(UTF8Validation.isValid(Array("0123456789abcdef".utf8) + bytes) == valid)
    }
}

/// Every fixture of every format reads the same with Windows line ends and a byte-order mark, and a line longer
/// than the limit is skipped with its number in every format.
@Suite struct MalformedEncodingTests {
    static let fixtures = [
        "twint-json/pre-2020-10.jsonl", "twint-json/post-2020-10.jsonl", "twarc2/flat.jsonl",
        "twarc2/noflat.jsonl", "account-export/tweet.js", "account-export/tweets.js",
        "malformed/twarc2-edge.jsonl", "malformed/tweets-broken.js",
    ]

    @Test(arguments: fixtures)
    func crlfAndByteOrderMarkChangeNothing(fixture: String) throws {
        let path = try ReaderFixture.path(fixture)
        let plain = try ArchiveReader().read(paths: [path])
        let bytes = Array(try String(contentsOfFile: path, encoding: .utf8).utf8)
        var windows: [UInt8] = [0xEF, 0xBB, 0xBF]
        for b in bytes {
            if b == 0x0A { windows.append(0x0D) }
            windows.append(b)
        }
        let converted = try ArchiveReader().read(bytes: windows, name: path)
        #expect(converted.tweets == plain.tweets)
        #expect(converted.issues.map(\.description) == plain.issues.map(\.description))
        #expect(converted.inputs.first?.format == plain.inputs.first?.format)
    }

    @Test(arguments: [
        (
            #"{"id": 1408876827505590273, "username": "bob", "tweet": "x"}"#,
            #"{"id": 1408876827505590274, "username": "bob", "tweet": ""#, #""}"#
        ),
        (
            #"{"id": "1408876827505590273", "author_id": "7", "author": {"username": "bob"}, "text": "x"}"#,
            #"{"id": "1408876827505590274", "author_id": "7", "author": {"username": "bob"}, "text": ""#, #""}"#
        ),
    ])
    func overlongJSONLineIsSkippedWithItsNumber(first: String, head: String, tail: String) throws {
        let long = head + String(repeating: "a", count: 2 << 20) + tail
        let text = [first, long, first.replacingOccurrences(of: "273", with: "275")].joined(separator: "\n")
        // JSON lines are bounded by maxJSONLineLength (64 MiB by default: a page of tweets is one line), set to
        // 1 MiB here so that the 2 MiB line goes over it.
        var options = ArchiveReader.Options()
        options.maxJSONLineLength = 1 << 20
        let archive = try ArchiveReader(options: options).read(bytes: Array(text.utf8), name: "long.jsonl")
        #expect(archive.tweets.count == 2)
        #expect(archive.issues.map(\.description) == ["long.jsonl:2: line-too-long: longer than 1048576 bytes"])
        // By default the same line is read.
        #expect(try ArchiveReader().read(bytes: Array(text.utf8), name: "long.jsonl").tweets.count == 3)
    }

    @Test func invalidUTF8InAnExportIsReplacedAndCounted() throws {
        var bytes = Array(
            "window.YTD.tweets.part0 = [ {\n  \"tweet\" : { \"id_str\" : \"7\", \"full_text\" : \"caf".utf8)
        bytes += [0xE9] + Array("\" }\n} ]\n".utf8)
        let archive = try ArchiveReader().read(bytes: bytes, name: "tweets.js")
        #expect(archive.tweets.map(\.text) == ["caf\u{FFFD}"])
        #expect(archive.inputs.first?.invalidUTF8Lines == 1)
    }
}
