import datetime

import pytest
from django.core import mail
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import MembershipFactory
from quartier.core.models import Notification
from quartier.core.notifications import notify, send_digests
from quartier.places.models import Place
from quartier.places.services import save_place
from quartier.places.tests.factories import SpaceRequestFactory

pytestmark = pytest.mark.django_db


def new_place(**fields):
    defaults = {
        "name": "Neuer Laden",
        "kind": "shop",
        "status": "vacant",
        "area_m2": 80,
        "latitude": 51.7,
        "longitude": 11.74,
        "rent_eur_month": 200,
        "available_from": datetime.date(2026, 12, 1),
        "uses": ["gallery"],
        "features": ["ground_floor", "shop_window"],
    }
    return Place(**{**defaults, **fields})


def test_a_new_fitting_place_notifies_the_initiative(django_capture_on_commit_callbacks):
    member = MembershipFactory().user
    SpaceRequestFactory(actor=member.memberships.get().actor, title="Galerie gesucht")
    with django_capture_on_commit_callbacks(execute=True):
        save_place(new_place(), by=UserFactory())
    [notification] = Notification.objects.filter(user=member)
    assert "Galerie gesucht" in notification.title and notification.url.startswith("/orte/")


def test_a_place_that_fits_badly_notifies_nobody(django_capture_on_commit_callbacks):
    member = MembershipFactory().user
    SpaceRequestFactory(actor=member.memberships.get().actor)
    with django_capture_on_commit_callbacks(execute=True):
        save_place(new_place(area_m2=20), by=UserFactory())
    assert not Notification.objects.exists()


def test_one_digest_per_day_and_never_an_empty_one():
    daily = UserFactory()
    quiet = UserFactory(notification_mode="off")
    notify([daily, quiet], "Ein Ort passt")
    notify([daily], "Noch ein Ort passt")
    assert send_digests() == 1
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [daily.email]
    assert "Ein Ort passt" in mail.outbox[0].body and "Noch ein Ort passt" in mail.outbox[0].body
    notify([daily], "Am selben Tag")
    assert send_digests() == 0 and len(mail.outbox) == 1  # at most one per day
    daily.refresh_from_db()
    daily.last_digest_at = timezone.now() - datetime.timedelta(days=1)
    daily.save()
    assert send_digests() == 1 and "Am selben Tag" in mail.outbox[-1].body
    assert send_digests() == 0  # nothing new: no empty digest


def test_immediate_mode_mails_at_once(django_capture_on_commit_callbacks):
    eager = UserFactory(notification_mode="immediately")
    with django_capture_on_commit_callbacks(execute=True):
        notify([eager], "Sofort")
    assert len(mail.outbox) == 1 and "Sofort" in mail.outbox[0].body


def test_the_same_unread_notification_is_not_repeated():
    user = UserFactory()
    notify([user], "Ein Ort passt", url="/orte/1/")
    notify([user], "Ein Ort passt", url="/orte/1/")
    assert Notification.objects.count() == 1


def test_notifications_page_shows_only_mine_and_marks_read(client):
    me, other = UserFactory(), UserFactory()
    notify([me], "Für mich")
    notify([other], "Für jemand anderen")
    client.force_login(me)
    page = client.get("/benachrichtigungen/").content.decode()
    assert "Für mich" in page and "Für jemand anderen" not in page
    client.post("/benachrichtigungen/")
    assert not Notification.objects.filter(user=me, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=other, read_at__isnull=True).exists()
