from django.core.management.base import BaseCommand

from quartier.events.services import send_reminders


class Command(BaseCommand):
    help = (
        "Reminds the owners of open action items due within two days (once per item). "
        "Run it once a day, e.g. by cron next to send_digests."
    )

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Erinnerungen an Aufgaben verschickt: {send_reminders()}")
