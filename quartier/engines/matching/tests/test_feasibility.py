"""A pair is feasible exactly when every rule holds; each rule checked alone, just inside and
just outside its bound, in the one-pair check, the all-pairs matrix and the whole run."""

import math
import random

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.engines.matching import (
    EARTH_RADIUS_KM,
    RULES,
    evaluate,
    haversine_km,
    match_json,
    parse_input,
    violations,
)
from quartier.engines.matching.feasibility import haversine_km_array

from .builders import CENTRE, place, problem, random_problem, request


def broken_rules(place_data, request_data) -> list[str]:
    """The broken rules, after checking that all three ways of asking agree."""
    parsed = parse_input(problem([place_data], [request_data]))
    (the_place,), (the_request,) = parsed.places, parsed.requests
    broken = violations(the_place, the_request)
    feasible_in_matrix = bool(evaluate(parsed.places, parsed.requests).feasible[0, 0])
    output = match_json(problem([place_data], [request_data]), all_pairs=True)
    assert feasible_in_matrix == (not broken)
    assert (len(output["pairs"]) == 1) == (not broken)
    return broken


def test_the_base_pair_is_feasible():
    assert broken_rules(place(), request()) == []


def test_the_rules_are_exactly_these():
    assert RULES == ("use", "area", "rent", "distance", "period", "must_have")


@pytest.mark.parametrize(
    ("place_uses", "request_uses", "feasible"),
    [
        (["studio"], ["gallery", "studio"], True),
        (["studio", "office"], ["office"], True),
        (["studio"], ["gallery"], False),
        ([], ["gallery"], False),
        (["Studio"], ["studio"], False),  # the controlled list is compared exactly
    ],
)
def test_uses_must_intersect(place_uses, request_uses, feasible):
    broken = broken_rules(place(uses=place_uses), request(uses=request_uses))
    assert broken == ([] if feasible else ["use"])


@pytest.mark.parametrize(
    ("area", "feasible"),
    [(60, True), (59.99, False), (100, True), (100.01, False), (80, True)],
)
def test_area_must_lie_within_the_requested_range(area, feasible):
    broken = broken_rules(place(area_m2=area), request(area_m2_min=60, area_m2_max=100))
    assert broken == ([] if feasible else ["area"])


def test_an_exact_area_request_takes_only_that_area():
    assert broken_rules(place(area_m2=80), request(area_m2_min=80, area_m2_max=80)) == []
    assert broken_rules(place(area_m2=80.5), request(area_m2_min=80, area_m2_max=80)) == ["area"]


@pytest.mark.parametrize(
    ("rent", "budget", "feasible"),
    [(600, 600, True), (600.01, 600, False), (0, 0, True), (1, 0, False), (0, 600, True)],
)
def test_rent_must_not_exceed_the_budget(rent, budget, feasible):
    broken = broken_rules(place(rent_eur_month=rent), request(budget_eur_month=budget))
    assert broken == ([] if feasible else ["rent"])


def test_haversine_uses_the_mean_earth_radius():
    assert EARTH_RADIUS_KM == 6371.0088
    assert haversine_km(0, 0, 1, 0) == pytest.approx(EARTH_RADIUS_KM * math.pi / 180)
    assert haversine_km(0, 0, 0, 180) == pytest.approx(EARTH_RADIUS_KM * math.pi)
    # Berlin, Alexanderplatz – München, Marienplatz: about 504 km
    assert haversine_km(52.5219, 13.4132, 48.1374, 11.5755) == pytest.approx(504.4, abs=0.5)
    assert haversine_km(*CENTRE, *CENTRE) == 0


def test_the_distance_matrix_agrees_with_the_one_pair_formula():
    rng = random.Random(7)
    points = [(rng.uniform(-80, 80), rng.uniform(-180, 180)) for _ in range(30)]
    lat, lon = zip(*points, strict=True)
    matrix = haversine_km_array(np.array(lat)[:, None], np.array(lon)[:, None], lat, lon)
    for i, a in enumerate(points):
        for j, b in enumerate(points):
            assert matrix[i, j] == pytest.approx(haversine_km(*a, *b), rel=1e-12, abs=1e-9)


@pytest.mark.parametrize(("factor", "feasible"), [(1.000001, True), (0.999999, False)])
def test_the_distance_must_not_exceed_the_radius(factor, feasible):
    away = (CENTRE[0] + 0.02, CENTRE[1] + 0.03)
    distance = haversine_km(*CENTRE, *away)
    broken = broken_rules(place(lat=away[0], lon=away[1]), request(radius_km=distance * factor))
    assert broken == ([] if feasible else ["distance"])


def test_a_radius_of_zero_takes_only_the_same_point():
    assert broken_rules(place(), request(radius_km=0)) == []
    assert broken_rules(place(lat=CENTRE[0] + 0.0001), request(radius_km=0)) == ["distance"]


@pytest.mark.parametrize(
    ("available_from", "feasible"),
    [("2025-04-01", True), ("2025-04-02", False), ("2020-01-01", True)],
)
def test_the_place_must_be_available_from_the_start(available_from, feasible):
    broken = broken_rules(
        place(available_from=available_from), request(start="2025-04-01", months=12)
    )
    assert broken == ([] if feasible else ["period"])


@pytest.mark.parametrize(
    ("available_until", "feasible"),
    [(None, True), ("2026-04-01", True), ("2026-03-31", False), ("2030-01-01", True)],
)
def test_the_place_must_be_available_until_the_end(available_until, feasible):
    broken = broken_rules(
        place(available_until=available_until), request(start="2025-04-01", months=12)
    )
    assert broken == ([] if feasible else ["period"])


@pytest.mark.parametrize(
    ("available_until", "feasible"), [("2025-02-28", True), ("2025-02-27", False)]
)
def test_one_month_from_the_31st_of_january_ends_on_the_28th_of_february(available_until, feasible):
    broken = broken_rules(
        place(available_from="2025-01-31", available_until=available_until),
        request(start="2025-01-31", months=1),
    )
    assert broken == ([] if feasible else ["period"])


@pytest.mark.parametrize(
    ("features", "must_have", "feasible"),
    [
        (["ground_floor", "water"], ["ground_floor", "water"], True),
        (["ground_floor"], ["ground_floor", "water"], False),
        ([], [], True),
        (["water"], [], True),
    ],
)
def test_every_must_have_must_be_among_the_features(features, must_have, feasible):
    broken = broken_rules(place(features=features), request(must_have=must_have))
    assert broken == ([] if feasible else ["must_have"])


def test_a_pair_breaking_several_rules_names_them_all():
    broken = broken_rules(
        place(
            uses=["office"],
            area_m2=500,
            rent_eur_month=5000,
            lat=CENTRE[0] + 1,
            available_from="2026-01-01",
            features=[],
        ),
        request(),
    )
    assert broken == list(RULES)


@settings(max_examples=60, deadline=None, database=None)
@given(seed=st.integers(0, 2**32 - 1), loose=st.booleans())
def test_the_all_pairs_matrix_agrees_with_the_one_pair_check(seed, loose):
    parsed = parse_input(random_problem(random.Random(seed), 8, 8, loose=loose))
    evaluation = evaluate(parsed.places, parsed.requests)
    for i, the_request in enumerate(parsed.requests):
        for j, the_place in enumerate(parsed.places):
            distance = float(evaluation.distance_km[i, j])
            expected = not violations(the_place, the_request, distance)
            assert bool(evaluation.feasible[i, j]) == expected
    assert evaluation.feasible.dtype == np.bool_


def test_no_places_or_no_requests_give_an_empty_result():
    for data in (problem([], [request()]), problem([place()], []), problem([], [])):
        output = match_json(data, all_pairs=True)
        assert output["assignment"] == [] and output["pairs"] == []
        assert output["total_score"] == 0
        assert output["unassigned"] == [r["id"] for r in data["requests"]]
