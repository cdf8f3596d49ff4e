"""`quartier eligibility --programmes P.json --project X.json [--output OUT.json]`: the
eligibility engine on JSON files, without a database (docs/funding.md)."""

import json
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.engines.eligibility import EligibilityInputError, check_json


def _read(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise CommandError(
            f"Die Datei {path} gibt es nicht / the file {path} does not exist"
        ) from error
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(
            f"Die Datei {path} ist nicht lesbar (UTF-8 erwartet) / the file {path} cannot be "
            f"read (UTF-8 expected): {error}"
        ) from error
    except json.JSONDecodeError as error:
        raise CommandError(
            f"Die Datei {path} ist kein gültiges JSON (Zeile {error.lineno}) / the file {path} "
            f"is not valid JSON (line {error.lineno}): {error.msg}"
        ) from error


class Command(BaseCommand):
    help = (
        "Prüft ein Projekt gegen Förderprogramme / checks a project against funding "
        "programmes: per condition erfüllt / nicht erfüllt / Angabe fehlt with the reason, "
        "best fit first. Format: docs/funding.md."
    )
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--programmes", required=True, help="JSON file with the programmes")
        parser.add_argument("--project", required=True, help="JSON file with the project profile")
        parser.add_argument("--output", help="write the JSON result here instead of stdout")
        parser.add_argument("--date", help="check as of this day (YYYY-MM-DD), default today")
        parser.add_argument(
            "--fitting-only", action="store_true", help="leave out programmes that do not fit"
        )

    def handle(self, *args: object, **options: Any) -> None:
        programmes = _read(Path(options["programmes"]))
        project = _read(Path(options["project"]))
        try:
            today = date.fromisoformat(options["date"]) if options["date"] else date.today()
        except ValueError as error:
            raise CommandError("--date: JJJJ-MM-TT erwartet / YYYY-MM-DD expected") from error
        try:
            result = check_json(
                programmes, project, today, include_not_eligible=not options["fitting_only"]
            )
        except EligibilityInputError as error:
            raise CommandError(error.describe()) from error
        text = json.dumps(result, ensure_ascii=False, indent=2) + "\n"
        if options["output"]:
            try:
                Path(options["output"]).write_text(text, encoding="utf-8")
            except OSError as error:
                raise CommandError(
                    f"Die Ausgabedatei ist nicht schreibbar / the output file cannot be written: "
                    f"{error}"
                ) from error
        else:
            self.stdout.write(text, ending="")
