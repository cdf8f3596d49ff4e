"""The measures equal networkx's definitions on random graphs; Leiden is deterministic for a
seed and finds communities at least as modular as networkx's Louvain."""

import math

import networkx as nx
import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.engines.network import analyse_json, betweenness, leiden, pagerank
from quartier.engines.network.measures import structural_holes, to_igraph, weight_matrix
from quartier.engines.network.model import collapse, parse_input


@st.composite
def graphs(draw, max_nodes=24):
    n = draw(st.integers(min_value=3, max_value=max_nodes))
    edges = draw(
        st.lists(
            st.tuples(
                st.integers(0, n - 1),
                st.integers(0, n - 1),
                st.sampled_from([0.5, 1.0, 1.0, 2.0, 3.5]),
            ).filter(lambda e: e[0] != e[1]),
            max_size=3 * n,
        )
    )
    return {
        "seed": 7,
        "nodes": [{"id": f"N{i}", "sector": "culture"} for i in range(n)],
        "edges": [{"source": f"N{a}", "target": f"N{b}", "weight": w} for a, b, w in edges],
    }


def networkx_graph(data):
    """The same graph in networkx: undirected, a repeated pair adds its weights."""
    g = nx.Graph()
    g.add_nodes_from(node["id"] for node in data["nodes"])
    for edge in data["edges"]:
        a, b, w = edge["source"], edge["target"], edge["weight"]
        if g.has_edge(a, b):
            g[a][b]["weight"] += w
        else:
            g.add_edge(a, b, weight=w)
    return g


def close(a, b, tolerance=1e-9):
    if a is None or (isinstance(a, float) and math.isnan(a)):
        return b is None or math.isnan(b)
    return abs(a - b) <= tolerance * max(1.0, abs(b))


@settings(max_examples=80, deadline=None)
@given(graphs())
def test_constraint_and_effective_size_equal_networkx(data):
    result = analyse_json({**data, "options": {"suggestions": False}})["nodes"]
    g = networkx_graph(data)
    expected_constraint = nx.constraint(g, weight="weight")
    # networkx's definition, node by node: its vectorised shortcut for all nodes at once
    # (networkx 3.6) divides by the wrong node's largest weight and disagrees with it
    expected_size = nx.effective_size(g, nodes=list(g), weight="weight")
    for node, measures in result.items():
        assert close(measures["constraint"], expected_constraint[node], 1e-5), node
        assert close(measures["effective_size"], expected_size[node], 1e-5), node


@settings(max_examples=80, deadline=None)
@given(graphs())
def test_betweenness_pagerank_closeness_and_core_equal_networkx(data):
    result = analyse_json({**data, "options": {"suggestions": False}})["nodes"]
    g = networkx_graph(data)
    between = nx.betweenness_centrality(g, normalized=True)
    rank = nx.pagerank(g, alpha=0.85, weight="weight", tol=1e-12, max_iter=10_000)
    harmonic = nx.harmonic_centrality(g)
    core = nx.core_number(g)
    for node, measures in result.items():
        assert close(measures["betweenness"], between[node], 1e-5)
        assert close(measures["pagerank"], rank[node], 1e-4)
        assert close(measures["harmonic_closeness"], harmonic[node], 1e-5)
        assert measures["k_core"] == core[node]
        assert measures["degree"] == g.degree(node)
        assert close(measures["weighted_degree"], g.degree(node, weight="weight"), 1e-6)


@settings(max_examples=40, deadline=None)
@given(graphs(max_nodes=40), st.integers(0, 1000))
def test_leiden_is_deterministic_and_not_less_modular_than_louvain(data, seed):
    graph = parse_input({**data, "seed": seed})
    g = to_igraph(collapse(graph.n, graph.edges))
    first, modularity = leiden(g, seed=seed, method="modularity", resolution=1, restarts=4)
    second, again = leiden(g, seed=seed, method="modularity", resolution=1, restarts=4)
    assert first.tolist() == second.tolist() and modularity == again
    reference = networkx_graph(data)
    if reference.number_of_edges() == 0:
        return
    louvain = nx.community.louvain_communities(reference, weight="weight", seed=seed)
    louvain_modularity = nx.community.modularity(reference, louvain, weight="weight")
    ours = nx.community.modularity(
        reference,
        [{f"N{i}" for i in np.flatnonzero(first == c)} for c in range(int(first.max()) + 1)],
        weight="weight",
    )
    assert abs(ours - modularity) < 1e-9
    assert modularity >= louvain_modularity - 1e-9


def test_sampled_betweenness_stays_within_its_stated_error():
    g = nx.barabasi_albert_graph(600, 3, seed=3)
    data = {
        "nodes": [{"id": str(i)} for i in g.nodes],
        "edges": [{"source": str(a), "target": str(b)} for a, b in g.edges],
    }
    graph = parse_input(data)
    ig_graph = to_igraph(collapse(graph.n, graph.edges))
    exact, _ = betweenness(
        ig_graph, exact_max_nodes=10_000, samples=0, rng=np.random.default_rng(1)
    )
    sampled, sampling = betweenness(
        ig_graph, exact_max_nodes=100, samples=200, rng=np.random.default_rng(1)
    )
    assert not sampling.exact and sampling.sources == 200
    assert np.abs(sampled - exact).max() <= sampling.bound
    assert np.abs(sampled - exact).max() <= 6 * sampling.standard_error + 1e-3


def test_pagerank_of_a_graph_without_ties_is_uniform():
    graph = parse_input({"nodes": [{"id": "a"}, {"id": "b"}]})
    assert pagerank(to_igraph(collapse(2, graph.edges))).tolist() == [0.5, 0.5]


def test_structural_holes_are_not_defined_for_isolated_actors():
    graph = parse_input(
        {
            "nodes": [{"id": "a"}, {"id": "b"}, {"id": "c"}],
            "edges": [{"source": "a", "target": "b"}],
        }
    )
    constraint, size = structural_holes(weight_matrix(collapse(3, graph.edges)))
    assert constraint[0] == 1.0 and size[0] == 1.0
    assert math.isnan(constraint[2]) and math.isnan(size[2])
