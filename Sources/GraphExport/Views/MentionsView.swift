/// A user graph: node size by score, edge width by weight, colour by community.
///
/// Circles are sized by score alone (`fixedsize=shape`), so a long handle may overflow a small circle.
///
///     let view = MentionsView(MentionGraph(nodes: nodes, edges: edges).kCore(2).top(50))
///     print(view.graph.dot)    // render with sfdp or neato
///
/// Nodes link to the user's profile when the handle is a valid screen name; tooltips give score, community and
/// weights. The legend lists the communities shown (the ten largest get their own colour; the rest share grey).
public struct MentionsView: Sendable {
    public let input: MentionGraph
    public var title: String

    public init(_ input: MentionGraph, title: String = "Mentions") {
        self.input = input
        self.title = title
    }

    /// Communities in legend order (most members first, then lower id); their position picks their colour.
    public var communities: [Int] {
        var members: [Int: Int] = [:]
        for node in input.nodes { if let c = node.community { members[c, default: 0] += 1 } }
        return members.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
    }

    public var graph: DOTGraph {
        let ranked = communities
        let colorOf = Dictionary(uniqueKeysWithValues: ranked.prefix(Palette.qualitative.count).enumerated()
            .map { ($1, Palette.color($0)) })
        let scores = input.nodes.map(\.score)
        let (lowScore, highScore) = (scores.min() ?? 0, scores.max() ?? 0)
        let weights = input.edges.map(\.weight)
        let (lowWeight, highWeight) = (weights.min() ?? 0, weights.max() ?? 0)
        func scaled(_ value: Double, _ low: Double, _ high: Double) -> Double {
            high > low ? (value - low) / (high - low) : 0.5
        }

        var dot = DOTGraph("mentions", isDirected: input.isDirected)
        // `curved` rather than `true`: spline routing around nodes costs sfdp ~20 s on 150 users (0.1 s curved).
        dot.attributes = ["overlap": "false", "splines": "curved", "outputorder": "edgesfirst", "labelloc": "t",
                          "fontname": "Helvetica", "fontsize": 16, "label": .text(title)]
        dot.nodeDefaults = ["shape": "circle", "style": "filled", "fontname": "Helvetica", "fixedsize": "shape",
                            "color": "white", "fontcolor": "#111111"]
        dot.edgeDefaults = ["color": "#88888899", "arrowsize": 0.5]
        for node in input.nodes {
            let s = scaled(node.score, lowScore, highScore)
            var attributes: DOTAttributes = [
                "label": .text("@" + TextLayout.truncate(node.handle, to: 24)),
                "width": .number(0.4 + 1.6 * s),
                "fontsize": .number((8 + 14 * s).rounded()),
                "fillcolor": .name(node.community.flatMap { colorOf[$0] } ?? Palette.ghost),
                "tooltip": .text("@\(node.handle)\nscore \(Escaping.number(node.score))"
                    + (node.community.map { "\ncommunity \($0)" } ?? "")),
            ]
            if let url = TweetLinks.profile(node.handle) {
                attributes["URL"] = .text(url)
                attributes["target"] = "_blank"
            }
            dot.nodes.append(DOTNode("u:" + node.handle, attributes))
        }
        for edge in input.edges {
            let w = scaled(edge.weight, lowWeight, highWeight)
            dot.edges.append(DOTEdge("u:" + edge.source, "u:" + edge.target, [
                "penwidth": .number(0.5 + 5.5 * w),
                "tooltip": .text("@\(edge.source) → @\(edge.target): \(Escaping.number(edge.weight))"),
            ]))
        }
        var entries = ranked.prefix(Palette.qualitative.count).map {
            Legend.Entry(color: colorOf[$0]!, text: "community \($0)")
        }
        if ranked.count > Palette.qualitative.count || input.nodes.contains(where: { $0.community == nil }) {
            entries.append(Legend.Entry(color: Palette.ghost, text: "other / none"))
        }
        dot.subgraphs = [Legend(entries: entries, notes: ["node size: score", "edge width: weight"]).subgraph]
        return dot
    }
}
