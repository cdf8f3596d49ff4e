"""The outbox: mail leaves the request.

`EMAIL_BACKEND` is `OutboxBackend`: sending a mail anywhere in Quartier (allauth's
confirmation and password-reset mails, notifications, waiting-list mails) only writes an
`OutboxMail` row in the caller's transaction and enqueues `deliver_mail`. The task sends it
through the real backend (`OUTBOX_EMAIL_BACKEND`, from `EMAIL_URL`) with `EMAIL_TIMEOUT`; a
failure is retried with exponential backoff (`OUTBOX_RETRY_SECONDS` doubling) up to
`OUTBOX_MAX_ATTEMPTS` tries. A mail that finally fails is logged, and the notifications it
carried go into the next daily digest."""

import base64
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import Q
from django.utils import timezone

from quartier.core.models import Notification, OutboxMail

logger = logging.getLogger("quartier.mail")

# A header by which notifications.py tells which notifications a mail carries; it is
# taken off before the mail is sent.
NOTIFICATIONS_HEADER = "X-Quartier-Notifications"


def _serialise(message: EmailMessage) -> dict[str, Any]:
    headers = dict(message.extra_headers)
    headers.pop(NOTIFICATIONS_HEADER, None)
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, tuple) or hasattr(attachment, "filename"):
            filename, content, mimetype = attachment
            raw = content.encode() if isinstance(content, str) else content
            attachments.append([filename, base64.b64encode(raw).decode(), mimetype])
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": {k: str(v) for k, v in headers.items()},
        "alternatives": [
            [str(alt[0]), alt[1]] for alt in getattr(message, "alternatives", []) or []
        ],
        "attachments": attachments,
        "content_subtype": message.content_subtype,
    }


def _message(data: dict[str, Any], connection: Any) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        connection=connection,
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data.get("attachments", []):
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def put_in_outbox(message: EmailMessage) -> OutboxMail:
    """Stores one mail and enqueues its delivery (in the caller's transaction)."""
    from quartier.core.tasks import deliver_mail  # noqa: PLC0415 – the task module imports this one

    carried = message.extra_headers.get(NOTIFICATIONS_HEADER, "")
    data = _serialise(message)
    recipients = ", ".join(data["to"] + data["cc"] + data["bcc"])
    mail = OutboxMail.objects.create(
        subject=data["subject"][:300],
        recipients=recipients,
        message=data,
        next_attempt_at=timezone.now(),
        notification_ids=[int(pk) for pk in str(carried).split(",") if pk.strip()],
    )
    deliver_mail.enqueue(mail.pk)
    return mail


class OutboxBackend(BaseEmailBackend):
    """Django's EMAIL_BACKEND for the whole platform: writes into the outbox, never fails."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        stored = 0
        for message in email_messages:
            if not message.recipients():
                continue
            put_in_outbox(message)
            stored += 1
        return stored


def _backoff(attempts: int) -> timedelta:
    return timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** max(0, attempts - 1))


def deliver(mail_id: int, now: datetime | None = None, *, due_only: bool = True) -> str:
    """Sends one mail from the outbox (the body of the `deliver_mail` task, which is only
    enqueued when the mail is due). Returns the new status; a mail that is sent or being sent
    (or, with `due_only`, not due yet) is left alone."""
    now = now or timezone.now()
    pending = OutboxMail.objects.filter(pk=mail_id, status=OutboxMail.Status.PENDING)
    if due_only:
        pending = pending.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    claimed = pending.update(status=OutboxMail.Status.SENDING, claimed_at=now)
    if not claimed:
        return ""
    mail = OutboxMail.objects.get(pk=mail_id)
    attempts = mail.attempts + 1
    try:
        connection = get_connection(
            settings.OUTBOX_EMAIL_BACKEND, fail_silently=False, timeout=settings.EMAIL_TIMEOUT
        )
        _message(mail.message, connection).send()
    except Exception as error:
        return _failed(mail, attempts, f"{type(error).__name__}: {error}", now)
    OutboxMail.objects.filter(pk=mail.pk).update(
        status=OutboxMail.Status.SENT, attempts=attempts, sent_at=timezone.now(), last_error=""
    )
    return OutboxMail.Status.SENT


def _failed(mail: OutboxMail, attempts: int, error: str, now: datetime) -> str:
    from quartier.core.tasks import deliver_mail  # noqa: PLC0415 – the task module imports this one

    if attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        OutboxMail.objects.filter(pk=mail.pk).update(
            status=OutboxMail.Status.FAILED, attempts=attempts, last_error=error[:2000]
        )
        logger.error(
            "Mail %s to %s finally failed after %s attempts: %s",
            mail.pk,
            mail.recipients,
            attempts,
            error,
        )
        if mail.notification_ids:  # they go into the next daily digest instead
            Notification.objects.filter(pk__in=mail.notification_ids).update(
                emailed_at=None, in_digest=True
            )
        return OutboxMail.Status.FAILED
    next_attempt = now + _backoff(attempts)
    OutboxMail.objects.filter(pk=mail.pk).update(
        status=OutboxMail.Status.PENDING,
        attempts=attempts,
        last_error=error[:2000],
        next_attempt_at=next_attempt,
        claimed_at=None,
    )
    logger.warning(
        "Mail %s failed (attempt %s), retrying at %s: %s", mail.pk, attempts, next_attempt, error
    )
    if deliver_mail.get_backend().supports_defer:
        deliver_mail.using(run_after=next_attempt).enqueue(mail.pk)
    return OutboxMail.Status.PENDING


def retry_due_mails(now: datetime | None = None) -> int:
    """Enqueues mails that are due but have no task any more (a lost worker, a backend that
    cannot defer), and takes back mails stuck "being sent" for ten minutes. Run by the
    worker's sweeper and `quartier daily`."""
    from quartier.core.tasks import deliver_mail  # noqa: PLC0415 – the task module imports this one

    now = now or timezone.now()
    OutboxMail.objects.filter(
        status=OutboxMail.Status.SENDING, claimed_at__lt=now - timedelta(minutes=10)
    ).update(status=OutboxMail.Status.PENDING, next_attempt_at=now)
    due = list(
        OutboxMail.objects.filter(
            status=OutboxMail.Status.PENDING,
            next_attempt_at__lte=now - timedelta(seconds=settings.OUTBOX_LOST_AFTER_SECONDS),
        ).values_list("pk", flat=True)[:500]
    )
    for pk in due:
        deliver_mail.enqueue(pk)
    return len(due)
