"""Every feasible pair gets a score from 0 to 100 from the weighted criteria, explained in
German criterion by criterion."""

import random
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.engines.matching import (
    CRITERIA,
    DEFAULT_WEIGHTS,
    WAITING_HORIZON_DAYS,
    evaluate,
    match_json,
    parse_input,
    score_of,
    score_tenths,
)
from quartier.engines.matching.scoring import apportion_tenths, de_number

from .builders import CENTRE, place, problem, random_problem, request

POINTS = re.compile(r": \+(\d+(?:\.\d{3})*,\d)$")


def only_pair(place_data, request_data, **extra):
    output = match_json(problem([place_data], [request_data], **extra), all_pairs=True)
    (pair,) = output["pairs"]
    return pair


def points(reason: str) -> float:
    match = POINTS.search(reason)
    assert match, reason
    return float(match.group(1).replace(".", "").replace(",", "."))


def test_the_default_weights_sum_to_100():
    assert DEFAULT_WEIGHTS == {
        "use": 25,
        "size": 20,
        "price": 20,
        "distance": 15,
        "nice_to_have": 10,
        "waiting": 10,
    }
    assert tuple(DEFAULT_WEIGHTS) == CRITERIA


def test_a_perfect_pair_scores_100():
    pair = only_pair(
        place(
            area_m2=80,
            rent_eur_month=0,
            available_from="2024-01-01",
            features=["ground_floor", "water", "shop_window"],
        ),
        request(area_m2_min=60, area_m2_max=100, start="2025-04-01"),
    )
    assert pair["score"] == 100.0
    assert pair["reasons"] == [
        "Nutzung passt (2 von 2): +25,0",
        "Größe 80 m² bei gewünscht 60–100 m²: +20,0",
        "Miete 0 € bei Budget 600 €: +20,0",
        "Entfernung 0,0 km bei Umkreis 3 km: +15,0",
        "Wünsche erfüllt (2 von 2): +10,0",
        "Wartezeit: Ort ist 456 Tage vor Beginn frei: +10,0",
    ]


def test_each_criterion_counts_as_documented():
    away = (CENTRE[0] + 0.009, CENTRE[1])  # about 1 km north
    pair = only_pair(
        place(
            uses=["studio", "office"],
            area_m2=90,
            rent_eur_month=150,
            lat=away[0],
            lon=away[1],
            available_from="2025-01-01",
            features=["ground_floor", "shop_window"],
        ),
        request(
            uses=["studio", "gallery"],
            area_m2_min=60,
            area_m2_max=100,
            budget_eur_month=600,
            radius_km=2,
            start="2025-04-02",
            months=6,
            nice_to_have=["water", "shop_window", "internet", "step_free"],
        ),
    )
    # use 1/2 → 12.5; size 1 - |90-80|/20 = 0.5 → 10; price 1 - 150/600 → 15;
    # distance 1 - 1.0008/2 → 7.49; nice 1/4 → 2.5; waiting 91/365 → 2.49
    assert pair["reasons"] == [
        "Nutzung passt (1 von 2): +12,5",
        "Größe 90 m² bei gewünscht 60–100 m²: +10,0",
        "Miete 150 € bei Budget 600 €: +15,0",
        "Entfernung 1,0 km bei Umkreis 2 km: +7,5",
        "Wünsche erfüllt (1 von 4): +2,5",
        "Wartezeit: Ort ist 91 Tage vor Beginn frei: +2,5",
    ]
    assert pair["score"] == 50.0


def test_the_explanation_uses_german_numbers():
    pair = only_pair(
        place(area_m2=1250.5, rent_eur_month=1234.5),
        request(
            area_m2_min=1000,
            area_m2_max=1500,
            budget_eur_month=2500,
            radius_km=2.5,
            start="2025-01-02",
        ),
    )
    assert pair["reasons"][1] == "Größe 1.250,5 m² bei gewünscht 1.000–1.500 m²: +20,0"
    assert pair["reasons"][2].startswith("Miete 1.234,50 € bei Budget 2.500 €: ")
    assert pair["reasons"][3].startswith("Entfernung 0,0 km bei Umkreis 2,5 km: ")
    assert pair["reasons"][5] == "Wartezeit: Ort ist 1 Tag vor Beginn frei: +0,0"


def test_a_displaced_request_says_why_it_goes_first():
    pair = only_pair(place(), request(displaced=True))
    assert pair["reasons"][-1] == (
        "Vorrang: der bisherige Ort der Nutzung geht verloren (Verdrängungsschutz)"
    )


def test_no_nice_to_haves_asked_counts_as_all_met():
    pair = only_pair(place(), request(nice_to_have=[]))
    assert pair["reasons"][4] == "Wünsche erfüllt (keine angegeben): +10,0"


@pytest.mark.parametrize(("days", "expected"), [(0, 0.0), (73, 2.0), (365, 10.0), (800, 10.0)])
def test_the_waiting_time_is_the_days_the_place_stands_free_before_the_start(days, expected):
    from datetime import date, timedelta

    start = date(2025, 6, 1)
    pair = only_pair(
        place(available_from=(start - timedelta(days=days)).isoformat()),
        request(start=start.isoformat()),
    )
    assert points(pair["reasons"][5]) == expected
    assert WAITING_HORIZON_DAYS == 365


def test_custom_weights_change_the_score():
    pair = only_pair(
        place(uses=["studio"]),
        request(uses=["studio", "gallery", "office", "event"]),
        weights={"use": 1, "size": 0, "price": 0, "distance": 0, "nice_to_have": 0, "waiting": 0},
    )
    assert pair["score"] == 25.0
    assert pair["reasons"][0] == "Nutzung passt (1 von 4): +25,0"
    assert [points(r) for r in pair["reasons"][1:]] == [0.0] * 5


def test_the_contributions_add_up_to_the_score_even_after_rounding():
    assert apportion_tenths([3.33, 3.33, 3.34], 100) == [33, 33, 34]
    assert apportion_tenths([0.05, 0.05, 0.05, 0.05], 2) == [1, 1, 0, 0]
    assert sum(apportion_tenths([12.345, 7.6549, 0.0, 30.0], 500)) == 500


def test_german_number_format():
    assert de_number(1234.5) == "1.234,5"
    assert de_number(80, trim=True) == "80"
    assert de_number(80.25, 2, trim=True) == "80,25"
    assert de_number(0.04) == "0,0"


@settings(max_examples=60, deadline=None, database=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_scores_lie_between_0_and_100_and_their_reasons_add_up(seed):
    data = random_problem(random.Random(seed), 6, 6)
    data["weights"] = {name: random.Random(seed).choice([0, 1, 5, 30]) for name in CRITERIA}
    if not any(data["weights"].values()):
        data["weights"]["use"] = 1
    output = match_json(data, all_pairs=True)
    for pair in output["pairs"]:
        assert 0 <= pair["score"] <= 100
        assert pair["score"] == round(pair["score"], 1)
        contributions = [points(r) for r in pair["reasons"][:6]]
        assert round(sum(contributions), 1) == pair["score"]


@settings(max_examples=40, deadline=None, database=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_score_matrix_agrees_with_the_one_pair_score(seed):
    parsed = parse_input(random_problem(random.Random(seed), 6, 6))
    evaluation = evaluate(parsed.places, parsed.requests)
    tenths = score_tenths(parsed.places, parsed.requests, evaluation, parsed.weights)
    for i, the_request in enumerate(parsed.requests):
        for j, the_place in enumerate(parsed.places):
            if evaluation.feasible[i, j]:
                distance = float(evaluation.distance_km[i, j])
                expected = score_of(the_place, the_request, distance, parsed.weights)
                assert int(tenths[i, j]) == expected
            else:
                assert tenths[i, j] == 0
