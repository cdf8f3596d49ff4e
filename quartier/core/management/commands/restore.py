from argparse import ArgumentParser
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from quartier.core.backup import restore_backup


class Command(BaseCommand):
    help = (
        "Restores a backup written by `quartier backup` into an installation without "
        "accounts (a new database): data, uploaded files and the search index."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("path", help="the archive written by `quartier backup`")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            manifest = restore_backup(options["path"])
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            f"Sicherung vom {manifest['created']} wiederhergestellt "
            f"({sum(manifest['rows'].values())} Datensätze, {len(manifest['media'])} Dateien)."
        )
