import json

import pytest
from django.core.management import CommandError, call_command

PROGRAMMES = [
    {
        "id": "nachbarschaft",
        "title": "Nachbarschaftsfonds",
        "conditions": {
            "applicant": {"legal_forms": ["ev"], "non_profit": True, "trustee_allowed": True},
            "project": {"topics": ["kultur"], "own_share_percent": 10},
        },
    }
]
PROJECT = {
    "id": "galerie",
    "applicant": {"legal_form": "informal", "non_profit": False},
    "project": {"topics": ["kultur"], "total_costs": 12000, "own_funds": 1200},
}


def test_the_command_checks_a_project_from_json_files_without_a_database(tmp_path):
    (tmp_path / "p.json").write_text(json.dumps(PROGRAMMES), encoding="utf-8")
    (tmp_path / "x.json").write_text(json.dumps(PROJECT), encoding="utf-8")
    out = tmp_path / "out.json"
    call_command(
        "eligibility",
        programmes=str(tmp_path / "p.json"),
        project=str(tmp_path / "x.json"),
        output=str(out),
        date="2026-12-03",
    )
    result = json.loads(out.read_text(encoding="utf-8"))["results"][0]
    assert result["overall_label"] == "förderfähig mit Treuhänder"
    assert result["remedies"] == ["mit einem gemeinnützigen Träger als Treuhänder förderfähig"]


def test_the_command_names_the_fault_in_a_bad_file(tmp_path):
    (tmp_path / "p.json").write_text("[{", encoding="utf-8")
    (tmp_path / "x.json").write_text(json.dumps(PROJECT), encoding="utf-8")
    with pytest.raises(CommandError, match="kein gültiges JSON"):
        call_command(
            "eligibility", programmes=str(tmp_path / "p.json"), project=str(tmp_path / "x.json")
        )
    (tmp_path / "p.json").write_text(json.dumps([{"title": "ohne Kennung"}]), encoding="utf-8")
    with pytest.raises(CommandError, match=r"programmes\[0\]\.id"):
        call_command(
            "eligibility", programmes=str(tmp_path / "p.json"), project=str(tmp_path / "x.json")
        )
