/// Estimates with 95% intervals on a log axis, one row each, with a dashed line at ×1 (no effect): the engagement
/// model's multiplicative effects. A filled dot marks an interval that excludes 1.
///
///     let plot = ForestPlot(frame: frame, rows: [.init(label: "thread part", estimate: 0.5, low: 0.4, high: 0.7)])
///     plot.xScale.ticks   // [0.2, 0.5, 1]
///
/// - Complexity: O(rows).
package struct ForestPlot: Sendable {
    package struct Row: Sendable, Equatable {
        package var label: String
        package var estimate: Double
        package var low: Double
        package var high: Double

        package init(label: String, estimate: Double, low: Double, high: Double) {
            self.label = label
            self.estimate = estimate
            self.low = low
            self.high = high
        }

        /// The interval lies wholly on one side of 1.
        package var excludesOne: Bool { low > 1 || high < 1 }
    }

    package static let margin = (left: 170.0, right: 16.0, top: 8.0, bottom: 40.0)
    package static let rowHeight = 22.0

    package var frame: ChartFrame
    package var rows: [Row]
    package var valueLabel: String
    package let xScale: LogScale

    /// The frame's height is set from the number of rows.
    package init(frame: ChartFrame, rows: [Row], valueLabel: String) {
        var frame = frame
        frame.height = Self.margin.top + Self.rowHeight * Double(max(rows.count, 1)) + Self.margin.bottom
        self.frame = frame
        self.rows = rows
        self.valueLabel = valueLabel
        xScale = LogScale(
            covering: rows.flatMap { [$0.low, $0.high, $0.estimate] }, from: Self.margin.left,
            to: frame.width - Self.margin.right)
    }

    /// The centre line of row `k`.
    package func y(of k: Int) -> Double { Self.margin.top + Self.rowHeight * (Double(k) + 0.5) }

    package var html: HTML {
        let m = Self.margin
        let base = frame.height - m.bottom
        var marks: [HTML] = []
        for tick in xScale.ticks {
            let x = xScale(tick)
            marks.append(ChartFrame.line(x, m.top, x, base, class: tick == 1 ? "reference" : "grid"))
            marks.append(ChartFrame.label(xScale.label(tick), x: x, y: base + 16))
        }
        for (k, row) in rows.enumerated() {
            let y = y(of: k)
            marks.append(ChartFrame.label(ChartFrame.clipped(row.label, 26), x: m.left - 8, y: y + 4, anchor: "end"))
            marks.append(ChartFrame.line(xScale(row.low), y, xScale(row.high), y, class: "whisker"))
            marks.append(
                .element(
                    .circle,
                    [
                        HTMLAttribute(.cx, xScale(row.estimate)), HTMLAttribute(.cy, y),
                        HTMLAttribute(.r, 4.5),
                        .class(row.excludesOne ? "estimate significant" : "estimate"),
                    ],
                    [
                        .element(
                            .title, [],
                            [
                                .text(
                                    "\(row.label): \(Self.format(row.estimate)) "
                                        + "(95% interval \(Self.format(row.low))–\(Self.format(row.high)))")
                            ])
                    ]))
        }
        marks.append(
            ChartFrame.label(
                valueLabel, x: (m.left + frame.width - m.right) / 2, y: frame.height - 6,
                class: "axis-label"))
        let table = ChartFrame.table(
            header: ["feature", "effect", "95% low", "95% high"],
            rows: rows.map {
                [$0.label, Self.format($0.estimate), Self.format($0.low), Self.format($0.high)]
            })
        return frame.figure(marks: marks, table: table)
    }

    /// `×1.25`; beyond ×1000 or below ×0.001 only the bound (an interval that wide says "unknown").
    static func format(_ value: Double) -> String {
        if value > 1000 { return ">×1000" }
        if value < 0.001 { return "<×0.001" }
        return "×" + Escaping.number(value, maxFractionDigits: value < 0.1 ? 3 : 2)
    }
}
