"""The whole analysis of one graph: measures per node, communities, network figures (also at
chosen dates) and suggested introductions. Deterministic for a given seed."""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np

from .communities import community_stats, leiden
from .figures import network_figures
from .measures import (
    betweenness,
    harmonic_closeness,
    pagerank,
    structural_holes,
    to_igraph,
    weight_matrix,
)
from .model import Graph, collapse, parse_input
from .suggestions import suggest


def _number(value: float, digits: int = 6) -> float | None:
    return None if math.isnan(value) else round(float(value), digits)


def analyse(graph: Graph) -> dict[str, Any]:
    started = time.perf_counter()
    options = graph.options
    rng = np.random.default_rng(graph.seed)
    edges = graph.edges_at(graph.at)
    pairs = collapse(graph.n, edges)
    g = to_igraph(pairs)
    w = weight_matrix(pairs)
    degree = np.diff(w.indptr)
    strength = np.asarray(w.sum(axis=1)).ravel() if graph.n else np.zeros(0)
    between, sampling = betweenness(
        g, exact_max_nodes=options["exact_max_nodes"], samples=options["samples"], rng=rng
    )
    closeness = (
        harmonic_closeness(
            g, exact_max_nodes=options["exact_max_nodes"], samples=options["samples"], rng=rng
        )
        if options.get("closeness", True)
        else None
    )
    rank = pagerank(g)
    core = np.asarray(g.coreness()) if graph.n else np.zeros(0, dtype=np.int64)
    constraint, effective = structural_holes(w)
    membership, modularity = leiden(
        g,
        seed=graph.seed,
        method=options["communities"],
        resolution=float(options["resolution"]),
        restarts=options["restarts"],
    )
    figures = network_figures(graph.nodes, pairs, graph.sectors)
    layout = _layout(g, rng) if options.get("layout") else None
    result_nodes: dict[str, dict[str, Any]] = {}
    for i, node in enumerate(graph.nodes):
        result_nodes[node.id] = {
            "degree": int(degree[i]),
            "weighted_degree": round(float(strength[i]), 6),
            "betweenness": round(float(between[i]), 6),
            "harmonic_closeness": None if closeness is None else round(float(closeness[i]), 6),
            "pagerank": round(float(rank[i]), 6),
            "k_core": int(core[i]),
            "constraint": _number(constraint[i]),
            "effective_size": _number(effective[i]),
            "community": int(membership[i]),
        }
        if layout is not None:
            result_nodes[node.id]["x"] = round(float(layout[i][0]), 3)
            result_nodes[node.id]["y"] = round(float(layout[i][1]), 3)
    suggestions = (
        suggest(
            graph.nodes,
            pairs,
            membership,
            figures["sector_mixing"]["ties"],
            graph.sectors,
            options,
            graph.exclude_pairs,
        )
        if options.get("suggestions", True)
        else []
    )
    at_dates = {}
    for day in graph.compare:
        at_dates[day.isoformat()] = network_figures(
            graph.nodes, collapse(graph.n, graph.edges_at(day)), graph.sectors
        )
    return {
        "seed": graph.seed,
        "at": graph.at.isoformat() if graph.at else None,
        "nodes": result_nodes,
        "communities": community_stats(graph.nodes, pairs, membership, graph.sectors),
        "community_method": options["communities"],
        "modularity": round(modularity, 6),
        "network": figures,
        "at_dates": at_dates,
        "betweenness_sampling": sampling.as_dict(),
        "suggestions": suggestions,
        "seconds": round(time.perf_counter() - started, 3),
    }


def _layout(g: Any, rng: np.random.Generator) -> list[list[float]]:
    """Positions for drawing: Kamada–Kawai from seeded starting points (a circle above 2,000
    nodes)."""
    if g.vcount() == 0:
        return []
    start = rng.random((g.vcount(), 2)).tolist()
    if g.vcount() > 2000:
        return [list(p) for p in g.layout_circle()]
    return [list(p) for p in g.layout_kamada_kawai(seed=start)]


def analyse_json(data: Any) -> dict[str, Any]:
    """The engine on the JSON contract of docs/network.md."""
    return analyse(parse_input(data))
