"""`quartier remind_tandems`: reminders of tandems (part of `quartier daily`): a request
unanswered after 7 days, no meeting logged for 6 weeks, the check-in after 3 months."""

from typing import Any

from django.core.management.base import BaseCommand

from quartier.network.tandem_services import send_tandem_reminders


class Command(BaseCommand):
    help = "Erinnerungen an Tandems / tandem reminders."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_tandem_reminders()
        self.stdout.write(f"{sent} Tandem-Erinnerungen / tandem reminders")
