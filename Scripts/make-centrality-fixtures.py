#!/usr/bin/env python3
"""make-centrality-fixtures.py - expected metric values from networkx for the centrality tests.

USAGE
    python make-centrality-fixtures.py --name NAME --edges EDGES.tsv --source TEXT -o OUT.json
    python make-centrality-fixtures.py --karate undirected|directed -o OUT.json

EDGES.tsv is what `replygraph-bench centrality edges KIND ARCHIVE` prints (our projection), so the fixture
compares metrics, not parsers. The karate graphs come from networkx's `karate_club_graph()` (with its weights):
  * undirected: as networkx ships it;
  * directed: every edge oriented from the lower to the higher id, except edges whose id sum is divisible by 5,
    which are reversed; the edges 0<->1, 0<->2, 32<->33 and 5<->16 exist in both directions.
Nodes are the integers 0..n-1 in the fixture's node order; weighted shortest paths use the length 1/weight.
"""
import argparse
import json
import random
import sys

import networkx as nx
from networkx.algorithms.link_analysis.hits_alg import _hits_python


def read_edges(path):
    labels, edges, directed = [], [], True
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                directed = "directed=1" in line
                continue
            parts = line.split("\t")
            if parts[0] == "n":
                assert int(parts[1]) == len(labels)
                labels.append(parts[2])
            elif parts[0] == "e":
                edges.append((int(parts[1]), int(parts[2]), float(parts[3])))
    return labels, edges, directed


def karate(directed):
    K = nx.karate_club_graph()
    labels = [str(v) for v in K.nodes()]
    if not directed:
        edges = [(min(u, v), max(u, v), float(d.get("weight", 1))) for u, v, d in K.edges(data=True)]
        return labels, sorted(edges), False
    edges = []
    both = {(0, 1), (0, 2), (32, 33), (5, 16)}
    for u, v, d in K.edges(data=True):
        a, b = min(u, v), max(u, v)
        w = float(d.get("weight", 1))
        if (a, b) in both:
            edges += [(a, b, w), (b, a, w)]
        elif (a + b) % 5 == 0:
            edges.append((b, a, w))
        else:
            edges.append((a, b, w))
    return labels, sorted(edges), True


def build(labels, edges, directed):
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(range(len(labels)))
    for u, v, w in edges:
        G.add_edge(u, v, weight=w, dist=(1.0 / w) if w > 0 else float("inf"))
    return G


def vec(d, n):
    return [float(d[i]) for i in range(n)]


def partition(parts):
    return sorted(sorted(int(v) for v in c) for c in parts)


def power(f):
    try:
        return f()
    except nx.PowerIterationFailedConvergence:
        return None


def metrics(G, n, seed):
    directed = G.is_directed()
    m = {}
    m["degree_centrality"] = vec(nx.degree_centrality(G), n)
    m["degree_weighted"] = vec(dict(G.degree(weight="weight")), n)
    if directed:
        m["in_degree_centrality"] = vec(nx.in_degree_centrality(G), n)
        m["out_degree_centrality"] = vec(nx.out_degree_centrality(G), n)
        m["in_degree_weighted"] = vec(dict(G.in_degree(weight="weight")), n)
        m["out_degree_weighted"] = vec(dict(G.out_degree(weight="weight")), n)
    m["pagerank"] = power(lambda: vec(nx.pagerank(G, alpha=0.85, tol=1e-10, max_iter=10000), n))
    m["pagerank_unweighted"] = power(lambda: vec(nx.pagerank(G, alpha=0.85, tol=1e-10, max_iter=10000, weight=None), n))
    pers = {i: float((i * 7) % 5) for i in range(n)}
    if sum(pers.values()) > 0:
        m["pagerank_personalized"] = {
            "alpha": 0.9,
            "personalization": [pers[i] for i in range(n)],
            "values": power(lambda: vec(nx.pagerank(G, alpha=0.9, personalization=pers, tol=1e-10, max_iter=10000), n)),
        }
    dangling = {i: float(1 + i % 3) for i in range(n)}
    if n:
        m["pagerank_dangling"] = {
            "dangling": [dangling[i] for i in range(n)],
            "values": power(lambda: vec(nx.pagerank(G, alpha=0.85, dangling=dangling, tol=1e-10, max_iter=10000), n)),
        }
    m["betweenness"] = vec(nx.betweenness_centrality(G), n)
    m["betweenness_unnormalized"] = vec(nx.betweenness_centrality(G, normalized=False), n)
    m["betweenness_endpoints"] = vec(nx.betweenness_centrality(G, endpoints=True), n)
    m["betweenness_weighted"] = vec(nx.betweenness_centrality(G, weight="dist"), n)
    k = max(1, min(n, n // 3))
    sources = sorted(random.Random(seed).sample(range(n), k)) if n else []
    # networkx samples its pivots itself; _rescale only needs the set, so re-run its code path with ours.
    m["betweenness_sampled"] = {"sources": sources, "values": sampled_betweenness(G, sources, False, True)}
    m["betweenness_sampled_unnormalized_endpoints"] = {
        "sources": sources, "values": sampled_betweenness(G, sources, True, False)}
    m["closeness"] = vec(nx.closeness_centrality(G), n)
    m["closeness_weighted"] = vec(nx.closeness_centrality(G, distance="dist"), n)
    m["harmonic"] = vec(nx.harmonic_centrality(G), n)
    m["harmonic_weighted"] = vec(nx.harmonic_centrality(G, distance="dist"), n)
    m["eigenvector"] = power(lambda: vec(nx.eigenvector_centrality(G, max_iter=100000, tol=1e-10), n))
    m["eigenvector_weighted"] = power(lambda: vec(nx.eigenvector_centrality(G, max_iter=100000, tol=1e-10, weight="weight"), n))
    if G.number_of_edges() > 0:
        h, a = nx.hits(G, max_iter=100000, tol=1e-12)
        hp, ap = power(lambda: _hits_python(G, max_iter=100000, tol=1e-13)) or (None, None)
        if hp is not None:
            gap = max(max(abs(h[i] - hp[i]), abs(a[i] - ap[i])) for i in range(n))
            print(f"  hits: ARPACK vs power iteration max gap {gap:.2e}", file=sys.stderr)
        m["hits_hubs"] = vec(h, n)
        m["hits_authorities"] = vec(a, n)
    H = G.copy()
    H.remove_edges_from(list(nx.selfloop_edges(H)))
    m["core_number"] = [int(nx.core_number(H)[i]) for i in range(n)]
    if directed:
        m["weak_components"] = partition(nx.weakly_connected_components(G))
        m["strong_components"] = partition(nx.strongly_connected_components(G))
        m["reciprocity"] = nx.overall_reciprocity(G) if G.number_of_edges() else None
    else:
        m["weak_components"] = partition(nx.connected_components(G))
        m["strong_components"] = m["weak_components"]
    m["density"] = nx.density(G)
    m["clustering"] = vec(nx.clustering(G), n)
    m["clustering_weighted"] = vec(nx.clustering(G, weight="weight"), n)
    m["average_clustering"] = nx.average_clustering(G) if n else 0.0
    m["average_clustering_weighted"] = nx.average_clustering(G, weight="weight") if n else 0.0
    # Communities on the undirected projection with summed weights.
    U = nx.Graph()
    U.add_nodes_from(range(n))
    for u, v, d in G.edges(data=True):
        w = d["weight"]
        if U.has_edge(u, v):
            U[u][v]["weight"] += w
        else:
            U.add_edge(u, v, weight=w)
    if U.number_of_edges() > 0:
        louvain = partition(nx.community.louvain_communities(U, weight="weight", seed=seed))
        m["louvain"] = {
            "seed": seed,
            "partition": louvain,
            "modularity": nx.community.modularity(U, [set(c) for c in louvain], weight="weight"),
            "modularity_directed": nx.community.modularity(G, [set(c) for c in louvain], weight="weight") if directed else None,
            "modularity_resolution_0_5": nx.community.modularity(U, [set(c) for c in louvain], weight="weight", resolution=0.5),
        }
    return m


def sampled_betweenness(G, sources, endpoints, normalized):
    from networkx.algorithms.centrality.betweenness import (
        _accumulate_basic, _accumulate_endpoints, _rescale, _single_source_shortest_path_basic)
    b = dict.fromkeys(G, 0.0)
    for s in sources:
        S, P, sigma, _ = _single_source_shortest_path_basic(G, s)
        if endpoints:
            b, _ = _accumulate_endpoints(b, S, P, sigma, s)
        else:
            b, _ = _accumulate_basic(b, S, P, sigma, s)
    b = _rescale(b, len(G), normalized=normalized, directed=G.is_directed(), endpoints=endpoints,
                 sampled_nodes=sources)
    return vec(b, len(G))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name")
    ap.add_argument("--edges")
    ap.add_argument("--source", default="")
    ap.add_argument("--karate", choices=["undirected", "directed"])
    ap.add_argument("--include-self", action="store_true")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("-o", required=True)
    args = ap.parse_args()
    if args.karate:
        labels, edges, directed = karate(args.karate == "directed")
        name = f"karate-{args.karate}"
        source = "networkx.karate_club_graph() " + args.karate + " (see Scripts/make-centrality-fixtures.py)"
    else:
        labels, edges, directed = read_edges(args.edges)
        name, source = args.name, args.source
    G = build(labels, edges, directed)
    n = len(labels)
    print(f"{name}: {n} nodes, {G.number_of_edges()} edges", file=sys.stderr)
    out = {
        "name": name,
        "source": source,
        "networkx": nx.__version__,
        "directed": directed,
        "include_self": args.include_self,
        "nodes": labels,
        "edges": [[u, v, w] for u, v, w in edges],
        "metrics": metrics(G, n, args.seed),
    }
    with open(args.o, "w", encoding="utf-8") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
