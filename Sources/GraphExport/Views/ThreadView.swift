import ReplyGraph

/// One thread drawn top to bottom: each part with its number, time and wrapped, truncated text.
///
///     let graph = ReplyGraph(archive)
///     let view = ThreadView(thread: graph.threads[0], in: graph, categories: [id: [.newsletter]])
///     print(view.dot)     // digraph "thread:1625536625030885377" { … }
///
/// Parts with categories (promotion kinds, for instance) are filled with the category's colour (striped when a
/// part has several); follow-ups hang off their target with dashed edges; reply targets outside the archive appear
/// as dashed grey ghost nodes; numbers the thread skips appear as dashed gap nodes between their neighbours. Every
/// tweet node carries its full text as a tooltip and links to its status page (built from its id). A legend explains
/// the colours.
public struct ThreadView: Sendable {
    /// Label sizes.
    public struct Options: Hashable, Sendable {
        /// Characters per label line.
        public var wrapWidth: Int
        /// Characters of text shown per node (the tooltip has it all).
        public var maxCharacters: Int

        /// Label sizes: `wrapWidth` characters per line, at most `maxCharacters` of text per node.
        public init(wrapWidth: Int = 36, maxCharacters: Int = 180) {
            self.wrapWidth = wrapWidth
            self.maxCharacters = maxCharacters
        }
    }

    package let thread: TweetThread
    package let archive: Archive
    /// Follow-ups of the thread: its own and those in the graph whose target is one of its tweets.
    package let followUps: [FollowUp]
    package let categories: [TweetID: [PromotionCategory]]
    package let options: Options

    /// The view of `thread`, with its tweets and follow-ups taken from `graph`.
    ///
    /// - Parameters:
    ///   - thread: The thread to draw.
    ///   - graph: The reply graph it belongs to (for tweets, external tweets and follow-ups).
    ///   - categories: Promotion categories per tweet (`PromotionDetector`); tweets not in it are uncoloured.
    ///   - options: Label sizes.
    public init(
        thread: TweetThread, in graph: ReplyGraph, categories: [TweetID: [PromotionCategory]] = [:],
        options: Options = Options()
    ) {
        self.init(
            thread: thread, archive: graph.archive, followUps: graph.followUps, categories: categories,
            options: options)
    }

    /// A view from plain parts, independent of how threads were reconstructed.
    ///
    /// - Parameter followUps: Candidate follow-ups; those whose target is one of the thread's tweets are drawn,
    ///   together with the thread's own.
    package init(
        thread: TweetThread, archive: Archive, followUps: [FollowUp] = [],
        categories: [TweetID: [PromotionCategory]] = [:],
        options: Options = Options()
    ) {
        self.thread = thread
        self.archive = archive
        let members = Set(thread.tweets)
        var chosen = thread.followUps
        for followUp in followUps where members.contains(followUp.target) && !chosen.contains(followUp) {
            chosen.append(followUp)
        }
        self.followUps = chosen.sorted { ($0.tweet, $0.target) < ($1.tweet, $1.target) }
        self.categories = categories
        self.options = options
    }

    /// The view for the thread containing `id`, or `nil` when no thread does.
    public init?(
        containing id: TweetID, in graph: ReplyGraph, categories: [TweetID: [PromotionCategory]] = [:],
        options: Options = Options()
    ) {
        guard let thread = graph.thread(containing: id) else { return nil }
        self.init(thread: thread, in: graph, categories: categories, options: options)
    }

    /// Category names in use, sorted; their position picks their colour.
    package var categoryNames: [String] {
        let ids = thread.tweets + followUps.map(\.tweet)
        return Set(ids.flatMap { (categories[$0] ?? []).map(\.rawValue) }).sorted()
    }

    /// The view as DOT text, ready for Graphviz with the `dot` engine.
    ///
    /// - Complexity: O(n log n) in the thread's parts and follow-ups.
    public var dot: String { graph.dot }

    package var graph: DOTGraph {
        let names = categoryNames
        let colorOf = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Palette.color($0, light: true)) })
        var dot = DOTGraph("thread:\(thread.root.rawValue)")
        dot.attributes = [
            "rankdir": "TB", "labelloc": "t", "fontname": "Helvetica", "fontsize": 16, "nodesep": 0.3,
            "label": .text("Thread by @\(thread.author.display) · \(thread.start.day) · \(thread.length) tweets"),
        ]
        dot.nodeDefaults = [
            "shape": "box", "style": "rounded,filled", "fillcolor": .name(Palette.neutral),
            "fontname": "Helvetica", "fontsize": 10, "color": .name(Palette.ink),
        ]
        dot.edgeDefaults = ["fontname": "Helvetica", "fontsize": 8, "color": .name(Palette.ink)]

        var nodes: [DOTNode] = []
        var edges: [DOTEdge] = []
        var present = Set<TweetID>()
        for (k, id) in thread.tweets.enumerated() {
            let number = k < thread.numbers.count ? thread.numbers[k] : nil
            nodes.append(tweetNode(id, number: number, colorOf: colorOf))
            present.insert(id)
        }
        for link in thread.links {
            let reason = "\(link.reason) · confidence \(Escaping.number(link.confidence, maxFractionDigits: 2))"
            edges.append(
                DOTEdge(
                    Self.nodeID(link.to), Self.nodeID(link.from),
                    [
                        "tooltip": .text(reason),
                        "color": .name(link.confidence >= 0.95 ? Palette.ink : Palette.ghost),
                    ]))
        }
        // Follow-ups: dashed edges from the follow-up to its target.
        for followUp in followUps {
            if !present.contains(followUp.tweet) {
                nodes.append(tweetNode(followUp.tweet, number: nil, colorOf: colorOf, isFollowUp: true))
                present.insert(followUp.tweet)
            }
            edges.append(
                DOTEdge(
                    Self.nodeID(followUp.tweet), Self.nodeID(followUp.target),
                    [
                        "style": "dashed", "label": .text("follow-up"), "constraint": false,
                        "tooltip": .text(
                            "\(followUp.reason) · confidence \(Escaping.number(followUp.confidence, maxFractionDigits: 2))"
                        ),
                    ]))
        }
        // External reply targets: ghost nodes.
        var ghosts = Set<TweetID>()
        for id in thread.tweets {
            guard let tweet = archive[id], let parent = tweet.inReplyToID, archive[parent] == nil else { continue }
            if ghosts.insert(parent).inserted { nodes.append(ghostNode(parent, fallbackAuthor: tweet.inReplyToUser)) }
            edges.append(
                DOTEdge(
                    Self.nodeID(parent), Self.nodeID(id),
                    [
                        "style": "dotted", "color": .name(Palette.ghost),
                        "label": .text("reply to"),
                    ]))
        }
        // Missing numbers: gap nodes between the nearest numbered neighbours.
        let numbered = thread.tweets.indices.compactMap { k -> (number: Int, id: TweetID)? in
            guard k < thread.numbers.count, let n = thread.numbers[k] else { return nil }
            return (n, thread.tweets[k])
        }
        for missing in thread.missingNumbers.sorted() {
            let gapID = "gap\(missing)"
            nodes.append(
                DOTNode(
                    gapID,
                    [
                        "label": .text("#\(missing) missing"), "style": "dashed,rounded", "fillcolor": "white",
                        "color": .name(Palette.ghost), "fontcolor": .name(Palette.ghost),
                        "tooltip": .text("No tweet numbered \(missing) was found in the archive"),
                    ]))
            let gapEdge: DOTAttributes = ["style": "dotted", "arrowhead": "none", "color": .name(Palette.ghost)]
            if let before = numbered.last(where: { $0.number < missing }) {
                edges.append(DOTEdge(Self.nodeID(before.id), gapID, gapEdge))
            }
            if let after = numbered.first(where: { $0.number > missing }) {
                edges.append(DOTEdge(gapID, Self.nodeID(after.id), gapEdge))
            }
        }
        dot.nodes = nodes
        dot.edges = edges

        var entries = names.map { Legend.Entry(color: colorOf[$0]!, text: $0) }
        entries.append(Legend.Entry(color: Palette.neutral, text: "thread part"))
        entries.append(Legend.Entry(color: "white", text: "external tweet (ghost)", style: "dashed"))
        entries.append(Legend.Entry(color: "white", text: "missing number (gap)", style: "dashed"))
        dot.subgraphs = [
            Legend(
                entries: entries,
                notes: [
                    "solid edge: next part", "grey edge: inferred link",
                    "dashed edge: follow-up", "dotted edge: reply to",
                ]
            ).subgraph
        ]
        return dot
    }

    static func nodeID(_ id: TweetID) -> String { "t\(id.rawValue)" }

    private func tweetNode(_ id: TweetID, number: Int?, colorOf: [String: String], isFollowUp: Bool = false) -> DOTNode
    {
        guard let tweet = archive[id] else { return ghostNode(id, fallbackAuthor: nil) }
        let c = tweet.createdAt.components()
        let time = "\(tweet.createdAt.day) \(Self.two(c.hour)):\(Self.two(c.minute)):\(Self.two(c.second))"
        let head = (isFollowUp ? "follow-up" : number.map { "#\($0)" } ?? "·") + "  " + time
        let body = TextLayout.wrap(TextLayout.truncate(tweet.text, to: options.maxCharacters), width: options.wrapWidth)
        var attributes: DOTAttributes = [
            "label": .text(([head] + body).joined(separator: "\n") + "\n", lineBreak: .left),
            "tooltip": .text(tweet.text),
            "URL": .text(TweetLinks.status(id: id, author: tweet.author)),
            "target": "_blank",
        ]
        let tweetCategories = (categories[id] ?? []).map(\.rawValue).sorted()
        let colors = tweetCategories.compactMap { colorOf[$0] }
        if colors.count == 1 {
            attributes["fillcolor"] = .name(colors[0])
        } else if colors.count > 1 {
            attributes["fillcolor"] = .name(colors.joined(separator: ":"))
            attributes["style"] = "striped"
        }
        if !tweetCategories.isEmpty {
            attributes["tooltip"] = .text("[" + tweetCategories.joined(separator: ", ") + "]\n" + tweet.text)
        }
        if isFollowUp { attributes["style"] = colors.count > 1 ? "striped,dashed" : "rounded,filled,dashed" }
        return DOTNode(Self.nodeID(id), attributes)
    }

    private func ghostNode(_ id: TweetID, fallbackAuthor: Handle?) -> DOTNode {
        let external = archive.externalTweets[id]
        let author = external?.author ?? fallbackAuthor
        var lines = ["external tweet"]
        if let author { lines.append("@" + author.display) }
        if let text = external?.text {
            lines += TextLayout.wrap(TextLayout.truncate(text, to: 80), width: options.wrapWidth)
        }
        return DOTNode(
            Self.nodeID(id),
            [
                "label": .text(lines.joined(separator: "\n")), "style": "dashed,rounded", "fillcolor": "white",
                "color": .name(Palette.ghost), "fontcolor": .name(Palette.ghost),
                "tooltip": .text(external?.text ?? "tweet \(id.rawValue), not in the archive"),
                "URL": .text(TweetLinks.status(id: id, author: author)), "target": "_blank",
            ])
    }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
