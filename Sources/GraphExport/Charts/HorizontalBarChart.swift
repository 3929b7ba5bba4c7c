/// Labelled horizontal bars, one per row, each with its own colour: top users by a centrality, coloured by
/// community.
///
///     let chart = HorizontalBarChart(frame: frame, rows: [.init(label: "@a", value: 0.3, color: "#E69F00",
///                                                              group: "community 1")], valueLabel: "PageRank")
///     chart.xScale.upper   // 0.3 rounded out: 0.3
///
/// - Complexity: O(rows).
package struct HorizontalBarChart: Sendable {
    package struct Row: Sendable {
        package var label: String
        package var value: Double
        package var color: String
        /// What the colour means (a community), for the tooltip and the table.
        package var group: String

        package init(label: String, value: Double, color: String, group: String) {
            self.label = label
            self.value = value
            self.color = color
            self.group = group
        }
    }

    package static let margin = (left: 150.0, right: 16.0, top: 8.0, bottom: 40.0)
    package static let rowHeight = 20.0

    package var frame: ChartFrame
    package var rows: [Row]
    package var valueLabel: String
    package let xScale: LinearScale

    /// The frame's height is set from the number of rows.
    package init(frame: ChartFrame, rows: [Row], valueLabel: String) {
        var frame = frame
        frame.height = Self.margin.top + Self.rowHeight * Double(max(rows.count, 1)) + Self.margin.bottom
        self.frame = frame
        self.rows = rows
        self.valueLabel = valueLabel
        xScale = LinearScale(
            upTo: rows.map(\.value).max() ?? 0, from: Self.margin.left,
            to: frame.width - Self.margin.right, ticks: 4)
    }

    /// The top of row `k`'s bar.
    package func y(of k: Int) -> Double { Self.margin.top + Self.rowHeight * Double(k) + 3 }

    package var html: HTML {
        let m = Self.margin
        let base = frame.height - m.bottom
        var marks: [HTML] = []
        for tick in xScale.ticks {
            let x = xScale(tick)
            marks.append(ChartFrame.line(x, m.top, x, base, class: "grid"))
            marks.append(ChartFrame.label(xScale.label(tick), x: x, y: base + 16))
        }
        for (k, row) in rows.enumerated() {
            let y = y(of: k)
            marks.append(ChartFrame.label(ChartFrame.clipped(row.label, 22), x: m.left - 6, y: y + 11, anchor: "end"))
            marks.append(
                ChartFrame.rect(
                    x: m.left, y: y, width: xScale(row.value) - m.left, height: Self.rowHeight - 6,
                    fill: row.color,
                    tooltip: "\(row.label): \(Escaping.number(row.value, maxFractionDigits: 4)) (\(row.group))"))
        }
        marks.append(ChartFrame.line(m.left, m.top, m.left, base, class: "axis"))
        marks.append(
            ChartFrame.label(
                valueLabel, x: (m.left + frame.width - m.right) / 2, y: frame.height - 6,
                class: "axis-label"))
        let table = ChartFrame.table(
            header: ["user", valueLabel, "community"],
            rows: rows.map {
                [$0.label, Escaping.number($0.value, maxFractionDigits: 6), $0.group]
            })
        return frame.figure(marks: marks, table: table)
    }
}
