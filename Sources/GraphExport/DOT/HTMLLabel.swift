/// Markup for a Graphviz HTML-like label (`label=<…>`), built so that text inside it is always escaped.
///
///     let label = HTMLLabel.table([[.text("<script>", bold: true)], [.text("a & b", color: "#555555")]])
///     label.markup
///     // <TABLE BORDER="0" CELLBORDER="0" CELLSPACING="2"><TR><TD><B>&lt;script&gt;</B></TD></TR>…</TABLE>
///
/// Only this type's builders produce markup; text always goes through ``Escaping/htmlText(_:lineBreak:)``, and
/// colours through a `#RRGGBB`/name check, so no string from a tweet can close a tag or open a new one.
package struct HTMLLabel: Hashable, Sendable {
    package let markup: String

    private init(markup: String) { self.markup = markup }

    /// One table cell.
    package struct Cell: Hashable, Sendable {
        let markup: String

        /// A text cell; `color` is a font colour, `background` the cell's fill.
        package static func text(
            _ text: String, bold: Bool = false, color: String? = nil, background: String? = nil,
            alignLeft: Bool = false, pointSize: Double? = nil
        ) -> Cell {
            var inner = Escaping.htmlText(text, lineBreak: alignLeft ? "<BR ALIGN=\"LEFT\"/>" : "<BR/>")
            if inner.isEmpty { inner = " " }
            if bold { inner = "<B>" + inner + "</B>" }
            var font: [String] = []
            if let color = HTMLLabel.safeColor(color) { font.append("COLOR=\"\(color)\"") }
            if let pointSize { font.append("POINT-SIZE=\"\(Escaping.number(pointSize, maxFractionDigits: 1))\"") }
            if !font.isEmpty { inner = "<FONT " + font.joined(separator: " ") + ">" + inner + "</FONT>" }
            var attributes = alignLeft ? " ALIGN=\"LEFT\" BALIGN=\"LEFT\"" : ""
            if let background = HTMLLabel.safeColor(background) { attributes += " BGCOLOR=\"\(background)\"" }
            return Cell(markup: "<TD\(attributes)>" + inner + "</TD>")
        }

        /// A colour swatch cell (at least `width` × `height` points).
        package static func swatch(_ color: String, width: Int = 16, height: Int = 12, style: String? = nil) -> Cell {
            let fill = HTMLLabel.safeColor(color) ?? "white"
            let border = style == "dashed" ? " STYLE=\"dashed\"" : ""
            return Cell(
                markup:
                    "<TD BGCOLOR=\"\(fill)\" WIDTH=\"\(width)\" HEIGHT=\"\(height)\" BORDER=\"1\" COLOR=\"#777777\"\(border)></TD>"
            )
        }
    }

    /// A borderless table of rows of cells.
    package static func table(_ rows: [[Cell]], border: Int = 0, cellSpacing: Int = 2, cellPadding: Int = 2)
        -> HTMLLabel
    {
        var markup =
            "<TABLE BORDER=\"\(border)\" CELLBORDER=\"0\" CELLSPACING=\"\(cellSpacing)\" CELLPADDING=\"\(cellPadding)\">"
        for row in rows { markup += "<TR>" + row.map(\.markup).joined() + "</TR>" }
        markup += "</TABLE>"
        return HTMLLabel(markup: markup)
    }

    /// Plain text as an HTML-like label (escaped, line breaks as `<BR/>`).
    package static func text(_ text: String) -> HTMLLabel {
        HTMLLabel(markup: Escaping.htmlText(text))
    }

    /// `#RGB`/`#RRGGBB`/`#RRGGBBAA` or a name of letters and digits; anything else is dropped.
    static func safeColor(_ color: String?) -> String? {
        guard let color, !color.isEmpty, color.utf8.count <= 32 else { return nil }
        let body = color.hasPrefix("#") ? color.dropFirst() : Substring(color)
        let ok =
            color.hasPrefix("#")
            ? body.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x66) }
            : body.utf8.allSatisfy { ($0 >= 0x30 && $0 <= 0x39) || (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) }
        return ok ? color : nil
    }
}
