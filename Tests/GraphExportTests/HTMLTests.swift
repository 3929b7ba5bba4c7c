import Testing

@testable import GraphExport

@Suite("HTML builder")
struct HTMLTests {
    @Test("text and attribute values are escaped; names come from constants")
    func escaping() {
        let html = HTML.element(
            .p, [.class("a\" onclick=\"x"), HTMLAttribute(.title, "<'&'>")],
            [.text("<script>alert('x')</script> & ]]> -->")]
        ).rendered
        #expect(
            html == "<p class=\"a&quot; onclick=&quot;x\" title=\"&lt;&#39;&amp;&#39;&gt;\">"
                + "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; ]]&gt; --&gt;</p>")
    }

    @Test("void elements have no end tag; documents start with the doctype")
    func voidAndDocument() {
        #expect(HTML.element(.br).rendered == "<br>")
        #expect(
            HTML.element(.html, [], [.element(.body)]).document == "<!DOCTYPE html>\n<html>\n<body>\n</body>\n</html>\n"
        )
    }

    @Test(
        "Escaping.html",
        arguments: [(String, String)]([
            ("a\r\nb\rc", "a\nb\nc"), // CR and CRLF become LF
            ("x\u{2028}y\u{2029}", "x&#x2028;y&#x2029;"), // line separators shown, not raw
            ("\u{202E}gnp.exe", "&#x202E;gnp.exe"), // bidi override as a reference
            ("nul\u{0}bel\u{7}", "nul\u{2400}bel\u{2407}"), // controls as control pictures
            ("c1\u{85}", "c1\u{FFFD}"),
            ("tab\there", "tab\there"),
            ("שלום", "שלום"),
        ]))
    func htmlEscaping(input: String, expected: String) {
        #expect(Escaping.html(input) == expected)
    }

    @Test("noncharacters, which HTML forbids even as references, become U+FFFD")
    func noncharacters() {
        let text =
            "non" + String(Unicode.Scalar(0xFFFF)!) + String(Unicode.Scalar(0xFDD0)!) + String(Unicode.Scalar(0x1FFFE)!)
        #expect(Escaping.html(text) == "non\u{FFFD}\u{FFFD}\u{FFFD}")
    }

    @Test("links: relative paths percent-encoded; only http(s) addresses; no javascript:")
    func links() {
        #expect(HTMLLink.relative(["..", "threads", "1 2\".html"]).value == "../threads/1%202%22.html")
        #expect(HTMLLink.fragment("t<1>").value == "#t%3C1%3E")
        #expect(HTMLLink.web("https://twitter.com/a/status/1")?.value == "https://twitter.com/a/status/1")
        for bad in [
            "javascript:alert(1)", "JavaScript:alert(1)", " javascript:x", "data:text/html,x", "file:///etc",
            "https://a b", "https://a\"onmouseover=x", "//evil.example", "https://a\u{0}b",
        ] {
            #expect(HTMLLink.web(bad) == nil, "\(bad)")
        }
        let a = HTML.element(.a, [.href(.relative(["x y.html"]))], [.text("x")]).rendered
        #expect(a == "<a href=\"x%20y.html\">x</a>")
    }
}
