from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Compiles gettext catalogues (.po to .mo) with polib, so that no system gettext is "
        "needed. Without arguments: every django.po under LOCALE_PATHS."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("po_files", nargs="*")

    def handle(self, *args: object, **options: list[str]) -> None:
        paths = [Path(p) for p in options["po_files"]] or [
            po for root in settings.LOCALE_PATHS for po in Path(root).glob("*/LC_MESSAGES/*.po")
        ]
        for po_path in paths:
            polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
            self.stdout.write(f"{po_path.with_suffix('.mo')}")
