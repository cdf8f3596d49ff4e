from django.core.management.base import BaseCommand

from quartier.core.mail import retry_due_mails
from quartier.core.tasking import prune_heartbeats, sweep_stale_tasks


class Command(BaseCommand):
    help = (
        "Puts background tasks of stopped workers back into the queue (or fails them after "
        "the last attempt); `quartier worker` does it every half minute, `quartier daily` too."
    )

    def handle(self, *args: object, **options: object) -> None:
        swept = sweep_stale_tasks()
        prune_heartbeats()
        mails = retry_due_mails()
        self.stdout.write(
            f"Aufgaben unterbrochener Worker: {swept.requeued} neu eingereiht, "
            f"{swept.failed} abgebrochen; E-Mails erneut eingereiht: {mails}"
        )
