"""Figures of the whole network: size, density, components, isolated actors, the
sector-mixing matrix and how many new actors have a confirmed tie to an established one."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from .model import Node, Pairs


def network_figures(nodes: list[Node], pairs: Pairs, sectors: list[str]) -> dict[str, Any]:
    n, m = pairs.n, pairs.m
    degree = np.bincount(np.concatenate([pairs.u, pairs.v]), minlength=n) if n else np.zeros(0)
    if n:
        adjacency = sp.csr_matrix((np.ones(m), (pairs.u, pairs.v)), shape=(n, n))
        components, labels = connected_components(adjacency, directed=False)
        largest = int(np.bincount(labels).max())
    else:
        components, largest = 0, 0
    isolates = [nodes[i].id for i in np.flatnonzero(degree == 0).tolist()]

    position = {s: i for i, s in enumerate(sectors)}
    mixing = np.zeros((len(sectors), len(sectors)), dtype=np.int64)
    su = np.array([position.get(node.sector, -1) for node in nodes], dtype=np.int64)
    if m:
        a, b = su[pairs.u], su[pairs.v]
        known = (a >= 0) & (b >= 0)
        np.add.at(mixing, (a[known], b[known]), 1)
        off = known & (a != b)
        np.add.at(mixing, (b[off], a[off]), 1)

    established = np.array([node.established for node in nodes], dtype=bool)
    tied = np.zeros(n, dtype=bool)
    if m:
        c = pairs.confirmed
        tied[pairs.u[c & established[pairs.v]]] = True
        tied[pairs.v[c & established[pairs.u]]] = True
    new = ~established
    new_count = int(new.sum())
    new_tied = int((new & tied).sum())
    return {
        "nodes": n,
        "ties": m,
        "density": round(2 * m / (n * (n - 1)), 6) if n > 1 else 0.0,
        "mean_degree": round(2 * m / n, 4) if n else 0.0,
        "components": int(components),
        "largest_component": largest,
        "isolates": isolates,
        "established_actors": int(established.sum()),
        "new_actors": new_count,
        "new_tied_to_established": new_tied,
        "share_new_tied_to_established": round(new_tied / new_count, 4) if new_count else None,
        "new_without_established_tie": [nodes[i].id for i in np.flatnonzero(new & ~tied)],
        "sector_mixing": {"sectors": list(sectors), "ties": mixing.tolist()},
    }
