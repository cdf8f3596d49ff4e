"""Services for notifications: create them (and mail them at once for those who want it),
and send the daily digest – one e-mail per person and day at most, never an empty one."""

from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from quartier.accounts.models import User
from quartier.core.mail import NOTIFICATIONS_HEADER
from quartier.core.models import Notification

DIGEST_INTERVAL = timedelta(hours=20)  # "daily", with room for a cron job's drift


def notify(
    users: list[User],
    title: str,
    body: str = "",
    url: str = "",
    modes: dict[int, str] | None = None,
) -> int:
    """Notifies each person once (the same title and link are not repeated while unread).

    `modes` overrides a person's general setting for this message (by user id): a discussion
    thread may be followed immediately, in the daily digest, or not at all ("off")."""
    created = 0
    modes = modes or {}
    for user in {u.pk: u for u in users}.values():
        mode = modes.get(user.pk, user.notification_mode)
        if mode == "off" and user.pk in modes:
            continue
        if Notification.objects.filter(
            user=user, title=title, url=url, read_at__isnull=True
        ).exists():
            continue
        notification = Notification.objects.create(
            user=user, title=title, body=body, url=url, in_digest=mode == "daily"
        )
        created += 1
        if mode == "immediately":
            transaction.on_commit(partial(_send, [notification]))
    return created


def _send(notifications: list[Notification]) -> None:
    user = notifications[0].user
    with translation.override(settings.LANGUAGE_CODE):
        text = render_to_string(
            "core/email/notifications.txt",
            {
                "user": user,
                "notifications": notifications,
                "base_url": settings.SITE_URL.rstrip("/"),
            },
        )
    subject, _blank, body = text.partition("\n\n")
    # the outbox sends it; should it finally fail, these notifications go into the digest
    carried = ",".join(str(n.pk) for n in notifications)
    EmailMessage(
        subject.strip(), body, None, [user.email], headers={NOTIFICATIONS_HEADER: carried}
    ).send()
    Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
        emailed_at=timezone.now()
    )


def send_digests() -> int:
    """Sends the daily digest to everybody who chose it and has unsent notifications;
    returns the number of e-mails."""
    now = timezone.now()
    pending = (
        Notification.objects.filter(
            emailed_at__isnull=True,
            read_at__isnull=True,
            user__is_active=True,
        )
        .filter(Q(user__notification_mode="daily") | Q(in_digest=True))
        .select_related("user")
        .order_by("user_id", "created_at")
    )
    by_user: dict[int, list[Notification]] = {}
    for notification in pending:
        by_user.setdefault(notification.user_id, []).append(notification)
    sent = 0
    for notifications in by_user.values():
        user = notifications[0].user
        if user.last_digest_at and now - user.last_digest_at < DIGEST_INTERVAL:
            continue
        _send(notifications)
        User.objects.filter(pk=user.pk).update(last_digest_at=now)
        sent += 1
    return sent


def mark_all_read(user: User) -> int:
    """Marks every unread notification of the person as read; returns how many."""
    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
