"""`quartier follow_up_introductions`: asks both sides of introductions accepted eight weeks
ago what came of them (part of `quartier daily`)."""

from typing import Any

from django.core.management.base import BaseCommand

from quartier.network.services import send_introduction_follow_ups


class Command(BaseCommand):
    help = (
        "Fragt acht Wochen nach einer Vorstellung nach, was daraus wurde / introduction follow-ups."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_introduction_follow_ups()
        self.stdout.write(f"{sent} Vorstellungen nachgefragt / introductions followed up")
