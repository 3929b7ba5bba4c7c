// libFuzzer target: a DOT graph whose names, labels, tooltips, HTML-like labels and subgraph ids come from
// arbitrary text is written as DOT that (1) is well-formed at the token level and (2) parses in libgraphviz
// (agmemread) into exactly the nodes and edges written, so no text can add, drop or rewire a node.
// Built by Scripts/fuzz/run.sh with Sources/GraphExport/{Escaping.swift,DOT/*.swift} and the CGraphviz module.
import CGraphviz

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDOTWriter(_ data: UnsafePointer<UInt8>, _ count: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: count), as: UTF8.self)
    // Up to six pieces of text, separated by U+0001 in the input.
    var pieces = text.split(separator: "\u{1}", omittingEmptySubsequences: false).prefix(6).map(String.init)
    while pieces.count < 6 { pieces.append(pieces.last ?? "") }

    var graph = DOTGraph(pieces[5], attributes: ["label": .text(pieces[0]), "rankdir": "LR"])
    // Node ids: distinct by construction (a prefix per node), so the expected node count is known.
    let ids = ["a:" + pieces[0], "b:" + pieces[1], "c:" + pieces[2]]
    graph.nodes = [
        DOTNode(ids[0], ["label": .text(pieces[1], lineBreak: .left), "tooltip": .text(pieces[2])]),
        DOTNode(ids[1], ["label": .html(HTMLLabel.table([[.text(pieces[3], bold: true), .text(pieces[4])]]))]),
        DOTNode(ids[2], ["label": .html(HTMLLabel.text(pieces[0])), "URL": .text(pieces[3])]),
    ]
    graph.edges = [DOTEdge(ids[0], ids[1], ["label": .text(pieces[4])]), DOTEdge(ids[1], ids[2])]
    graph.subgraphs = [DOTSubgraph("cluster_" + pieces[4], attributes: ["label": .text(pieces[2])],
                                   nodes: [DOTNode("d:" + pieces[3], ["label": .text(pieces[5])])],
                                   edges: [DOTEdge("d:" + pieces[3], ids[0])])]
    let dot = graph.dot
    require(DOTLexer.isBalanced(dot), "the DOT is not well-formed:\n\(dot)")

    // Graphviz parses it into exactly these 4 nodes and 3 edges. Its messages are kept off stderr.
    _ = agseterr(AGMAX)
    guard let parsed = agmemread(dot) else { requireFailure("agmemread refused the DOT:\n\(dot)") }
    defer { agclose(parsed) }
    require(agnnodes(parsed) == 4, "\(agnnodes(parsed)) nodes instead of 4:\n\(dot)")
    require(agnedges(parsed) == 3, "\(agnedges(parsed)) edges instead of 3:\n\(dot)")
    return 0
}
