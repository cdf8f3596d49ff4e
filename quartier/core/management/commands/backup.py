from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand

from quartier.core.backup import write_backup


class Command(BaseCommand):
    help = (
        "Writes a backup of the whole installation to PATH (tar.gz): the database as Django "
        "JSON fixtures (restorable into SQLite or PostgreSQL) and the uploaded files."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="the archive to write, e.g. quartier-backup.tar.gz")

    def handle(self, *args: Any, **options: Any) -> None:
        manifest = write_backup(options["path"])
        rows = sum(manifest["rows"].values())
        self.stdout.write(
            f"Sicherung geschrieben: {options['path']} ({rows} Datensätze, "
            f"{len(manifest['media'])} Dateien)."
        )
