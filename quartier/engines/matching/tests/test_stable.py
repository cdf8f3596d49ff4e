"""With owner rankings the engine also gives the stable matching (deferred acceptance)."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.engines.matching import evaluate, match_json, parse_input, score_tenths
from quartier.engines.matching.stable import place_preferences

from .builders import place, problem, random_problem, request


def test_without_owner_rankings_there_is_no_stable_matching_in_the_output():
    assert "stable" not in match_json(problem([place()], [request()]))


def test_the_owner_ranking_decides_between_requests():
    data = problem(
        [place(id="p1")],
        [request(id="r1", nice_to_have=["water"]), request(id="r2", nice_to_have=[])],
        owner_rankings={"p1": ["r2", "r1"]},
    )
    output = match_json(data)
    assert [(p["request"], p["place"]) for p in output["stable"]["assignment"]] == [("r2", "p1")]
    assert output["stable"]["unassigned"] == ["r1"]
    assert set(output["stable"]) == {"assignment", "unassigned", "total_score"}


def test_a_request_the_owner_does_not_rank_is_not_accepted():
    data = problem([place(id="p1")], [request(id="r1")], owner_rankings={"p1": []})
    assert match_json(data)["stable"]["assignment"] == []


def test_a_place_without_ranking_takes_displaced_requests_first():
    data = problem(
        [place(id="p1"), place(id="p2", uses=["office"])],
        [request(id="r1"), request(id="r2", nice_to_have=[], displaced=True)],
        owner_rankings={"p2": []},
    )
    stable = match_json(data)["stable"]
    assert [(p["request"], p["place"]) for p in stable["assignment"]] == [("r2", "p1")]


@settings(max_examples=80, deadline=None, database=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 8))
def test_no_request_and_place_would_rather_have_each_other(seed, n):
    rng = random.Random(seed)
    data = random_problem(rng, n, n)
    rankings = {}
    for p in data["places"]:
        if rng.random() < 0.7:
            ids = [r["id"] for r in data["requests"]]
            rankings[p["id"]] = rng.sample(ids, rng.randint(0, len(ids)))
    data["owner_rankings"] = rankings
    stable = match_json(data)["stable"]

    parsed = parse_input(data)
    evaluation = evaluate(parsed.places, parsed.requests)
    tenths = score_tenths(parsed.places, parsed.requests, evaluation, parsed.weights)
    accepts = place_preferences(
        parsed.places, parsed.requests, evaluation.feasible, tenths, parsed.owner_rankings or {}
    )
    request_index = {r.id: i for i, r in enumerate(parsed.requests)}
    place_index = {p.id: j for j, p in enumerate(parsed.places)}
    got_place = {request_index[p["request"]]: place_index[p["place"]] for p in stable["assignment"]}
    got_request = {j: i for i, j in got_place.items()}
    assert len(got_request) == len(got_place)
    for i, j in got_place.items():
        assert evaluation.feasible[i, j] and i in accepts[j]

    def request_prefers(i, j):
        if i not in got_place:
            return True
        current = got_place[i]
        return (-int(tenths[i, j]), j) < (-int(tenths[i, current]), current)

    def place_prefers(j, i):
        if j not in got_request:
            return True
        return accepts[j][i] < accepts[j][got_request[j]]

    for i in range(len(parsed.requests)):
        for j in range(len(parsed.places)):
            if evaluation.feasible[i, j] and i in accepts[j] and got_place.get(i) != j:
                assert not (request_prefers(i, j) and place_prefers(j, i)), (i, j)
