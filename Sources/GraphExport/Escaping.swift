/// Every escaping rule of the exporters, in one place.
///
/// Strings from tweets are hostile by assumption: quotes, backslashes, newlines, `<>&`, NUL and other control
/// characters, and bidirectional-text controls must not change a document's structure or hide in it.
///
///     Escaping.dotQuoted("say \"hi\"\\n")      // "\"say \\\"hi\\\"\\\\n\""
///     Escaping.htmlText("<script>")           // "&lt;script&gt;"
///     Escaping.csvField("a,b")                 // "\"a,b\""
package enum Escaping {
    // MARK: Characters that need care everywhere

    /// Bidirectional-text controls and other invisible format characters: LRM/RLM/ALM, embeddings and overrides
    /// (U+202A–U+202E), isolates (U+2066–U+2069), zero-width characters and the BOM.
    ///
    /// In DOT and HTML-like labels they are written as numeric character references, so a DOT file shows them
    /// instead of reordering its own source text, while the rendered label keeps the tweet's direction.
    package static func isInvisibleFormatCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2069, 0xFEFF: return true
        default: return false
        }
    }

    /// A visible stand-in for a control character: U+2400–U+241F for C0 (NUL → ␀), U+2421 for DEL, U+FFFD for C1.
    static func controlPicture(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0x00...0x1F: return Unicode.Scalar(0x2400 + scalar.value)!
        case 0x7F: return "\u{2421}"
        default: return "\u{FFFD}"
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == "\u{85}"
    }

    static func numericReference(_ scalar: Unicode.Scalar) -> String {
        "&#x" + String(scalar.value, radix: 16, uppercase: true) + ";"
    }

    // MARK: DOT

    /// How a line break in text is written in a DOT escString.
    package enum LineBreak: String, Sendable {
        /// `\n`: centred line.
        case centered = "\\n"
        /// `\l`: left-justified line.
        case left = "\\l"
        /// A space: one line.
        case space = " "
    }

    /// A DOT double-quoted string for text that Graphviz shows (labels, tooltips): `"…"`.
    ///
    /// `"` → `\"`; `\` → `\\` (so `\N`, `\G` and friends in a tweet stay literal); `&` → `&amp;` (Graphviz decodes
    /// entities in labels, so a tweet's `&lt;` stays literal); line breaks (CR LF, CR, LF, U+2028/2029, NEL) →
    /// `lineBreak`; tab → space; other control characters, NUL included (which would end the C string Graphviz
    /// parses) → control pictures; invisible format characters → `&#x…;`.
    ///
    /// - Complexity: O(n) in the string's scalars.
    package static func dotQuoted(_ text: String, lineBreak: LineBreak = .centered) -> String {
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n" && previousWasCR { continue }
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "&": out += "&amp;"
            case "\t": out += " "
            case _ where isLineBreak(scalar): out += lineBreak.rawValue
            case _ where isControl(scalar): out.unicodeScalars.append(controlPicture(scalar))
            case _ where isInvisibleFormatCharacter(scalar): out += numericReference(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A DOT identifier for names (node ids, attribute names): bare when it is a plain ASCII identifier or number
    /// and not a keyword, otherwise a quoted string with `"` and `\` escaped and control characters replaced.
    ///
    /// Names are not escStrings, so `&` is kept as it is; the writer uses the same spelling everywhere a name
    /// appears, so edges always find their nodes.
    package static func dotID(_ name: String) -> String {
        if isBareDOTID(name) { return name }
        var out = "\""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where isControl(scalar) || isLineBreak(scalar): out.unicodeScalars.append(controlPicture(scalar))
            case _ where isInvisibleFormatCharacter(scalar): out += numericReference(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static let dotKeywords: Set<String> = ["node", "edge", "graph", "digraph", "subgraph", "strict"]

    static func isBareDOTID(_ name: String) -> Bool {
        guard let first = name.utf8.first, !dotKeywords.contains(name.lowercased()) else { return false }
        func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        if isLetter(first) { return name.utf8.allSatisfy { isLetter($0) || isDigit($0) } }
        // numerals: -?(.[0-9]+ | [0-9]+(.[0-9]*)?)
        var digits = 0
        var dots = 0
        for (i, c) in name.utf8.enumerated() {
            if c == 0x2D && i == 0 { continue }
            if c == 0x2E {
                dots += 1
                continue
            }
            guard isDigit(c) else { return false }
            digits += 1
        }
        return digits > 0 && dots <= 1
    }

    // MARK: HTML-like labels (and XML text)

    /// Text for inside a Graphviz HTML-like label: `&<>"'` as entities, line breaks as `<BR/>`, control
    /// characters as control pictures, invisible format characters as `&#x…;`.
    ///
    /// - Complexity: O(n) in the string's scalars.
    package static func htmlText(_ text: String, lineBreak: String = "<BR/>") -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        html(text, into: &out, labelLineBreak: lineBreak)
        return out
    }

    // MARK: XML 1.0 (GraphML, GEXF)

    /// Whether XML 1.0 allows the character at all (`Char` production); NUL and most C0 controls it does not.
    package static func isXMLCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        default: return false
        }
    }

    /// Text or attribute content for XML 1.0: `&<>"'` as entities; tab, LF and CR as character references (so
    /// attribute-value normalisation cannot turn them into spaces); invisible format characters (bidi controls) as
    /// `&#x…;`, so the file shows them; characters XML 1.0 forbids (NUL, other C0 controls, U+FFFE, U+FFFF) removed.
    ///
    /// - Complexity: O(n) in the string's scalars.
    package static func xml(_ text: String) -> String {
        var text = text
        text.makeContiguousUTF8()
        return xmlBytes(text.utf8.span) ?? text
    }

    /// ``xml(_:)`` on the UTF-8 bytes: `nil` when nothing changes (the usual case), else the escaped text.
    private static func xmlBytes(_ bytes: Span<UInt8>) -> String? {
        var first = 0
        while first < bytes.count && !isXMLSpecial(bytes[first]) { first += 1 }
        guard first < bytes.count else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        appendXML(bytes, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a UTF-8 byte can start something ``xml(_:)`` changes: only ASCII specials and the scalars led by
    /// `D8` (U+061C), `E2` (U+2000–U+2FFF: the bidi and zero-width controls) and `EF` (U+FEFF, U+FFFE, U+FFFF)
    /// can change, so no other scalar is decoded.
    @inline(__always)
    private static func isXMLSpecial(_ b: UInt8) -> Bool {
        // Below 0x40 one bit per byte: the C0 controls, `"`, `&`, `'`, `<` and `>`.
        if b < 0x40 { return (xmlSpecialsBelow40 >> UInt64(b)) & 1 != 0 }
        return b >= 0xD8 && (b == 0xD8 || b == 0xE2 || b == 0xEF)
    }

    private static var xmlSpecialsBelow40: UInt64 {
        0xFFFF_FFFF | 1 << 0x22 | 1 << 0x26 | 1 << 0x27 | 1 << 0x3C | 1 << 0x3E
    }

    /// Appends ``xml(_:)`` of `text` to `out` as UTF-8: what the byte-level writers use, so that no `String` is
    /// built for each value.
    ///
    ///     var out: [UInt8] = []
    ///     Escaping.appendXML("a<b", to: &out)   // out: "a&lt;b" as UTF-8
    ///
    /// - Complexity: O(n) in the string's UTF-8 length.
    package static func appendXML(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.makeContiguousUTF8()
        appendXML(text.utf8.span, to: &out)
    }

    /// Appends ``xml(_:)`` of the valid UTF-8 `bytes` to `out`: runs of bytes that need nothing are copied as
    /// they are, the rest escaped or removed.
    ///
    /// - Complexity: O(n) in the number of bytes.
    package static func appendXML(_ bytes: Span<UInt8>, to out: inout [UInt8]) {
        let n = bytes.count
        var i = 0
        while i < n {
            var end = i
            while end < n && !isXMLSpecial(bytes[end]) { end += 1 }
            if end > i {
                out.append(addingCapacity: end - i) { run in
                    for k in i..<end { run.append(bytes[k]) }
                }
                i = end
                if i == n { break }
            }
            let b = bytes[i]
            switch b {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&apos;".utf8)
            case 0x09: out.append(contentsOf: "&#9;".utf8)
            case 0x0A: out.append(contentsOf: "&#10;".utf8)
            case 0x0D: out.append(contentsOf: "&#13;".utf8)
            case 0x00..<0x20: break // not an XML character: removed
            default: // 0xD8, 0xE2, 0xEF
                let width = b == 0xD8 ? 2 : 3
                let value =
                    b == 0xD8
                    ? (UInt32(b & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                    : (UInt32(b & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                let scalar = Unicode.Scalar(value)!
                if !isXMLCharacter(scalar) {
                    // removed
                } else if isInvisibleFormatCharacter(scalar) {
                    out.append(contentsOf: numericReference(scalar).utf8)
                } else {
                    for k in i..<(i + width) { out.append(bytes[k]) }
                }
                i += width
                continue
            }
            i += 1
        }
    }

    /// The scalar-by-scalar ``xml(_:)``, kept as the reference the byte version is tested against.
    package static func xmlReference(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t": out += "&#9;"
            case "\n": out += "&#10;"
            case "\r": out += "&#13;"
            case _ where !isXMLCharacter(scalar): continue
            case _ where isInvisibleFormatCharacter(scalar): out += numericReference(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    // MARK: HTML5 documents (the report)

    /// Text or double-quoted attribute content for an HTML5 page (text, attributes, inline SVG): `&<>"'` as
    /// entities; U+2028, U+2029 and invisible format characters (bidi controls) as `&#x…;`, so the page source shows
    /// them (the report isolates every tweet's text, so an override cannot reorder what follows it); CR and CRLF as
    /// LF; other control characters as control pictures (NUL → ␀) and noncharacters as U+FFFD, which the HTML
    /// standard forbids in a document even as references.
    ///
    ///     Escaping.html("<script>alert('x')</script>")   // "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
    ///
    /// - Complexity: O(n) in the string's scalars.
    package static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        html(text, into: &out)
        return out
    }

    /// ``html(_:)`` appended to `out`; with `labelLineBreak`, ``htmlText(_:lineBreak:)`` instead (the one HTML
    /// escaper: pages and Graphviz labels differ only in line breaks, tabs and noncharacters).
    static func html(_ text: String, into out: inout String, labelLineBreak: String? = nil) {
        let isLabel = labelLineBreak != nil
        var previousWasCR = false
        for scalar in text.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            if scalar == "\n" && previousWasCR { continue }
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t": out += isLabel ? " " : "\t"
            case "\n", "\r": out += labelLineBreak ?? "\n"
            case _ where isLabel && isLineBreak(scalar): out += labelLineBreak ?? ""
            case "\u{2028}", "\u{2029}": out += numericReference(scalar)
            case _ where isControl(scalar): out.unicodeScalars.append(controlPicture(scalar))
            case _ where !isLabel && isNoncharacter(scalar): out += "\u{FFFD}"
            case _ where isInvisibleFormatCharacter(scalar): out += numericReference(scalar)
            default: out.unicodeScalars.append(scalar)
            }
        }
    }

    /// U+FDD0–U+FDEF and the last two code points of every plane.
    static func isNoncharacter(_ scalar: Unicode.Scalar) -> Bool {
        (0xFDD0...0xFDEF).contains(scalar.value) || scalar.value & 0xFFFE == 0xFFFE
    }

    // MARK: CSV (RFC 4180)

    /// A CSV field per RFC 4180: quoted when it holds a comma, quote, CR or LF (or starts or ends with a space),
    /// with quotes doubled; NUL removed (neither Neo4j's importer nor Spark reads it).
    package static func csvField(_ text: String) -> String {
        // Most fields (ids, numbers, plain words) hold nothing to quote or remove: return them as they are.
        var text = text
        let plain = text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last else { return true }
            return first != 0x20 && last != 0x20
                && !bytes.contains { $0 == 0x22 || $0 == 0x2C || $0 == 0x0A || $0 == 0x0D || $0 == 0 }
        }
        if plain { return text }
        var needsQuotes = text.first == " " || text.last == " "
        var body = ""
        body.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\0": continue
            case "\"":
                body += "\"\""
                needsQuotes = true
            case ",", "\n", "\r":
                body.unicodeScalars.append(scalar)
                needsQuotes = true
            default: body.unicodeScalars.append(scalar)
            }
        }
        return needsQuotes ? "\"" + body + "\"" : body
    }

    /// A text cell made inert for spreadsheets, as OWASP's CSV-injection advice says: a cell that starts with `=`,
    /// `+`, `-`, `@`, tab or CR gets a leading `'`, so Excel, LibreOffice and Sheets show it as text instead of
    /// evaluating it. Apply it to free text only: identifiers and numbers must reach importers unchanged.
    ///
    ///     Escaping.spreadsheetText("=cmd|' /C calc'!A0")   // "'=cmd|' /C calc'!A0"
    ///     Escaping.spreadsheetText("-2+3")                  // "'-2+3"
    ///     Escaping.spreadsheetText("plain")                 // "plain"
    package static func spreadsheetText(_ text: String) -> String {
        switch text.unicodeScalars.first {
        case "=", "+", "-", "@", "\t", "\r": "'" + text
        default: text
        }
    }

    // MARK: JSON (RFC 8259)

    /// A JSON string literal: `"` and `\` escaped, control characters as `\n`, `\t`, … or `\u00XX`; U+2028 and
    /// U+2029 as `\u2028`/`\u2029` (JavaScript-safe); invisible format characters (bidi controls) as `\uXXXX`.
    package static func jsonString(_ text: String) -> String {
        // Without quotes, backslashes, controls and the scalars led by D8, E2 or EF (U+061C, U+2028, U+2029 and
        // the format characters) the text goes in as it is.
        var text = text
        let plain = text.withUTF8 { bytes in
            !bytes.contains {
                $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xD8 || $0 == 0xE2 || $0 == 0xEF
            }
        }
        if plain { return "\"" + text + "\"" }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || isInvisibleFormatCharacter(scalar):
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: Terminals

    /// Text for a terminal or a text report: control characters (ESC and the CSI/OSC sequences it starts, BEL, CR,
    /// C1 controls, DEL), line and paragraph separators and invisible format characters (bidi overrides and
    /// isolates, zero-width characters) written as visible Swift-style escapes, so a tweet or a handle can neither
    /// drive the terminal, reorder the line it sits in, nor start a line of its own.
    ///
    ///     Escaping.terminal("hi\u{1B}]0;owned\u{07}")        // "hi\\u{1B}]0;owned\\u{07}"
    ///     Escaping.terminal("a\nb")                            // "a\\nb"
    ///     Escaping.terminal("a\nb", keepingNewlines: true)     // "a\nb"
    ///
    /// `\n`, `\r` and `\t` are written as such; everything else as `\u{XX}`. Backslashes are left as they are.
    ///
    /// - Parameter keepingNewlines: Keep LF as a line break, for a whole report whose lines were laid out by the
    ///   caller (the fields in it should have been escaped without it).
    /// - Complexity: O(n) in the string's scalars.
    package static func terminal(_ text: String, keepingNewlines: Bool = false) -> String {
        guard text.unicodeScalars.contains(where: needsTerminalEscape) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n" where keepingNewlines: out += "\n"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where needsTerminalEscape(scalar):
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func needsTerminalEscape(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || isInvisibleFormatCharacter(scalar) || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    // MARK: Numbers

    /// A deterministic, locale-free spelling of a double: integral values without a fraction (`3`), others with up
    /// to `maxFractionDigits` digits and no trailing zeros (`0.125`); non-finite values as `0`.
    package static func number(_ value: Double, maxFractionDigits: Int = 6) -> String {
        guard value.isFinite else { return "0" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        var scale = 1.0
        for _ in 0..<maxFractionDigits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        guard scaled < 9e18 else { return String(value) }
        let digits = String(Int64(scaled))
        let padded = String(repeating: "0", count: max(0, maxFractionDigits + 1 - digits.count)) + digits
        var integer = String(padded.dropLast(maxFractionDigits))
        var fraction = String(padded.suffix(maxFractionDigits))
        while fraction.hasSuffix("0") { fraction.removeLast() }
        if integer.isEmpty { integer = "0" }
        let sign = value < 0 && (integer != "0" || !fraction.isEmpty) ? "-" : ""
        return sign + integer + (fraction.isEmpty ? "" : "." + fraction)
    }
}
