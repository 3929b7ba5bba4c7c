import ArgumentParser
import GraphExport
import GraphvizRender
import ReplyGraph

/// Builds the DOT graph of a named view from an archive's reply graph: the glue between the analyses (threads,
/// promotions, PageRank, communities) and the pure views of GraphExport.
struct ViewBuilder {
    enum View: Equatable, CustomStringConvertible, ExpressibleByArgument {
        case thread(TweetID)
        case threads
        case mentions
        case timeline

        /// `thread:<id>`, `threads`, `mentions` or `timeline`.
        init?(_ text: String) {
            switch text {
            case "threads": self = .threads
            case "mentions": self = .mentions
            case "timeline": self = .timeline
            default:
                guard text.hasPrefix("thread:"), let id = TweetID(text.dropFirst("thread:".count)) else { return nil }
                self = .thread(id)
            }
        }

        /// `--view`'s value.
        init?(argument: String) { self.init(argument) }

        var description: String {
            switch self {
            case .thread(let id): "thread:\(id)"
            case .threads: "threads"
            case .mentions: "mentions"
            case .timeline: "timeline"
            }
        }

        /// The layout engine that suits the view.
        var defaultEngine: LayoutEngine { self == .mentions ? .sfdp : .dot }
    }

    /// The most users the mentions view draws when no `--top` is given: the best-connected ones, said in the
    /// title and on stderr. A force-directed layout of tens of thousands of users does not finish in useful time.
    static let mentionsNodeLimit = 500

    struct MentionFilters {
        var kind: UserGraphKind = .mention
        var options = UserGraphOptions()
        /// Keep this many users, chosen by weighted degree.
        var top: Int?
        var minWeight: Double?
        var kCore: Int?
        var ego: String?
        var radius = 1
        var edgeStyle = MentionsView.EdgeStyle.automatic
    }

    var graph: ReplyGraph
    var detector = PromotionDetector()

    /// Promotion categories of the tweets in `ids`, for colouring thread parts.
    func categories(of ids: [TweetID]) -> [TweetID: [PromotionCategory]] {
        detector.categories(of: ids, in: graph.archive)
    }

    /// The DOT graph of one thread (the thread containing `id`).
    func thread(containing id: TweetID) throws -> DOTGraph {
        guard let thread = graph.thread(containing: id) else {
            if graph.archive[id] == nil {
                throw CommandFailure(.dataError, "no tweet \(id) in the archive")
            }
            throw CommandFailure(.dataError, "tweet \(id) is not part of a thread (a single tweet)")
        }
        return ThreadView(thread: thread, in: graph, categories: categories(of: thread.tweets)).graph
    }

    func threads(limit: Int?) -> DOTGraph {
        ThreadsView(graph: graph, limit: limit).graph
    }

    func timeline(lastDays: Int?) -> DOTGraph {
        TimelineView(graph: graph, lastDays: lastDays).graph
    }

    /// The mention network sized by weighted PageRank and coloured by Louvain community.
    func mentions(_ filters: MentionFilters) throws -> DOTGraph {
        try mentionsView(filters).graph
    }

    /// The mention network and what was done to make it drawable: the user cap (``mentionsNodeLimit``) when no
    /// `--top` was given, and straight edges on a dense graph. The notes are also in the drawing.
    func mentionsView(_ filters: MentionFilters) throws -> (graph: DOTGraph, notes: [String]) {
        var mentions = try mentionGraph(filters)
        var title = "\(filters.kind.rawValue) network"
        var notes: [String] = []
        if filters.top == nil, mentions.nodes.count > Self.mentionsNodeLimit {
            let note =
                "showing the \(Self.mentionsNodeLimit) best-connected of \(mentions.nodes.count) users "
                + "(--top N to choose)"
            mentions = mentions.bestConnected(Self.mentionsNodeLimit)
            title += " (\(note))"
            notes.append(note)
        }
        var view = MentionsView(mentions, title: title)
        view.edgeStyle = filters.edgeStyle
        if !view.drawsCurvedEdges && filters.edgeStyle == .automatic {
            notes.append(
                "edges drawn straight: \(mentions.edges.count) edges on \(mentions.nodes.count) users is "
                    + "too dense for curved edges (--splines curved to force them)")
        }
        return (view.graph, notes)
    }

    func mentionGraph(_ filters: MentionFilters) throws -> MentionGraph {
        let users = UserGraph.project(filters.kind, tweets: graph.archive.tweets, options: filters.options)
        let ranking: Ranking
        do { ranking = Ranking(graph: users, scores: try PageRank(weighted: true).scores(in: users)) } catch {
            throw CommandFailure(.software, "\(error)")
        }
        var mentions = MentionGraph(ranking: ranking, communities: Louvain().communities(in: users))
        if let minWeight = filters.minWeight { mentions = mentions.minWeight(minWeight) }
        if let k = filters.kCore { mentions = mentions.kCore(k) }
        if let ego = filters.ego {
            guard users.node(named: ego) != nil else {
                throw CommandFailure(.dataError, "@\(ego) is not in the \(filters.kind.rawValue) graph")
            }
            mentions = mentions.ego(ego, radius: filters.radius)
        }
        // Best-connected rather than highest PageRank: the account at the centre of a one-account archive
        // mentions everyone but is rarely mentioned, and a PageRank cut would drop it with all its edges.
        if let top = filters.top { mentions = mentions.bestConnected(top) }
        return mentions
    }
}
