"""Missing links: pairs of actors not yet tied whom an introduction could help, scored from
link prediction (resource allocation, plus its community-aware variant after Soundarajan and
Hopcroft), complementary offers and needs, and sector gaps, each with reasons in German.

Up to DENSE_MAX_NODES nodes every pair is considered (in row blocks, so that memory stays
bounded); above, only pairs with a common partner."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp

from .model import RESOURCE_LABELS_DE, SECTOR_LABELS_DE, Node, Pairs

DENSE_MAX_NODES = 20_000
ROWS_PER_BLOCK = 512


def _resource_matrix(nodes: list[Node], attribute: str, kinds: list[str]) -> np.ndarray:
    position = {k: i for i, k in enumerate(kinds)}
    matrix = np.zeros((len(nodes), len(kinds)), dtype=np.float32)
    for i, node in enumerate(nodes):
        for kind in getattr(node, attribute):
            matrix[i, position[kind]] = 1.0
    return matrix


def suggest(
    nodes: list[Node],
    pairs: Pairs,
    membership: np.ndarray,
    mixing: list[list[int]],
    sectors: list[str],
    options: dict[str, Any],
    exclude_pairs: set[tuple[int, int]],
) -> list[dict[str, Any]]:
    n = len(nodes)
    per_node = int(options["suggestions_per_node"])
    if n < 2 or per_node <= 0:
        return []
    weights = options["weights"]
    a = sp.csr_matrix((np.ones(pairs.m), (pairs.u, pairs.v)), shape=(n, n))
    a = (a + a.T).tocsr()
    degree = np.diff(a.indptr)
    inverse = sp.diags(np.where(degree > 0, 1.0 / np.maximum(degree, 1), 0.0))
    same = membership[pairs.u] == membership[pairs.v]
    inside = sp.csr_matrix((np.ones(int(same.sum())), (pairs.u[same], pairs.v[same])), (n, n))
    inside = (inside + inside.T).tocsr()
    left = (a @ inverse).tocsr()
    left_inside = (inside @ inverse).tocsr()
    kinds = sorted({k for node in nodes for k in (*node.offers, *node.needs)})
    offers = _resource_matrix(nodes, "offers", kinds)
    needs = _resource_matrix(nodes, "needs", kinds)
    established = np.array([node.established for node in nodes], dtype=bool)
    sector_position = {s: i for i, s in enumerate(sectors)}
    sector = np.array([sector_position.get(node.sector, -1) for node in nodes], dtype=np.int64)
    unknown = len(sectors)
    mix = np.ones((unknown + 1, unknown + 1), dtype=bool)  # unknown sectors: no gap
    if sectors:
        mix[:unknown, :unknown] = np.asarray(mixing, dtype=np.int64) > 0
    sector_index = np.where(sector >= 0, sector, unknown)
    blocked = np.array([node.opt_out for node in nodes], dtype=bool)

    # one sparse matrix over the candidate pairs: resource allocation (plus its variant
    # inside communities) in the fraction, complementary kinds in multiples of `scale`
    structure = (left @ a + left_inside @ inside).tocsr()
    scale = 4.0 * n
    if n <= DENSE_MAX_NODES and kinds:
        offered, needed = sp.csr_matrix(offers), sp.csr_matrix(needs)
        complement = offered @ needed.T
        combined = structure + scale * (complement + complement.T)
    else:
        combined = structure
    keep = sp.diags((~blocked).astype(np.float64))
    combined = (keep @ combined @ keep).tocsr()
    combined = combined - combined.multiply(a)
    combined.setdiag(0)
    combined.eliminate_zeros()
    upper = sp.triu(combined, k=1).tocoo()
    rows, cols, values = upper.row.astype(np.int64), upper.col.astype(np.int64), upper.data
    counts = np.floor(values / scale + 1e-9)
    ra = values - counts * scale
    if n > DENSE_MAX_NODES and kinds:
        counts = np.zeros(len(rows))
        for first in range(0, len(rows), 1_000_000):
            r, c = rows[first : first + 1_000_000], cols[first : first + 1_000_000]
            counts[first : first + len(r)] = (offers[r] * needs[c]).sum(axis=1) + (
                needs[r] * offers[c]
            ).sum(axis=1)
    if exclude_pairs and len(rows):
        excluded = np.array(sorted(exclude_pairs), dtype=np.int64)
        codes = rows * n + cols
        drop = np.isin(codes, excluded[:, 0] * n + excluded[:, 1])
        rows, cols, ra, counts = rows[~drop], cols[~drop], ra[~drop], counts[~drop]
    gap = 0.5 * (established[rows] != established[cols]) + 0.5 * (
        ~mix[sector_index[rows], sector_index[cols]] & (sector[rows] != sector[cols])
    )
    score = (
        weights["structure"] * (1.0 - np.exp(-np.maximum(ra, 0.0)))
        + weights["complement"] * np.minimum(1.0, counts / 2.0)
        + weights["gap"] * gap
    )
    # each actor's best `per_node` pairs (equal scores: the partner with the lower number)
    node = np.concatenate([rows, cols])
    other = np.concatenate([cols, rows])
    both = np.concatenate([score, score])
    pair = np.concatenate([np.arange(len(rows)), np.arange(len(rows))])
    order = np.lexsort((other, -both, node))
    sorted_nodes = node[order]
    group_start = np.searchsorted(sorted_nodes, sorted_nodes, side="left")
    rank = np.arange(len(order)) - group_start
    picked = np.unique(pair[order[rank < per_node]])
    ordered = sorted(
        zip(score[picked].tolist(), rows[picked].tolist(), cols[picked].tolist(), strict=True),
        key=lambda t: (-t[0], t[1], t[2]),
    )[: int(options["max_suggestions"])]
    return [
        _explain(nodes, a, membership, u, v, value, sectors, mix, sector_index)
        for value, u, v in ordered
    ]


def _top_per_node(scores: dict[tuple[int, int], float], k: int) -> dict[tuple[int, int], float]:
    by_node: dict[int, list[tuple[float, tuple[int, int]]]] = {}
    for pair, score in scores.items():
        for node in pair:
            by_node.setdefault(node, []).append((-score, pair))
    kept: dict[tuple[int, int], float] = {}
    for entries in by_node.values():
        for _negative, pair in sorted(entries)[:k]:
            kept[pair] = scores[pair]
    return kept


def _names(nodes: list[Node], indices: list[int]) -> str:
    names = [nodes[i].name for i in indices[:3]]
    if len(indices) > 3:
        names.append(f"{len(indices) - 3} weitere")
    return ", ".join(names)


def _explain(
    nodes: list[Node],
    a: sp.csr_matrix,
    membership: np.ndarray,
    u: int,
    v: int,
    score: float,
    sectors: list[str],
    mix: np.ndarray,
    sector_index: np.ndarray,
) -> dict[str, Any]:
    first, second = nodes[u], nodes[v]
    reasons: list[str] = []
    complements = []
    for giver, taker in ((first, second), (second, first)):
        for kind in sorted(set(giver.offers) & set(taker.needs)):
            label = RESOURCE_LABELS_DE.get(kind, kind)
            reasons.append(f"{giver.name} bietet {label}, {taker.name} sucht {label}")
            complements.append({"offers": giver.id, "needs": taker.id, "kind": kind})
    common = sorted(
        set(a.indices[a.indptr[u] : a.indptr[u + 1]].tolist())
        & set(a.indices[a.indptr[v] : a.indptr[v + 1]].tolist()),
        key=lambda i: nodes[i].name,
    )
    if common:
        reasons.append(f"gemeinsame Partner: {_names(nodes, common)}")
    if first.sector and second.sector and first.sector != second.sector:
        a_label = SECTOR_LABELS_DE.get(first.sector, first.sector)
        b_label = SECTOR_LABELS_DE.get(second.sector, second.sector)
        if not mix[sector_index[u], sector_index[v]]:
            reasons.append(f"verbindet {a_label} mit {b_label} (bisher keine Verbindung)")
        else:
            reasons.append(f"verbindet {a_label} mit {b_label}")
    if first.established != second.established:
        reasons.append("bringt einen etablierten und einen neuen Akteur zusammen")
    if membership[u] != membership[v]:
        reasons.append("verbindet zwei Gruppen des Netzwerks")
    return {
        "source": first.id,
        "target": second.id,
        "score": round(score, 4),
        "reasons": reasons,
        "common_partners": [nodes[i].id for i in common],
        "complements": complements,
    }
