import GraphExport
import Testing

@Suite("Escaping")
struct EscapingTests {
    @Test(
        "DOT quoted text",
        arguments: [
            ("plain", #""plain""#),
            ("say \"hi\"", #""say \"hi\"""#),
            (#"back\slash \N \G"#, #""back\\slash \\N \\G""#),
            ("a & b &lt;", #""a &amp; b &amp;lt;""#),
            ("one\ntwo\r\nthree\rfour", #""one\ntwo\nthree\nfour""#),
            ("nul\u{0}x\u{7}\u{7F}", "\"nul\u{2400}x\u{2407}\u{2421}\""),
            ("tab\there", #""tab here""#),
            ("rlo\u{202E}x\u{202C}\u{200F}", #""rlo&#x202E;x&#x202C;&#x200F;""#),
            ("\"]; evil -> x [", #""\"]; evil -> x [""#),
            ("ends with \\", #""ends with \\""#),
            ("<b>", #""<b>""#),
        ])
    func dotQuoted(input: String, expected: String) {
        #expect(Escaping.dotQuoted(input) == expected)
    }

    @Test("DOT left-justified lines end in \\l")
    func leftLines() {
        #expect(Escaping.dotQuoted("a\nb\n", lineBreak: .left) == #""a\lb\l""#)
    }

    @Test(
        "DOT identifiers: bare only when safe",
        arguments: [
            ("abc_1", "abc_1"), ("-1.5", "-1.5"), ("42", "42"), ("1a", "\"1a\""), ("node", "\"node\""),
            ("Graph", "\"Graph\""), ("thread:12", "\"thread:12\""), ("a\"b", #""a\"b""#), ("a\\b", #""a\\b""#),
            ("", "\"\""), ("x\ny", "\"x\u{240A}y\""), ("é", "\"é\""), ("1.2.3", "\"1.2.3\""),
        ])
    func dotID(input: String, expected: String) {
        #expect(Escaping.dotID(input) == expected)
    }

    @Test(
        "HTML-like label text",
        arguments: [
            ("<script>", "&lt;script&gt;"),
            ("a & b", "a &amp; b"),
            ("\"q\" 'a'", "&quot;q&quot; &#39;a&#39;"),
            ("l1\nl2\r\nl3", "l1<BR/>l2<BR/>l3"),
            ("nul\u{0}", "nul\u{2400}"),
            ("\u{202E}x", "&#x202E;x"),
            ("]>", "]&gt;"),
        ])
    func htmlText(input: String, expected: String) {
        #expect(Escaping.htmlText(input) == expected)
    }

    @Test(
        "XML 1.0 text drops illegal characters and keeps line breaks",
        arguments: [
            ("a<b>&\"'", "a&lt;b&gt;&amp;&quot;&apos;"),
            ("nul\u{0}bell\u{7}esc\u{1B}", "nulbellesc"),
            ("tab\tlf\ncr\r", "tab&#9;lf&#10;cr&#13;"),
            ("\u{FFFE}\u{FFFF}ok", "ok"),
            ("emoji 👉 rtl \u{202E}x\u{200F}", "emoji 👉 rtl &#x202E;x&#x200F;"),
        ])
    func xml(input: String, expected: String) {
        #expect(Escaping.xml(input) == expected)
    }

    @Test(
        "CSV fields per RFC 4180",
        arguments: [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("l1\nl2", "\"l1\nl2\""),
            ("cr\r", "\"cr\r\""), (" lead", "\" lead\""), ("nul\u{0}", "nul"), ("", ""),
        ])
    func csv(input: String, expected: String) {
        #expect(Escaping.csvField(input) == expected)
    }

    @Test(
        "JSON strings",
        arguments: [
            ("plain", #""plain""#), ("q\"b\\", #""q\"b\\""#), ("l\n\t\r", #""l\n\t\r""#),
            ("nul\u{0}\u{1F}", #""nul\u0000\u001f""#), ("\u{2028}", #""\u2028""#), ("👉", "\"👉\""),
            ("rlo\u{202E}x", #""rlo\u202ex""#),
        ])
    func json(input: String, expected: String) {
        #expect(Escaping.jsonString(input) == expected)
    }

    @Test(
        "numbers are locale-free and short",
        arguments: [
            (3.0, "3"), (0.125, "0.125"), (-2.5, "-2.5"), (1.0 / 3.0, "0.333333"), (Double.nan, "0"), (-0.0000001, "0"),
            (1e20, "1e+20"),
        ])
    func number(value: Double, expected: String) {
        #expect(Escaping.number(value) == expected)
    }

    @Test("terminal text: controls, ESC/OSC sequences, bidi overrides and line breaks are made visible")
    func terminal() {
        #expect(Escaping.terminal("hi\u{1B}]0;owned\u{07}\u{1B}[2J") == "hi\\u{1B}]0;owned\\u{7}\\u{1B}[2J")
        #expect(Escaping.terminal("evil\u{202E}txt.exe") == "evil\\u{202E}txt.exe")
        #expect(Escaping.terminal("a\nb\r\tc\u{85}\u{2028}") == "a\\nb\\r\\tc\\u{85}\\u{2028}")
        #expect(Escaping.terminal("line 1\nline\u{1B} 2\n", keepingNewlines: true) == "line 1\nline\\u{1B} 2\n")
        #expect(Escaping.terminal("café 🧵 @bob") == "café 🧵 @bob")
    }

    @Test(
        "spreadsheet text: formula-leading cells are prefixed with a quote",
        arguments: [
            ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=1", "'\t=1"),
            ("\r=1", "'\r=1"), ("a=1", "a=1"), ("", ""), ("1-2", "1-2"),
        ])
    func spreadsheetText(input: String, expected: String) {
        #expect(Escaping.spreadsheetText(input) == expected)
    }

    @Test("a field that starts with a combining mark is still quoted scalar by scalar (found by Scripts/fuzz)")
    func csvFieldWithLeadingCombiningMark() {
        // The opening quote and U+0658 form one Character; the field must still be `"` + text + `"` in scalars.
        let field = Escaping.csvField("\0\u{0658}raph, \"x\"\r\n")
        #expect(Array(field.unicodeScalars) == Array("\"\u{0658}raph, \"\"x\"\"\r\n\"".unicodeScalars))
    }
}

@Suite("Escaping fast paths")
struct EscapingFastPathTests {
    /// Texts made of the characters each escaper treats apart, in seeded random mixes.
    static func texts() -> [String] {
        let pieces: [String] = [
            "a", "Z", " ", "&", "<", ">", "\"", "'", "\t", "\n", "\r", "\0", "\u{01}", "\u{7F}",
            "é", "’", "…", "\u{061C}", "\u{200B}", "\u{200F}", "\u{202E}", "\u{2028}",
            "\u{2029}", "\u{2066}", "\u{FEFF}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "😀", "𝐁",
            ",", "\\", "@", "=", "中",
        ]
        var seed: UInt64 = 0x5EED
        func next() -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: seed >> 33)
        }
        var texts = pieces + ["", "plain ascii text", "  padded  ", "ünïcödé only", "emoji 😀 only"]
        for _ in 0..<3_000 {
            texts.append((0..<(1 + next() % 12)).map { _ in pieces[next() % pieces.count] }.joined())
        }
        return texts
    }

    @Test("XML escaping on bytes equals the scalar-by-scalar reference")
    func xml() {
        for text in Self.texts() {
            #expect(Escaping.xml(text) == Escaping.xmlReference(text), "\(text.debugDescription)")
        }
    }

    @Test("CSV and JSON return plain text as it is, quoted for JSON")
    func plain() {
        #expect(Escaping.csvField("plain words 123") == "plain words 123")
        #expect(Escaping.csvField(" lead") == "\" lead\"")
        #expect(Escaping.csvField("a,b") == "\"a,b\"")
        #expect(Escaping.csvField("nul\0") == "nul")
        #expect(Escaping.jsonString("plain 😀 é") == "\"plain 😀 é\"")
        #expect(Escaping.jsonString("bidi\u{202E}") == "\"bidi\\u202e\"")
        #expect(Escaping.jsonString("line\u{2028}") == "\"line\\u2028\"")
        #expect(Escaping.jsonString("bom\u{FEFF}") == "\"bom\\ufeff\"")
    }
}
