/// A legend for a view: a titled HTML-like table in its own cluster, explaining colours and line styles.
package struct Legend: Hashable, Sendable {
    /// One entry: a colour swatch (or a line-style sample) and its meaning.
    package struct Entry: Hashable, Sendable {
        package var color: String
        package var text: String
        /// `"dashed"` for a dashed swatch border (ghost or gap nodes).
        package var style: String?

        package init(color: String, text: String, style: String? = nil) {
            self.color = color
            self.text = text
            self.style = style
        }
    }

    package var title: String
    package var entries: [Entry]
    /// Lines of explanation without a swatch ("dashed edge: follow-up").
    package var notes: [String]

    package init(title: String = "Legend", entries: [Entry], notes: [String] = []) {
        self.title = title
        self.entries = entries
        self.notes = notes
    }

    /// The legend as a cluster `cluster_legend` holding one plaintext node `legend`.
    package var subgraph: DOTSubgraph {
        var rows: [[HTMLLabel.Cell]] = [[.text(title, bold: true), .text("")]]
        for entry in entries {
            rows.append([.swatch(entry.color, style: entry.style), .text(entry.text, alignLeft: true)])
        }
        for note in notes { rows.append([.text(""), .text(note, color: Palette.ink, alignLeft: true)]) }
        // Explicit size and style, so that a view's node defaults (fixed sizes, fills) do not apply to the legend.
        let node = DOTNode(
            "legend",
            [
                "shape": "plaintext", "label": .html(.table(rows)), "fixedsize": false,
                "width": 0, "height": 0, "margin": 0, "style": "solid", "color": "white",
                "fillcolor": "white", "fontsize": 10, "fontname": "Helvetica",
                "tooltip": .text(title),
            ])
        return DOTSubgraph(
            "cluster_legend", attributes: ["label": .text(""), "color": "#cccccc", "style": "rounded"],
            nodes: [node])
    }
}
