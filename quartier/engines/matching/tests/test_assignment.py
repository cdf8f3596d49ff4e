"""The assignment is one-to-one and optimal: first as many displaced requests as possible, then
the highest total score (then as many requests as possible); the same input gives the same
output, whatever its order."""

import itertools
import json
import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.engines.matching import (
    MatchingInput,
    evaluate,
    match,
    match_json,
    parse_input,
    score_tenths,
)
from quartier.engines.matching.assignment import pair_values

from .builders import place, problem, random_problem, request


def objective(output, displaced_ids) -> tuple[int, int, int]:
    """(displaced placed, total score in tenths, requests placed) of an output."""
    assignment = output["assignment"]
    return (
        sum(1 for pair in assignment if pair["request"] in displaced_ids),
        sum(round(pair["score"] * 10) for pair in assignment),
        len(assignment),
    )


def brute_force_best(data) -> tuple[int, int, int]:
    """The best objective over every one-to-one assignment, by enumerating permutations: the
    places (padded with "no place") are permuted over the requests (padded with "nobody")."""
    parsed = parse_input(data)
    evaluation = evaluate(parsed.places, parsed.requests)
    tenths = score_tenths(parsed.places, parsed.requests, evaluation, parsed.weights)
    n_requests, n_places = len(parsed.requests), len(parsed.places)
    size = max(n_requests, n_places)
    best = (0, 0, 0)
    for columns in itertools.permutations(range(size)):
        displaced = total = placed = 0
        for i, j in enumerate(columns[:n_requests]):
            if j < n_places and evaluation.feasible[i, j]:
                displaced += parsed.requests[i].displaced
                total += int(tenths[i, j])
                placed += 1
        best = max(best, (displaced, total, placed))
    return best


def check_one_to_one(data, output) -> None:
    requests = [pair["request"] for pair in output["assignment"]]
    places = [pair["place"] for pair in output["assignment"]]
    assert len(set(requests)) == len(requests)
    assert len(set(places)) == len(places)
    assert set(requests).isdisjoint(output["unassigned"])
    assert sorted(map(str, requests + output["unassigned"])) == sorted(
        str(r["id"]) for r in data["requests"]
    )
    feasible = {
        (p["request"], p["place"]): p["score"] for p in match_json(data, all_pairs=True)["pairs"]
    }
    for pair in output["assignment"]:
        assert feasible[pair["request"], pair["place"]] == pair["score"]
    assert output["total_score"] == round(sum(p["score"] for p in output["assignment"]), 1)


@settings(max_examples=150, deadline=None, database=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n_requests=st.integers(0, 6),
    n_places=st.integers(0, 6),
    loose=st.booleans(),
)
def test_the_assignment_is_one_to_one_and_optimal_against_brute_force(
    seed, n_requests, n_places, loose
):
    data = random_problem(random.Random(seed), n_requests, n_places, loose=loose)
    output = match_json(data)
    check_one_to_one(data, output)
    displaced_ids = {r["id"] for r in data["requests"] if r["displaced"]}
    assert objective(output, displaced_ids) == brute_force_best(data)


PRICE_ONLY = {"use": 0, "size": 0, "price": 1, "distance": 0, "nice_to_have": 0, "waiting": 0}
"""Score = 100 × (1 - rent / budget): easy to follow in a constructed case."""


def assigned(output) -> list[tuple[str, str]]:
    return [(p["request"], p["place"]) for p in output["assignment"]]


def test_displaced_requests_are_placed_first_even_at_the_cost_of_total_score():
    """Two places, two requests: the displaced gallery fits only the shop that the studio
    wants most. By score alone the studio would get the shop and the gallery nothing."""
    shop = place(id="shop", area_m2=60, rent_eur_month=200, uses=["studio", "gallery"])
    hall = place(id="hall", area_m2=300, rent_eur_month=900, uses=["studio", "event"])
    studio = request(
        id="studio", uses=["studio"], area_m2_min=50, area_m2_max=300, budget_eur_month=1000
    )
    gallery = request(
        id="gallery",
        uses=["gallery"],
        area_m2_min=40,
        area_m2_max=200,
        budget_eur_month=250,
        displaced=True,
    )
    data = problem([shop, hall], [studio, gallery], weights=PRICE_ONLY)

    output = match_json(data, all_pairs=True)
    scores = {(p["request"], p["place"]): p["score"] for p in output["pairs"]}
    assert scores == {("studio", "shop"): 80.0, ("studio", "hall"): 10.0, ("gallery", "shop"): 20.0}
    assert assigned(output) == [("gallery", "shop"), ("studio", "hall")]
    assert output["total_score"] == 30.0  # instead of 80.0 for the studio in the shop

    gallery["displaced"] = False
    output = match_json(data)
    assert assigned(output) == [("studio", "shop")]
    assert output["total_score"] == 80.0
    assert output["unassigned"] == ["gallery"]


def test_of_two_displaced_requests_both_are_placed_when_possible():
    shop = place(id="shop", rent_eur_month=100, uses=["studio", "gallery"])
    office = place(id="office", rent_eur_month=100, uses=["studio", "office"])
    a = request(id="a", uses=["studio"], displaced=True)
    b = request(id="b", uses=["gallery"], displaced=True)
    c = request(id="c", uses=["studio", "gallery"], budget_eur_month=5000)
    output = match_json(problem([shop, office], [a, b, c], weights=PRICE_ONLY))
    assert assigned(output) == [("a", "office"), ("b", "shop")]
    assert output["unassigned"] == ["c"]


def test_the_total_score_wins_over_the_number_placed():
    """A takes P1 (92 points) rather than P2 (10), although B (only P1, 20) is left out."""
    p1 = place(id="P1", rent_eur_month=80, uses=["studio", "gallery"])
    p2 = place(id="P2", rent_eur_month=900, uses=["studio"])
    a = request(id="A", uses=["studio"], budget_eur_month=1000)
    b = request(id="B", uses=["gallery"], budget_eur_month=100)
    output = match_json(problem([p1, p2], [a, b], weights=PRICE_ONLY), all_pairs=True)
    scores = {(p["request"], p["place"]): p["score"] for p in output["pairs"]}
    assert scores == {("A", "P1"): 92.0, ("A", "P2"): 10.0, ("B", "P1"): 20.0}
    assert assigned(output) == [("A", "P1")]
    assert output["unassigned"] == ["B"]
    assert output["total_score"] == 92.0


def test_on_equal_totals_more_requests_are_placed():
    p1 = place(id="P1", rent_eur_month=0, uses=["studio", "gallery"])
    p2 = place(id="P2", rent_eur_month=100, uses=["studio"])
    a = request(id="A", uses=["studio"], budget_eur_month=100)  # P1: 100, P2: 0
    b = request(id="B", uses=["gallery"], budget_eur_month=100)  # P1: 100
    output = match_json(problem([p1, p2], [a, b], weights=PRICE_ONLY))
    assert assigned(output) == [("A", "P2"), ("B", "P1")]
    assert output["total_score"] == 100.0


def test_the_pair_values_encode_the_goals_lexicographically():
    feasible = np.array([[True, True], [True, False]])
    tenths = np.array([[1000, 0], [0, 0]])
    values = pair_values(feasible, tenths, np.array([False, True]))
    k = 2
    # one displaced request outweighs the best possible total of everything else
    assert values[1, 0] > k * values[0, 0]
    # one tenth of a point outweighs placing every request
    assert values[0, 0] - values[0, 1] > k
    assert values[1, 1] == 0


@settings(max_examples=40, deadline=None, database=None)
@given(seed=st.integers(0, 2**32 - 1), shuffle_seed=st.integers(0, 2**32 - 1))
def test_the_output_does_not_depend_on_the_order_of_the_input(seed, shuffle_seed):
    data = random_problem(random.Random(seed), 12, 10)
    # many equal scores: half the places are copies of one place
    for copy in data["places"][5:]:
        copy.update({k: v for k, v in data["places"][0].items() if k != "id"})
    shuffled = json.loads(json.dumps(data))
    rng = random.Random(shuffle_seed)
    rng.shuffle(shuffled["places"])
    rng.shuffle(shuffled["requests"])
    for item in shuffled["places"] + shuffled["requests"]:
        for key in ("uses", "features", "must_have", "nice_to_have"):
            if key in item:
                rng.shuffle(item[key])
    assert match_json(shuffled, all_pairs=True) == match_json(data, all_pairs=True)


def test_equal_input_gives_equal_output_with_integer_and_text_ids():
    data = random_problem(random.Random(3), 20, 20)
    for index, item in enumerate(data["places"]):
        item["id"] = index if index % 2 else f"ort-{index}"
    first = json.dumps(match_json(data, all_pairs=True))
    assert all(json.dumps(match_json(data, all_pairs=True)) == first for _ in range(3))
    assert [p["request"] for p in match_json(data)["assignment"]] == sorted(
        p["request"] for p in match_json(data)["assignment"]
    )


def test_all_pairs_lists_every_feasible_pair_best_first():
    data = random_problem(random.Random(11), 8, 8)
    output = match_json(data, all_pairs=True)
    assert set(output) == {"assignment", "unassigned", "total_score", "pairs", "pairs_total"}
    assert set(match_json(data)) == {"assignment", "unassigned", "total_score"}
    parsed = parse_input(data)
    evaluation = evaluate(parsed.places, parsed.requests)
    assert len(output["pairs"]) == output["pairs_total"] == int(evaluation.feasible.sum())
    for request_id, group in itertools.groupby(output["pairs"], key=lambda p: p["request"]):
        scores = [p["score"] for p in group]
        assert scores == sorted(scores, reverse=True), request_id
    for pair in output["pairs"]:
        assert set(pair) == {"request", "place", "score", "reasons"}
        assert pair["reasons"][0].startswith("Nutzung passt (")
    assigned = {(p["request"], p["place"]) for p in output["assignment"]}
    assert assigned <= {(p["request"], p["place"]) for p in output["pairs"]}


def test_the_output_has_the_documented_shape():
    output = match_json(problem([place()], [request(), request(id="r2", uses=["office"])]))
    assert output == {
        "assignment": [
            {
                "request": "r1",
                "place": "p1",
                "score": output["assignment"][0]["score"],
                "reasons": output["assignment"][0]["reasons"],
            }
        ],
        "unassigned": ["r2"],
        "total_score": output["assignment"][0]["score"],
    }
    assert isinstance(output["total_score"], float)
    json.dumps(output)


def test_services_may_pass_dataclasses_in_any_order():
    parsed = parse_input(random_problem(random.Random(5), 10, 10))
    reversed_problem = MatchingInput(
        places=parsed.places[::-1], requests=parsed.requests[::-1], weights=parsed.weights
    )
    assert [p.id for p in reversed_problem.places] == [p.id for p in parsed.places]
    assert match(reversed_problem).as_json() == match(parsed).as_json()


def test_all_pairs_come_in_pages_that_join_up_to_the_whole_list():
    """A caller that cannot take every pair at once (the API) asks for one page at a time;
    only the page is explained, on the dense and on the sparse path alike."""
    data = random_problem(random.Random(12), 12, 12)
    everything = match_json(data, all_pairs=True)
    assert everything["pairs_total"] > 10
    for sparse in (False, True):
        pages = []
        for offset in range(0, everything["pairs_total"] + 7, 7):
            page = match(
                parse_input(data), all_pairs=True, sparse=sparse, pairs_offset=offset, pairs_limit=7
            ).as_json()
            assert page["pairs_total"] == everything["pairs_total"]
            assert len(page["pairs"]) <= 7
            pages += page["pairs"]
        assert pages == everything["pairs"]
