"""`quartier network --input GRAPH.json --output METRICS.json` runs without a database."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from quartier.engines.network.tests.test_engine import talviertel


def test_the_command_writes_the_metrics(tmp_path, capsys):
    source, target = tmp_path / "graph.json", tmp_path / "metrics.json"
    source.write_text(json.dumps(talviertel()), encoding="utf-8")
    call_command("network", "--input", str(source), "--output", str(target))
    result = json.loads(target.read_text(encoding="utf-8"))
    assert set(result["nodes"]) == {"wbg", "stadt", "laden", "kultur", "allein"}
    assert "Läden" in target.read_text(encoding="utf-8")
    assert "5 Akteure, 3 Verbindungen" in capsys.readouterr().out


def test_bad_input_is_said_in_german_and_english(tmp_path):
    source = tmp_path / "graph.json"
    source.write_text('{"nodes": [{"id": "a"}], "edges": [{"source": "a", "target": "b"}]}')
    with pytest.raises(CommandError) as caught:
        call_command("network", "--input", str(source), "--output", str(tmp_path / "o.json"))
    assert "ist kein Knoten" in str(caught.value) and "is not a node" in str(caught.value)
    source.write_text("{kaputt")
    with pytest.raises(CommandError, match="kein gültiges JSON"):
        call_command("network", "--input", str(source), "--output", str(tmp_path / "o.json"))
