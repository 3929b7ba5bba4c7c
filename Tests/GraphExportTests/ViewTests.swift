import GraphExport
import ReplyGraph
import ReplyGraphTestSupport
import Testing

@Suite("Views")
struct ViewTests {
    @Test("each view matches its golden file", arguments: TestArchive.views.map(\.name))
    func golden(name: String) throws {
        let graph = try #require(TestArchive.views.first { $0.name == name }?.graph)
        try expectSnapshot(graph.dot, named: "\(name).dot")
    }

    var threadView: DOTGraph {
        ThreadView(
            thread: TestArchive.thread, archive: TestArchive.archive, followUps: TestArchive.followUps,
            categories: TestArchive.categories
        ).graph
    }

    @Test("thread view: parts, follow-up, ghost, gap and legend")
    func threadViewParts() throws {
        let graph = threadView
        #expect(graph.id == "thread:\(TestArchive.thread.root.rawValue)")
        let ids = graph.allNodes.map(\.id)
        for tweet in TestArchive.thread.tweets { #expect(ids.contains("t\(tweet.rawValue)")) }
        #expect(ids.contains("t\(TestArchive.id(3600).rawValue)")) // follow-up
        #expect(ids.contains("t\(TestArchive.external.rawValue)")) // ghost
        #expect(ids.contains("gap3"))
        #expect(ids.contains("legend"))
        let followUpEdge = try #require(graph.edges.first { $0.from == "t\(TestArchive.id(3600).rawValue)" })
        #expect(followUpEdge.attributes["style"] == "dashed")
        let ghost = try #require(graph.nodes.first { $0.id == "t\(TestArchive.external.rawValue)" })
        #expect(ghost.attributes["style"] == "dashed,rounded")
        // gap 3 sits between #2 and #4
        #expect(graph.edges.contains { $0.from == "t\(TestArchive.id(10).rawValue)" && $0.to == "gap3" })
        #expect(graph.edges.contains { $0.from == "gap3" && $0.to == "t\(TestArchive.id(30).rawValue)" })
    }

    @Test("thread view: categories colour parts; several categories stripe")
    func categoryColours() throws {
        let graph = threadView
        let root = try #require(graph.nodes.first { $0.id == "t\(TestArchive.id(0).rawValue)" })
        let striped = try #require(graph.nodes.first { $0.id == "t\(TestArchive.id(20).rawValue)" })
        #expect(root.attributes["fillcolor"] != DOTValue.name(Palette.neutral))
        #expect(striped.attributes["style"] == "striped")
        guard case .name(let colors)? = striped.attributes["fillcolor"] else {
            Issue.record("no fill")
            return
        }
        #expect(colors.split(separator: ":").count == 2)
    }

    @Test("links are built from ids and valid handles only")
    func links() {
        for (_, graph) in TestArchive.views {
            for node in graph.allNodes {
                guard case .text(let url, _)? = node.attributes["URL"] else { continue }
                #expect(url.hasPrefix("https://twitter.com/"), "\(url)")
                #expect(!url.contains("\"") && !url.contains("<") && !url.contains(" ") && !url.contains("javascript"))
            }
        }
        let ghost = ThreadView(thread: TestArchive.thread, archive: TestArchive.archive).graph.nodes
            .first { $0.id == "t\(TestArchive.external.rawValue)" }
        #expect(ghost?.attributes["URL"] == .text("https://twitter.com/i/web/status/\(TestArchive.external.rawValue)"))
    }

    @Test("thread view wraps and truncates text but keeps it whole in the tooltip")
    func wrapping() throws {
        let long = String(repeating: "word ", count: 100)
        let tweets = [
            Tweet(id: TestArchive.id(0), author: TestArchive.alice, text: long),
            Tweet(id: TestArchive.id(1), author: TestArchive.alice, text: "end"),
        ]
        let thread = TweetThread(
            root: tweets[0].id, author: TestArchive.alice, tweets: tweets.map(\.id),
            links: [
                ThreadLink(
                    from: tweets[1].id, to: tweets[0].id, confidence: 1, reason: ThreadLink.Reason(basis: .replyID))
            ],
            numbering: .none, numbers: [nil, nil], confidence: 1, start: tweets[0].createdAt,
            end: tweets[1].createdAt)
        let graph = ThreadView(
            thread: thread, archive: Archive(tweets: tweets),
            options: .init(wrapWidth: 20, maxCharacters: 50)
        ).graph
        let node = try #require(graph.nodes.first)
        guard case .text(let label, _)? = node.attributes["label"] else {
            Issue.record("no label")
            return
        }
        let lines = label.split(separator: "\n").dropFirst()
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(lines.joined(separator: " ").count <= 50)
        #expect(label.contains("…"))
        #expect(node.attributes["tooltip"] == .text(long))
    }

    @Test("threads view: one cluster per thread, the N longest when limited")
    func threadsView() {
        let short = TweetThread(
            root: TestArchive.id(3600), author: TestArchive.alice,
            tweets: [TestArchive.id(3600), TestArchive.id(90_000)], links: [], numbering: .none,
            numbers: [nil, nil], confidence: 1, start: TestArchive.archive.tweets[4].createdAt,
            end: TestArchive.archive.tweets[5].createdAt)
        let all = ThreadsView(threads: [short, TestArchive.thread], archive: TestArchive.archive)
        #expect(all.threads.map(\.root) == [TestArchive.thread.root, short.root]) // posting order
        #expect(all.graph.subgraphs.filter { $0.id.hasPrefix("cluster_t") }.count == 2)
        let longest = ThreadsView(threads: [short, TestArchive.thread], archive: TestArchive.archive, limit: 1)
        #expect(longest.threads.map(\.root) == [TestArchive.thread.root])
    }

    @Test("mentions view: size by score, width by weight, colour by community")
    func mentionsView() throws {
        let graph = MentionsView(TestArchive.mentions).graph
        let alice = try #require(graph.nodes.first { $0.id == "u:alice" })
        let carol = try #require(graph.nodes.first { $0.id == "u:carol" })
        guard case .number(let wa)? = alice.attributes["width"], case .number(let wc)? = carol.attributes["width"]
        else {
            Issue.record("no widths")
            return
        }
        #expect(wa > wc)
        let heavy = try #require(graph.edges.first { $0.from == "u:alice" && $0.to == "u:Bob_2" })
        let light = try #require(graph.edges.first { $0.from == "u:Bob_2" && $0.to == "u:carol" })
        guard case .number(let ph)? = heavy.attributes["penwidth"], case .number(let pl)? = light.attributes["penwidth"]
        else {
            Issue.record("no pen widths")
            return
        }
        #expect(ph > pl)
        #expect(alice.attributes["fillcolor"] != carol.attributes["fillcolor"])
        #expect(graph.nodes.first { $0.id == "u:Bob_2" }?.attributes["fillcolor"] == alice.attributes["fillcolor"])
        #expect(graph.nodes.first { $0.id == "u:<script>" }?.attributes["URL"] == nil) // not a screen name
    }

    @Test("mentions view: curved edges on a sparse graph, straight (and said in the legend) on a dense one")
    func mentionsEdgeStyle() throws {
        #expect(MentionsView(TestArchive.mentions).drawsCurvedEdges)
        #expect(MentionsView(TestArchive.mentions).graph.attributes["splines"] == "curved")
        // 15 users who all mention each other: 210 edges, 14 per user.
        let handles = (0..<15).map { "user\($0)" }
        let dense = MentionGraph(
            nodes: handles.map { .init(handle: $0, score: 1) },
            edges: handles.flatMap { a in handles.filter { $0 != a }.map { .init(source: a, target: $0) } })
        let view = MentionsView(dense)
        #expect(!view.drawsCurvedEdges)
        #expect(view.graph.attributes["splines"] == "line")
        #expect(view.graph.dot.contains("edges straight: 210 edges on 15 users"))
        var forced = view
        forced.edgeStyle = .curved
        #expect(forced.graph.attributes["splines"] == "curved")
        #expect(!forced.graph.dot.contains("edges straight"))
        // Sparse but large: more than curvedEdgeLimit edges.
        let star = MentionGraph(
            nodes: [.init(handle: "hub", score: 1)] + (0..<700).map { .init(handle: "u\($0)", score: 0) },
            edges: (0..<700).map { .init(source: "hub", target: "u\($0)") })
        #expect(!MentionsView(star).drawsCurvedEdges)
    }

    @Test("timeline view: one row per day with the day's threads")
    func timelineView() {
        let view = TimelineView(archive: TestArchive.archive, threads: [TestArchive.thread])
        #expect(view.days.map(\.tweets) == [5, 1])
        #expect(view.days[0].threads.count == 1)
        #expect(view.graph.subgraphs.filter { $0.id.hasPrefix("row_") }.count == 2)
        #expect(TimelineView(archive: TestArchive.archive, threads: [], lastDays: 1).days.count == 1)
    }

    @Test("every view has a legend")
    func legends() {
        for (name, graph) in TestArchive.views {
            #expect(graph.subgraphs.contains { $0.id == "cluster_legend" }, "\(name)")
        }
    }

    @Test("views of the bundled sample archive build")
    func sample() throws {
        let archive = try ArchiveReader().read(paths: [SampleArchive.path])
        let graph = ReplyGraph(archive)
        let threads = ThreadsView(graph: graph, limit: 5).graph
        #expect(threads.subgraphs.count == min(5, graph.threads.count) + 1)
        if let first = graph.threads.first {
            #expect(ThreadView(thread: first, in: graph).graph.allNodes.count >= first.length)
        }
        #expect(TimelineView(graph: graph, lastDays: 10).days.count == 10)
    }
}
