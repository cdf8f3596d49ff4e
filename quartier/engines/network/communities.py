"""Communities with Leiden (igraph's implementation): modularity or the constant Potts model with a
resolution, deterministic for a seed; numbered by size, largest first."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import igraph as ig
import numpy as np

from .model import Node, Pairs

SMALL = 2000


def leiden(
    g: ig.Graph, *, seed: int, method: str, resolution: float, restarts: int | None = None
) -> tuple[np.ndarray, float]:
    """Membership (renumbered: 0 is the largest community) and the modularity of the
    partition on the weighted graph. Several restarts from seeds derived from `seed`; the
    partition of highest quality wins, ties going to the earliest seed. Without a number of
    restarts: four, each iterated until stable, up to SMALL nodes; above, one run of two
    iterations.

    The Leiden algorithm is igraph's own (`community_leiden`, the C implementation by the
    author of leidenalg): on a city of 5,000 actors it is about twenty times faster than
    `leidenalg.find_partition` and finds partitions of at least the same modularity. The CPM
    quality differs from leidenalg's only by a constant, so the optimum is the same."""
    n = g.vcount()
    if restarts is None:
        restarts = 4 if n <= SMALL else 1
    iterations = -1 if n <= SMALL else 2
    if n == 0:
        return np.zeros(0, dtype=np.int64), 0.0
    if g.ecount() == 0:
        return np.arange(n, dtype=np.int64), 0.0
    weights = g.es["weight"]
    best: list[int] | None = None
    best_quality = -np.inf
    for attempt in range(max(1, restarts)):
        with _seeded(seed + attempt):
            if method == "cpm":
                clustering = g.community_leiden(
                    objective_function="cpm",
                    weights=weights,
                    resolution=resolution,
                    n_iterations=iterations,
                )
            else:
                clustering = g.community_leiden(
                    objective_function="modularity", weights=weights, n_iterations=iterations
                )
        quality = (
            _cpm_quality(g, clustering.membership, weights, resolution)
            if method == "cpm"
            else g.modularity(clustering.membership, weights=weights)
        )
        if quality > best_quality + 1e-12:
            best, best_quality = list(clustering.membership), quality
    assert best is not None
    membership = renumber(np.asarray(best, dtype=np.int64))
    modularity = float(g.modularity(membership.tolist(), weights=weights))
    return membership, modularity


@contextmanager
def _seeded(seed: int) -> Iterator[None]:
    """igraph draws from one process-wide generator (Python's `random` by default): a
    generator of our own for the run, then the default again."""
    ig.set_random_number_generator(random.Random(seed))
    try:
        yield
    finally:
        ig.set_random_number_generator(random)


def _cpm_quality(
    g: ig.Graph, membership: list[int], weights: list[float], resolution: float
) -> float:
    """Σ_c (weight inside c − resolution · n_c (n_c − 1) / 2), as leidenalg's CPM."""
    labels = np.asarray(membership)
    ends = np.asarray(g.get_edgelist(), dtype=np.int64).reshape(-1, 2)
    inside = labels[ends[:, 0]] == labels[ends[:, 1]]
    sizes = np.bincount(labels).astype(float)
    return float(np.asarray(weights)[inside].sum() - resolution * (sizes * (sizes - 1) / 2).sum())


def renumber(membership: np.ndarray) -> np.ndarray:
    """Community 0 is the largest; equal sizes by their smallest node."""
    labels, first, counts = np.unique(membership, return_index=True, return_counts=True)
    order = sorted(range(len(labels)), key=lambda i: (-counts[i], first[i]))
    mapping = np.empty(len(labels), dtype=np.int64)
    mapping[order] = np.arange(len(labels))
    return mapping[np.searchsorted(labels, membership)]


def community_stats(
    nodes: list[Node], pairs: Pairs, membership: np.ndarray, sectors: list[str]
) -> list[dict[str, Any]]:
    if len(membership) == 0:
        return []
    count = int(membership.max()) + 1
    members: list[list[int]] = [[] for _ in range(count)]
    for i, c in enumerate(membership.tolist()):
        members[c].append(i)
    bridges: list[dict[int, list[float]]] = [defaultdict(lambda: [0, 0.0]) for _ in range(count)]
    brokers: list[Counter[int]] = [Counter() for _ in range(count)]
    cu, cv = membership[pairs.u], membership[pairs.v]
    for k in np.flatnonzero(cu != cv).tolist():
        a, b, w = int(cu[k]), int(cv[k]), float(pairs.weight[k])
        for x, y, node in ((a, b, int(pairs.u[k])), (b, a, int(pairs.v[k]))):
            bridges[x][y][0] += 1
            bridges[x][y][1] += w
            brokers[x][node] += 1
    result = []
    for c in range(count):
        ids = members[c]
        sector_counts = Counter(nodes[i].sector for i in ids if nodes[i].sector)
        established = sum(1 for i in ids if nodes[i].established)
        result.append(
            {
                "id": c,
                "size": len(ids),
                "sectors": dict(sorted(sector_counts.items(), key=lambda kv: (-kv[1], kv[0]))),
                "sectors_missing": [s for s in sectors if s not in sector_counts],
                "established": established,
                "new": len(ids) - established,
                "established_share": round(established / len(ids), 4),
                "new_share": round(1 - established / len(ids), 4),
                "bridges": [
                    {"community": other, "ties": int(t), "weight": round(w, 6)}
                    for other, (t, w) in sorted(
                        bridges[c].items(), key=lambda kv: (-kv[1][0], kv[0])
                    )
                ],
                "bridging_actors": [
                    nodes[i].id
                    for i, _n in sorted(brokers[c].items(), key=lambda kv: (-kv[1], kv[0]))[:5]
                ],
            }
        )
    return result
