/// Posting times as a grid of weekdays (rows, Monday first) by hours (columns), each cell shaded by its count on a
/// six-step sequential scale (0 is its own light grey).
///
///     let map = Heatmap(frame: frame, counts: Array(repeating: Array(repeating: 0, count: 24), count: 7))
///     map.level(of: 0)   // 0
///
/// - Complexity: O(rows × columns).
package struct Heatmap: Sendable {
    package static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    package static let margin = (left: 40.0, right: 8.0, top: 8.0, bottom: 44.0)

    package var frame: ChartFrame
    /// `[weekday][hour]`.
    package var counts: [[Int]]
    package let xScale: BandScale
    package let yScale: BandScale
    package let maximum: Int

    package init(frame: ChartFrame, counts: [[Int]]) {
        self.frame = frame
        self.counts = counts
        maximum = counts.joined().max() ?? 0
        xScale = BandScale(count: 24, from: Self.margin.left, to: frame.width - Self.margin.right, padding: 0.08)
        yScale = BandScale(count: 7, from: Self.margin.top, to: frame.height - Self.margin.bottom, padding: 0.08)
    }

    /// The shade of a count: 0 for none, else 1…5 in proportion to the largest count (rounded up).
    package func level(of count: Int) -> Int {
        guard count > 0, maximum > 0 else { return 0 }
        return min(5, max(1, Int((Double(count) * 5 / Double(maximum)).rounded(.up))))
    }

    package var html: HTML {
        var marks: [HTML] = []
        for (day, name) in Self.weekdays.enumerated() {
            marks.append(ChartFrame.label(name, x: Self.margin.left - 6, y: yScale.center(of: day) + 4, anchor: "end"))
            for hour in 0..<24 {
                let count = day < counts.count && hour < counts[day].count ? counts[day][hour] : 0
                marks.append(
                    ChartFrame.rect(
                        x: xScale.start(of: hour), y: yScale.start(of: day),
                        width: xScale.bandwidth, height: yScale.bandwidth,
                        fill: ChartPalette.sequential[level(of: count)],
                        tooltip: "\(name) \(hour < 10 ? "0" : "")\(hour):00: \(count) tweets"))
            }
        }
        let base = frame.height - Self.margin.bottom
        for hour in stride(from: 0, to: 24, by: 3) {
            marks.append(ChartFrame.label(String(hour), x: xScale.center(of: hour), y: base + 14))
        }
        marks.append(
            ChartFrame.label(
                "hour of day", x: (Self.margin.left + frame.width) / 2, y: frame.height - 20,
                class: "axis-label"))
        // The legend: the five shades with the counts they start at.
        var x = Self.margin.left
        for level in 0...5 {
            let from = level == 0 ? 0 : Int((Double(maximum) * Double(level - 1) / 5).rounded(.down)) + 1
            marks.append(
                ChartFrame.rect(
                    x: x, y: frame.height - 12, width: 10, height: 10,
                    fill: ChartPalette.sequential[level]))
            let text = level == 0 ? "0" : "≥\(from)"
            marks.append(ChartFrame.label(text, x: x + 13, y: frame.height - 3, anchor: "start", class: "legend"))
            x += 22 + Double(text.count) * 6.5
        }
        let rows = Self.weekdays.enumerated().map { day, name in
            [name]
                + (0..<24).map { hour in String(day < counts.count && hour < counts[day].count ? counts[day][hour] : 0)
                }
        }
        return frame.figure(
            marks: marks, table: ChartFrame.table(header: ["day"] + (0..<24).map(String.init), rows: rows))
    }
}
