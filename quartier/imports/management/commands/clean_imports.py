from django.core.management.base import BaseCommand

from quartier.imports.services import clean_up_jobs


class Command(BaseCommand):
    help = "Run daily: deletes import jobs and their uploaded rows after 30 days."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Importe: {clean_up_jobs()} alte Importvorgänge gelöscht.")
