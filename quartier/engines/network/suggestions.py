"""Missing links: pairs of actors not yet tied whom an introduction could help, scored from
link prediction (resource allocation, plus its community-aware variant after Soundarajan and
Hopcroft), complementary offers and needs, and sector gaps, each with reasons in German.

Up to DENSE_MAX_NODES nodes every pair is considered (in row blocks, so that memory stays
bounded); above, only pairs with a common partner."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from .model import RESOURCE_LABELS_DE, SECTOR_LABELS_DE, Node, Pairs

DENSE_MAX_NODES = 20_000
CELLS_PER_BLOCK = 524_288  # rows × nodes scored at once (a few MB: stays in cache)


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
    a = sp.csr_matrix((np.ones(pairs.m), (pairs.u, pairs.v)), shape=(n, n))
    a = (a + a.T).tocsr()
    degree = np.diff(a.indptr)
    inverse = sp.diags(np.where(degree > 0, 1.0 / np.maximum(degree, 1), 0.0))
    same = membership[pairs.u] == membership[pairs.v]
    inside = sp.csr_matrix((np.ones(int(same.sum())), (pairs.u[same], pairs.v[same])), (n, n))
    inside = (inside + inside.T).tocsr()
    # resource allocation plus its variant inside communities, for pairs with a common partner
    structure = ((a @ inverse) @ a + (inside @ inverse) @ inside).tocsr()
    kinds = sorted({k for node in nodes for k in (*node.offers, *node.needs)})
    sector_position = {s: i for i, s in enumerate(sectors)}
    sector = np.array([sector_position.get(node.sector, len(sectors)) for node in nodes])
    mix = np.ones((len(sectors) + 1, len(sectors) + 1), dtype=bool)  # unknown sectors: no gap
    if sectors:
        mix[: len(sectors), : len(sectors)] = np.asarray(mixing, dtype=np.int64) > 0
    np.fill_diagonal(mix, True)  # the same sector is never a gap
    context = _Context(
        a=a,
        structure=structure,
        offers=_resource_matrix(nodes, "offers", kinds),
        needs=_resource_matrix(nodes, "needs", kinds),
        established=np.array([node.established for node in nodes], dtype=bool),
        sector=sector,
        sector_gap=~mix,
        blocked=np.array([node.opt_out for node in nodes], dtype=bool),
        exclude=np.array(sorted(exclude_pairs), dtype=np.int64).reshape(-1, 2),
        weights=options["weights"],
    )
    if n <= DENSE_MAX_NODES:
        rows, cols, score = _dense_best(context, per_node)
    else:
        rows, cols, score = _sparse_best(context, per_node)
    order = np.lexsort((cols, rows, -score))[: int(options["max_suggestions"])]
    return [
        _explain(
            nodes, a, membership, int(rows[k]), int(cols[k]), float(score[k]), sectors, mix, sector
        )
        for k in order.tolist()
    ]


@dataclass
class _Context:
    a: sp.csr_matrix  # 1 where tied
    structure: sp.csr_matrix  # RA + RA_c
    offers: np.ndarray  # nodes × kinds
    needs: np.ndarray
    established: np.ndarray
    sector: np.ndarray  # position in the sectors, unknown last
    sector_gap: np.ndarray  # sectors × sectors: differ and no tie between them yet
    blocked: np.ndarray  # opted out
    exclude: np.ndarray  # pairs (u < v) never to suggest
    weights: dict[str, float]

    def score(
        self, ra: np.ndarray, counts: np.ndarray, apart: np.ndarray, sector_gap: np.ndarray
    ) -> np.ndarray:
        """The score from RA, complementary kinds, established/new apart and a sector gap."""
        return (
            self.weights["structure"] * (1.0 - np.exp(-np.maximum(ra, 0.0)))
            + self.weights["complement"] * np.minimum(1.0, counts / 2.0)
            + self.weights["gap"] * (0.5 * apart + 0.5 * sector_gap)
        )

    def pair_score(self, ra: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        """The score of the pairs (rows[i], cols[i])."""
        counts = (self.offers[rows] * self.needs[cols]).sum(axis=1) + (
            self.needs[rows] * self.offers[cols]
        ).sum(axis=1)
        return self.score(
            ra,
            counts,
            self.established[rows] != self.established[cols],
            self.sector_gap[self.sector[rows], self.sector[cols]],
        )


def _dense_best(context: _Context, per_node: int) -> tuple[np.ndarray, ...]:
    """Every pair, in blocks of rows: each row's `per_node` best partners (equal scores: the
    lower number) by `per_node` rounds of argmax per row, never a sort of all pairs. The
    score without common partners depends only on the kinds of the two actors (offers, needs,
    established or new, sector), so a block is filled from a small table by kind; pairs with
    common partners are then scored one by one. Returns the chosen pairs (u < v, each once)
    with their scores."""
    n = context.a.shape[0]
    k = min(per_node, n - 1)
    step = max(1, CELLS_PER_BLOCK // n)
    profile = np.column_stack(
        [context.offers, context.needs, context.blocked, context.established, context.sector]
    ).astype(np.int64)
    kind_rows, kind = np.unique(profile, axis=0, return_inverse=True)
    kind = kind.ravel()
    example = np.unique(kind, return_index=True)[1]  # one actor of each kind
    kind_offers, kind_needs = context.offers[example], context.needs[example]
    kind_blocked = kind_rows[:, -3].astype(bool)
    kind_established = kind_rows[:, -2].astype(bool)
    kind_sector = kind_rows[:, -1]
    excluded = np.concatenate([context.exclude, context.exclude[:, ::-1]])
    everyone_in_block = np.arange(step)
    buffer = np.empty((step, n))  # reused: fresh memory for every block costs page faults
    rows: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    cols: list[np.ndarray] = [np.zeros(0, dtype=np.int64)]
    scores: list[np.ndarray] = [np.zeros(0)]
    for start in range(0, n, step):
        stop = min(n, start + step)
        present, which = np.unique(kind[start:stop], return_inverse=True)
        counts = kind_offers[present] @ kind_needs.T + kind_needs[present] @ kind_offers.T
        table = context.score(
            np.zeros(1),
            counts,
            kind_established[present][:, None] != kind_established[None, :],
            context.sector_gap[kind_sector[present][:, None], kind_sector[None, :]],
        )
        table[counts == 0] = -np.inf  # neither a common partner nor a complement
        table[kind_blocked[present]] = -np.inf
        table[:, kind_blocked] = -np.inf
        score = buffer[: stop - start]
        np.take(table[which.ravel()], kind, axis=1, out=score)
        common = context.structure[start:stop].tocoo()
        open_ = ~context.blocked[common.row + start] & ~context.blocked[common.col]
        r, c = common.row[open_], common.col[open_]
        score[r, c] = context.pair_score(common.data[open_], r + start, c)
        score[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        tied = context.a[start:stop].tocoo()
        score[tied.row, tied.col] = -np.inf
        inside = (excluded[:, 0] >= start) & (excluded[:, 0] < stop)
        score[excluded[inside, 0] - start, excluded[inside, 1]] = -np.inf
        for _round in range(k):  # argmax: the first best, so equal scores go to the lower number
            best = np.argmax(score, axis=1)
            value = score[everyone_in_block[: stop - start], best]
            real = np.flatnonzero(value > -np.inf)
            rows.append(real + start)
            cols.append(best[real])
            scores.append(value[real])
            score[everyone_in_block[: stop - start], best] = -np.inf
    chosen_rows, chosen_cols = np.concatenate(rows), np.concatenate(cols)
    low, high = np.minimum(chosen_rows, chosen_cols), np.maximum(chosen_rows, chosen_cols)
    _codes, first = np.unique(low * n + high, return_index=True)
    return low[first], high[first], np.concatenate(scores)[first]


def _sparse_best(context: _Context, per_node: int) -> tuple[np.ndarray, ...]:
    """Only pairs with a common partner (too many nodes for every pair): their complement
    counts pair by pair in chunks, then each node's `per_node` best by one sort."""
    n = context.a.shape[0]
    keep = sp.diags((~context.blocked).astype(np.float64))
    combined = (keep @ context.structure @ keep).tocsr()
    combined = combined - combined.multiply(context.a)
    combined.setdiag(0)
    combined.eliminate_zeros()
    upper = sp.triu(combined, k=1).tocoo()
    rows, cols, ra = upper.row.astype(np.int64), upper.col.astype(np.int64), upper.data
    if len(context.exclude) and len(rows):
        drop = np.isin(rows * n + cols, context.exclude[:, 0] * n + context.exclude[:, 1])
        rows, cols, ra = rows[~drop], cols[~drop], ra[~drop]
    score = np.concatenate(
        [
            context.pair_score(
                ra[first : first + 1_000_000],
                rows[first : first + 1_000_000],
                cols[first : first + 1_000_000],
            )
            for first in range(0, len(rows), 1_000_000)
        ]
        or [np.zeros(0)]
    )
    node = np.concatenate([rows, cols])
    other = np.concatenate([cols, rows])
    pair = np.concatenate([np.arange(len(rows)), np.arange(len(rows))])
    order = np.lexsort((other, -np.concatenate([score, score]), node))
    sorted_nodes = node[order]
    rank = np.arange(len(order)) - np.searchsorted(sorted_nodes, sorted_nodes, side="left")
    picked = np.unique(pair[order[rank < per_node]])
    return rows[picked], cols[picked], score[picked]


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
