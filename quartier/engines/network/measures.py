"""Per-node measures, defined as networkx defines them, computed with igraph and, for Burt's
constraint and effective size, vectorised over the ties and triangles with numpy."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from dataclasses import dataclass

import igraph as ig
import numpy as np
import scipy.sparse as sp

from .model import Pairs

TWO_PATHS_PER_CHUNK = 20_000_000
CONFIDENCE = 0.95


def to_igraph(pairs: Pairs) -> ig.Graph:
    edges = np.column_stack([pairs.u, pairs.v]) if pairs.m else np.empty((0, 2), dtype=np.int64)
    g = ig.Graph(n=pairs.n, edges=edges.tolist(), directed=False)
    g.es["weight"] = pairs.weight.tolist()
    return g


def weight_matrix(pairs: Pairs) -> sp.csr_matrix:
    rows = np.concatenate([pairs.u, pairs.v])
    cols = np.concatenate([pairs.v, pairs.u])
    data = np.concatenate([pairs.weight, pairs.weight])
    return sp.csr_matrix((data, (rows, cols)), shape=(pairs.n, pairs.n))


def structural_holes(w: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Burt's constraint and effective size, weighted, as networkx's `constraint` and
    `effective_size` with `weight=`: with p_uv = w_uv / Σ_x w_ux and m_uv = w_uv / max_x w_ux,
    constraint(u) = Σ_v∈N(u) (p_uv + Σ_w p_uw p_wv)² and
    effective_size(u) = Σ_v∈N(u) (1 − Σ_w p_uw m_vw). Isolated nodes get NaN.

    Both inner sums run only over triangles u–v–w (w is a partner of u and of v, and u–v is a
    tie), so they are accumulated per triangle over the arrays of the ties, never node by node.
    The triangles are found as paths a→b→c along ties oriented from lower to higher degree,
    closed by a tie a–c: each triangle once, and no path ever runs through a hub from one of
    its many partners to another (the number of such paths is bounded by m^1.5), in chunks of
    TWO_PATHS_PER_CHUNK paths."""
    n = w.shape[0]
    w = w.tocsr()
    w.sort_indices()
    degree = np.diff(w.indptr)
    source = np.repeat(np.arange(n, dtype=np.int64), degree)
    target = w.indices.astype(np.int64)
    data = np.asarray(w.data, dtype=np.float64)
    strength = np.bincount(source, weights=data, minlength=n)
    largest = np.zeros(n)
    present = degree > 0
    if len(data):
        largest[present] = np.maximum.reduceat(data, w.indptr[:-1][present])
    p = data / np.where(strength > 0, strength, 1.0)[source]
    m = data / np.where(largest > 0, largest, 1.0)[source]
    codes = source * n + target  # ascending: the arcs of a sorted CSR matrix
    # the position of each arc's reverse: the transpose of the arc numbers (no search)
    numbers = sp.csr_matrix((np.arange(len(data), dtype=np.float64), w.indices, w.indptr), (n, n))
    reverse = numbers.T.tocsr()
    reverse.sort_indices()
    reverse = reverse.data.astype(np.int64)
    indirect = np.zeros(len(data))
    redundancy = np.zeros(n)
    for a, b, c, ab, bc, ac in _triangles(n, degree, source, target, codes):
        arcs = {"ab": ab, "ba": reverse[ab], "ac": ac, "ca": reverse[ac], "bc": bc}
        arcs["cb"] = reverse[bc]
        ends = {"a": a, "b": b, "c": c}
        orders = list(itertools.permutations("abc"))  # (u, v, x): x the third of the triangle
        uv = np.concatenate([arcs[u + v] for u, v, _x in orders])
        ux = np.concatenate([arcs[u + x] for u, _v, x in orders])
        xv = np.concatenate([arcs[x + v] for _u, v, x in orders])
        vx = np.concatenate([arcs[v + x] for _u, v, x in orders])
        first = np.concatenate([ends[u] for u, _v, _x in orders])
        indirect += np.bincount(uv, weights=p[ux] * p[xv], minlength=len(data))
        redundancy += np.bincount(first, weights=p[ux] * m[vx], minlength=n)
    local = p + indirect
    constraint = np.bincount(source, weights=local * local, minlength=n).astype(np.float64)
    effective = (degree - redundancy).astype(np.float64)
    constraint[~present] = np.nan
    effective[~present] = np.nan
    return constraint, effective


def _triangles(
    n: int, degree: np.ndarray, source: np.ndarray, target: np.ndarray, codes: np.ndarray
) -> Iterator[tuple[np.ndarray, ...]]:
    """Every triangle once as nodes (a, b, c) and the positions of the arcs a→b, b→c, a→c."""
    rank = np.empty(n, dtype=np.int64)
    rank[np.lexsort((np.arange(n), degree))] = np.arange(n)
    up = np.flatnonzero(rank[source] < rank[target])  # arcs towards the higher degree
    up_source, up_target = source[up], target[up]
    up_start = np.concatenate([[0], np.cumsum(np.bincount(up_source, minlength=n))])
    onward = (up_start[1:] - up_start[:-1])[up_target]  # paths a→b→c per arc a→b
    cumulative = np.cumsum(onward)
    first = 0
    while first < len(up):
        limit = (cumulative[first - 1] if first else 0) + TWO_PATHS_PER_CHUNK
        last = max(first + 1, int(np.searchsorted(cumulative, limit, side="right")))
        count = onward[first:last]
        total = int(count.sum())
        if total:
            step = np.repeat(np.arange(first, last), count)
            offset = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
            second = up_start[up_target[step]] + offset  # position of b→c among the up arcs
            a, b, c = up_source[step], up_target[step], up_target[second]
            where = np.minimum(np.searchsorted(codes, a * n + c), len(codes) - 1)
            closed = codes[where] == a * n + c
            yield (
                a[closed],
                b[closed],
                c[closed],
                up[step[closed]],
                up[second[closed]],
                where[closed],
            )
        first = last


@dataclass
class Sampling:
    exact: bool
    sources: int
    bound: float
    standard_error: float

    def as_dict(self) -> dict[str, object]:
        return {
            "exact": self.exact,
            "sources": self.sources,
            "confidence": CONFIDENCE,
            "error_bound": round(self.bound, 6),
            "max_standard_error": round(self.standard_error, 6),
        }


def betweenness(
    g: ig.Graph, *, exact_max_nodes: int, samples: int, rng: np.random.Generator
) -> tuple[np.ndarray, Sampling]:
    """Normalised unweighted betweenness as networkx's `betweenness_centrality`: exact up to
    `exact_max_nodes` nodes; above, estimated from `samples` random sources (Brandes and Pich).
    The error bound holds for every node at once with 95 % confidence (Hoeffding with a union
    bound); the standard error comes from the spread between batches of sources."""
    n = g.vcount()
    if n <= 2:
        return np.zeros(n), Sampling(True, n, 0.0, 0.0)
    scale = 2.0 / ((n - 1) * (n - 2))
    if n <= exact_max_nodes or samples >= n:
        return np.asarray(g.betweenness(directed=False)) * scale, Sampling(True, n, 0.0, 0.0)
    sources = rng.choice(n, size=samples, replace=False)
    batches = np.array_split(np.sort(sources), min(8, samples))
    estimates = []
    for batch in batches:
        raw = np.asarray(g.betweenness(directed=False, sources=batch.tolist()))
        estimates.append(raw * scale * n / len(batch))
    sizes = np.array([len(b) for b in batches], dtype=float)
    stacked = np.vstack(estimates)
    mean = (stacked * sizes[:, None]).sum(axis=0) / sizes.sum()
    spread = stacked.std(axis=0, ddof=1) / math.sqrt(len(batches)) if len(batches) > 1 else mean
    bound = (n / (n - 1)) * math.sqrt(math.log(2 * n / (1 - CONFIDENCE)) / (2 * samples))
    return mean, Sampling(False, samples, bound, float(spread.max()))


def harmonic_closeness(
    g: ig.Graph, *, exact_max_nodes: int, samples: int, rng: np.random.Generator
) -> np.ndarray:
    """Harmonic closeness as networkx's `harmonic_centrality` (unweighted, not normalised:
    Σ_u≠v 1/d(u, v)); above `exact_max_nodes` estimated from random sources."""
    n = g.vcount()
    if n <= exact_max_nodes or samples >= n:
        return np.asarray(g.harmonic_centrality(normalized=False), dtype=float)
    sources = np.sort(rng.choice(n, size=samples, replace=False))
    total = np.zeros(n)
    for chunk in np.array_split(sources, max(1, samples // 16)):
        d = np.asarray(g.distances(source=chunk.tolist()), dtype=float)
        with np.errstate(divide="ignore"):
            inverse = np.where((d > 0) & np.isfinite(d), 1.0 / d, 0.0)
        total += inverse.sum(axis=0)
    return total * n / samples


def pagerank(g: ig.Graph) -> np.ndarray:
    """PageRank with damping 0.85 on the weighted undirected graph, as networkx's."""
    if g.vcount() == 0:
        return np.zeros(0)
    weights = "weight" if g.ecount() else None
    # ARPACK, not PRPACK: igraph runs PRPACK in OpenMP threads whose start-up and busy
    # waiting cost seconds on a shared machine, more than the whole computation
    return np.asarray(
        g.pagerank(directed=False, damping=0.85, weights=weights, implementation="arpack")
    )
