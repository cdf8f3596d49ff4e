"""Per-node measures, defined as networkx defines them, computed with igraph and with
vectorised sparse algebra (numpy/scipy) for Burt's constraint and effective size."""

from __future__ import annotations

import itertools
import math
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


def _row_chunks(adjacency: sp.csr_matrix) -> list[tuple[int, int]]:
    """Row ranges whose products P[rows] @ P stay below a fixed number of two-paths, so that
    memory stays bounded on very large graphs."""
    n = adjacency.shape[0]
    if n == 0:
        return []
    degree = np.diff(adjacency.indptr).astype(np.int64)
    cumulative = np.cumsum(adjacency @ degree)
    marks = np.arange(TWO_PATHS_PER_CHUNK, int(cumulative[-1]) + 1, TWO_PATHS_PER_CHUNK)
    cuts = np.searchsorted(cumulative, marks) + 1
    bounds = [0, *sorted({int(c) for c in cuts if 0 < c < n}), n]
    return [(a, b) for a, b in itertools.pairwise(bounds) if b > a]


def structural_holes(w: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Burt's constraint and effective size, weighted, as networkx's `constraint` and
    `effective_size` with `weight=`: with p_uv = w_uv / Σ_x w_ux and m_uv = w_uv / max_x w_ux,
    constraint(u) = Σ_v∈N(u) (p_uv + Σ_w p_uw p_wv)² and
    effective_size(u) = Σ_v∈N(u) (1 − Σ_w p_uw m_vw). Isolated nodes get NaN."""
    n = w.shape[0]
    strength = np.asarray(w.sum(axis=1)).ravel()
    largest = w.max(axis=1).toarray().ravel() if n else np.zeros(0)
    degree = np.diff(w.indptr)
    with np.errstate(divide="ignore"):
        p = sp.diags(np.where(strength > 0, 1.0 / strength, 0.0)) @ w
        m = sp.diags(np.where(largest > 0, 1.0 / largest, 0.0)) @ w
    p = p.tocsr()
    m_t = m.T.tocsr()
    a = w.copy()
    a.data[:] = 1.0
    constraint = np.zeros(n)
    redundancy = np.zeros(n)
    for start, stop in _row_chunks(a):
        p_rows, a_rows = p[start:stop], a[start:stop]
        indirect = (p_rows @ p).multiply(a_rows)
        local = (p_rows + indirect).tocsr()
        constraint[start:stop] = np.asarray(local.multiply(local).sum(axis=1)).ravel()
        redundancy[start:stop] = np.asarray((p_rows @ m_t).multiply(a_rows).sum(axis=1)).ravel()
    effective = degree - redundancy
    isolated = degree == 0
    constraint[isolated] = np.nan
    effective[isolated] = np.nan
    return constraint, effective


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
    return np.asarray(g.pagerank(directed=False, damping=0.85, weights=weights))
