"""Tandems: an established actor offers mentoring, a new actor asks (or a coordinator
proposes a pair that both confirm), meetings are logged in 15-minute steps, reminders come
from `quartier daily`, and the tandem ends with an outcome and reviews from both sides."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.models import Notification
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.network import tandem_services
from quartier.network.models import Tandem

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    quarter = NeighbourhoodFactory(name="Talviertel")
    mentor = ActorFactory(
        name="Talviertel Wohnen GmbH",
        sector="housing",
        is_established=True,
        neighbourhoods=[quarter],
    )
    mentee = ActorFactory(name="Initiative Ladenleben", sector="creative", neighbourhoods=[quarter])
    manager = UserFactory()
    quarter.managers.add(manager)
    mentor_admin = MembershipFactory(actor=mentor, role="admin").user
    mentee_admin = MembershipFactory(actor=mentee, role="admin").user
    tandem_services.save_mentoring_offer(
        mentor, by=mentor_admin, topics="Fördermittel, Zwischennutzung", capacity=1
    )
    return {
        "quarter": quarter,
        "mentor": mentor,
        "mentee": mentee,
        "manager": manager,
        "mentor_admin": mentor_admin,
        "mentee_admin": mentee_admin,
    }


def ask(pair, **kwargs):
    return tandem_services.request_tandem(
        pair["mentee"],
        pair["mentor"],
        by=pair["mentee_admin"],
        goals="Förderantrag stellen",
        **kwargs,
    )


def test_a_request_is_accepted_sessions_are_logged_and_both_review_the_end(pair):
    tandem = ask(pair, months=3)
    assert tandem.status == "requested" and tandem.neighbourhood == pair["quarter"]
    assert Notification.objects.filter(user=pair["mentor_admin"]).exists()
    tandem = tandem_services.answer_tandem(
        tandem, pair["mentor"], accept=True, by=pair["mentor_admin"]
    )
    assert tandem.status == "active" and tandem.started_on == timezone.localdate()
    assert tandem.ends_on > tandem.started_on
    tandem_services.log_session(
        tandem, by=pair["mentee_admin"], held_on=timezone.localdate(), minutes=90
    )
    with pytest.raises(ValidationError):
        tandem_services.log_session(
            tandem, by=pair["mentee_admin"], held_on=timezone.localdate(), minutes=50
        )
    with pytest.raises(ValidationError):
        tandem_services.log_session(
            tandem,
            by=pair["mentee_admin"],
            held_on=timezone.localdate() + timedelta(days=1),
            minutes=60,
        )
    with pytest.raises(PermissionDenied):
        tandem_services.log_session(
            tandem, by=UserFactory(), held_on=timezone.localdate(), minutes=60
        )
    tandem = tandem_services.complete_tandem(
        tandem,
        by=pair["mentee_admin"],
        actor=pair["mentee"],
        outcome="goals_met",
        review="Hilfreich.",
    )
    assert tandem.status == "completed" and tandem.ended_early
    tandem = tandem_services.review_tandem(
        tandem, by=pair["mentor_admin"], actor=pair["mentor"], review="Gern wieder."
    )
    assert tandem.mentee_review == "Hilfreich." and tandem.mentor_review == "Gern wieder."
    assert tandem.sessions.get().minutes == 90


def test_decline_needs_a_reason_from_the_list(pair):
    tandem = ask(pair)
    with pytest.raises(ValidationError):
        tandem_services.answer_tandem(
            tandem, pair["mentor"], accept=False, by=pair["mentor_admin"], reason="keine Lust"
        )
    tandem = tandem_services.answer_tandem(
        tandem, pair["mentor"], accept=False, by=pair["mentor_admin"], reason="no_capacity"
    )
    assert tandem.status == "declined" and tandem.get_decline_reason_display()
    ask(pair)  # a declined request does not block a new one


def test_one_open_tandem_per_pair_also_in_the_database(pair):
    tandem = ask(pair)
    with pytest.raises(ValidationError):
        ask(pair)
    with pytest.raises(IntegrityError):
        Tandem.objects.create(
            mentor=pair["mentor"],
            mentee=pair["mentee"],
            goals="x",
            low=tandem.low,
            high=tandem.high,
            status="active",
        )


def test_the_mentors_capacity_and_the_agreements_bounds_hold(pair):
    with pytest.raises(ValidationError):
        ask(pair, months=13)
    tandem = ask(pair)
    tandem_services.answer_tandem(tandem, pair["mentor"], accept=True, by=pair["mentor_admin"])
    other = ActorFactory(name="Jugendtreff", neighbourhoods=[pair["quarter"]])
    other_admin = MembershipFactory(actor=other, role="admin").user
    second = tandem_services.request_tandem(
        other, pair["mentor"], by=other_admin, goals="Verein gründen"
    )
    with pytest.raises(ValidationError):
        tandem_services.answer_tandem(second, pair["mentor"], accept=True, by=pair["mentor_admin"])
    with pytest.raises(ValidationError):  # established actors are not mentees
        tandem_services.request_tandem(
            pair["mentor"], pair["mentee"], by=pair["mentor_admin"], goals="x"
        )


def test_a_coordinators_proposal_needs_confirmation_and_both_sides(pair):
    with pytest.raises(PermissionDenied):
        tandem_services.propose_tandem(
            pair["mentor"], pair["mentee"], by=UserFactory(), goals="x", confirmed=True
        )
    with pytest.raises(ValidationError):
        tandem_services.propose_tandem(
            pair["mentor"], pair["mentee"], by=pair["manager"], goals="x"
        )
    tandem = tandem_services.propose_tandem(
        pair["mentor"], pair["mentee"], by=pair["manager"], goals="Raum finden", confirmed=True
    )
    tandem = tandem_services.answer_tandem(
        tandem, pair["mentor"], accept=True, by=pair["mentor_admin"]
    )
    assert tandem.status == "requested"
    tandem = tandem_services.answer_tandem(
        tandem, pair["mentee"], accept=True, by=pair["mentee_admin"]
    )
    assert tandem.status == "active"


def test_daily_reminders_come_once_each(pair):
    tandem = ask(pair)
    now = timezone.now()
    assert tandem_services.send_tandem_reminders(now) == 0
    assert tandem_services.send_tandem_reminders(now + timedelta(days=8)) == 1
    assert tandem_services.send_tandem_reminders(now + timedelta(days=9)) == 0
    tandem_services.answer_tandem(tandem, pair["mentor"], accept=True, by=pair["mentor_admin"])
    Tandem.objects.filter(pk=tandem.pk).update(
        started_on=timezone.localdate() - timedelta(days=100)
    )
    # quiet for six weeks and three months in: a reminder and the check-in
    assert tandem_services.send_tandem_reminders(now) == 2
    assert tandem_services.send_tandem_reminders(now) == 0
    titles = set(
        Notification.objects.filter(user=pair["mentee_admin"]).values_list("title", flat=True)
    )
    assert any("sechs Wochen" in t or "six weeks" in t for t in titles)


def test_pages_and_api_follow_the_same_rules(client, pair):
    client.force_login(pair["mentee_admin"])
    offer = pair["mentor"].mentoring_offer
    assert pair["mentor"].name in client.get(reverse("network:tandems")).content.decode()
    response = client.post(
        reverse("network:tandem_request", args=[offer.pk]),
        {"mentee": pair["mentee"].pk, "goals": "Laden eröffnen", "months": 6, "rhythm": "monthly"},
    )
    tandem = Tandem.objects.get()
    assert response.status_code == 302 and tandem.goals == "Laden eröffnen"
    client.force_login(UserFactory())
    assert client.get(reverse("network:tandem", args=[tandem.pk])).status_code == 404
    assert client.get(f"/api/v1/tandems/{tandem.pk}").status_code == 404
    client.force_login(pair["mentor_admin"])
    answer = client.post(
        f"/api/v1/tandems/{tandem.pk}/accept",
        {"actor": pair["mentor"].pk},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["status"] == "active"
    logged = client.post(
        f"/api/v1/tandems/{tandem.pk}/sessions",
        {"held_on": timezone.localdate().isoformat(), "minutes": 45},
        content_type="application/json",
    )
    assert logged.status_code == 201
    bad = client.post(
        f"/api/v1/tandems/{tandem.pk}/sessions",
        {"held_on": timezone.localdate().isoformat(), "minutes": 10},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert client.get(f"/api/v1/tandems/{tandem.pk}").json()["sessions"][0]["minutes"] == 45
    client.force_login(pair["manager"])
    page = client.get(reverse("network:tandem_propose") + f"?mentee={pair['mentee'].pk}")
    assert page.status_code == 200
