"""Mail leaves the request: with the mail server refusing connections every user action
still succeeds, the mail waits in the outbox and is retried with backoff; a mail that finally
fails puts its notifications into the daily digest."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.models import User
from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Invitation, Membership
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.mail import deliver, retry_due_mails
from quartier.core.models import Notification, OutboxMail
from quartier.core.notifications import notify, send_digests
from quartier.events.tests.factories import EventFactory

PASSWORD = "Ein-sicheres-Passwort-2026"
REFUSING = override_settings(
    OUTBOX_EMAIL_BACKEND="quartier.core.tests.test_outbox.RefusingBackend",
    OUTBOX_MAX_ATTEMPTS=3,
)


@pytest.fixture(autouse=True)
def _outbox(settings):
    """Django's test environment replaces EMAIL_BACKEND by its list; here mail goes through
    the outbox as in production."""
    settings.EMAIL_BACKEND = "quartier.core.mail.OutboxBackend"


class RefusingBackend(BaseEmailBackend):
    """A mail server that refuses every connection."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError(111, "Connection refused")


def _deliver_later(minutes: int = 60) -> int:
    """The worker's retry, once the mail server is back."""
    return retry_due_mails(now=timezone.now() + timedelta(minutes=minutes))


def _one_failed_attempt(**filters) -> OutboxMail:
    outgoing = OutboxMail.objects.get(**filters)
    assert outgoing.status == OutboxMail.Status.PENDING and outgoing.attempts == 1
    assert "Connection refused" in outgoing.last_error
    assert outgoing.next_attempt_at > timezone.now()  # backoff
    return outgoing


@pytest.mark.django_db
def test_signup_succeeds_while_the_mail_server_refuses_and_the_mail_follows(client):
    with REFUSING:
        response = client.post(
            reverse("account_signup"),
            {"email": "neu@beispiel.example", "password1": PASSWORD, "password2": PASSWORD},
        )
    assert response.status_code == 302
    assert User.objects.filter(email="neu@beispiel.example").exists()
    outgoing = _one_failed_attempt(recipients="neu@beispiel.example")
    assert mail.outbox == []

    assert _deliver_later() == 1
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxMail.Status.SENT and outgoing.attempts == 2
    assert [m.to for m in mail.outbox] == [["neu@beispiel.example"]]
    assert "/konto/" in mail.outbox[0].body  # the confirmation link survived the outbox


@pytest.mark.django_db
def test_password_reset_succeeds_while_the_mail_server_refuses(client):
    user = UserFactory()
    with REFUSING:
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response.status_code == 302
    _one_failed_attempt(recipients=user.email)
    _deliver_later()
    assert len(mail.outbox) == 1 and "/konto/password/reset/key/" in mail.outbox[0].body


@pytest.mark.django_db
def test_cancelling_moves_someone_up_although_the_mail_fails(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=1)
    first = UserFactory()
    second = UserFactory(notification_mode="immediately")
    client.force_login(first)
    client.post(reverse("events:register", args=[event.pk]))
    client.force_login(second)
    client.post(reverse("events:register", args=[event.pk]))
    client.force_login(first)
    with REFUSING, django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("events:cancel_registration", args=[event.pk]))
    assert response.status_code == 302
    assert event.registrations.get(user=second).status == "confirmed"
    _one_failed_attempt(recipients=second.email)
    _deliver_later()
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert event.title in mail.outbox[0].body


@pytest.mark.django_db
def test_inviting_a_member_succeeds_while_the_mail_server_refuses(client):
    """Adding a member invites them (they join on accepting); the invitation is kept and its
    mail sent later although the mail server refused it first."""
    actor = ActorFactory()
    admin = MembershipFactory(actor=actor, role="admin").user
    newcomer = UserFactory()
    client.force_login(admin)
    with REFUSING:
        response = client.post(
            reverse("actors:member_add", args=[actor.slug]),
            {"email": newcomer.email, "role": "editor"},
        )
    assert response.status_code == 302
    assert Invitation.objects.filter(
        actor=actor, email=newcomer.email, role="editor", accepted_at=None
    ).exists()
    assert not Membership.objects.filter(user=newcomer, actor=actor).exists()
    _one_failed_attempt(recipients=newcomer.email)
    _deliver_later()
    assert [m.to for m in mail.outbox] == [[newcomer.email]]


@pytest.mark.django_db
def test_backoff_grows_and_a_finally_failed_notification_goes_into_the_digest(
    django_capture_on_commit_callbacks, caplog
):
    user = UserFactory(notification_mode="immediately")
    with REFUSING:
        with django_capture_on_commit_callbacks(execute=True):
            notify([user], "Neuer Beitrag", url="/dialog/1/")
        outgoing = OutboxMail.objects.get()
        first_wait = outgoing.next_attempt_at - timezone.now()
        # not due yet: a retry now changes nothing
        assert deliver(outgoing.pk) == ""
        assert deliver(outgoing.pk, now=outgoing.next_attempt_at) == "pending"
        outgoing.refresh_from_db()
        assert outgoing.next_attempt_at - timezone.now() > first_wait  # backed off further
        assert deliver(outgoing.pk, now=outgoing.next_attempt_at) == "failed"
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxMail.Status.FAILED and outgoing.attempts == 3
    assert "finally failed" in caplog.text
    notification = Notification.objects.get()
    assert notification.emailed_at is None and notification.in_digest
    # the daily digest carries it instead
    assert send_digests() == 1
    assert len(mail.outbox) == 1 and "Neuer Beitrag" in mail.outbox[0].body
    notification.refresh_from_db()
    assert notification.emailed_at is not None


@pytest.mark.django_db
def test_a_mail_server_that_never_answers_runs_into_the_timeout(client, settings):
    import socket
    import time

    silent = socket.socket()  # accepts connections (the kernel does) but never greets
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    settings.OUTBOX_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", silent.getsockname()[1]
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 1
    user = UserFactory()
    try:
        # the test runs tasks at once; in operation the worker waits, not the request
        response = client.post(reverse("account_reset_password"), {"email": user.email})
        outgoing = OutboxMail.objects.get()
        started = time.monotonic()
        assert deliver(outgoing.pk, now=outgoing.next_attempt_at) == "pending"
        elapsed = time.monotonic() - started
    finally:
        silent.close()
    assert response.status_code == 302
    assert elapsed < 4  # one second of timeout, not for ever
    outgoing.refresh_from_db()
    assert outgoing.status == OutboxMail.Status.PENDING and outgoing.attempts == 2
    assert "timed out" in outgoing.last_error
