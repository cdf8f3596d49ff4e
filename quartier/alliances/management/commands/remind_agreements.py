from django.core.management.base import BaseCommand

from quartier.alliances.services import remind_and_expire


class Command(BaseCommand):
    help = (
        "Run daily: tells the parties 30 days before a signed agreement ends (once) and marks "
        "agreements past their end as expired."
    )

    def handle(self, *args: object, **options: object) -> None:
        result = remind_and_expire()
        self.stdout.write(
            f"Vereinbarungen: {result['reminded']} Erinnerungen, {result['expired']} abgelaufen."
        )
