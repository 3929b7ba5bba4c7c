/// An attribute value in a DOT graph.
///
/// `.text` is shown text (labels, tooltips): written as an escaped escString. `.html` is an HTML-like label whose
/// markup was built with ``HTMLLabel`` (text inside it escaped). `.name` is a keyword or value the program chose
/// (`box`, `LR`, `#1f77b4`, `filled,rounded`), `.number` a number, `.bool` `true`/`false`.
package enum DOTValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByBooleanLiteral
{
    case text(String, lineBreak: Escaping.LineBreak = .centered)
    case html(HTMLLabel)
    case name(String)
    case number(Double)
    case bool(Bool)

    /// String literals are names: attribute values the program writes itself. Use `.text` for shown text.
    package init(stringLiteral value: String) { self = .name(value) }
    package init(integerLiteral value: Int) { self = .number(Double(value)) }
    package init(floatLiteral value: Double) { self = .number(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }

    /// The value as DOT source.
    package var dot: String {
        switch self {
        case .text(let text, let lineBreak): Escaping.dotQuoted(text, lineBreak: lineBreak)
        case .html(let label): "<" + label.markup + ">"
        case .name(let name): Escaping.dotID(name)
        case .number(let value): Escaping.number(value, maxFractionDigits: 4)
        case .bool(let value): value ? "true" : "false"
        }
    }
}

/// Attributes of a graph, node or edge, written sorted by name so output is deterministic.
package struct DOTAttributes: Hashable, Sendable, ExpressibleByDictionaryLiteral, Sequence {
    package private(set) var values: [String: DOTValue]

    package init(_ values: [String: DOTValue] = [:]) { self.values = values }
    package init(dictionaryLiteral elements: (String, DOTValue)...) {
        self.values = Dictionary(elements, uniquingKeysWith: { _, last in last })
    }

    package subscript(name: String) -> DOTValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    package var isEmpty: Bool { values.isEmpty }

    /// Name–value pairs in name order.
    package func makeIterator() -> IndexingIterator<[(key: String, value: DOTValue)]> {
        values.sorted { $0.key < $1.key }.makeIterator()
    }

    /// Adds `other`'s attributes, replacing same-named ones.
    package mutating func merge(_ other: DOTAttributes) {
        values.merge(other.values) { _, new in new }
    }
}

/// A node statement.
package struct DOTNode: Hashable, Sendable {
    package var id: String
    package var attributes: DOTAttributes

    package init(_ id: String, _ attributes: DOTAttributes = [:]) {
        self.id = id
        self.attributes = attributes
    }
}

/// An edge statement from `from` to `to`.
package struct DOTEdge: Hashable, Sendable {
    package var from: String
    package var to: String
    package var attributes: DOTAttributes

    package init(_ from: String, _ to: String, _ attributes: DOTAttributes = [:]) {
        self.from = from
        self.to = to
        self.attributes = attributes
    }
}

/// A subgraph: a cluster when its id starts with `cluster`, or a rank group (`rank=same`).
package struct DOTSubgraph: Hashable, Sendable {
    package var id: String
    package var attributes: DOTAttributes
    package var nodeDefaults: DOTAttributes
    package var edgeDefaults: DOTAttributes
    package var nodes: [DOTNode]
    package var edges: [DOTEdge]
    package var subgraphs: [DOTSubgraph]

    package init(
        _ id: String, attributes: DOTAttributes = [:], nodeDefaults: DOTAttributes = [:],
        edgeDefaults: DOTAttributes = [:], nodes: [DOTNode] = [], edges: [DOTEdge] = [],
        subgraphs: [DOTSubgraph] = []
    ) {
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
package struct DOTGraph: Hashable, Sendable {
    package var id: String
    package var isDirected: Bool
    package var isStrict: Bool
    package var attributes: DOTAttributes
    package var nodeDefaults: DOTAttributes
    package var edgeDefaults: DOTAttributes
    package var nodes: [DOTNode]
    package var edges: [DOTEdge]
    package var subgraphs: [DOTSubgraph]

    package init(
        _ id: String, isDirected: Bool = true, isStrict: Bool = false, attributes: DOTAttributes = [:],
        nodeDefaults: DOTAttributes = [:], edgeDefaults: DOTAttributes = [:], nodes: [DOTNode] = [],
        edges: [DOTEdge] = [], subgraphs: [DOTSubgraph] = []
    ) {
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
    package var allNodes: [DOTNode] {
        var result = nodes
        var stack = subgraphs.reversed() as [DOTSubgraph]
        while let subgraph = stack.popLast() {
            result += subgraph.nodes
            stack += subgraph.subgraphs.reversed()
        }
        return result
    }

    /// Every edge, including those inside subgraphs.
    package var allEdges: [DOTEdge] {
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
    package var body: DOTSubgraph {
        DOTSubgraph(
            id, attributes: attributes, nodeDefaults: nodeDefaults, edgeDefaults: edgeDefaults, nodes: nodes,
            edges: edges, subgraphs: subgraphs)
    }
}
