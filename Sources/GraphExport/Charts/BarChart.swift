/// Vertical bars over categories, stacked when there are several series: the thread-length histogram, threads
/// and tweets per month, promotions per week by category, promotion positions, community sizes.
///
///     let chart = BarChart(frame: frame, categories: ["2", "3"], series: [.init(name: "threads", color: "#0072B2",
///                                                                              values: [5, 2])],
///                          xLabel: "parts", yLabel: "threads")
///     chart.yScale.ticks   // [0, 1, 2, 3, 4, 5]
///     chart.bars[0].height // 5 ticks' worth of pixels
///
/// - Complexity: O(categories × series).
package struct BarChart: Sendable {
    package struct Series: Sendable {
        package var name: String
        package var color: String
        package var values: [Double]

        package init(name: String, color: String, values: [Double]) {
            self.name = name
            self.color = color
            self.values = values
        }
    }

    /// One drawn rectangle.
    package struct Bar: Sendable, Equatable {
        package var category: Int
        package var series: Int
        package var x: Double, y: Double, width: Double, height: Double
    }

    package static let margin = (left: 56.0, right: 12.0, top: 14.0, bottom: 52.0)

    package var frame: ChartFrame
    package var categories: [String]
    package var series: [Series]
    package var xLabel: String
    package var yLabel: String
    /// Per category, a colour overriding the series' (one series only): community sizes in community colours.
    package var categoryColors: [String]?
    package let yScale: LinearScale
    package let xScale: BandScale

    package init(
        frame: ChartFrame, categories: [String], series: [Series], xLabel: String, yLabel: String,
        integral: Bool = true, categoryColors: [String]? = nil
    ) {
        self.frame = frame
        self.categoryColors = categoryColors
        self.categories = categories
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        let totals = categories.indices.map { k in
            series.reduce(0) { $0 + max(0, k < $1.values.count ? $1.values[k] : 0) }
        }
        yScale = LinearScale(
            upTo: totals.max() ?? 0, from: frame.height - Self.margin.bottom, to: Self.margin.top,
            integral: integral)
        xScale = BandScale(
            count: categories.count, from: Self.margin.left, to: frame.width - Self.margin.right,
            padding: categories.count > 40 ? 0.1 : 0.2)
    }

    /// The bars, bottom series first; zero values draw nothing.
    package var bars: [Bar] {
        var bars: [Bar] = []
        for k in categories.indices {
            var base = 0.0
            for (s, series) in series.enumerated() {
                let value = k < series.values.count ? max(0, series.values[k]) : 0
                guard value > 0 else { continue }
                let top = yScale(base + value)
                let bottom = yScale(base)
                bars.append(
                    Bar(
                        category: k, series: s, x: xScale.start(of: k), y: top, width: xScale.bandwidth,
                        height: bottom - top))
                base += value
            }
        }
        return bars
    }

    /// Indices of the categories that get a label: every one when they fit, else every n-th (always the first).
    package var labelled: [Int] {
        let longest = categories.map(\.count).max() ?? 0
        let needed = Double(longest) * 6.5 + 8
        let every = max(1, Int((needed / max(xScale.step, 1)).rounded(.up)))
        return Array(stride(from: 0, to: categories.count, by: every))
    }

    package var html: HTML {
        let m = Self.margin
        var marks: [HTML] = []
        for tick in yScale.ticks {
            let y = yScale(tick)
            marks.append(ChartFrame.line(m.left, y, frame.width - m.right, y, class: "grid"))
            marks.append(ChartFrame.label(yScale.label(tick), x: m.left - 6, y: y + 4, anchor: "end"))
        }
        for bar in bars {
            let name = series[bar.series].name
            let value = series[bar.series].values[bar.category]
            marks.append(
                ChartFrame.rect(
                    x: bar.x, y: bar.y, width: bar.width, height: bar.height,
                    fill: categoryColors.flatMap { bar.category < $0.count ? $0[bar.category] : nil }
                        ?? series[bar.series].color,
                    tooltip: "\(categories[bar.category]): \(Escaping.number(value, maxFractionDigits: 2)) \(name)"))
        }
        let base = frame.height - m.bottom
        marks.append(ChartFrame.line(m.left, base, frame.width - m.right, base, class: "axis"))
        for k in labelled {
            marks.append(ChartFrame.label(ChartFrame.clipped(categories[k], 12), x: xScale.center(of: k), y: base + 16))
        }
        marks.append(
            ChartFrame.label(xLabel, x: (m.left + frame.width - m.right) / 2, y: frame.height - 8, class: "axis-label"))
        marks.append(ChartFrame.label(yLabel, x: 14, y: (m.top + base) / 2, class: "axis-label", rotate: -90))
        if series.count > 1 {
            var x = m.left
            for s in series {
                marks.append(ChartFrame.rect(x: x, y: 2, width: 10, height: 10, fill: s.color))
                marks.append(ChartFrame.label(s.name, x: x + 14, y: 11, anchor: "start", class: "legend"))
                x += 14 + Double(s.name.count) * 6.5 + 12
            }
        }
        let header = [xLabel] + series.map(\.name)
        let rows = categories.indices.map { k in
            [categories[k]]
                + series.map { Escaping.number(k < $0.values.count ? $0.values[k] : 0, maxFractionDigits: 2) }
        }
        return frame.figure(marks: marks, table: ChartFrame.table(header: header, rows: rows))
    }
}
