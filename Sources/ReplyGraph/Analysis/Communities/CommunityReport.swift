/// The communities found in a user graph as `replygraph communities` reports them: the largest first (ties: the
/// order found), each with its members sorted by case-folded handle.
///
///     let users = ReplyGraph(archive).userGraph(.mention)
///     let report = CommunityReport(Louvain().communities(in: users), graph: .mention, algorithm: .louvain)
///     report.communities.first?.size   // the largest community's size
///
/// Encodes as `{"algorithm", "communities": [{"id", "members", "size"}], "count", "graph", "modularity"}`.
package struct CommunityReport: Encodable, Sendable {
    /// How the communities were found (its text form is the command-line and JSON name).
    package enum Algorithm: String, CaseIterable, Encodable, Sendable {
        /// ``Louvain``.
        case louvain
        /// ``LabelPropagation``.
        case labelPropagation = "label-propagation"
    }

    /// One community: its index among those found, its size, and its members' handles.
    package struct Community: Encodable, Sendable {
        /// The index among the communities found (before sorting by size).
        package var id: Int
        /// The number of members.
        package var size: Int
        /// The members' handles, sorted by case-folded handle.
        package var members: [String]
    }

    /// The user graph the communities are in.
    package var graph: UserGraphKind
    /// The algorithm that found them.
    package var algorithm: Algorithm
    /// The partition's modularity.
    package var modularity: Double
    /// The number of communities found (including those left out of ``communities`` by `minSize`).
    package var count: Int
    /// The communities with at least `minSize` members, largest first.
    package var communities: [Community]

    /// Sorts the communities of `found` by size and keeps those with at least `minSize` members.
    ///
    /// - Complexity: O(n log n) for n users.
    package init(_ found: Communities, graph: UserGraphKind, algorithm: Algorithm, minSize: Int = 1) {
        var communities = found.members.enumerated().map { id, members in
            Community(
                id: id, size: members.count,
                members: members.map { found.labels[Int($0)] }.sorted { Handle.fold($0) < Handle.fold($1) })
        }
        communities.sort { $0.size != $1.size ? $0.size > $1.size : $0.id < $1.id }
        self.graph = graph
        self.algorithm = algorithm
        modularity = found.modularity
        count = found.count
        self.communities = communities.filter { $0.size >= minSize }
    }

    private enum CodingKeys: String, CodingKey { case graph, algorithm, modularity, count, communities }

    /// Encodes the report with the graph and algorithm by their text form.
    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(graph.rawValue, forKey: .graph)
        try container.encode(algorithm, forKey: .algorithm)
        try container.encode(modularity, forKey: .modularity)
        try container.encode(count, forKey: .count)
        try container.encode(communities, forKey: .communities)
    }
}
