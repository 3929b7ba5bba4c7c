/// A user graph: node size by score, edge width by weight, colour by community.
///
/// Circles are sized by score alone (`fixedsize=shape`), so a long handle may overflow a small circle.
///
///     let view = MentionsView(MentionGraph(nodes: nodes, edges: edges).kCore(2).top(50))
///     print(view.dot)    // digraph "mentions" { … }, render with sfdp or neato
///
/// Nodes link to the user's profile when the handle is a valid screen name; tooltips give score, community and
/// weights. The legend lists the communities shown (the ten largest get their own colour; the rest share grey).
///
/// Edges are curved on sparse graphs and straight (`splines=line`) on dense ones, where Graphviz 2.43's curved
/// routing can run for minutes or never finish (110 edges among 15 users: 4.7 s; 120: no end seen); the legend
/// says when edges were drawn straight and why. ``edgeStyle`` overrides the choice.
public struct MentionsView: Sendable {
    /// How the edges are drawn.
    public enum EdgeStyle: String, Sendable, CaseIterable {
        /// Curved when the graph is sparse enough (`curvedEdgeLimit`, at most two edges per user), else straight.
        case automatic = "auto"
        /// Always curved (`splines=curved`).
        case curved
        /// Always straight (`splines=line`).
        case straight = "line"
    }

    /// The most edges drawn curved by ``EdgeStyle/automatic``.
    package static let curvedEdgeLimit = 600

    package let input: MentionGraph
    /// The drawing's title.
    public var title: String
    /// How the edges are drawn; automatic by default.
    public var edgeStyle: EdgeStyle = .automatic

    /// Whether the edges are drawn curved: ``edgeStyle``, with `automatic` resolved by the graph's size.
    package var drawsCurvedEdges: Bool {
        switch edgeStyle {
        case .curved: true
        case .straight: false
        case .automatic: input.edges.count <= Self.curvedEdgeLimit && input.edges.count <= 2 * input.nodes.count
        }
    }

    /// The view of `input`, titled `title`.
    public init(_ input: MentionGraph, title: String = "Mentions") {
        self.input = input
        self.title = title
    }

    /// Communities in legend order (most members first, then lower id); their position picks their colour.
    package var communities: [Int] {
        var members: [Int: Int] = [:]
        for node in input.nodes { if let c = node.community { members[c, default: 0] += 1 } }
        return members.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
    }

    /// The view as DOT text, ready for Graphviz's `sfdp` or `neato` engine.
    public var dot: String { graph.dot }

    package var graph: DOTGraph {
        let ranked = communities
        let colorOf = Dictionary(
            uniqueKeysWithValues: ranked.prefix(Palette.qualitative.count).enumerated()
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
        dot.attributes = [
            "overlap": "false", "splines": drawsCurvedEdges ? "curved" : "line",
            "outputorder": "edgesfirst", "labelloc": "t",
            "fontname": "Helvetica", "fontsize": 16, "label": .text(title),
        ]
        dot.nodeDefaults = [
            "shape": "circle", "style": "filled", "fontname": "Helvetica", "fixedsize": "shape",
            "color": "white", "fontcolor": "#111111",
        ]
        dot.edgeDefaults = ["color": "#88888899", "arrowsize": 0.5]
        for node in input.nodes {
            let s = scaled(node.score, lowScore, highScore)
            var attributes: DOTAttributes = [
                "label": .text("@" + TextLayout.truncate(node.handle, to: 24)),
                "width": .number(0.4 + 1.6 * s),
                "fontsize": .number((8 + 14 * s).rounded()),
                "fillcolor": .name(node.community.flatMap { colorOf[$0] } ?? Palette.ghost),
                "tooltip": .text(
                    "@\(node.handle)\nscore \(Escaping.number(node.score))"
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
            dot.edges.append(
                DOTEdge(
                    "u:" + edge.source, "u:" + edge.target,
                    [
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
        var notes = ["node size: score", "edge width: weight"]
        if !drawsCurvedEdges && edgeStyle == .automatic {
            notes.append(
                "edges straight: \(input.edges.count) edges on \(input.nodes.count) users is too dense for curves")
        }
        dot.subgraphs = [Legend(entries: entries, notes: notes).subgraph]
        return dot
    }
}
