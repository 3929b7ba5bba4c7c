/// The views' colours: a qualitative palette (Tableau 10 and two greys) applied in a fixed order.
package enum Palette {
    /// Ten distinguishable fills, in the order categories and communities receive them.
    package static let qualitative = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
        "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac",
    ]
    /// Light versions of ``qualitative`` for node fills behind black text.
    package static let light = [
        "#c6d5e6", "#fbd9b6", "#f5c2c3", "#d4eae8", "#cde3c8",
        "#f8ecbd", "#e2d2de", "#ffdde1", "#dfd0c6", "#e9e5e2",
    ]
    package static let neutral = "#f4f4f4"
    package static let ghost = "#9a9a9a"
    package static let ink = "#333333"

    /// The colour for position `index` in a sorted list of categories or communities.
    package static func color(_ index: Int, light: Bool = false) -> String {
        let colors = light ? Self.light : qualitative
        return colors[((index % colors.count) + colors.count) % colors.count]
    }
}
