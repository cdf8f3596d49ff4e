"""`quartier load_fee_floors [FILE]`: loads fee-floor tables from JSON (default: the example
tables shipped in quartier/funding/data/fee_floors.json); a table with the same name and
version is replaced, a new version is added beside the old one."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from quartier.funding.services import load_fee_floor_table

DEFAULT = Path(__file__).resolve().parents[2] / "data" / "fee_floors.json"


class Command(BaseCommand):
    help = "Lädt Tabellen der Honoraruntergrenzen / loads fee-floor tables (JSON)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", nargs="?", default=str(DEFAULT))

    def handle(self, *args: object, **options: Any) -> None:
        try:
            data = json.loads(Path(options["file"]).read_text(encoding="utf-8"))
            tables = [load_fee_floor_table(table) for table in data["tables"]]
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(
                f"Die Datei ist nicht lesbar / cannot read the file: {error}"
            ) from error
        self.stdout.write(f"{len(tables)} Tabellen der Honoraruntergrenzen geladen.")
