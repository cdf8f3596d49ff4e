from datetime import date

import pytest

from quartier.engines.eligibility import (
    EligibilityInputError,
    check_json,
    parse_profile,
    parse_programmes,
)

PROGRAMME = {
    "id": "soziokultur",
    "title": "Soziokultur im Quartier",
    "conditions": {
        "applicant": {"legal_forms": ["ev", "ggmbh"], "non_profit": True, "trustee_allowed": True},
        "project": {
            "topics": ["kultur"],
            "regions": ["DE-SN"],
            "own_share_percent": 10,
            "min_amount": "1000",
            "max_amount_cents": 2_500_000,
        },
    },
    "deadline": {"kind": "yearly", "month": 3, "day": 31},
}
PROJECT = {
    "id": "galerie",
    "applicant": {"legal_form": "informal"},
    "project": {
        "topics": ["kultur"],
        "region": "DE-SN-14713000",
        "total_costs": "12000",
        "own_funds": 0,
    },
}


def test_the_json_contract_gives_the_tri_state_per_condition_and_the_remedies():
    out = check_json([PROGRAMME], PROJECT, date(2026, 12, 3))
    result = out["results"][0]
    assert result["overall"] == "not_eligible"
    statuses = {c["condition"]: c["status_label"] for c in result["conditions"]}
    assert statuses == {
        "legal_form": "nicht erfüllt",
        "non_profit": "Angabe fehlt",
        "topic": "erfüllt",
        "region": "erfüllt",
        "amount": "erfüllt",
        "own_share": "nicht erfüllt",
        "deadline": "erfüllt",
    }
    assert "Eigenanteil von 10 % fehlt: 1.200 €" in result["remedies"]
    assert result["next_deadline"] == "2027-03-31"


def test_every_fault_in_the_input_is_named_with_its_place():
    bad = [
        {
            "id": "x",
            "conditions": {"project": {"own_share_percent": 140, "topics": "kultur"}},
            "deadline": {"kind": "sometimes"},
        },
        {"title": "no id"},
    ]
    with pytest.raises(EligibilityInputError) as caught:
        parse_programmes(bad)
    paths = [p["path"] for p in caught.value.problems]
    assert "programmes[0].conditions.project.own_share_percent" in paths
    assert "programmes[0].conditions.project.topics" in paths
    assert "programmes[0].deadline.kind" in paths
    assert "programmes[1].id" in paths
    with pytest.raises(EligibilityInputError):
        parse_profile({"applicant": {"founded_on": "2020-13-01"}})
