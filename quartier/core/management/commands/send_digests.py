from django.core.management.base import BaseCommand

from quartier.core.notifications import send_digests


class Command(BaseCommand):
    help = "Sends the daily e-mail digest of notifications (run it once a day, e.g. by cron)."

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Zusammenfassungen verschickt: {send_digests()}")
