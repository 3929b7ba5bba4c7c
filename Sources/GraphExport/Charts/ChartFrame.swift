/// What every chart of the report shares: an SVG with `role="img"`, a `<title>` and a `<desc>` (the text
/// alternative, also shown as the figure's caption), and the numbers drawn as a table in a `<details>` beside it.
///
///     ChartFrame(id: "hist", title: "Thread lengths", summary: "Most threads have 2 parts.", width: 640, height: 260)
///         .figure(marks: [...], table: ChartFrame.table(header: ["parts", "threads"], rows: [["2", "12"]]))
package struct ChartFrame: Sendable {
    /// Unique on its page: the title and description ids derive from it.
    package var id: String
    package var title: String
    /// One or two sentences saying what the chart shows: the text alternative.
    package var summary: String
    package var width: Double
    package var height: Double

    package init(id: String, title: String, summary: String, width: Double, height: Double) {
        self.id = id
        self.title = title
        self.summary = summary
        self.width = width
        self.height = height
    }

    /// The `<svg>` element holding `marks`, labelled by its title and description.
    package func svg(_ marks: [HTML]) -> HTML {
        .element(
            .svg,
            [
                HTMLAttribute(.viewBox, "0 0 \(Escaping.number(width)) \(Escaping.number(height))"),
                HTMLAttribute(.role, "img"), .class("chart"),
                HTMLAttribute(.ariaLabelledBy, "\(id)-title \(id)-desc"),
            ],
            [
                .element(.title, [.id("\(id)-title")], [.text(title)]),
                .element(.desc, [.id("\(id)-desc")], [.text(summary)]),
            ] + marks)
    }

    /// A `<figure>`: a caption with the title and the summary, the chart, and its data table folded away.
    package func figure(marks: [HTML], table: HTML) -> HTML {
        .element(
            .figure, [.id(id)],
            [
                .element(
                    .figcaption, [],
                    [
                        .element(.h3, [], [.text(title)]),
                        .element(.p, [.class("caption")], [.text(summary)]),
                    ]),
                svg(marks),
                .element(.details, [], [.element(.summary, [], [.text("The numbers")]), table]),
            ])
    }

    /// A plain table: a header row and text cells.
    package static func table(header: [String], rows: [[String]]) -> HTML {
        .element(
            .table, [.class("data")],
            [
                .element(
                    .thead, [],
                    [
                        .element(
                            .tr, [],
                            header.map {
                                .element(.th, [HTMLAttribute(.scope, "col")], [.text($0)])
                            })
                    ]),
                .element(
                    .tbody, [],
                    rows.map { row in
                        .element(
                            .tr, [],
                            row.enumerated().map { k, cell in
                                k == 0
                                    ? .element(.th, [HTMLAttribute(.scope, "row")], [.text(cell)])
                                    : .element(.td, [], [.text(cell)])
                            })
                    }),
            ])
    }

    // MARK: Marks

    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String) -> HTML {
        .element(
            .line,
            [
                HTMLAttribute(.x1, x1), HTMLAttribute(.y1, y1), HTMLAttribute(.x2, x2),
                HTMLAttribute(.y2, y2), .class(name),
            ])
    }

    static func label(
        _ text: String, x: Double, y: Double, anchor: String = "middle", class name: String = "tick",
        rotate: Double? = nil
    ) -> HTML {
        var attributes = [HTMLAttribute(.x, x), HTMLAttribute(.y, y), HTMLAttribute(.textAnchor, anchor), .class(name)]
        if let rotate {
            attributes.append(
                HTMLAttribute(
                    .transform,
                    "rotate(\(Escaping.number(rotate)) \(Escaping.number(x, maxFractionDigits: 2)) \(Escaping.number(y, maxFractionDigits: 2)))"
                ))
        }
        return .element(.svgText, attributes, [.text(text)])
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String, tooltip: String? = nil) -> HTML
    {
        .element(
            .rect,
            [
                HTMLAttribute(.x, x), HTMLAttribute(.y, y), HTMLAttribute(.width, max(0, width)),
                HTMLAttribute(.height, max(0, height)), HTMLAttribute(.fill, fill),
            ],
            tooltip.map { [.element(.title, [], [.text($0)])] } ?? [])
    }

    /// Chart text is cut to `limit` characters with an ellipsis, so a long handle cannot run over the plot.
    static func clipped(_ text: String, _ limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

/// The report's colours: Okabe and Ito's palette, which stays distinguishable with every common colour-vision
/// deficiency, and a sequential blue ramp for heat maps.
package enum ChartPalette {
    /// Orange, sky blue, bluish green, yellow, blue, vermilion, reddish purple: categories and communities in order.
    package static let categorical = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"]
    /// Everything past the categorical colours ("other").
    package static let other = "#999999"
    /// Light to dark; index 0 is "none".
    package static let sequential = ["#f2f2f2", "#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]
    package static let ink = "#1d2733"

    package static func color(_ index: Int) -> String {
        index >= 0 && index < categorical.count ? categorical[index] : other
    }
}
