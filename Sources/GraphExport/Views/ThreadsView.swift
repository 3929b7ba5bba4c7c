import ReplyGraph

/// Every thread of an archive (or the `limit` longest) as one cluster each, in posting order.
///
///     let view = ThreadsView(graph: ReplyGraph(archive), limit: 10)
///     print(view.dot)   // digraph "threads" { … }
///
/// Parts are filled by the thread's numbering style (legend included); each part links to its status page and
/// carries its full text as a tooltip.
public struct ThreadsView: Sendable {
    /// The threads drawn, oldest first.
    package let threads: [TweetThread]
    package let archive: Archive
    /// Characters of text shown per part.
    package var maxCharacters: Int

    /// The view of the threads of `graph`.
    ///
    /// - Parameters:
    ///   - graph: The reply graph whose threads are drawn.
    ///   - limit: Draw only the `limit` longest threads (ties: older first); `nil` for all.
    ///   - maxCharacters: Characters of text shown per part.
    public init(graph: ReplyGraph, limit: Int? = nil, maxCharacters: Int = 60) {
        self.init(threads: graph.threads, archive: graph.archive, limit: limit, maxCharacters: maxCharacters)
    }

    /// A view from plain threads, independent of how they were reconstructed.
    package init(threads: [TweetThread], archive: Archive, limit: Int? = nil, maxCharacters: Int = 60) {
        var chosen = threads
        if let limit {
            chosen.sort { ($1.length, $0.start, $0.root) < ($0.length, $1.start, $1.root) }
            chosen = Array(chosen.prefix(max(0, limit)))
        }
        chosen.sort { ($0.start, $0.root) < ($1.start, $1.root) }
        self.threads = chosen
        self.archive = archive
        self.maxCharacters = maxCharacters
    }

    /// Numbering styles in legend order; the position picks the colour.
    static let styles = NumberingStyle.allCases

    /// The view as DOT text, ready for Graphviz with the `dot` engine.
    public var dot: String { graph.dot }

    package var graph: DOTGraph {
        var dot = DOTGraph("threads")
        dot.attributes = [
            "rankdir": "TB", "labelloc": "t", "fontname": "Helvetica", "fontsize": 16,
            "label": .text("\(threads.count) threads"), "newrank": true,
        ]
        dot.nodeDefaults = [
            "shape": "box", "style": "rounded,filled", "fontname": "Helvetica", "fontsize": 9,
            "color": .name(Palette.ink),
        ]
        dot.edgeDefaults = ["color": .name(Palette.ink), "arrowsize": 0.6]
        for thread in threads {
            let fill = Palette.color(Self.styles.firstIndex(of: thread.numbering) ?? 0, light: true)
            var cluster = DOTSubgraph("cluster_t\(thread.root.rawValue)")
            cluster.attributes = [
                "label": .text(
                    "@\(thread.author.display) · \(thread.start.day) · \(thread.length) tweets · \(thread.numbering.rawValue)"
                ),
                "style": "rounded", "color": "#bbbbbb", "fontname": "Helvetica", "fontsize": 10,
                "URL": .text(TweetLinks.status(id: thread.root, author: thread.author)),
                "tooltip": .text("thread \(thread.root.rawValue)"),
            ]
            for (k, id) in thread.tweets.enumerated() {
                let number = k < thread.numbers.count ? thread.numbers[k] : nil
                let tweet = archive[id]
                let head = number.map { "#\($0)" } ?? "\(k + 1)."
                let text = tweet.map { TextLayout.truncate($0.text, to: maxCharacters) } ?? "(not in archive)"
                let lines = [head] + TextLayout.wrap(text, width: 30)
                cluster.nodes.append(
                    DOTNode(
                        ThreadView.nodeID(id),
                        [
                            "label": .text(lines.joined(separator: "\n") + "\n", lineBreak: .left),
                            "fillcolor": .name(fill),
                            "tooltip": .text(tweet?.text ?? "tweet \(id.rawValue)"),
                            "URL": .text(TweetLinks.status(id: id, author: tweet?.author ?? thread.author)),
                            "target": "_blank",
                        ]))
            }
            for link in thread.links {
                cluster.edges.append(
                    DOTEdge(
                        ThreadView.nodeID(link.to), ThreadView.nodeID(link.from),
                        link.confidence >= 0.95 ? [:] : ["color": .name(Palette.ghost)]))
            }
            dot.subgraphs.append(cluster)
        }
        let used = Set(threads.map(\.numbering))
        let entries = Self.styles.enumerated().filter { used.contains($0.element) }.map {
            Legend.Entry(color: Palette.color($0.offset, light: true), text: "numbering: \($0.element.rawValue)")
        }
        dot.subgraphs.append(Legend(entries: entries, notes: ["grey edge: inferred link"]).subgraph)
        return dot
    }
}
