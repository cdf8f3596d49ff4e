from django.core.management.base import BaseCommand

from quartier.search.indexing import rebuild_index


class Command(BaseCommand):
    help = "Rebuilds the German full-text search index of everything searchable."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Suchindex neu aufgebaut: {rebuild_index()} Einträge.")
