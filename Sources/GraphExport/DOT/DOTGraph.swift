/// An attribute value in a DOT graph.
///
/// `.text` is shown text (labels, tooltips): written as an escaped escString. `.html` is an HTML-like label whose
/// markup was built with ``HTMLLabel`` (text inside it escaped). `.name` is a keyword or value the program chose
/// (`box`, `LR`, `#1f77b4`, `filled,rounded`), `.number` a number, `.bool` `true`/`false`.
public enum DOTValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral {
    case text(String, lineBreak: Escaping.LineBreak = .centered)
    case html(HTMLLabel)
    case name(String)
    case number(Double)
    case bool(Bool)

    /// String literals are names: attribute values the program writes itself. Use `.text` for shown text.
    public init(stringLiteral value: String) { self = .name(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }

    /// The value as DOT source.
    public var dot: String {
        switch self {
        case let .text(text, lineBreak): Escaping.dotQuoted(text, lineBreak: lineBreak)
        case let .html(label): "<" + label.markup + ">"
        case let .name(name): Escaping.dotID(name)
        case let .number(value): Escaping.number(value, maxFractionDigits: 4)
        case let .bool(value): value ? "true" : "false"
        }
    }
}

/// Attributes of a graph, node or edge, written sorted by name so output is deterministic.
public struct DOTAttributes: Hashable, Sendable, ExpressibleByDictionaryLiteral, Sequence {
    public private(set) var values: [String: DOTValue]

    public init(_ values: [String: DOTValue] = [:]) { self.values = values }
    public init(dictionaryLiteral elements: (String, DOTValue)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    public subscript(name: String) -> DOTValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    public var isEmpty: Bool { values.isEmpty }

    /// Name–value pairs in name order.
    public func makeIterator() -> IndexingIterator<[(key: String, value: DOTValue)]> {
        values.sorted { $0.key < $1.key }.makeIterator()
    }

    /// Adds `other`'s attributes, replacing same-named ones.
    public mutating func merge(_ other: DOTAttributes) {
        values.merge(other.values) { _, new in new }
    }
}

/// A node statement.
public struct DOTNode: Hashable, Sendable {
    public var id: String
    public var attributes: DOTAttributes

    public init(_ id: String, _ attributes: DOTAttributes = [:]) {
        self.id = id
        self.attributes = attributes
    }
}

/// An edge statement from `from` to `to`.
public struct DOTEdge: Hashable, Sendable {
    public var from: String
    public var to: String
    public var attributes: DOTAttributes

    public init(_ from: String, _ to: String, _ attributes: DOTAttributes = [:]) {
        self.from = from
        self.to = to
        self.attributes = attributes
    }
}

/// A subgraph: a cluster when its id starts with `cluster`, or a rank group (`rank=same`).
public struct DOTSubgraph: Hashable, Sendable {
    public var id: String
    public var attributes: DOTAttributes
    public var nodeDefaults: DOTAttributes
    public var edgeDefaults: DOTAttributes
    public var nodes: [DOTNode]
    public var edges: [DOTEdge]
    public var subgraphs: [DOTSubgraph]

    public init(_ id: String, attributes: DOTAttributes = [:], nodeDefaults: DOTAttributes = [:],
                edgeDefaults: DOTAttributes = [:], nodes: [DOTNode] = [], edges: [DOTEdge] = [],
                subgraphs: [DOTSubgraph] = []) {
        self.id = id
        self.attributes = attributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
        self.nodes = nodes
        self.edges = edges
        self.subgraphs = subgraphs
    }
}

/// A DOT graph: attributes, defaults, nodes, edges and subgraphs, written by ``dot``.
///
///     var graph = DOTGraph("replies")
///     graph.nodes = [DOTNode("a", ["label": .text("say \"hi\"")]), DOTNode("b")]
///     graph.edges = [DOTEdge("a", "b")]
///     print(graph.dot)
///     // digraph replies {
///     //   a [label="say \"hi\""];
///     //   b;
///     //   a -> b;
///     // }
///
/// Nodes, edges and subgraphs keep the order they were added in; attributes are sorted by name.
public struct DOTGraph: Hashable, Sendable {
    public var id: String
    public var isDirected: Bool
    public var isStrict: Bool
    public var attributes: DOTAttributes
    public var nodeDefaults: DOTAttributes
    public var edgeDefaults: DOTAttributes
    public var nodes: [DOTNode]
    public var edges: [DOTEdge]
    public var subgraphs: [DOTSubgraph]

    public init(_ id: String, isDirected: Bool = true, isStrict: Bool = false, attributes: DOTAttributes = [:],
                nodeDefaults: DOTAttributes = [:], edgeDefaults: DOTAttributes = [:], nodes: [DOTNode] = [],
                edges: [DOTEdge] = [], subgraphs: [DOTSubgraph] = []) {
        self.id = id
        self.isDirected = isDirected
        self.isStrict = isStrict
        self.attributes = attributes
        self.nodeDefaults = nodeDefaults
        self.edgeDefaults = edgeDefaults
        self.nodes = nodes
        self.edges = edges
        self.subgraphs = subgraphs
    }

    /// Every node, including those inside subgraphs, in writing order.
    public var allNodes: [DOTNode] {
        var result = nodes
        var stack = subgraphs.reversed() as [DOTSubgraph]
        while let subgraph = stack.popLast() {
            result += subgraph.nodes
            stack += subgraph.subgraphs.reversed()
        }
        return result
    }

    /// Every edge, including those inside subgraphs.
    public var allEdges: [DOTEdge] {
        var result = edges
        var stack = subgraphs.reversed() as [DOTSubgraph]
        while let subgraph = stack.popLast() {
            result += subgraph.edges
            stack += subgraph.subgraphs.reversed()
        }
        return result
    }
}

extension DOTGraph {
    /// The graph's statements as a subgraph value (DOT's grammar gives both the same body).
    public var body: DOTSubgraph {
        DOTSubgraph(id, attributes: attributes, nodeDefaults: nodeDefaults, edgeDefaults: edgeDefaults, nodes: nodes,
                    edges: edges, subgraphs: subgraphs)
    }
}
