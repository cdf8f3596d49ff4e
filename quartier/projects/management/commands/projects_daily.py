from django.core.management.base import BaseCommand

from quartier.projects.impact_services import refresh_all_automatic_measurements
from quartier.projects.services import remind_handovers


class Command(BaseCommand):
    help = (
        "The daily jobs of the projects area (part of `quartier daily`): reminds the people of "
        "a project and of its successor of a handover within two weeks (once per date) and "
        "fills the automatic indicators from the platform's records."
    )

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Erinnerungen an Projektübergaben: {remind_handovers()}")
        self.stdout.write(f"Automatische Messwerte: {refresh_all_automatic_measurements()}")
