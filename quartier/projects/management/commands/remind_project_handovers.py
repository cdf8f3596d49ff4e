from django.core.management.base import BaseCommand

from quartier.projects.services import remind_handovers


class Command(BaseCommand):
    help = (
        "Reminds the people of a project and of its successor of a handover within the coming "
        "two weeks (once per date). Part of `quartier daily`."
    )

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Erinnerungen an Projektübergaben: {remind_handovers()}")
