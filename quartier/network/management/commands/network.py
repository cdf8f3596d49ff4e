"""`quartier network --input GRAPH.json --output METRICS.json`: the network engine on a JSON
file (docs/network.md), without a database."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.engines.network import NetworkInputError, analyse_json


class Command(BaseCommand):
    help = (
        "Berechnet Netzwerkmaße, Gemeinschaften und Vorschläge für Vorstellungen / computes "
        "network measures, communities and suggested introductions. Format: docs/network.md."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="JSON file with nodes and edges")
        parser.add_argument("--output", required=True, help="JSON file to write the metrics to")

    def handle(self, *args: object, **options: Any) -> None:
        source, target = Path(options["input"]), Path(options["output"])
        try:
            data = json.loads(source.read_text(encoding="utf-8"))
        except FileNotFoundError as error:
            raise CommandError(
                f"Die Eingabedatei {source} gibt es nicht / the input file {source} does not exist"
            ) from error
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(
                f"Die Eingabedatei {source} ist nicht lesbar (UTF-8 erwartet) / the input file "
                f"{source} cannot be read (UTF-8 expected): {error}"
            ) from error
        except json.JSONDecodeError as error:
            raise CommandError(
                f"Die Eingabedatei {source} ist kein gültiges JSON (Zeile {error.lineno}) / "
                f"the input file {source} is not valid JSON (line {error.lineno}): {error.msg}"
            ) from error
        try:
            result = analyse_json(data)
        except NetworkInputError as error:
            raise CommandError(error.describe()) from error
        try:
            target.write_text(
                json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
            )
        except OSError as error:
            raise CommandError(
                f"Die Ausgabedatei {target} ist nicht schreibbar / the output file {target} "
                f"cannot be written: {error}"
            ) from error
        network = result["network"]
        self.stdout.write(
            f"{network['nodes']} Akteure, {network['ties']} Verbindungen, "
            f"{len(result['communities'])} Gemeinschaften, {len(result['suggestions'])} "
            f"Vorschläge / {network['nodes']} actors, {network['ties']} ties → {target}"
        )
