from datetime import timedelta
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from quartier.core.media import GRACE, sweep_media


class Command(BaseCommand):
    help = (
        "Lists uploaded files under MEDIA_ROOT that no record references (replaced or "
        "orphaned photos, logos, evidence and receipts); with --delete, deletes them. Files "
        "younger than the grace period are kept. A dry run unless --delete is given; "
        "`quartier daily` runs it with --delete."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--delete", action="store_true", help="Delete the files found.")
        parser.add_argument(
            "--grace-hours",
            type=float,
            default=GRACE.total_seconds() / 3600,
            help="Keep files younger than this many hours (default: %(default)s).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        delete = bool(options["delete"])
        orphans = sweep_media(delete=delete, grace=timedelta(hours=options["grace_hours"]))
        for name in orphans:
            self.stdout.write(f"{'deleted' if delete else 'orphaned'}: {name}")
        verb = "Deleted" if delete else "Found (dry run, nothing deleted)"
        self.stdout.write(f"{verb} {len(orphans)} orphaned file(s).")
