import GraphExport
import Testing

@Suite("Charts")
struct ChartTests {
    func frame(_ id: String = "c", height: Double = 260) -> ChartFrame {
        ChartFrame(id: id, title: "T", summary: "S", width: 640, height: height)
    }

    @Test("bar chart: bar heights are proportional to the values on a 0…4 axis; zero draws nothing")
    func barGeometry() throws {
        let chart = BarChart(
            frame: frame(), categories: ["2", "3", "4"],
            series: [.init(name: "threads", color: "#000", values: [4, 0, 2])],
            xLabel: "parts", yLabel: "threads")
        // Plot from y = 260 − 52 = 208 (value 0) up to y = 14 (value 4): 194 px for 4.
        #expect(chart.yScale.ticks == [0, 1, 2, 3, 4])
        let bars = chart.bars
        #expect(bars.map(\.category) == [0, 2])
        #expect(bars[0].y == 14 && bars[0].height == 194)
        #expect(bars[1].height == 97 && bars[1].y == 111)
        // Three bands over 640 − 56 − 12 = 572 px.
        #expect(abs(bars[1].x - (56 + 2 * 572 / 3 + 572 / 3 * 0.1)) < 1e-9)
        let html = chart.html.rendered
        for label in [
            ">parts<", ">threads<", ">4<", "<title id=\"c-title\">T</title>", "<desc id=\"c-desc\">S</desc>",
            "role=\"img\"", "aria-labelledby=\"c-title c-desc\"",
            "<figcaption><h3>T</h3><p class=\"caption\">S</p></figcaption>",
        ] {
            #expect(html.contains(label), "\(label)")
        }
        #expect(html.components(separatedBy: "<rect").count - 1 == 2)
    }

    @Test("stacked series sit on each other; the axis covers the largest total")
    func stacked() {
        let chart = BarChart(
            frame: frame(), categories: ["w1", "w2"],
            series: [
                .init(name: "a", color: "#111", values: [1, 2]),
                .init(name: "b", color: "#222", values: [3, 0]),
            ],
            xLabel: "week", yLabel: "n")
        #expect(chart.yScale.upper == 4)
        let first = chart.bars.filter { $0.category == 0 }
        #expect(first.count == 2)
        // b's bar starts where a's ends.
        #expect(abs(first[1].y + first[1].height - first[0].y) < 1e-9)
        #expect(abs(first[0].height * 3 - first[1].height) < 1e-9)
        #expect(chart.html.rendered.contains(">a</text>")) // a legend when there are several series
    }

    @Test("long category axes label every n-th category, always the first")
    func thinnedLabels() {
        let months = (0..<100).map { "2020-\($0)" }
        let chart = BarChart(
            frame: frame(), categories: months,
            series: [.init(name: "t", color: "#000", values: months.map { _ in 1 })],
            xLabel: "month", yLabel: "tweets")
        let labelled = chart.labelled
        #expect(labelled.first == 0)
        #expect(labelled.count < 20 && labelled.count > 5)
        // Labels never overlap: each gets at least its text's width (6.5 px a character, plus a gap).
        let every = labelled[1] - labelled[0]
        #expect(Double(every) * chart.xScale.step >= 7 * 6.5)
    }

    @Test("no categories: an axis with no bars")
    func emptyBars() {
        let chart = BarChart(frame: frame(), categories: [], series: [], xLabel: "x", yLabel: "y")
        #expect(chart.bars.isEmpty)
        #expect(chart.yScale.ticks == [0, 1])
        #expect(chart.html.rendered.contains("<svg"))
    }

    @Test("horizontal bars: one row each, width in proportion, height from the rows")
    func horizontal() {
        let chart = HorizontalBarChart(
            frame: frame(height: 0),
            rows: [
                .init(label: "@a", value: 0.4, color: "#E69F00", group: "community 1"),
                .init(label: "@b", value: 0.1, color: "#56B4E9", group: "community 2"),
            ],
            valueLabel: "PageRank")
        #expect(chart.frame.height == 8 + 2 * 20 + 40)
        // 0.4 / 4 = 0.1 → step 0.1, domain 0…0.4 over 640 − 150 − 16 = 474 px.
        #expect(chart.xScale.upper == 0.4)
        #expect(abs(chart.xScale(0.1) - (150 + 474 / 4)) < 1e-9)
        let html = chart.html.rendered
        #expect(html.contains("fill=\"#E69F00\"") && html.contains(">@b<") && html.contains(">community 2<"))
    }

    @Test("heat map: shades step with the count in fifths of the largest; 0 has its own")
    func heatmapLevels() {
        var counts = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        counts[0][9] = 10
        counts[6][23] = 5
        counts[3][0] = 1
        let map = Heatmap(frame: frame(height: 250), counts: counts)
        #expect(map.level(of: 0) == 0)
        #expect(map.level(of: 1) == 1) // 1 × 5 / 10 = 0.5 → 1
        #expect(map.level(of: 5) == 3) // 2.5 → 3
        #expect(map.level(of: 10) == 5)
        let html = map.html.rendered
        #expect(html.components(separatedBy: " tweets</title>").count - 1 == 7 * 24)
        #expect(html.contains("<title>Mon 09:00: 10 tweets</title>"))
        #expect(html.contains(">Sun<"))
        #expect(Heatmap(frame: frame(), counts: []).level(of: 3) == 0) // no tweets
    }

    @Test("forest plot: rows at fixed spacing; filled dots for intervals that exclude ×1")
    func forest() {
        let plot = ForestPlot(
            frame: frame(height: 0),
            rows: [
                .init(label: "thread part", estimate: 0.5, low: 0.4, high: 0.7),
                .init(label: "has link", estimate: 1.1, low: 0.9, high: 1.3),
            ], valueLabel: "effect")
        #expect(plot.frame.height == 8 + 2 * 22 + 40)
        #expect(plot.y(of: 1) - plot.y(of: 0) == 22)
        #expect(plot.xScale.ticks == [0.2, 0.5, 1, 2])
        #expect(plot.rows.map(\.excludesOne) == [true, false])
        let html = plot.html.rendered
        #expect(html.components(separatedBy: "class=\"estimate significant\"").count - 1 == 1)
        #expect(html.contains(">×1<") && html.contains("class=\"reference\""))
        #expect(html.contains("<td>×0.4</td>"))
    }

    @Test("thread diagram: parts in order, a dashed box for each gap in the numbering, weak links dashed")
    func diagram() {
        let diagram = ThreadDiagram(
            frame: frame(height: 0),
            parts: [
                .init(number: 1, text: "first", promotional: false),
                .init(number: 3, text: "third", promotional: true),
                .init(number: 4, text: "fourth", promotional: false),
            ], confidences: [0.7, 0.95], missing: [2, 6],
            followUps: [.init(text: "late", target: 2, confidence: 0.8)])
        #expect(diagram.items == [.part(0), .missing([2]), .part(1), .part(2), .missing([6]), .followUp(0)])
        #expect(diagram.connectorLabel(into: 2)?.text == "0.7")
        #expect(diagram.connectorLabel(into: 2)?.dashed == true)
        #expect(diagram.connectorLabel(into: 3)?.dashed == false)
        #expect(diagram.connectorLabel(into: 5)?.text == "follow-up of part 4 · 0.8")
        #expect(diagram.frame.height == 16 + 6 * 30 + 5 * 24)
        let html = diagram.html.rendered
        #expect(html.contains(">part 2 missing<") && html.contains(">3. third<") && html.contains("#FBE3B3"))
    }
}
