"""`quartier match --input IN.json --output OUT.json [--all-pairs]` (no database needed)."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from .builders import place, problem, request


def run(tmp_path, data, *flags: str) -> dict:
    source, target = tmp_path / "in.json", tmp_path / "out.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    call_command("match", "--input", str(source), "--output", str(target), *flags)
    text = target.read_text(encoding="utf-8")
    assert "Größe" in text  # UTF-8, not \\u escapes
    return json.loads(text)


def test_the_command_writes_the_assignment(tmp_path, capsys):
    data = problem([place(id="Laden"), place(id="Halle", uses=["event"])], [request(id="Atelier")])
    output = run(tmp_path, data)
    assert [(p["request"], p["place"]) for p in output["assignment"]] == [("Atelier", "Laden")]
    assert output["unassigned"] == []
    assert "pairs" not in output
    assert "1 von 1 Gesuchen zugeordnet" in capsys.readouterr().out


def test_all_pairs_adds_every_feasible_pair(tmp_path):
    data = problem([place(id="a"), place(id="b")], [request()])
    output = run(tmp_path, data, "--all-pairs")
    assert [p["place"] for p in output["pairs"]] == ["a", "b"]


def test_bad_input_lists_the_problems_in_german_and_english(tmp_path):
    source = tmp_path / "in.json"
    source.write_text(json.dumps(problem([place(area_m2="groß")], [request(start="morgen")])))
    with pytest.raises(CommandError) as caught:
        call_command("match", "--input", str(source), "--output", str(tmp_path / "out.json"))
    message = str(caught.value)
    assert "Die Eingabe ist ungültig / The input is invalid" in message
    assert 'places[0].area_m2: Ort 1 (id "p1"): „area_m2“ muss eine Zahl sein' in message
    assert "place 1 (id \"p1\"): 'area_m2' must be a number" in message
    assert "requests[0].start" in message and "YYYY-MM-DD" in message
    assert not (tmp_path / "out.json").exists()


def test_a_file_that_is_not_json_is_reported(tmp_path):
    source = tmp_path / "in.json"
    source.write_text('{"places": [', encoding="utf-8")
    with pytest.raises(CommandError, match=r"kein gültiges JSON .* not valid JSON"):
        call_command("match", "--input", str(source), "--output", str(tmp_path / "out.json"))


def test_a_missing_file_is_reported(tmp_path):
    with pytest.raises(CommandError, match=r"gibt es nicht / the input file .* does not exist"):
        call_command(
            "match", "--input", str(tmp_path / "nope.json"), "--output", str(tmp_path / "o.json")
        )
