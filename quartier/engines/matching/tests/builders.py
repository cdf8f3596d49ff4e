"""Input builders for the matching tests: a place and a request that fit each other, and random
instances."""

import random
from typing import Any

CENTRE = (51.3397, 12.3731)  # Leipzig, Markt

USES = ["studio", "workshop", "gallery", "event", "coworking", "office"]
FEATURES = ["ground_floor", "shop_window", "step_free", "accessible_wc", "water", "internet"]


def place(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "p1",
        "area_m2": 80,
        "rent_eur_month": 400,
        "lat": CENTRE[0],
        "lon": CENTRE[1],
        "available_from": "2025-01-01",
        "available_until": None,
        "uses": ["studio", "gallery"],
        "features": ["ground_floor", "water"],
    }
    data.update(fields)
    return data


def request(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "r1",
        "uses": ["studio", "gallery"],
        "area_m2_min": 60,
        "area_m2_max": 100,
        "budget_eur_month": 600,
        "lat": CENTRE[0],
        "lon": CENTRE[1],
        "radius_km": 3,
        "start": "2025-04-01",
        "months": 12,
        "must_have": ["ground_floor"],
        "nice_to_have": ["water", "shop_window"],
        "displaced": False,
    }
    data.update(fields)
    return data


def problem(places: list[dict[str, Any]], requests: list[dict[str, Any]], **extra: Any) -> dict:
    return {"places": places, "requests": requests, **extra}


def random_problem(
    rng: random.Random, n_requests: int, n_places: int, *, loose: bool = True
) -> dict[str, Any]:
    """A random instance around the centre. `loose` makes about half the pairs feasible, so
    that the assignment has real choices and conflicts; otherwise few pairs are feasible."""
    spread = 0.02 if loose else 0.08
    uses = USES[:2] if loose else USES
    places = []
    for j in range(n_places):
        places.append(
            {
                "id": f"p{j:02d}",
                "area_m2": rng.choice([45, 60, 80, 100, 150] if loose else [20, 60, 100, 150]),
                "rent_eur_month": rng.choice([0, 150, 300, 450, 600, 900]),
                "lat": CENTRE[0] + rng.uniform(-spread, spread),
                "lon": CENTRE[1] + rng.uniform(-spread, spread),
                "available_from": f"2025-{rng.randint(1, 6):02d}-{rng.randint(1, 28):02d}",
                "available_until": rng.choice(
                    [None, None, None, "2026-12-31"] if loose else [None, "2025-12-31"]
                ),
                "uses": rng.sample(uses, rng.randint(1, 2)),
                "features": rng.sample(FEATURES, rng.randint(0, 5)),
            }
        )
    requests = []
    for i in range(n_requests):
        low = rng.choice([0, 20, 40, 60])
        requests.append(
            {
                "id": f"r{i:02d}",
                "uses": rng.sample(uses, rng.randint(1, 2)),
                "area_m2_min": low,
                "area_m2_max": low + rng.choice([100, 150, 300] if loose else [60, 120]),
                "budget_eur_month": rng.choice([500, 700, 1000] if loose else [300, 500, 700]),
                "lat": CENTRE[0] + rng.uniform(-spread, spread),
                "lon": CENTRE[1] + rng.uniform(-spread, spread),
                "radius_km": rng.choice([3, 5, 10] if loose else [1, 3, 5]),
                "start": f"2025-{rng.randint(6, 9):02d}-{rng.randint(1, 28):02d}",
                "months": rng.choice([1, 3, 6, 12]),
                "must_have": rng.sample(FEATURES, rng.randint(0, 0 if loose else 1)),
                "nice_to_have": rng.sample(FEATURES, rng.randint(0, 3)),
                "displaced": rng.random() < 0.3,
            }
        )
    return problem(places, requests)
