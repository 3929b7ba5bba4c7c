import ReplyGraph

/// Tweets per day as bars, one row per day with tweets, and that day's threads as bars beside it.
///
///     let view = TimelineView(graph: ReplyGraph(archive), lastDays: 30)
///     print(view.dot)   // digraph "timeline" { … }, render with dot
///
/// A day's bar is as wide as its tweet count; a thread's bar as wide as its length, coloured by numbering style,
/// linked to its first tweet and labelled with its length. The legend explains the colours.
public struct TimelineView: Sendable {
    package struct Day: Hashable, Sendable {
        /// UTC calendar day, `2023-02-14`.
        package var day: String
        package var tweets: Int
        /// Threads starting that day, oldest first.
        package var threads: [TweetThread]
    }

    package let days: [Day]
    /// Inches per tweet in the bars.
    package var scale: Double

    /// The timeline of the tweets and threads of `graph`.
    ///
    /// - Parameters:
    ///   - graph: The reply graph whose tweets and threads are laid out by day.
    ///   - lastDays: Keep only the most recent `lastDays` days that have tweets; `nil` for all.
    ///   - scale: Inches per tweet in the bars.
    public init(graph: ReplyGraph, lastDays: Int? = nil, scale: Double = 0.12) {
        self.init(archive: graph.archive, threads: graph.threads, lastDays: lastDays, scale: scale)
    }

    /// A view from plain threads, independent of how they were reconstructed.
    package init(archive: Archive, threads: [TweetThread], lastDays: Int? = nil, scale: Double = 0.12) {
        var counts: [String: Int] = [:]
        for tweet in archive.tweets { counts[tweet.createdAt.day, default: 0] += 1 }
        var threadsByDay: [String: [TweetThread]] = [:]
        for thread in threads { threadsByDay[thread.start.day, default: []].append(thread) }
        var days = counts.keys.sorted().map { day in
            Day(
                day: day, tweets: counts[day]!,
                threads: (threadsByDay[day] ?? []).sorted { ($0.start, $0.root) < ($1.start, $1.root) })
        }
        if let lastDays { days = Array(days.suffix(max(0, lastDays))) }
        self.days = days
        self.scale = scale
    }

    /// The view as DOT text, ready for Graphviz with the `dot` engine.
    public var dot: String { graph.dot }

    package var graph: DOTGraph {
        var dot = DOTGraph("timeline")
        let total = days.reduce(0) { $0 + $1.tweets }
        let range = days.isEmpty ? "" : " · \(days.first!.day) to \(days.last!.day)"
        dot.attributes = [
            "rankdir": "TB", "nodesep": 0.08, "ranksep": 0.08, "labelloc": "t", "fontname": "Helvetica",
            "fontsize": 16, "label": .text("\(total) tweets on \(days.count) days\(range)"),
        ]
        dot.nodeDefaults = [
            "shape": "box", "style": "filled", "fixedsize": true, "height": 0.22,
            "fontname": "Helvetica", "fontsize": 8, "color": "white",
        ]
        dot.edgeDefaults = ["style": "invis"]
        var previous: String?
        for day in days {
            var row = DOTSubgraph("row_\(day.day)", attributes: ["rank": "same"])
            let dayID = "d\(day.day)"
            row.nodes.append(
                DOTNode(
                    dayID,
                    [
                        "shape": "plaintext", "style": "solid", "width": 0.9,
                        "label": .text(day.day),
                    ]))
            let barID = "n\(day.day)"
            row.nodes.append(
                DOTNode(
                    barID,
                    [
                        "width": .number(max(0.05, Double(day.tweets) * scale)), "fillcolor": .name(Palette.color(0)),
                        "label": .text(String(day.tweets)), "fontcolor": "white",
                        "tooltip": .text("\(day.day): \(day.tweets) tweets, \(day.threads.count) threads"),
                    ]))
            var chain = [dayID, barID]
            for thread in day.threads {
                let id = "th\(thread.root.rawValue)"
                let style = ThreadsView.styles.firstIndex(of: thread.numbering) ?? 0
                row.nodes.append(
                    DOTNode(
                        id,
                        [
                            "width": .number(max(0.2, Double(thread.length) * scale)),
                            "fillcolor": .name(Palette.color(style, light: true)),
                            "label": .text(String(thread.length)),
                            "tooltip": .text(
                                "thread by @\(thread.author.display): \(thread.length) tweets, \(thread.numbering.rawValue)"
                            ),
                            "URL": .text(TweetLinks.status(id: thread.root, author: thread.author)), "target": "_blank",
                        ]))
                chain.append(id)
            }
            for (a, b) in zip(chain, chain.dropFirst()) { row.edges.append(DOTEdge(a, b)) }
            dot.subgraphs.append(row)
            if let previous { dot.edges.append(DOTEdge(previous, dayID)) }
            previous = dayID
        }
        let used = Set(days.flatMap { $0.threads.map(\.numbering) })
        var entries = [Legend.Entry(color: Palette.color(0), text: "tweets that day (bar length)")]
        entries += ThreadsView.styles.enumerated().filter { used.contains($0.element) }.map {
            Legend.Entry(
                color: Palette.color($0.offset, light: true), text: "thread, numbering: \($0.element.rawValue)")
        }
        dot.subgraphs.append(Legend(entries: entries, notes: ["thread bar length: tweets in the thread"]).subgraph)
        return dot
    }
}
