"""“Meine Übersicht”: each area's panel shows what waits for the signed-in person, with the one
action it needs – and nothing of anybody else."""

import pytest
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.models import Notification
from quartier.events.models import ActionItem, Registration
from quartier.events.tests.factories import ActionItemFactory, EventFactory
from quartier.knowledge.models import Article
from quartier.knowledge.tests.factories import ArticleFactory
from quartier.network.models import Introduction
from quartier.places.models import Match
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory

pytestmark = pytest.mark.django_db


def _world(person, n: int = 1):
    """n of everything that waits for `person`, and the same for somebody else."""
    mine = ActorFactory(name="Ladenleben")
    MembershipFactory(actor=mine, user=person)
    for i in range(n):
        ActionItemFactory(owner=person, title=f"Protokoll verschicken {i}")
        Registration.objects.create(
            event=EventFactory(title=f"Runder Tisch {i}"), user=person, status="waiting"
        )
        Notification.objects.create(user=person, title=f"Neuer Ort {i}", url="/orte/")
        other = ActorFactory(name=f"Wohnen {i}")
        low, high = sorted([mine.pk, other.pk])
        Introduction.objects.create(first=mine, second=other, note="", low=low, high=high)
        owned = PlaceFactory(name=f"Ladenlokal {i}", owner=mine)
        Match.objects.create(request=SpaceRequestFactory(), place=owned, status="requested")
    ActionItemFactory(title="Fremde Aufgabe")
    ActionItemFactory(owner=person, title="Erledigt", status=ActionItem.Status.DONE)
    Match.objects.create(request=SpaceRequestFactory(), place=PlaceFactory(name="Fremder Ort"))
    ArticleFactory(title="Entwurf in Prüfung", status=Article.Status.IN_REVIEW)


def test_the_overview_shows_each_waiting_step_with_its_action(client):
    person = UserFactory()
    _world(person)
    client.force_login(person)
    page = client.get(reverse("core:overview")).content.decode()
    for expected in [
        "Meine offenen Aufgaben",
        "Protokoll verschicken 0",
        "Protokoll öffnen",
        "Meine Anmeldungen",
        "Runder Tisch 0",
        "auf der Warteliste",
        "Vorstellungen, die auf Ihre Antwort warten",
        "Ladenleben – Wohnen 0",
        "Orte: Ihr Schritt ist dran",
        "Anfrage beantworten",
        "Ungelesene Benachrichtigungen",
        "Neuer Ort 0",
    ]:
        assert expected in page, expected
    for foreign in ["Fremde Aufgabe", "Erledigt", "Fremder Ort", "Entwurf in Prüfung"]:
        assert foreign not in page, foreign


def test_an_editor_sees_the_drafts_in_review_and_nobody_else_does(client):
    ArticleFactory(title="Entwurf in Prüfung", status=Article.Status.IN_REVIEW)
    editor = UserFactory(is_staff=True)
    client.force_login(editor)
    assert "Entwurf in Prüfung" in client.get(reverse("core:overview")).content.decode()
    client.force_login(UserFactory())
    page = client.get(reverse("core:overview")).content.decode()
    assert "Entwurf in Prüfung" not in page and "Gerade wartet nichts auf Sie." in page


def test_panels_show_five_items_and_the_total_and_queries_do_not_grow(
    client, django_assert_max_num_queries
):
    few, many = UserFactory(), UserFactory()
    _world(few, 1)
    _world(many, 8)
    client.force_login(few)
    with django_assert_max_num_queries(25) as small:
        client.get(reverse("core:overview"))
    client.force_login(many)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse("core:overview")).content.decode()
    assert "Protokoll verschicken 4" in page and "Protokoll verschicken 5" not in page
    assert "8 insgesamt" in page


def test_visitors_log_in_first_and_land_on_the_overview(client):
    assert client.get(reverse("core:overview"))["Location"].startswith("/konto/login/")
    person = UserFactory()
    response = client.post("/konto/login/", {"login": person.email, "password": PASSWORD})
    assert response["Location"] == reverse("core:overview")


def test_a_registration_in_the_past_or_cancelled_is_not_shown(client):
    person = UserFactory()
    past = EventFactory(title="Vorbei")
    past.start = timezone.now() - timezone.timedelta(days=3)
    past.end = past.start + timezone.timedelta(hours=2)
    past.save()
    Registration.objects.create(event=past, user=person, status="confirmed")
    Registration.objects.create(
        event=EventFactory(title="Abgesagt"), user=person, status="cancelled"
    )
    client.force_login(person)
    page = client.get(reverse("core:overview")).content.decode()
    assert "Vorbei" not in page and "Abgesagt" not in page
