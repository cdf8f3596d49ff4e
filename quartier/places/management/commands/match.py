"""`quartier match --input IN.json --output OUT.json [--all-pairs]`: the matching engine on a
JSON file (docs/matching.md)."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.engines.matching import MatchingInputError, match_json


class Command(BaseCommand):
    help = (
        "Ordnet Raumgesuche optimal Orten zu (verdrängte Nutzungen zuerst) / assigns space "
        "requests to places optimally (displaced uses first). Format: docs/matching.md."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--input", required=True, help="JSON file with places and requests")
        parser.add_argument("--output", required=True, help="JSON file to write the result to")
        parser.add_argument(
            "--all-pairs",
            action="store_true",
            help="also list every feasible pair with its score and reasons",
        )

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
                f"Die Eingabedatei {source} ist kein gültiges JSON (Zeile {error.lineno}, "
                f"Spalte {error.colno}) / the input file {source} is not valid JSON "
                f"(line {error.lineno}, column {error.colno}): {error.msg}"
            ) from error
        try:
            result = match_json(data, all_pairs=options["all_pairs"])
        except MatchingInputError as error:
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
        placed, total = (
            len(result["assignment"]),
            len(result["assignment"]) + len(result["unassigned"]),
        )
        score = f"{result['total_score']:.1f}"
        self.stdout.write(
            f"{placed} von {total} Gesuchen zugeordnet, Gesamtpunktzahl "
            f"{score.replace('.', ',')} / {placed} of {total} requests assigned, total score "
            f"{score} → {target}"
        )
