"""The sparse path for large instances: candidates from a spatial grid, the optimal assignment
on the sparse bipartite graph.

The dense path (`feasibility.evaluate`, `assignment.optimal_assignment`) looks at every
request × place pair; that needs memory and time in the product of both counts. Here
  1. the places are indexed in a grid of cells (CELL_DEG degrees of latitude, the longitude
     width scaled by the places' mean latitude so that cells are about square); for each
     request only the places in cells that may lie within `radius_km` are candidates (the
     bounding box of the spherical cap, so no feasible pair is missed);
  2. the candidates are checked with exactly the rules of `feasibility` (the same comparisons,
     the same haversine only where every other rule holds) and scored with the same
     `scoring.pair_tenths` as the dense path, so every feasible pair has the same score;
  3. the optimal assignment is solved per connected component of the graph of feasible pairs
     with `scipy.sparse.csgraph.min_weight_full_bipartite_matching`. The pair values are those
     of the dense path (`value = displaced × D + score_tenths × A + 1`, with
     k = min(requests, places) of the component); each request also gets its own dummy
     "unassigned" column of value 0, so a matching of all requests always exists, and the
     solver minimises `M − value` with M above every value. The optimum is the same
     lexicographic optimum as the dense path: displaced placed, then total score, then number
     placed.
Everything runs in id order, so the same input gives the same output whatever its order.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import coo_matrix, csr_matrix
from scipy.sparse.csgraph import connected_components, min_weight_full_bipartite_matching

from .assignment import MAX_SCORE_TENTHS
from .feasibility import EARTH_RADIUS_KM, FloatMatrix, IntMatrix, haversine_km_array
from .model import Place, Request, Weights
from .scoring import PlaceArrays, RequestArrays, pair_tenths

SPARSE_THRESHOLD = 4_000_000
"""Above this many request × place pairs `match` takes the sparse path."""

CELL_DEG = 0.05
"""Grid cell height in degrees of latitude (about 5.6 km)."""

_BLOCK_PAIRS = 1 << 21  # candidates checked at once: bounds the working memory
_EXACT_LIMIT = 2**53
_OPEN_END = np.iinfo(np.int32).max
_MARGIN = 1e-9

Index = npt.NDArray[np.int64]


@dataclass(frozen=True)
class SparseEvaluation:
    """The feasible pairs only, sorted by request index, then place index (both id order):
    pair k is request `rows[k]` and place `columns[k]`, with its distance and score."""

    n_requests: int
    n_places: int
    rows: Index
    columns: Index
    distance_km: FloatMatrix
    tenths: IntMatrix
    candidates: int
    seconds: Mapping[str, float] = field(default_factory=dict)
    """Seconds spent to `prepare` the arrays of places and requests, on `candidates` (grid and
    cell ranges), `rules` (feasibility), `scoring` and to `collect` the pairs in order."""

    def find(self, i: int, j: int) -> int:
        """The position of the feasible pair (i, j)."""
        start = int(np.searchsorted(self.rows, i, side="left"))
        end = int(np.searchsorted(self.rows, i, side="right"))
        return start + int(np.searchsorted(self.columns[start:end], j))

    def row_range(self, i: int) -> tuple[int, int]:
        return (
            int(np.searchsorted(self.rows, i, side="left")),
            int(np.searchsorted(self.rows, i, side="right")),
        )


def _masks(
    sets: Sequence[frozenset[str]], index: dict[str, int], words: int
) -> npt.NDArray[np.uint64]:
    """One row of 64-bit words per set: bit b of word w is the word number 64 w + b."""
    bits = [sum(1 << index[value] for value in values) for values in sets]
    masks = np.zeros((len(sets), words), dtype=np.uint64)
    for word in range(words):
        masks[:, word] = np.fromiter(
            ((b >> (64 * word)) & 0xFFFFFFFFFFFFFFFF for b in bits),
            dtype=np.uint64,
            count=len(bits),
        )
    return masks


def _popcount(masks: npt.NDArray[np.uint64]) -> npt.NDArray[np.int32]:
    counts: npt.NDArray[np.int32] = np.bitwise_count(masks).sum(axis=1, dtype=np.int32)
    return counts


@dataclass(frozen=True)
class _Grid:
    lon_width: float
    n_lat: int
    n_lon: int
    order: Index  # place indices sorted by cell
    keys: Index  # their cell keys, ascending

    @classmethod
    def of(cls, lat: FloatMatrix, lon: FloatMatrix) -> _Grid:
        mean_lat = float(np.abs(lat).mean()) if lat.size else 0.0
        scale = max(math.cos(math.radians(min(mean_lat, 80.0))), 0.1)
        n_lon = max(1, math.ceil(360.0 / (CELL_DEG / scale)))
        n_lat = math.ceil(180.0 / CELL_DEG) + 1
        grid = cls(360.0 / n_lon, n_lat, n_lon, np.zeros(0, np.int64), np.zeros(0, np.int64))
        keys = grid.lat_row(lat) * n_lon + grid.lon_column(lon)
        order = np.argsort(keys, kind="stable").astype(np.int64)
        return cls(grid.lon_width, n_lat, n_lon, order, keys[order])

    def lat_row(self, lat: FloatMatrix) -> Index:
        rows: Index = np.clip(np.floor((lat + 90.0) / CELL_DEG), 0, self.n_lat - 1).astype(np.int64)
        return rows

    def lon_column(self, lon: FloatMatrix) -> Index:
        columns: Index = np.clip(
            np.floor((lon + 180.0) / self.lon_width), 0, self.n_lon - 1
        ).astype(np.int64)
        return columns

    def segments(
        self, lat: FloatMatrix, lon: FloatMatrix, radius_km: FloatMatrix
    ) -> tuple[Index, Index, Index]:
        """For every request the ranges of `order` holding the places in the cells of the
        bounding box of its circle: (request index, start, end) per range."""
        n = lat.size
        angle = np.minimum(radius_km / EARTH_RADIUS_KM, math.pi) * (1 + _MARGIN) + _MARGIN
        d_lat = np.degrees(angle) + _MARGIN
        low_lat, high_lat = lat - d_lat, lat + d_lat
        row_low = np.floor((np.maximum(low_lat, -90.0) + 90.0) / CELL_DEG)
        row_high = np.floor((np.minimum(high_lat, 90.0) + 90.0) / CELL_DEG)
        row_low = np.clip(row_low, 0, self.n_lat - 1).astype(np.int64)
        row_high = np.clip(row_high, 0, self.n_lat - 1).astype(np.int64)

        cos_lat = np.cos(np.radians(lat))
        sin_angle = np.sin(np.minimum(angle, math.pi / 2))
        all_lon = (
            (high_lat >= 90.0)
            | (low_lat <= -90.0)
            | (angle >= math.pi / 2)
            | (sin_angle >= cos_lat * (1 - 1e-12))
        )
        ratio = np.where(all_lon, 0.0, sin_angle / np.where(all_lon, 1.0, cos_lat))
        d_lon = np.degrees(np.arcsin(np.clip(ratio, 0.0, 1.0))) * (1 + _MARGIN) + _MARGIN
        column_low = np.floor((lon - d_lon + 180.0) / self.lon_width).astype(np.int64)
        column_high = np.floor((lon + d_lon + 180.0) / self.lon_width).astype(np.int64)
        all_lon |= column_high - column_low + 1 >= self.n_lon
        # up to two column intervals per request (two when the box crosses ±180°)
        a_low = np.where(all_lon, 0, np.maximum(column_low, 0))
        a_high = np.where(all_lon, self.n_lon - 1, np.minimum(column_high, self.n_lon - 1))
        wrap_low, wrap_high = column_low < 0, column_high >= self.n_lon
        b_low = np.where(wrap_low, column_low + self.n_lon, 0)
        b_high = np.where(wrap_low, self.n_lon - 1, column_high - self.n_lon)
        has_b = ~all_lon & (wrap_low | wrap_high)

        counts = row_high - row_low + 1
        request = np.repeat(np.arange(n, dtype=np.int64), counts)
        offsets = np.arange(request.size, dtype=np.int64) - np.repeat(
            np.cumsum(counts) - counts, counts
        )
        row = row_low[request] + offsets
        requests_out = [request]
        low_keys = [row * self.n_lon + a_low[request]]
        high_keys = [row * self.n_lon + a_high[request]]
        second = has_b[request]
        requests_out.append(request[second])
        low_keys.append(row[second] * self.n_lon + b_low[request[second]])
        high_keys.append(row[second] * self.n_lon + b_high[request[second]])
        segment_request = np.concatenate(requests_out)
        starts = np.searchsorted(self.keys, np.concatenate(low_keys), side="left")
        ends = np.searchsorted(self.keys, np.concatenate(high_keys), side="right")
        keep = ends > starts
        return (
            segment_request[keep],
            starts[keep].astype(np.int64),
            ends[keep].astype(np.int64),
        )


def evaluate_sparse(
    places: Sequence[Place], requests: Sequence[Request], weights: Weights
) -> SparseEvaluation:
    """Every feasible pair with its distance and score, without the full matrix."""
    begun = time.perf_counter()
    vocabulary = sorted(
        {u for p in places for u in p.uses}
        | {u for r in requests for u in r.uses}
        | {f for p in places for f in p.features}
        | {f for r in requests for f in r.must_have | r.nice_to_have}
    )
    index = {value: i for i, value in enumerate(vocabulary)}
    words = max(1, math.ceil(len(vocabulary) / 64))
    request_uses = _masks([r.uses for r in requests], index, words)
    must_have = _masks([r.must_have for r in requests], index, words)
    nice_to_have = _masks([r.nice_to_have for r in requests], index, words)
    place_uses = _masks([p.uses for p in places], index, words)
    place_features = _masks([p.features for p in places], index, words)

    def floats(values: Sequence[float]) -> FloatMatrix:
        return np.asarray(values, dtype=np.float64)

    request_arrays = RequestArrays.of(requests)
    place_arrays = PlaceArrays.of(places)
    request_lat, request_lon = floats([r.lat for r in requests]), floats([r.lon for r in requests])
    place_lat, place_lon = floats([p.lat for p in places]), floats([p.lon for p in places])
    start = np.asarray([r.start.toordinal() for r in requests], dtype=np.int32)
    end = np.asarray([r.end.toordinal() for r in requests], dtype=np.int32)
    free_from = np.asarray([p.available_from.toordinal() for p in places], dtype=np.int32)
    free_until = np.asarray(
        [_OPEN_END if p.available_until is None else p.available_until.toordinal() for p in places],
        dtype=np.int32,
    )

    seconds = {"prepare": 0.0, "candidates": 0.0, "rules": 0.0, "scoring": 0.0, "collect": 0.0}
    seconds["prepare"] = time.perf_counter() - begun
    clock = time.perf_counter()
    grid = _Grid.of(place_lat, place_lon)
    segment_request, starts, ends = grid.segments(request_lat, request_lon, request_arrays.radius)
    lengths = ends - starts
    total_candidates = int(lengths.sum())
    # blocks of whole segments with at most _BLOCK_PAIRS candidates (or one segment)
    cumulative = np.cumsum(lengths)
    bounds = [0]
    while bounds[-1] < lengths.size:
        base = int(cumulative[bounds[-1] - 1]) if bounds[-1] else 0
        nxt = int(np.searchsorted(cumulative, base + _BLOCK_PAIRS, side="right"))
        bounds.append(max(nxt, bounds[-1] + 1))

    out_rows, out_columns, out_distance, out_tenths = [], [], [], []
    for first, last in itertools.pairwise(bounds):
        seg_lengths = lengths[first:last]
        rows = np.repeat(segment_request[first:last], seg_lengths)
        positions = np.arange(rows.size, dtype=np.int64) + np.repeat(
            starts[first:last] - (np.cumsum(seg_lengths) - seg_lengths), seg_lengths
        )
        columns = grid.order[positions]
        now = time.perf_counter()
        seconds["candidates"] += now - clock
        clock = now
        # the rules of feasibility.evaluate, in the same arithmetic
        area = place_arrays.area[columns]
        ok = (request_arrays.area_min[rows] <= area) & (area <= request_arrays.area_max[rows])
        ok &= place_arrays.rent[columns] <= request_arrays.budget[rows]
        ok &= (request_uses[rows] & place_uses[columns]).any(axis=1)
        ok &= ~(must_have[rows] & ~place_features[columns]).any(axis=1)
        days_free = start[rows] - free_from[columns]
        ok &= (days_free >= 0) & (free_until[columns] >= end[rows])
        rows, columns, days_free = rows[ok], columns[ok], days_free[ok]
        near = haversine_km_array(
            request_lat[rows], request_lon[rows], place_lat[columns], place_lon[columns]
        )
        ok = near <= request_arrays.radius[rows]
        rows, columns, days_free, near = rows[ok], columns[ok], days_free[ok], near[ok]
        now = time.perf_counter()
        seconds["rules"] += now - clock
        clock = now
        tenths = pair_tenths(
            request_arrays,
            place_arrays,
            rows,
            columns,
            uses_shared=_popcount(request_uses[rows] & place_uses[columns]),
            distance_km=near,
            nice_met=_popcount(nice_to_have[rows] & place_features[columns]),
            days_free_before_start=days_free,
            weights=weights,
        )
        out_rows.append(rows)
        out_columns.append(columns)
        out_distance.append(near)
        out_tenths.append(tenths)
        now = time.perf_counter()
        seconds["scoring"] += now - clock
        clock = now

    def joined(parts: Sequence[npt.NDArray[Any]], dtype: type) -> npt.NDArray[Any]:
        return np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)

    all_rows = joined(out_rows, np.int64).astype(np.int64)
    all_columns = joined(out_columns, np.int64).astype(np.int64)
    order = np.lexsort((all_columns, all_rows))
    distance_km = joined(out_distance, np.float64).astype(np.float64)[order]
    tenths_sorted = joined(out_tenths, np.int64).astype(np.int64)[order]
    seconds["collect"] = time.perf_counter() - clock
    return SparseEvaluation(
        n_requests=len(requests),
        n_places=len(places),
        rows=all_rows[order],
        columns=all_columns[order],
        distance_km=distance_km,
        tenths=tenths_sorted,
        candidates=total_candidates,
        seconds=seconds,
    )


def sparse_optimal_assignment(
    evaluation: SparseEvaluation, displaced: npt.NDArray[np.bool_]
) -> list[tuple[int, int]]:
    """(request index, place index) of the optimal assignment, by request index: the same
    optimum as `assignment.optimal_assignment` on the full matrix."""
    n_requests, n_places = evaluation.n_requests, evaluation.n_places
    rows, columns, tenths = evaluation.rows, evaluation.columns, evaluation.tenths
    if rows.size == 0:
        return []
    graph = coo_matrix(
        (np.ones(rows.size, dtype=np.int8), (rows, columns + n_requests)),
        shape=(n_requests + n_places, n_requests + n_places),
    )
    _count, labels = connected_components(graph, directed=False)
    edge_label = labels[rows]
    edge_order = np.argsort(edge_label, kind="stable")  # keeps (row, column) order within
    edge_bounds = np.flatnonzero(np.diff(edge_label[edge_order])) + 1
    chosen: list[tuple[int, int]] = []
    for edges in np.split(edge_order, edge_bounds):
        chosen += _component_assignment(rows[edges], columns[edges], tenths[edges], displaced)
    return sorted(chosen)


def _component_assignment(
    rows: Index, columns: Index, tenths: IntMatrix, displaced: npt.NDArray[np.bool_]
) -> list[tuple[int, int]]:
    request_ids, local_rows = np.unique(rows, return_inverse=True)
    place_ids, local_columns = np.unique(columns, return_inverse=True)
    n_rows, n_columns = request_ids.size, place_ids.size
    k = min(n_rows, n_columns)
    assigned_scale = k + 1
    displaced_bonus = k * (MAX_SCORE_TENTHS * assigned_scale + 1) + 1
    ceiling = displaced_bonus + MAX_SCORE_TENTHS * assigned_scale + 2  # above every value
    if n_rows * ceiling >= _EXACT_LIMIT:
        raise ValueError(
            f"Zusammenhängender Teil zu groß für die exakte Zuordnung ({n_rows} × "
            f"{n_columns}) / connected part too large for the exact sparse assignment."
        )
    values = displaced[rows].astype(np.int64) * displaced_bonus + (
        tenths.astype(np.int64) * assigned_scale + 1
    )
    # real pairs cost ceiling − value ≥ 1; each request's own dummy column costs ceiling
    dummy = np.arange(n_rows, dtype=np.int64)
    costs = csr_matrix(
        (
            np.concatenate([ceiling - values, np.full(n_rows, ceiling, dtype=np.int64)]).astype(
                np.float64
            ),
            (
                np.concatenate([local_rows, dummy]),
                np.concatenate([local_columns, n_columns + dummy]),
            ),
        ),
        shape=(n_rows, n_columns + n_rows),
    )
    matched_rows, matched_columns = min_weight_full_bipartite_matching(costs)
    real = matched_columns < n_columns
    return [
        (int(request_ids[r]), int(place_ids[c]))
        for r, c in zip(matched_rows[real], matched_columns[real], strict=True)
    ]
