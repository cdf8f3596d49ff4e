"""Background tasks of the core: delivering a mail from the outbox."""

from django_tasks import task

from quartier.core.mail import deliver


@task()
def deliver_mail(mail_id: int) -> None:
    deliver(mail_id, due_only=False)
