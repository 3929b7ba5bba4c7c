#!/usr/bin/env python3
"""Loads ReplyGraph's exports in networkx (GraphML, GEXF, node-link JSON) and Python's csv module (Neo4j and
GraphFrames CSV) and compares them with the manifest written beside them.

Usage: check-exports.py DIR   where DIR holds one directory per graph, as written by the test suite
"Exports for the networkx check" (Scripts/check-exports.sh runs it with EXPORT_CHECK_DIR=DIR first).
Prints one line per check and a closing "N passed, M failed"; exits 1 on any failure, 0 otherwise.
"""
import csv
import json
import os
import sys

try:
    import networkx as nx
except ImportError:  # the CSV checks still run
    nx = None

PY_TYPES = {"string": str, "int": int, "double": float, "bool": bool}
passed, failed = 0, 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name}: {detail}")


def xml_legal(text):
    """What survives in XML 1.0: the exporter drops the characters the Char production excludes."""
    def ok(c):
        o = ord(c)
        return o in (9, 10, 13) or 0x20 <= o <= 0xD7FF or 0xE000 <= o <= 0xFFFD or o >= 0x10000
    return "".join(c for c in text if ok(c))


def check_types(label, items, expected):
    bad = []
    for attrs in items:
        for key, value in attrs.items():
            want = PY_TYPES.get(expected.get(key, ""))
            if want is None:
                continue
            if want is float and isinstance(value, int) and not isinstance(value, bool):
                continue
            if not isinstance(value, want) or (want is int and isinstance(value, bool)):
                bad.append(f"{key}={value!r} is {type(value).__name__}, want {want.__name__}")
    check(label, not bad, "; ".join(sorted(set(bad))[:5]))


def check_networkx(graph_dir, manifest, fmt, G, texts_transform):
    name = os.path.basename(graph_dir)
    check(f"{name}/{fmt} nodes", G.number_of_nodes() == manifest["nodes"],
          f"{G.number_of_nodes()} != {manifest['nodes']}")
    check(f"{name}/{fmt} edges", G.number_of_edges() == manifest["edges"],
          f"{G.number_of_edges()} != {manifest['edges']}")
    check(f"{name}/{fmt} directed", G.is_directed() == manifest["directed"])
    kinds = {}
    for _, attrs in G.nodes(data=True):
        kinds[attrs.get("kind")] = kinds.get(attrs.get("kind"), 0) + 1
    check(f"{name}/{fmt} node kinds", kinds == manifest["node_kinds"], f"{kinds} != {manifest['node_kinds']}")
    node_types = dict(manifest["node_types"], kind="string")
    check_types(f"{name}/{fmt} node attribute types",
                [{k: v for k, v in a.items() if k != "label"} for _, a in G.nodes(data=True)], node_types)
    edge_attrs = [a for *_, a in G.edges(data=True)]
    check_types(f"{name}/{fmt} edge attribute types",
                [{k: v for k, v in a.items() if k not in ("id", "label", "key")} for a in edge_attrs],
                dict(manifest["edge_types"], kind="string"))
    wrong = [n for n, text in manifest["texts"].items() if G.nodes[n].get("text") != texts_transform(text)]
    check(f"{name}/{fmt} tweet texts intact", not wrong, f"{len(wrong)} differ, e.g. {wrong[:1]}")


def check_csv(graph_dir, manifest, dialect):
    name = os.path.basename(graph_dir)
    folder = os.path.join(graph_dir, dialect)
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        nodes = list(csv.reader(f))
    with open(os.path.join(folder, "edges.csv"), newline="", encoding="utf-8") as f:
        edges = list(csv.reader(f))
    check(f"{name}/{dialect} node rows", len(nodes) - 1 == manifest["nodes"], f"{len(nodes) - 1}")
    check(f"{name}/{dialect} edge rows", len(edges) - 1 == manifest["edges"], f"{len(edges) - 1}")
    check(f"{name}/{dialect} rectangular", len({len(r) for r in nodes}) == 1 and len({len(r) for r in edges}) == 1)
    if dialect == "neo4j":
        check(f"{name}/{dialect} headers", nodes[0][:2] == ["id:ID", ":LABEL"]
              and edges[0][:3] == [":START_ID", ":END_ID", ":TYPE"], f"{nodes[0][:2]} {edges[0][:3]}")
        neo = {"string": "string", "int": "long", "double": "double", "bool": "boolean"}
        want = [f"{k}:{neo[t]}" for k, t in sorted(manifest["node_types"].items())]
        check(f"{name}/{dialect} typed columns", nodes[0][2:] == want, f"{nodes[0][2:]} != {want}")
    else:
        check(f"{name}/{dialect} headers", nodes[0][:2] == ["id", "kind"]
              and edges[0][:3] == ["src", "dst", "relationship"], f"{nodes[0][:2]} {edges[0][:3]}")
    ids = {r[0] for r in nodes[1:]}
    check(f"{name}/{dialect} edges join known nodes", all(r[0] in ids and r[1] in ids for r in edges[1:]))
    header = nodes[0]
    column = next((i for i, h in enumerate(header) if h in ("text", "text:string")), None)
    if column is not None:
        rows = {r[0]: r[column] for r in nodes[1:]}
        wrong = [n for n, t in manifest["texts"].items() if rows.get(n) != t.replace("\0", "")]
        check(f"{name}/{dialect} tweet texts intact", not wrong, f"{len(wrong)} differ")


def main(root):
    for entry in sorted(os.listdir(root)):
        graph_dir = os.path.join(root, entry)
        manifest_path = os.path.join(graph_dir, "manifest.json")
        if not os.path.isfile(manifest_path):
            continue
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
        if nx is not None:
            G = nx.read_graphml(os.path.join(graph_dir, "graph.graphml"))
            check_networkx(graph_dir, manifest, "graphml", G, xml_legal)
            G = nx.read_gexf(os.path.join(graph_dir, "graph.gexf"))
            check_networkx(graph_dir, manifest, "gexf", G, xml_legal)
            with open(os.path.join(graph_dir, "graph.json"), encoding="utf-8") as f:
                data = json.load(f)
            G = nx.node_link_graph(data)  # networkx 3.6's default edges="edges"
            check(f"{entry}/json multigraph flag", G.is_multigraph() == manifest["multigraph"])
            check_networkx(graph_dir, manifest, "json", G, lambda t: t)
            with open(os.path.join(graph_dir, "graph-links.json"), encoding="utf-8") as f:
                G = nx.node_link_graph(json.load(f), edges="links")
            check(f"{entry}/json edges=links", G.number_of_edges() == manifest["edges"])
        check_csv(graph_dir, manifest, "neo4j")
        check_csv(graph_dir, manifest, "graphframes")
    if nx is None:
        print("networkx is not installed: GraphML, GEXF and JSON were not loaded (pip install networkx)")
    else:
        print(f"networkx {nx.__version__}")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed or not passed else 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1]))
