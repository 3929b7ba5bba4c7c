/// A typed attribute value in an export.
public enum AttributeValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    /// Text.
    case string(String)
    /// A whole number.
    case int(Int)
    /// A real number.
    case double(Double)
    /// A flag.
    case bool(Bool)

    /// A `.string` value.
    public init(stringLiteral value: String) { self = .string(value) }
    /// An `.int` value.
    public init(integerLiteral value: Int) { self = .int(value) }
    /// A `.double` value.
    public init(floatLiteral value: Double) { self = .double(value) }
    /// A `.bool` value.
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// The value's type.
    package var type: AttributeType {
        switch self {
        case .string: .string
        case .int: .int
        case .double: .double
        case .bool: .bool
        }
    }

    /// The value as text: integers in decimal, doubles locale-free with up to 9 fraction digits, `true`/`false`.
    public var text: String {
        switch self {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): Escaping.number(d, maxFractionDigits: 9)
        case .bool(let b): b ? "true" : "false"
        }
    }
}

/// The type of one attribute across a whole export, widened when values disagree (int and double → double;
/// anything with string → string; bool with a number → string).
package enum AttributeType: String, Hashable, Sendable, Comparable {
    case bool, int, double, string

    package static func < (a: AttributeType, b: AttributeType) -> Bool { a.rank < b.rank }
    private var rank: Int { [.bool: 0, .int: 1, .double: 2, .string: 3][self]! }

    func widened(with other: AttributeType) -> AttributeType {
        if self == other { return self }
        if Set([self, other]) == [.int, .double] { return .double }
        return .string
    }
}

/// A format-neutral graph for export: nodes and edges with a kind and typed attributes.
///
///     var graph = ExportGraph(isDirected: true)
///     graph.nodes = [.init(id: "a", kind: "user"), .init(id: "b", kind: "user")]
///     graph.edges = [.init(source: "a", target: "b", kind: "mentions", attributes: ["weight": 2.0])]
///     print(graph.graphML)   // <?xml … <graphml …
///
/// Node ids are unique strings. Edges may repeat a pair (a multigraph). Order is kept as given, and attribute
/// columns are sorted by name, so every writer's output is deterministic.
public struct ExportGraph: Hashable, Sendable {
    /// A node: a unique id, a kind and typed attributes.
    public struct Node: Hashable, Sendable {
        /// The node's unique id.
        public var id: String
        /// What the node is (`tweet`, `user`, `external_tweet`): a Neo4j label, a `kind` attribute elsewhere.
        public var kind: String
        /// The node's attributes by name.
        public var attributes: [String: AttributeValue]

        /// A node.
        public init(id: String, kind: String = "node", attributes: [String: AttributeValue] = [:]) {
            self.id = id
            self.kind = kind
            self.attributes = attributes
        }
    }

    /// An edge: source and target node ids, a kind and typed attributes.
    public struct Edge: Hashable, Sendable {
        /// The source node's id.
        public var source: String
        /// The target node's id.
        public var target: String
        /// The relationship (`replies_to`, `mentions`, …): a Neo4j type, a `kind` attribute elsewhere.
        public var kind: String
        /// The edge's attributes by name.
        public var attributes: [String: AttributeValue]

        /// An edge.
        public init(source: String, target: String, kind: String = "edge", attributes: [String: AttributeValue] = [:]) {
            self.source = source
            self.target = target
            self.kind = kind
            self.attributes = attributes
        }
    }

    /// Whether edges go from source to target.
    public var isDirected: Bool
    /// The nodes, in output order.
    public var nodes: [Node]
    /// The edges, in output order.
    public var edges: [Edge]
    /// Graph-level attributes (name, source), written where a format has a place for them.
    public var attributes: [String: AttributeValue]

    /// A graph of `nodes` and `edges`.
    public init(
        isDirected: Bool = true, nodes: [Node] = [], edges: [Edge] = [],
        attributes: [String: AttributeValue] = [:]
    ) {
        self.isDirected = isDirected
        self.nodes = nodes
        self.edges = edges
        self.attributes = attributes
    }

    /// Whether two edges join the same ordered (directed) or unordered pair.
    package var isMultigraph: Bool {
        var seen = Set<[String]>()
        for edge in edges {
            let key =
                isDirected || edge.source <= edge.target ? [edge.source, edge.target] : [edge.target, edge.source]
            if !seen.insert(key).inserted { return true }
        }
        return false
    }

    /// Each edge's id, `e0`, `e1`, … in order.
    package func edgeID(_ index: Int) -> String { "e\(index)" }

    /// Attribute names and their widened types, sorted by name.
    package var nodeSchema: [(name: String, type: AttributeType)] { Self.schema(nodes.map(\.attributes)) }
    package var edgeSchema: [(name: String, type: AttributeType)] { Self.schema(edges.map(\.attributes)) }

    static func schema(_ rows: [[String: AttributeValue]]) -> [(name: String, type: AttributeType)] {
        var types: [String: AttributeType] = [:]
        for row in rows {
            for (name, value) in row { types[name] = types[name].map { $0.widened(with: value.type) } ?? value.type }
        }
        return types.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// `value` written as `type` (a widened column: ints as doubles, anything as text).
    static func text(_ value: AttributeValue, as type: AttributeType) -> String {
        if type == .double, case .int(let i) = value { return Escaping.number(Double(i), maxFractionDigits: 9) }
        return value.text
    }
}

extension ExportGraph {
    /// A graph from plain weighted edges, e.g. a user→user mention graph the CLI adapts.
    ///
    /// Nodes are the endpoints in order of first appearance (kind `user`), plus any in `nodeAttributes`; each edge
    /// gets a `weight` attribute.
    package init(
        weightedEdges: [WeightedEdge], kind: String = "mentions", nodeKind: String = "user",
        nodeAttributes: [String: [String: AttributeValue]] = [:], isDirected: Bool = true
    ) {
        var order: [String] = []
        var seen = Set<String>()
        for edge in weightedEdges {
            for id in [edge.source, edge.target] where seen.insert(id).inserted { order.append(id) }
        }
        for id in nodeAttributes.keys.sorted() where seen.insert(id).inserted { order.append(id) }
        self.init(
            isDirected: isDirected,
            nodes: order.map { Node(id: $0, kind: nodeKind, attributes: nodeAttributes[$0] ?? [:]) },
            edges: weightedEdges.map {
                Edge(source: $0.source, target: $0.target, kind: kind, attributes: ["weight": .double($0.weight)])
            })
    }

    /// A graph from a ``MentionGraph``: nodes carry `score` and `community`, edges `weight`.
    public init(mentions: MentionGraph) {
        var attributes: [String: [String: AttributeValue]] = [:]
        for node in mentions.nodes {
            var row: [String: AttributeValue] = ["handle": .string(node.handle), "score": .double(node.score)]
            if let community = node.community { row["community"] = .int(community) }
            attributes[node.handle] = row
        }
        self.init(weightedEdges: mentions.edges, nodeAttributes: attributes, isDirected: mentions.isDirected)
        // keep the input's node order
        let position = Dictionary(uniqueKeysWithValues: mentions.nodes.enumerated().map { ($1.handle, $0) })
        nodes.sort { (position[$0.id] ?? .max) < (position[$1.id] ?? .max) }
    }
}
