"""The engine's contract (docs/network.md): input checks, network figures, figures at a date,
communities and suggested introductions with German reasons."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.engines.network import NetworkInputError, analyse_json
from quartier.engines.network.model import collapse_arrays


def talviertel():
    return {
        "seed": 1,
        "nodes": [
            {
                "id": "wbg",
                "name": "Wohnbau Talviertel",
                "sector": "housing",
                "established": True,
                "offers": ["space"],
            },
            {"id": "stadt", "name": "Stadt", "sector": "municipal", "established": True},
            {
                "id": "laden",
                "name": "Initiative Leere Läden",
                "sector": "creative",
                "needs": ["space"],
            },
            {"id": "kultur", "name": "Kulturverein", "sector": "culture"},
            {"id": "allein", "name": "Einzelne Initiative", "sector": "civil_society"},
        ],
        "edges": [
            {"source": "wbg", "target": "stadt", "since": "2020-01-01"},
            {"source": "stadt", "target": "kultur", "since": "2024-06-01"},
            {"source": "kultur", "target": "laden", "weight": 2},
            {"source": "kultur", "target": "laden", "weight": 1, "type": "funding"},
        ],
        "compare": ["2023-01-01"],
    }


def test_a_repeated_pair_adds_its_weights():
    result = analyse_json(talviertel())
    assert result["nodes"]["laden"]["weighted_degree"] == 3.0
    assert result["nodes"]["laden"]["degree"] == 1
    assert result["network"]["ties"] == 3


def test_the_network_figures_name_isolated_and_unconnected_new_actors():
    network = analyse_json(talviertel())["network"]
    assert network["isolates"] == ["allein"]
    assert network["components"] == 2
    assert network["new_actors"] == 3
    assert network["new_tied_to_established"] == 1  # only the Kulturverein
    assert sorted(network["new_without_established_tie"]) == ["allein", "laden"]
    mixing = network["sector_mixing"]
    housing = mixing["sectors"].index("housing")
    municipal = mixing["sectors"].index("municipal")
    assert mixing["ties"][housing][municipal] == mixing["ties"][municipal][housing] == 1


def test_figures_at_an_earlier_date_count_only_the_ties_of_that_day():
    result = analyse_json(talviertel())
    earlier = result["at_dates"]["2023-01-01"]
    assert earlier["ties"] == 2  # Stadt–Kulturverein began in 2024
    assert earlier["new_tied_to_established"] == 0
    at = analyse_json({**talviertel(), "at": "2023-01-01"})
    assert at["nodes"]["kultur"]["degree"] == 1


def test_unconfirmed_ties_do_not_count_as_a_tie_to_an_established_actor():
    data = talviertel()
    data["edges"][1]["confirmed"] = False
    assert analyse_json(data)["network"]["new_tied_to_established"] == 0


def test_the_suggestion_for_the_empty_shops_names_space_partners_and_sectors():
    suggestions = analyse_json(talviertel())["suggestions"]
    pair = next(s for s in suggestions if {s["source"], s["target"]} == {"wbg", "laden"})
    assert "Wohnbau Talviertel bietet Raum, Initiative Leere Läden sucht Raum" in pair["reasons"]
    assert any("Wohnungswirtschaft mit Kreativwirtschaft" in r for r in pair["reasons"])
    assert 0 < pair["score"] <= 1
    assert suggestions == sorted(suggestions, key=lambda s: -s["score"])


def test_no_suggestion_for_tied_opted_out_or_excluded_pairs():
    data = talviertel()
    data["nodes"][1]["opt_out"] = True
    data["exclude_pairs"] = [["wbg", "laden"]]
    suggestions = analyse_json(data)["suggestions"]
    pairs = {frozenset((s["source"], s["target"])) for s in suggestions}
    assert frozenset(("wbg", "laden")) not in pairs
    assert all("stadt" not in pair for pair in pairs)
    assert frozenset(("kultur", "laden")) not in pairs


@st.composite
def networks(draw):
    n = draw(st.integers(2, 18))
    kinds = st.lists(st.sampled_from(["space", "money", "know_how"]), max_size=2)
    nodes = [
        {
            "id": str(i),
            "sector": draw(st.sampled_from(["housing", "creative", "culture"])),
            "established": draw(st.booleans()),
            "offers": draw(kinds),
            "needs": draw(kinds),
            "opt_out": draw(st.booleans()),
        }
        for i in range(n)
    ]
    edges = draw(
        st.lists(
            st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda e: e[0] != e[1]),
            max_size=2 * n,
        )
    )
    return {"nodes": nodes, "edges": [{"source": str(a), "target": str(b)} for a, b in edges]}


@settings(max_examples=60, deadline=None)
@given(networks())
def test_no_suggestion_ever_pairs_tied_or_opted_out_actors(data):
    tied = {frozenset((e["source"], e["target"])) for e in data["edges"]}
    opted_out = {node["id"] for node in data["nodes"] if node["opt_out"]}
    result = analyse_json(data)
    for suggestion in result["suggestions"]:
        pair = frozenset((suggestion["source"], suggestion["target"]))
        assert len(pair) == 2 and pair not in tied and not pair & opted_out
        assert suggestion["reasons"]


def test_the_same_seed_gives_the_same_result():
    first, second = analyse_json(talviertel()), analyse_json(talviertel())
    first.pop("seconds"), second.pop("seconds")
    assert first == second


def test_bad_input_lists_every_problem_in_german_and_english():
    with pytest.raises(NetworkInputError) as caught:
        analyse_json(
            {
                "nodes": [{"id": "a"}, {"id": "a"}],
                "edges": [{"source": "a", "target": "x", "weight": -1, "since": "gestern"}],
            }
        )
    text = caught.value.describe()
    assert "kommt doppelt vor" in text and "duplicate" in text
    assert "„x“ ist kein Knoten" in text
    assert "größer als 0" in text
    assert "kein Datum" in text


def test_ties_from_arrays_collapse_like_the_contract():
    pairs = collapse_arrays(4, np.array([2, 1, 0]), np.array([1, 2, 3]), np.array([1.0, 2.0, 1.5]))
    assert pairs.u.tolist() == [0, 1] and pairs.v.tolist() == [3, 2]
    assert pairs.weight.tolist() == [1.5, 3.0]
    assert pairs.confirmed.tolist() == [True, True]
    assert pairs.types == [("cooperation",), ("cooperation",)]
