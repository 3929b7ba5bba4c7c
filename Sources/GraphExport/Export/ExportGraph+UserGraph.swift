import ReplyGraph

extension ExportGraph {
    /// A user graph as an export: user nodes with their handle, and with metric scores from `metrics` (computed
    /// beforehand by ReplyGraph: `pagerank`, `betweenness`, `in_degree`, `out_degree` and `community`) when given;
    /// weighted edges with a per-relation weight for interaction graphs, and self-loops kept but flagged
    /// (`self_loop`).
    ///
    ///     let users = ReplyGraph(archive).userGraph(.interaction)
    ///     ExportGraph(userGraph: users, kind: .interaction).graphML   // weight, weight_mention, weight_reply, …
    ///     ExportGraph(userGraph: users, kind: .interaction, metrics: try UserGraphMetrics(in: users)).gexf
    ///
    /// - Complexity: O(n + m).
    public init(userGraph graph: UserGraph, kind: UserGraphKind, metrics: UserGraphMetrics? = nil) {
        self.init(userGraph: graph, kind: kind, metrics: metrics?.attributes ?? [:])
    }

    /// The public initializer's work, with node attributes from `metrics`: name → score by node index.
    package init(userGraph graph: UserGraph, kind: UserGraphKind, metrics: [String: [Double]]) {
        var nodes: [Node] = []
        nodes.reserveCapacity(graph.nodeCount)
        for v in 0..<graph.nodeCount {
            var attributes: [String: AttributeValue] = ["handle": .string(graph.labels[v])]
            for (name, scores) in metrics where v < scores.count { attributes[name] = .double(scores[v]) }
            nodes.append(Node(id: graph.labels[v], kind: "user", attributes: attributes))
        }
        var edges: [Edge] = []
        let relation =
            kind == .coMention ? "co_mentioned_with" : kind == .interaction ? "interacts_with" : kind.rawValue
        for v in 0..<graph.nodeCount {
            var sawLoop = false
            for i in graph.outOffsets[v]..<graph.outOffsets[v + 1] {
                let w = Int(graph.outTargets[i])
                if !graph.isDirected && w < v { continue } // each undirected edge once
                if w == v { sawLoop = true }
                var attributes: [String: AttributeValue] = [
                    "weight": .double(graph.outWeights[i]),
                    "self_loop": .bool(w == v),
                ]
                if !graph.outKindWeights.isEmpty {
                    for kind in InteractionKind.allCases {
                        attributes["weight_\(kind)"] = .double(graph.outKindWeights[kind.rawValue][i])
                    }
                }
                edges.append(
                    Edge(
                        source: graph.labels[v], target: graph.labels[w], kind: relation,
                        attributes: attributes))
            }
            if !sawLoop && graph.selfLoopWeights[v] > 0 {
                edges.append(
                    Edge(
                        source: graph.labels[v], target: graph.labels[v], kind: relation,
                        attributes: ["weight": .double(graph.selfLoopWeights[v]), "self_loop": .bool(true)]))
            }
        }
        self.init(
            isDirected: graph.isDirected, nodes: nodes, edges: edges,
            attributes: ["graph": .string(kind.rawValue)])
    }
}

extension MentionGraph {
    /// The user graph a ranking was computed on, as the mentions view's input: the ranking's scores size the nodes,
    /// `communities` colour them, self-loops are left out.
    ///
    ///     let users = ReplyGraph(archive).userGraph(.mention)
    ///     let ranking = Ranking(graph: users, scores: try PageRank(weighted: true).scores(in: users))
    ///     MentionsView(MentionGraph(ranking: ranking, communities: Louvain().communities(in: users))).dot
    ///
    /// The analyses are the caller's: this only converts.
    ///
    /// - Complexity: O(n + m).
    public init(ranking: Ranking, communities: Communities? = nil) {
        self.init(userGraph: ranking.graph, scores: ranking.scores, communities: communities)
    }

    /// A user graph as the mentions view's plain input: `scores` (by node index) size the nodes, `communities`
    /// colour them, self-loops are left out.
    package init(userGraph graph: UserGraph, scores: [Double], communities: Communities? = nil) {
        let nodes = (0..<graph.nodeCount).map { v in
            Node(
                handle: graph.labels[v], score: v < scores.count ? scores[v] : 0,
                community: communities.map { Int($0.communityOfNode[v]) })
        }
        var edges: [WeightedEdge] = []
        for v in 0..<graph.nodeCount {
            for i in graph.outOffsets[v]..<graph.outOffsets[v + 1] {
                let w = Int(graph.outTargets[i])
                if w == v || (!graph.isDirected && w < v) { continue }
                edges.append(
                    WeightedEdge(
                        source: graph.labels[v], target: graph.labels[w],
                        weight: graph.outWeights[i]))
            }
        }
        self.init(nodes: nodes, edges: edges, isDirected: graph.isDirected)
    }
}
