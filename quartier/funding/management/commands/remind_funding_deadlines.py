from django.core.management.base import BaseCommand

from quartier.funding.services import remind_watched_deadlines


class Command(BaseCommand):
    help = (
        "Run daily: reminds the members of a project 14 days before the deadline of a "
        "programme the project watches (once per deadline) and moves passed deadlines on."
    )

    def handle(self, *args: object, **options: object) -> None:
        sent = remind_watched_deadlines()
        self.stdout.write(f"Förderfristen: {sent} Erinnerungen.")
