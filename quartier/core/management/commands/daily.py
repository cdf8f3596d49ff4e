from django.core.management import call_command
from django.core.management.base import BaseCommand

# In this order: jobs that create notifications run before the digest that mails them.
DAILY_JOBS = [
    "sweep_tasks",
    "extend_series",
    "send_reminders",
    "remind_agreements",
    "projects_daily",
    "remind_funding_deadlines",
    "clean_imports",
    "follow_up_introductions",
    "remind_tandems",
    "send_digests",
    "sweep_media",
]
# options of a job in the daily run (its manual default may be more careful)
JOB_OPTIONS: dict[str, dict[str, object]] = {"sweep_media": {"delete": True}}


class Command(BaseCommand):
    help = (
        "The daily jobs in one command, for one cron line: extend recurring series, remind of "
        "due action items and ending agreements, send the daily digests, then delete uploaded "
        "files no record uses."
    )

    def handle(self, *args: object, **options: object) -> None:
        for job in DAILY_JOBS:
            call_command(job, stdout=self.stdout, stderr=self.stderr, **JOB_OPTIONS.get(job, {}))
