"""The matching engine on synthetic cities: N places × N requests around Leipzig.

For each size: reading the JSON input, feasibility and scoring of all N² pairs (numpy), the
optimal assignment (scipy's linear_sum_assignment), the explanations of the assigned pairs, and
the quality of the optimum against a greedy first-come baseline (each request in id order takes
its best free place).

Prints one JSON line per figure: {"name", "value", "unit", "places", "requests", ...}.
Run with `make bench` (or `python benchmarks/matching.py`); BENCH_MATCHING_SIZES=100,500
chooses the sizes.
"""

import json
import os
import random
import sys
import time
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

SIZES = [int(n) for n in os.environ.get("BENCH_MATCHING_SIZES", "100,500,1000").split(",")]
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


def main() -> None:
    for n in SIZES:
        bench(n)


if __name__ == "__main__":
    main()
