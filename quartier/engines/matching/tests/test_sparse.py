"""The sparse path (spatial grid + sparse assignment, taken above SPARSE_THRESHOLD pairs) gives
the same feasible pairs, scores, optimum and stable matching as the dense path."""

import json
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.engines.matching import engine, haversine_km, match, parse_input
from quartier.engines.matching.sparse import evaluate_sparse

from .builders import CENTRE, random_problem
from .test_assignment import brute_force_best, objective


def both(data, **options):
    parsed = parse_input(data)
    dense = match(parsed, sparse=False, **options).as_json()
    sparse = match(parsed, sparse=True, **options).as_json()
    return dense, sparse


def displaced_ids(data) -> set:
    return {r["id"] for r in data["requests"] if r["displaced"]}


@pytest.mark.parametrize(
    ("seed", "n_requests", "n_places", "loose"),
    [
        (1, 0, 5, True),
        (2, 5, 0, True),
        (3, 30, 20, True),
        (4, 20, 30, False),
        (5, 80, 80, True),
        (6, 120, 60, False),
        (7, 60, 150, True),
        (8, 200, 200, False),
        (9, 300, 300, True),
        (10, 300, 300, False),
        (11, 300, 120, True),
        (12, 100, 300, True),
    ],
)
def test_the_sparse_path_finds_the_dense_optimum(seed, n_requests, n_places, loose):
    rng = random.Random(seed)
    data = random_problem(rng, n_requests, n_places, loose=loose)
    if data["places"] and data["requests"]:
        data["owner_rankings"] = {
            data["places"][0]["id"]: [r["id"] for r in data["requests"][:5]],
            data["places"][-1]["id"]: [r["id"] for r in reversed(data["requests"][-5:])],
        }
    dense, sparse = both(data, all_pairs=True)
    assert sparse["pairs"] == dense["pairs"]  # the same feasible pairs, scores and reasons
    assert sparse.get("stable") == dense.get("stable")
    assert objective(sparse, displaced_ids(data)) == objective(dense, displaced_ids(data))
    assert sparse["total_score"] == dense["total_score"]
    places = [p["place"] for p in sparse["assignment"]]
    assert len(set(places)) == len(places)
    assert [p["request"] for p in sparse["assignment"]] == sorted(
        p["request"] for p in sparse["assignment"]
    )


@settings(max_examples=60, deadline=None, database=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_requests=st.integers(0, 6),
    n_places=st.integers(0, 6),
    loose=st.booleans(),
)
def test_the_sparse_assignment_is_optimal_against_brute_force(seed, n_requests, n_places, loose):
    data = random_problem(random.Random(seed), n_requests, n_places, loose=loose)
    output = match(parse_input(data), sparse=True).as_json()
    assert objective(output, displaced_ids(data)) == brute_force_best(data)


@settings(max_examples=25, deadline=None, database=None)
@given(seed=st.integers(0, 2**32 - 1), shuffle_seed=st.integers(0, 2**32 - 1))
def test_the_sparse_output_does_not_depend_on_the_order_of_the_input(seed, shuffle_seed):
    data = random_problem(random.Random(seed), 40, 30)
    for copy in data["places"][15:]:  # many equal scores
        copy.update({k: v for k, v in data["places"][0].items() if k != "id"})
    shuffled = json.loads(json.dumps(data))
    rng = random.Random(shuffle_seed)
    rng.shuffle(shuffled["places"])
    rng.shuffle(shuffled["requests"])
    for item in shuffled["places"] + shuffled["requests"]:
        for key in ("uses", "features", "must_have", "nice_to_have"):
            if key in item:
                rng.shuffle(item[key])
    first = match(parse_input(data), sparse=True, all_pairs=True).as_json()
    assert match(parse_input(shuffled), sparse=True, all_pairs=True).as_json() == first


def test_the_grid_misses_no_pair_near_the_poles_the_antimeridian_or_with_huge_radii():
    rng = random.Random(5)
    data = random_problem(rng, 60, 60)
    spots = [(89.99, 10.0), (-89.95, -170.0), (0.0, 179.99), (0.01, -179.99), (60.0, 179.9)]
    for index, item in enumerate(data["places"] + data["requests"]):
        lat, lon = spots[index % len(spots)]
        item["lat"], item["lon"] = lat + rng.uniform(-0.01, 0.01), lon
        item["lat"] = max(-90.0, min(90.0, item["lat"]))
    for index, item in enumerate(data["requests"]):
        item["radius_km"] = [0.5, 3, 40, 2500, 30000][index % 5]
    dense, sparse = both(data, all_pairs=True)
    assert sparse["pairs"] == dense["pairs"]
    assert sparse["total_score"] == dense["total_score"]


def test_a_place_exactly_at_the_radius_is_a_candidate():
    data = random_problem(random.Random(8), 1, 1)
    data["places"][0].update(lat=CENTRE[0], lon=CENTRE[1] + 0.2)
    data["requests"][0].update(lat=CENTRE[0], lon=CENTRE[1])
    distance = haversine_km(CENTRE[0], CENTRE[1], CENTRE[0], CENTRE[1] + 0.2)
    data["requests"][0]["radius_km"] = distance
    parsed = parse_input(data)
    evaluation = evaluate_sparse(parsed.places, parsed.requests, parsed.weights)
    dense, sparse = both(data, all_pairs=True)
    assert sparse["pairs"] == dense["pairs"]
    assert evaluation.candidates >= 1


def test_match_takes_the_sparse_path_above_the_threshold(monkeypatch):
    data = random_problem(random.Random(4), 30, 30)
    expected = match(parse_input(data), sparse=True, all_pairs=True).as_json()
    calls = []
    original = engine._match_sparse

    def spy(problem, **options):
        calls.append(len(problem.places) * len(problem.requests))
        return original(problem, **options)

    monkeypatch.setattr(engine, "_match_sparse", spy)
    monkeypatch.setattr(engine, "SPARSE_THRESHOLD", 899)
    assert match(parse_input(data), all_pairs=True).as_json() == expected
    monkeypatch.setattr(engine, "SPARSE_THRESHOLD", 900)
    match(parse_input(data))
    assert calls == [900]
