"""The matching engine on synthetic cities: N places × N requests around Leipzig.

For each size: reading the JSON input, feasibility and scoring of all N² pairs (numpy), the
optimal assignment (scipy's linear_sum_assignment), the explanations of the assigned pairs, and
the quality of the optimum against a greedy first-come baseline (each request in id order takes
its best free place).

Prints one JSON line per figure: {"name", "value", "unit", "places", "requests", ...}.
Then the sparse path (spatial grid + sparse assignment): on the city of BENCH_MATCHING_CITY
(default 2000) the same optimum as the dense solver, and on a nation of BENCH_MATCHING_NATION
(default 100000) places × requests in 400 towns over Germany the time for candidate
generation, feasibility, scoring and assignment, the peak memory (tracemalloc of the engine's
arrays; ru_maxrss of the whole process) and the optimum against the greedy baseline.

Run with `make bench` (or `python benchmarks/matching.py`); BENCH_MATCHING_SIZES=100,500
chooses the dense sizes, 0 for BENCH_MATCHING_CITY or BENCH_MATCHING_NATION skips a part.
"""

import bisect
import itertools
import json
import os
import random
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from quartier.engines.matching import (
    evaluate,
    match,
    optimal_assignment,
    parse_input,
    score_tenths,
)
from quartier.engines.matching.sparse import (
    SparseEvaluation,
    evaluate_sparse,
    sparse_optimal_assignment,
)

SIZES = [int(n) for n in os.environ.get("BENCH_MATCHING_SIZES", "100,500,1000").split(",")]
CITY_SPARSE = int(os.environ.get("BENCH_MATCHING_CITY", "2000"))
NATION = int(os.environ.get("BENCH_MATCHING_NATION", "100000"))
SEED = 20250401
CENTRE = (51.3397, 12.3731)  # Leipzig
USES = [
    "studio",
    "workshop",
    "gallery",
    "event",
    "coworking",
    "office",
    "popup_retail",
    "gastronomy",
    "social",
    "education",
    "storage",
    "rehearsal",
    "urban_production",
    "community_housing",
]
FEATURES = [
    "ground_floor",
    "shop_window",
    "step_free",
    "accessible_wc",
    "electricity",
    "water",
    "heating",
    "internet",
]


def city(n: int, seed: int) -> dict[str, Any]:
    """n places and n requests within about 8 km of the centre."""
    rng = random.Random(seed)
    day0 = date(2025, 1, 1)

    def point() -> tuple[float, float]:
        return CENTRE[0] + rng.gauss(0, 0.035), CENTRE[1] + rng.gauss(0, 0.055)

    places = []
    for j in range(n):
        lat, lon = point()
        free_from = day0 + timedelta(days=rng.randint(-400, 300))
        places.append(
            {
                "id": f"ort-{j:06d}",
                "area_m2": round(rng.lognormvariate(4.3, 0.7), 1),
                "rent_eur_month": rng.choice([0, 0, 150, 300, 500, 800, 1200, 2000]),
                "lat": lat,
                "lon": lon,
                "available_from": free_from.isoformat(),
                "available_until": None
                if rng.random() < 0.5
                else (free_from + timedelta(days=rng.randint(90, 1500))).isoformat(),
                "uses": rng.sample(USES, rng.randint(2, 6)),
                "features": rng.sample(FEATURES, rng.randint(1, 6)),
            }
        )
    requests = []
    for i in range(n):
        lat, lon = point()
        low = rng.choice([10, 20, 40, 60, 100, 200])
        requests.append(
            {
                "id": f"gesuch-{i:06d}",
                "uses": rng.sample(USES, rng.randint(1, 3)),
                "area_m2_min": low,
                "area_m2_max": low * rng.choice([2, 3, 5]),
                "budget_eur_month": rng.choice([200, 400, 700, 1000, 1500]),
                "lat": lat,
                "lon": lon,
                "radius_km": rng.choice([2, 3, 5, 8, 15]),
                "start": (day0 + timedelta(days=rng.randint(0, 365))).isoformat(),
                "months": rng.choice([3, 6, 12, 24]),
                "must_have": rng.sample(FEATURES, rng.randint(0, 1)),
                "nice_to_have": rng.sample(FEATURES, rng.randint(0, 3)),
                "displaced": rng.random() < 0.1,
            }
        )
    return {"places": places, "requests": requests}


GERMANY = (47.3, 55.0, 5.9, 15.0)  # lat min, lat max, lon min, lon max
TOWNS = 400


def nation(n: int, seed: int) -> dict[str, Any]:
    """n places and n requests in TOWNS towns spread over Germany's bounding box, town sizes
    falling with rank (a few cities, many small towns); each request fits roughly 20–200
    places of its own town."""
    rng = random.Random(seed)
    day0 = date(2025, 1, 1)
    lat_min, lat_max, lon_min, lon_max = GERMANY
    towns = [(rng.uniform(lat_min, lat_max), rng.uniform(lon_min, lon_max)) for _ in range(TOWNS)]
    sizes = [1 / (rank + 1) ** 0.35 for rank in range(TOWNS)]
    cumulative = list(itertools.accumulate(sizes))

    def point() -> tuple[float, float]:
        lat, lon = towns[bisect.bisect_left(cumulative, rng.random() * cumulative[-1])]
        return lat + rng.gauss(0, 0.03), lon + rng.gauss(0, 0.045)

    places = []
    for j in range(n):
        lat, lon = point()
        free_from = day0 + timedelta(days=rng.randint(-400, 200))
        places.append(
            {
                "id": f"ort-{j:07d}",
                "area_m2": round(rng.lognormvariate(4.3, 0.7), 1),
                "rent_eur_month": rng.choice([0, 0, 150, 300, 500, 800, 1200]),
                "lat": lat,
                "lon": lon,
                "available_from": free_from.isoformat(),
                "available_until": None,
                "uses": rng.sample(USES, rng.randint(4, 9)),
                "features": rng.sample(FEATURES, rng.randint(2, 7)),
            }
        )
    requests = []
    for i in range(n):
        lat, lon = point()
        low = rng.choice([10, 20, 40, 60])
        requests.append(
            {
                "id": f"gesuch-{i:07d}",
                "uses": rng.sample(USES, rng.randint(1, 3)),
                "area_m2_min": low,
                "area_m2_max": low * rng.choice([4, 6, 10]),
                "budget_eur_month": rng.choice([400, 700, 1000, 1500]),
                "lat": lat,
                "lon": lon,
                "radius_km": rng.choice([4, 6, 10]),
                "start": (day0 + timedelta(days=rng.randint(200, 365))).isoformat(),
                "months": rng.choice([3, 6, 12, 24]),
                "must_have": rng.sample(FEATURES, rng.randint(0, 1)),
                "nice_to_have": rng.sample(FEATURES, rng.randint(0, 3)),
                "displaced": rng.random() < 0.1,
            }
        )
    return {"places": places, "requests": requests}


def greedy_first_come(feasible: np.ndarray, tenths: np.ndarray) -> list[tuple[int, int]]:
    """Each request in id order takes its best-scoring place that is still free."""
    taken = np.zeros(feasible.shape[1], dtype=bool)
    pairs = []
    for i in range(feasible.shape[0]):
        candidates = np.flatnonzero(feasible[i] & ~taken)
        if candidates.size:
            j = int(candidates[np.argmax(tenths[i, candidates])])
            taken[j] = True
            pairs.append((i, j))
    return pairs


def emit(name: str, value: float, unit: str, n: int, **extra: object) -> None:
    record: dict[str, object] = {
        "name": name,
        "value": round(value, 4),
        "unit": unit,
        "places": n,
        "requests": n,
    }
    record.update(extra)
    print(json.dumps(record), flush=True)


def bench(n: int) -> None:
    data = city(n, SEED + n)
    size = f"{n}x{n}"

    started = time.perf_counter()
    problem = parse_input(data)
    emit(f"matching.parse_{size}.seconds", time.perf_counter() - started, "s", n)

    started = time.perf_counter()
    evaluation = evaluate(problem.places, problem.requests)
    tenths = score_tenths(problem.places, problem.requests, evaluation, problem.weights)
    feasible_pairs = int(evaluation.feasible.sum())
    emit(
        f"matching.feasibility_scoring_{size}.seconds",
        time.perf_counter() - started,
        "s",
        n,
        feasible_pairs=feasible_pairs,
        feasible_per_request=round(feasible_pairs / n, 1),
    )

    displaced = np.asarray([r.displaced for r in problem.requests], dtype=np.bool_)
    started = time.perf_counter()
    chosen = optimal_assignment(evaluation.feasible, tenths, displaced)
    elapsed = time.perf_counter() - started
    optimum = sum(int(tenths[i, j]) for i, j in chosen) / 10
    emit(
        f"matching.assign_{size}.seconds",
        elapsed,
        "s",
        n,
        assigned=len(chosen),
        displaced_assigned=sum(bool(displaced[i]) for i, _ in chosen),
        total_score=optimum,
    )

    greedy = greedy_first_come(evaluation.feasible, tenths)
    greedy_total = sum(int(tenths[i, j]) for i, j in greedy) / 10
    emit(
        f"matching.quality_vs_greedy_{size}.ratio",
        optimum / greedy_total if greedy_total else 1.0,
        "ratio",
        n,
        optimal_total=optimum,
        greedy_total=greedy_total,
        greedy_assigned=len(greedy),
        greedy_displaced_assigned=sum(bool(displaced[i]) for i, _ in greedy),
    )

    started = time.perf_counter()
    result = match(problem)
    output = json.dumps(result.as_json(), ensure_ascii=False)
    emit(
        f"matching.end_to_end_{size}.seconds",
        time.perf_counter() - started,
        "s",
        n,
        output_bytes=len(output.encode()),
    )


def greedy_sparse(evaluation: SparseEvaluation) -> list[tuple[int, int]]:
    """`greedy_first_come` on the feasible pairs of the sparse path."""
    taken = np.zeros(evaluation.n_places, dtype=bool)
    bounds = np.searchsorted(evaluation.rows, np.arange(evaluation.n_requests + 1))
    pairs = []
    for i in range(evaluation.n_requests):
        columns = evaluation.columns[bounds[i] : bounds[i + 1]]
        tenths = evaluation.tenths[bounds[i] : bounds[i + 1]]
        free = ~taken[columns]
        if free.any():
            j = int(columns[free][np.argmax(tenths[free])])
            taken[j] = True
            pairs.append((i, j))
    return pairs


def summary(
    chosen: list[tuple[int, int]], score: dict[tuple[int, int], int], displaced: np.ndarray
) -> tuple[int, int, int]:
    """(displaced placed, total score in tenths, requests placed)."""
    return (
        sum(bool(displaced[i]) for i, _ in chosen),
        sum(score[pair] for pair in chosen),
        len(chosen),
    )


def bench_city_sparse(n: int) -> None:
    """The sparse path on the city instance: the same optimum as the dense solver."""
    problem = parse_input(city(n, SEED + n))
    size = f"{n}x{n}"
    displaced = np.asarray([r.displaced for r in problem.requests], dtype=np.bool_)
    evaluation = evaluate(problem.places, problem.requests)
    tenths = score_tenths(problem.places, problem.requests, evaluation, problem.weights)
    dense = optimal_assignment(evaluation.feasible, tenths, displaced)
    started = time.perf_counter()
    sparse_evaluation = evaluate_sparse(problem.places, problem.requests, problem.weights)
    chosen = sparse_optimal_assignment(sparse_evaluation, displaced)
    elapsed = time.perf_counter() - started
    score = {(i, j): int(tenths[i, j]) for i, j in dense + chosen}
    dense_summary, sparse_summary = (
        summary(dense, score, displaced),
        summary(chosen, score, displaced),
    )
    emit(
        f"matching.sparse_city_{size}.seconds",
        elapsed,
        "s",
        n,
        feasible_pairs=int(sparse_evaluation.rows.size),
        same_feasible_pairs=int(evaluation.feasible.sum()) == sparse_evaluation.rows.size,
        same_optimum_as_dense=dense_summary == sparse_summary,
        displaced_assigned=sparse_summary[0],
        total_score=sparse_summary[1] / 10,
        dense_total_score=dense_summary[1] / 10,
        identical_assignment=dense == chosen,
    )


def bench_nation(n: int) -> None:
    """n places × n requests over Germany with the sparse path (taken automatically)."""
    size = f"{n}x{n}"
    started = time.perf_counter()
    data = nation(n, SEED)
    problem = parse_input(data)
    del data
    emit(f"matching.nation_parse_{size}.seconds", time.perf_counter() - started, "s", n)

    started = time.perf_counter()
    evaluation = evaluate_sparse(problem.places, problem.requests, problem.weights)
    evaluate_seconds = time.perf_counter() - started
    counts = np.bincount(evaluation.rows, minlength=n)
    for step in ("prepare", "candidates", "rules", "scoring", "collect"):
        emit(f"matching.nation_{step}_{size}.seconds", evaluation.seconds[step], "s", n)
    emit(
        f"matching.nation_feasibility_scoring_{size}.seconds",
        evaluate_seconds,
        "s",
        n,
        candidates=evaluation.candidates,
        feasible_pairs=int(evaluation.rows.size),
        feasible_per_request=round(float(counts.mean()), 1),
        feasible_per_request_p5_p50_p95=[int(v) for v in np.percentile(counts, [5, 50, 95])],
    )
    displaced = np.asarray([r.displaced for r in problem.requests], dtype=np.bool_)
    started = time.perf_counter()
    chosen = sparse_optimal_assignment(evaluation, displaced)
    assign_seconds = time.perf_counter() - started
    score = {
        (i, j): t
        for i, j, t in zip(
            evaluation.rows.tolist(),
            evaluation.columns.tolist(),
            evaluation.tenths.tolist(),
            strict=True,
        )
    }
    optimum = summary(chosen, score, displaced)
    emit(
        f"matching.nation_assign_{size}.seconds",
        assign_seconds,
        "s",
        n,
        assigned=optimum[2],
        displaced_assigned=optimum[0],
        displaced_requests=int(displaced.sum()),
        total_score=optimum[1] / 10,
    )
    emit(
        f"matching.nation_engine_{size}.seconds",
        evaluate_seconds + assign_seconds,
        "s",
        n,
    )
    greedy = summary(greedy_sparse(evaluation), score, displaced)
    emit(
        f"matching.nation_quality_vs_greedy_{size}.ratio",
        optimum[1] / greedy[1] if greedy[1] else 1.0,
        "ratio",
        n,
        optimal_total=optimum[1] / 10,
        greedy_total=greedy[1] / 10,
        greedy_assigned=greedy[2],
        greedy_displaced_assigned=greedy[0],
    )
    del score, evaluation
    started = time.perf_counter()
    result = match(problem)
    emit(
        f"matching.nation_end_to_end_{size}.seconds",
        time.perf_counter() - started,
        "s",
        n,
        assigned=len(result.assignment),
        total_score=result.total_score,
    )
    del result
    tracemalloc.start()  # slows the Python parts down, so a separate run
    match(problem)
    _current, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    emit(f"matching.nation_traced_peak_{size}.bytes", traced_peak, "B", n)
    emit(
        f"matching.nation_peak_rss_{size}.bytes",
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024,
        "B",
        n,
    )


def main() -> None:
    for n in SIZES:
        bench(n)
    if CITY_SPARSE:
        bench_city_sparse(CITY_SPARSE)
    if NATION:
        bench_nation(NATION)


if __name__ == "__main__":
    main()
