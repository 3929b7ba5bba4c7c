// libFuzzer target: every escaping rule of GraphExport/Escaping.swift holds its promise on arbitrary text.
// Built by Scripts/fuzz/run.sh together with Sources/GraphExport/Escaping.swift (no other dependency).
//
// A broken promise aborts with a message (require, in DOTLexer.swift), which libFuzzer reports as a crash and
// saves the input that caused it.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEscaping(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)

    // DOT escString: one quoted string, no raw line break or control character, no NUL, quotes escaped.
    for lineBreak in [Escaping.LineBreak.centered, .left, .space] {
        let quoted = Escaping.dotQuoted(text, lineBreak: lineBreak)
        require(DOTLexer.isOneQuotedString(quoted), "dotQuoted: not one quoted string: \(quoted.debugDescription)")
        require(!quoted.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) },
                     "dotQuoted: raw control character")
    }
    // DOT ID: bare or one quoted string.
    let id = Escaping.dotID(text)
    require(Escaping.isBareDOTID(id) && id == text || DOTLexer.isOneQuotedString(id),
                 "dotID: \(id.debugDescription)")

    // XML: only XML 1.0 characters, no raw markup, every & starts an entity.
    let xml = Escaping.xml(text)
    require(xml.unicodeScalars.allSatisfy(Escaping.isXMLCharacter), "xml: a character XML forbids")
    require(!xml.unicodeScalars.contains { "<>\"'".unicodeScalars.contains($0) }, "xml: raw markup")
    require(MarkupCheck.ampersandsStartEntities(xml), "xml: a bare &")
    let html = Escaping.htmlText(text)
    let markup = html.replacingBR()
    require(!markup.unicodeScalars.contains { $0 == "<" || $0 == ">" }, "htmlText: raw markup")
    require(MarkupCheck.ampersandsStartEntities(html), "htmlText: a bare &")

    // Terminal: no control or invisible format character survives; with newlines kept, LF is the only one.
    let terminal = Escaping.terminal(text)
    require(!terminal.unicodeScalars.contains(where: Escaping.needsTerminalEscape), "terminal: raw control")
    let lines = Escaping.terminal(text, keepingNewlines: true)
    require(!lines.unicodeScalars.contains { $0 != "\n" && Escaping.needsTerminalEscape($0) },
                 "terminal(keepingNewlines:): raw control")

    // CSV: the field reads back as the text without NUL; a formula-leading cell is neutralised.
    let field = Escaping.csvField(text)
    require(CSVCheck.readField(field) == String(text.unicodeScalars.filter { $0 != "\0" }.map(Character.init)),
                 "csvField: does not read back: \(field.debugDescription)")
    let cell = Escaping.spreadsheetText(text)
    if let first = cell.unicodeScalars.first {
        require(!["=", "+", "-", "@", "\t", "\r"].contains(first), "spreadsheetText: formula-leading cell")
    }

    // JSON string literal: quoted, no raw control character, no raw U+2028/2029.
    let json = Escaping.jsonString(text)
    require(json.unicodeScalars.first == "\"" && json.unicodeScalars.last == "\"" && json.unicodeScalars.count >= 2,
            "jsonString: quotes")
    require(!json.unicodeScalars.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" },
                 "jsonString: raw control character")
    return 0
}

/// The `&` rule for XML and HTML text: every `&` starts `&name;` or `&#…;`.
enum MarkupCheck {
    static func ampersandsStartEntities(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var k = 0
        while k < scalars.count {
            if scalars[k] == "&" {
                var j = k + 1
                while j < scalars.count, j - k < 12, scalars[j] != ";" {
                    guard scalars[j] == "#" || scalars[j].properties.isAlphabetic || ("0"..."9").contains(scalars[j])
                    else { return false }
                    j += 1
                }
                guard j < scalars.count, scalars[j] == ";", j > k + 1 else { return false }
                k = j
            }
            k += 1
        }
        return true
    }
}

extension String {
    /// The text with the `<BR/>` that htmlText writes for line breaks taken out, matched scalar by scalar (a
    /// combining mark after `>` would join it into another Character).
    func replacingBR() -> String {
        let br = Array("<BR/>".unicodeScalars)
        let scalars = Array(unicodeScalars)
        var out = String.UnicodeScalarView()
        var k = 0
        while k < scalars.count {
            if k + br.count <= scalars.count, Array(scalars[k..<k + br.count]) == br {
                k += br.count
                continue
            }
            out.append(scalars[k])
            k += 1
        }
        return String(out)
    }
}

/// Reads one RFC 4180 field back.
enum CSVCheck {
    static func readField(_ field: String) -> String? {
        // Scalars, not Characters: a combining mark after the opening quote joins it into one Character.
        guard field.unicodeScalars.first == "\"" else {
            return field.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" } ? nil : field
        }
        var scalars = Array(field.unicodeScalars.dropFirst())
        guard scalars.last == "\"" else { return nil }
        scalars.removeLast()
        var out = String.UnicodeScalarView()
        var k = 0
        while k < scalars.count {
            if scalars[k] == "\"" {
                guard k + 1 < scalars.count, scalars[k + 1] == "\"" else { return nil }
                k += 1
            }
            out.append(scalars[k])
            k += 1
        }
        return String(out)
    }
}
