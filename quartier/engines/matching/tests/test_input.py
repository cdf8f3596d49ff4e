"""Bad input gives MatchingInputError with every problem in German and English, naming the
item and the field."""

from datetime import date

import pytest

from quartier.engines.matching import (
    DEFAULT_WEIGHTS,
    MatchingInputError,
    Weights,
    add_months,
    match_json,
    parse_input,
)

from .builders import place, problem, request


def problems_of(data: object) -> list[dict[str, str]]:
    with pytest.raises(MatchingInputError) as caught:
        parse_input(data)
    problems = caught.value.problems
    for entry in problems:
        assert set(entry) == {"path", "de", "en"}
        assert entry["de"] and entry["en"] and entry["de"] != entry["en"]
    return list(problems)


def only_problem(data: object) -> dict[str, str]:
    problems = problems_of(data)
    assert len(problems) == 1, problems
    return problems[0]


def test_a_valid_problem_parses_with_places_and_requests_sorted_by_id():
    parsed = parse_input(
        problem(
            [place(id="p2"), place(id="p10"), place(id=3)],
            [request(id="b"), request(id="a")],
        )
    )
    assert [p.id for p in parsed.places] == [3, "p10", "p2"]
    assert [r.id for r in parsed.requests] == ["a", "b"]
    assert parsed.weights == Weights()


def test_optional_fields_have_defaults():
    minimal_place = place()
    del minimal_place["available_until"], minimal_place["features"]
    minimal_request = request()
    del minimal_request["must_have"], minimal_request["nice_to_have"]
    del minimal_request["displaced"]
    parsed = parse_input(problem([minimal_place], [minimal_request]))
    assert parsed.places[0].available_until is None
    assert parsed.places[0].features == frozenset()
    assert parsed.requests[0].must_have == frozenset()
    assert parsed.requests[0].displaced is False


def test_a_missing_field_is_named_with_the_item_in_german_and_english():
    incomplete = request(id="r7")
    del incomplete["start"]
    found = only_problem(problem([place()], [request(id="r1"), incomplete]))
    assert found["path"] == "requests[1].start"
    assert found["de"] == 'Anfrage 2 (id "r7"): das Pflichtfeld „start“ fehlt.'
    assert found["en"] == "request 2 (id \"r7\"): the required field 'start' is missing."


def test_a_wrong_type_is_named():
    found = only_problem(problem([place(area_m2="80")], [request()]))
    assert found["path"] == "places[0].area_m2"
    assert "muss eine Zahl sein" in found["de"] and 'nicht "80"' in found["de"]
    assert "must be a number" in found["en"]


def test_true_is_not_a_number_and_a_number_is_not_true():
    paths = {
        p["path"]
        for p in problems_of(problem([place(rent_eur_month=True)], [request(displaced=1)]))
    }
    assert paths == {"places[0].rent_eur_month", "requests[0].displaced"}


@pytest.mark.parametrize(
    "bad", ["2025-02-30", "2025-13-01", "01.04.2025", "2025-04-01T10:00", 20250401, None]
)
def test_a_bad_date_is_named(bad):
    found = only_problem(problem([place()], [request(start=bad)]))
    assert found["path"] == "requests[0].start"
    assert "kein gültiges Datum im Format JJJJ-MM-TT" in found["de"]
    assert "not a valid date in the form YYYY-MM-DD" in found["en"]


def test_every_problem_is_reported_at_once():
    problems = problems_of(
        problem(
            [place(lat=91, uses="studio"), place(id="p1")],
            [request(months=0, area_m2_min=100, area_m2_max=50, radius_km=-1, must_have=[""])],
            weights={"use": -1, "colour": 3},
            extra=1,
        )
    )
    assert {p["path"] for p in problems} == {
        "extra",
        "places[0].lat",
        "places[0].uses",
        "places[1].id",  # the same id twice
        "requests[0].months",
        "requests[0].area_m2_max",
        "requests[0].radius_km",
        "requests[0].must_have[0]",
        "weights.colour",
        "weights.use",
    }


def test_unknown_fields_in_items_are_reported():
    found = only_problem(problem([place(musthave=["water"])], [request()]))
    assert found["path"] == "places[0].musthave"
    assert "unbekanntes Feld" in found["de"] and "unknown field" in found["en"]


def test_ids_must_be_unique_also_as_text():
    found = only_problem(problem([place(id=1), place(id="1")], [request()]))
    assert found["path"] == "places[1].id"


def test_the_input_must_be_an_object_with_lists():
    assert only_problem([])["path"] == ""
    paths = {p["path"] for p in problems_of({"places": {}, "requests": None})}
    assert paths == {"places", "requests"}
    assert {p["path"] for p in problems_of({})} == {"places", "requests"}


def test_a_request_needs_at_least_one_use():
    assert only_problem(problem([place()], [request(uses=[])]))["path"] == "requests[0].uses"


def test_available_until_before_available_from_is_reported():
    found = only_problem(
        problem([place(available_from="2025-05-01", available_until="2025-04-30")], [request()])
    )
    assert found["path"] == "places[0].available_until"


def test_weights_replace_defaults_and_are_scaled_to_100():
    weights = parse_input(problem([], [], weights={"use": 50, "waiting": 0})).weights
    raw = {**DEFAULT_WEIGHTS, "use": 50.0, "waiting": 0.0}
    for name, value in weights.as_dict().items():
        assert value == pytest.approx(raw[name] * 100 / sum(raw.values()))
    assert sum(weights.as_dict().values()) == pytest.approx(100)
    assert sum(DEFAULT_WEIGHTS.values()) == 100


def test_weights_must_not_all_be_zero():
    zero = dict.fromkeys(DEFAULT_WEIGHTS, 0)
    assert only_problem(problem([], [], weights=zero))["path"] == "weights"


def test_owner_rankings_must_name_existing_places_and_requests():
    problems = problems_of(
        problem(
            [place(id="p1")],
            [request(id="r1")],
            owner_rankings={"p1": ["r1", "r9", "r1"], "p9": []},
        )
    )
    assert [p["path"] for p in problems] == [
        "owner_rankings.p1[1]",
        "owner_rankings.p1[2]",
        "owner_rankings.p9",
    ]


def test_match_json_raises_the_same_error():
    with pytest.raises(MatchingInputError) as caught:
        match_json({"places": [], "requests": [{"id": "x"}]})
    assert "Die Eingabe ist ungültig / The input is invalid" in str(caught.value)


@pytest.mark.parametrize(
    ("start", "months", "end"),
    [
        (date(2025, 1, 31), 1, date(2025, 2, 28)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2025, 3, 31), 1, date(2025, 4, 30)),
        (date(2025, 1, 15), 1, date(2025, 2, 15)),
        (date(2025, 12, 1), 1, date(2026, 1, 1)),
        (date(2025, 11, 30), 3, date(2026, 2, 28)),
        (date(2025, 4, 1), 24, date(2027, 4, 1)),
    ],
)
def test_calendar_months_clamp_to_the_end_of_the_month(start, months, end):
    assert add_months(start, months) == end
