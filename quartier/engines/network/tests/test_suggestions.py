"""Suggested introductions against a reference written pair by pair from docs/network.md:
each actor keeps its best pairs (equal scores: the partner with the lower number), both for
the dense path (every pair) and the sparse path (pairs with a common partner)."""

import math
from itertools import combinations

import pytest
from hypothesis import given, settings

from quartier.engines.network import analyse_json
from quartier.engines.network import suggestions as module

from .test_engine import networks


def reference(data, result, *, common_only, per_node=3):
    """Every candidate pair with its score, and each actor's `per_node` best scores."""
    ids = [node["id"] for node in data["nodes"]]
    node = {n["id"]: n for n in data["nodes"]}
    partners = {i: set() for i in ids}
    for edge in data["edges"]:
        partners[edge["source"]].add(edge["target"])
        partners[edge["target"]].add(edge["source"])
    community = {i: result["nodes"][i]["community"] for i in ids}
    mixing = result["network"]["sector_mixing"]
    position = {s: k for k, s in enumerate(mixing["sectors"])}
    scores = {}
    for u, v in combinations(ids, 2):
        if v in partners[u] or node[u]["opt_out"] or node[v]["opt_out"]:
            continue
        common = partners[u] & partners[v]
        ra = sum(1 / len(partners[w]) for w in common)
        ra += sum(
            1 / len(partners[w]) for w in common if community[w] == community[u] == community[v]
        )
        complement = sum(
            len(set(node[a]["offers"]) & set(node[b]["needs"])) for a, b in ((u, v), (v, u))
        )
        if not common and (common_only or not complement):
            continue
        su, sv = node[u]["sector"], node[v]["sector"]
        gap = 0.5 * (node[u]["established"] != node[v]["established"])
        gap += 0.5 * (su != sv and mixing["ties"][position[su]][position[sv]] == 0)
        scores[(u, v)] = 0.45 * (1 - math.exp(-ra)) + 0.35 * min(1, complement / 2) + 0.2 * gap
    best = {
        i: sorted((s for pair, s in scores.items() if i in pair), reverse=True)[:per_node]
        for i in ids
    }
    return scores, best


def check(data, *, common_only):
    result = analyse_json({**data, "seed": 3, "options": {"max_suggestions": 10**6}})
    scores, best = reference(data, result, common_only=common_only)
    chosen = [(s["source"], s["target"]) for s in result["suggestions"]]
    assert len(set(map(frozenset, chosen))) == len(chosen)
    for suggestion in result["suggestions"]:
        u, v = suggestion["source"], suggestion["target"]
        assert int(u) < int(v)
        assert suggestion["score"] == pytest.approx(scores[(u, v)], abs=1e-4)
        # the pair is among the best of at least one of its two actors
        assert any(scores[(u, v)] >= best[x][-1] - 1e-9 for x in (u, v))
    for actor, expected in best.items():
        mine = sorted(
            (s["score"] for s in result["suggestions"] if actor in (s["source"], s["target"])),
            reverse=True,
        )
        assert mine[: len(expected)] == pytest.approx(expected, abs=1e-4)
    assert [s["score"] for s in result["suggestions"]] == sorted(
        (s["score"] for s in result["suggestions"]), reverse=True
    )


@settings(max_examples=30, deadline=None)
@given(networks())
def test_every_actor_keeps_its_best_pairs_over_all_pairs(data):
    check(data, common_only=False)


@settings(max_examples=20, deadline=None)
@given(networks())
def test_above_the_dense_size_only_pairs_with_a_common_partner_are_candidates(data):
    dense = module.DENSE_MAX_NODES
    module.DENSE_MAX_NODES = 1
    try:
        check(data, common_only=True)
    finally:
        module.DENSE_MAX_NODES = dense


def test_equal_scores_go_to_the_partner_with_the_lower_number():
    data = {
        "nodes": [{"id": "a", "sector": "culture", "needs": ["space"]}]
        + [
            {"id": f"h{i}", "sector": "housing", "established": True, "offers": ["space"]}
            for i in range(6)
        ],
        "edges": [],
        "options": {"suggestions_per_node": 2},
    }
    pairs = {frozenset((s["source"], s["target"])) for s in analyse_json(data)["suggestions"]}
    # every h is equally good for a; a keeps h0 and h1, each h keeps a
    assert frozenset(("a", "h0")) in pairs and frozenset(("a", "h5")) in pairs
    assert len(pairs) == 6
