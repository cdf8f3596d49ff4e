"""Advice hours ("Sprechstunde") booked from the tandem page: a side of a running tandem sees
the next office hours of its mentor and of intermediaries and books one for its actor – on
the page and through the API, with the same rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory
from quartier.events.models import Registration
from quartier.events.tests.factories import EventFactory
from quartier.network import tandem_services
from quartier.network.selectors import advice_hours

from .test_tandems import ask, pair  # noqa: F401 – the fixture

pytestmark = pytest.mark.django_db


def office_hours(organiser, days=3, **kwargs):
    start = timezone.now() + timedelta(days=days)
    return EventFactory(
        title=kwargs.pop("title", f"Sprechstunde {organiser.name}"),
        format=kwargs.pop("format", "office_hours"),
        start=start,
        end=start + timedelta(hours=1),
        organisers=[organiser],
        **kwargs,
    )


@pytest.fixture
def running(pair):  # noqa: F811
    tandem = ask(pair)
    tandem_services.answer_tandem(tandem, pair["mentor"], accept=True, by=pair["mentor_admin"])
    tandem.refresh_from_db()
    intermediary = ActorFactory(name="Quartiersbüro", sector="intermediary")
    return {**pair, "tandem": tandem, "intermediary": intermediary}


def test_only_upcoming_office_hours_of_the_mentor_and_intermediaries_are_offered(running):
    mine = office_hours(running["mentor"], days=2)
    theirs = office_hours(running["intermediary"], days=5, capacity=1)
    office_hours(running["intermediary"], title="Workshop", format="creative_workshop")
    office_hours(ActorFactory(name="Kulturverein", sector="culture"), title="Fremde Sprechstunde")
    office_hours(running["mentor"], days=-1, title="Vorbei")
    office_hours(running["mentor"], title="Abgesagt", cancelled=True)
    offered = advice_hours(running["tandem"], running["mentee_admin"])
    assert [e.pk for e in offered] == [mine.pk, theirs.pk]
    assert offered[1].seats_left == 1 and offered[1].organiser_names == "Quartiersbüro"


def test_the_mentee_books_from_the_tandem_page_and_sees_the_booking(client, running):
    event = office_hours(running["intermediary"], capacity=1)
    url = reverse("network:tandem", args=[running["tandem"].pk])
    client.force_login(running["mentee_admin"])
    page = client.get(url).content.decode()
    assert "Sprechstunde Quartiersbüro" in page and 'value="book"' in page
    assert '<h2 id="advice-title">Sprechstunden</h2>' in page  # German UI
    response = client.post(url, {"action": "book", "event": event.pk})
    assert response.status_code == 302
    registration = Registration.objects.get(event=event)
    assert registration.user == running["mentee_admin"]
    assert registration.actor == running["mentee"]
    assert registration.status == Registration.Status.CONFIRMED
    assert 'value="book"' not in client.get(url).content.decode()
    # the seat is taken: the mentor's side lands on the waiting list
    client.force_login(running["mentor_admin"])
    client.post(url, {"action": "book", "event": event.pk})
    assert Registration.objects.get(user=running["mentor_admin"]).status == "waiting"


def test_no_booking_of_other_events_nor_by_outsiders_nor_before_the_tandem_runs(pair):  # noqa: F811
    tandem = ask(pair)
    intermediary = ActorFactory(sector="intermediary")
    event = office_hours(intermediary)
    with pytest.raises(ValidationError):  # not running yet
        tandem_services.book_advice_hour(
            tandem, event, by=pair["mentee_admin"], actor=pair["mentee"]
        )
    tandem_services.answer_tandem(tandem, pair["mentor"], accept=True, by=pair["mentor_admin"])
    tandem.refresh_from_db()
    with pytest.raises(PermissionDenied):
        tandem_services.book_advice_hour(tandem, event, by=UserFactory(), actor=pair["mentee"])
    workshop = office_hours(intermediary, format="creative_workshop")
    with pytest.raises(ValidationError):
        tandem_services.book_advice_hour(
            tandem, workshop, by=pair["mentee_admin"], actor=pair["mentee"]
        )
    with pytest.raises(ValidationError):  # not a side of the tandem
        tandem_services.book_advice_hour(tandem, event, by=pair["mentee_admin"], actor=intermediary)
    assert not Registration.objects.exists()


def test_the_api_lists_and_books_advice_hours_with_the_pages_rules(client, running):
    event = office_hours(running["mentor"])
    tandem = running["tandem"]
    client.force_login(UserFactory())
    assert client.get(f"/api/v1/tandems/{tandem.pk}/advice-hours").status_code == 404
    client.force_login(running["mentee_admin"])
    listed = client.get(f"/api/v1/tandems/{tandem.pk}/advice-hours").json()
    assert [(e["id"], e["booking"]) for e in listed] == [(event.pk, None)]
    booked = client.post(
        f"/api/v1/tandems/{tandem.pk}/advice-hours/{event.pk}/booking",
        {"actor": running["mentee"].pk},
        content_type="application/json",
    )
    assert booked.status_code == 201
    assert booked.json() == {
        "event": event.pk,
        "actor": running["mentee"].pk,
        "status": "confirmed",
    }
    listed = client.get(f"/api/v1/tandems/{tandem.pk}/advice-hours").json()
    assert listed[0]["booking"] == "confirmed"
    other = office_hours(ActorFactory(sector="culture"))
    refused = client.post(
        f"/api/v1/tandems/{tandem.pk}/advice-hours/{other.pk}/booking",
        {"actor": running["mentee"].pk},
        content_type="application/json",
    )
    assert refused.status_code == 422
