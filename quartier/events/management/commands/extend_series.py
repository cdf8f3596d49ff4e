from django.core.management.base import BaseCommand

from quartier.events.services import extend_all_series


class Command(BaseCommand):
    help = (
        "Creates the meetings of recurring series that the moving twelve-month horizon "
        "brings into reach. Run it once a day, e.g. by cron next to send_digests."
    )

    def handle(self, *args: object, **options: object) -> None:
        self.stdout.write(f"Neue Termine aus Terminreihen: {extend_all_series()}")
