"""Warm introductions: both sides accept before contact details are shared, an accepted
introduction creates a tie „angebahnt“, no introduction to opted-out or tied actors or twice
within the period, a follow-up after eight weeks, and the API with the same rules."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import ContactPerson
from quartier.actors.tests.factories import ActorFactory, MembershipFactory, TieFactory
from quartier.core.models import Notification
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.network import services
from quartier.network.models import Introduction

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair():
    quarter = NeighbourhoodFactory()
    manager = UserFactory()
    quarter.managers.add(manager)
    shops = ActorFactory(name="Initiative Leere Läden", neighbourhoods=[quarter])
    housing = ActorFactory(name="Wohnbau Talviertel", sector="housing", neighbourhoods=[quarter])
    ContactPerson.objects.create(actor=housing, name="Frau Berger", email="berger@wohnbau.example")
    ContactPerson.objects.create(actor=shops, name="Herr Kaya", email="kaya@laeden.example")
    return {
        "manager": manager,
        "shops": shops,
        "housing": housing,
        "shops_admin": MembershipFactory(actor=shops).user,
        "housing_admin": MembershipFactory(actor=housing).user,
    }


def propose(pair):
    return services.propose_introduction(
        pair["shops"],
        pair["housing"],
        note="Ihr sucht Raum, sie haben Leerstand.",
        by=pair["manager"],
    )


def test_contact_is_shared_only_after_both_accept_and_the_tie_is_initiated(client, pair):
    introduction = propose(pair)
    client.force_login(pair["shops_admin"])
    url = reverse("network:introduction", args=[introduction.pk])
    client.post(url, {"action": "accept"})
    assert "berger@wohnbau.example" not in client.get(url).content.decode()
    client.force_login(pair["housing_admin"])
    client.post(url, {"action": "accept"})
    introduction.refresh_from_db()
    assert introduction.status == "accepted"
    assert introduction.tie.status == "initiated"
    assert "kaya@laeden.example" in client.get(url).content.decode()
    client.force_login(pair["shops_admin"])
    assert "berger@wohnbau.example" in client.get(url).content.decode()


def test_a_decline_needs_a_reason_and_ends_the_introduction(pair):
    introduction = propose(pair)
    with pytest.raises(ValidationError):
        services.answer_introduction(
            introduction, pair["housing"], accept=False, by=pair["housing_admin"]
        )
    services.answer_introduction(
        introduction,
        pair["housing"],
        accept=False,
        by=pair["housing_admin"],
        reason="Keine Räume frei",
    )
    introduction.refresh_from_db()
    assert introduction.status == "declined" and introduction.decline_reason == "Keine Räume frei"
    assert introduction.tie is None


def test_no_introduction_to_an_opted_out_actor_a_tied_pair_or_twice(pair):
    services.set_opt_out(pair["housing"], True, by=pair["housing_admin"])
    with pytest.raises(ValidationError, match=r"nicht vorgestellt|does not want"):
        propose(pair)
    services.set_opt_out(pair["housing"], False, by=pair["housing_admin"])
    introduction = propose(pair)
    with pytest.raises(ValidationError):
        propose(pair)
    Introduction.objects.filter(pk=introduction.pk).update(
        status="withdrawn", created_at=timezone.now() - timedelta(days=400)
    )
    propose(pair)  # after the period it is possible again
    other = ActorFactory()
    TieFactory(source=pair["shops"], target=other)
    with pytest.raises(ValidationError):
        services.propose_introduction(pair["shops"], other, note="x", by=pair["manager"])


def test_the_database_refuses_a_second_open_introduction_of_a_pair(pair):
    introduction = propose(pair)
    with pytest.raises(IntegrityError):
        Introduction.objects.create(
            first=pair["housing"],
            second=pair["shops"],
            note="doppelt",
            low=introduction.low,
            high=introduction.high,
        )


def test_only_brokers_or_an_administrator_of_a_side_propose(pair):
    with pytest.raises(PermissionDenied):
        services.propose_introduction(pair["shops"], pair["housing"], note="x", by=UserFactory())


def test_both_sides_are_asked_after_eight_weeks(pair):
    introduction = propose(pair)
    services.answer_introduction(introduction, pair["shops"], accept=True, by=pair["shops_admin"])
    services.answer_introduction(
        introduction, pair["housing"], accept=True, by=pair["housing_admin"]
    )
    assert services.send_introduction_follow_ups() == 0
    later = timezone.now() + timedelta(weeks=8, days=1)
    assert services.send_introduction_follow_ups(now=later) == 1
    assert services.send_introduction_follow_ups(now=later) == 0
    assert Notification.objects.filter(user=pair["housing_admin"]).count() >= 2


def test_a_cooperation_outcome_confirms_the_tie(pair):
    introduction = propose(pair)
    services.answer_introduction(introduction, pair["shops"], accept=True, by=pair["shops_admin"])
    services.answer_introduction(
        introduction, pair["housing"], accept=True, by=pair["housing_admin"]
    )
    services.record_outcome(introduction, "cooperation", by=pair["shops_admin"])
    introduction.refresh_from_db()
    assert introduction.outcome == "cooperation"
    assert introduction.tie.status == "confirmed"


def test_the_api_proposes_accepts_and_declines_with_the_pages_rules(client, pair):
    client.force_login(pair["manager"])
    response = client.post(
        "/api/v1/introductions",
        {"first": pair["shops"].pk, "second": pair["housing"].pk, "note": "Bitte kennenlernen"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    client.force_login(UserFactory())
    assert client.get(f"/api/v1/introductions/{pk}").status_code == 404
    client.force_login(pair["shops_admin"])
    answer = client.post(
        f"/api/v1/introductions/{pk}/accept",
        {"actor": pair["shops"].pk},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["first_answer"] == "accepted"
    client.force_login(pair["housing_admin"])
    answer = client.post(
        f"/api/v1/introductions/{pk}/decline",
        {"actor": pair["housing"].pk, "reason": "Keine Kapazität"},
        content_type="application/json",
    )
    assert answer.status_code == 200 and answer.json()["status"] == "declined"


def test_the_network_api_hides_private_actors(client, pair):
    secret = ActorFactory(name="Geheim", visibility="private")
    secret.neighbourhoods.set(pair["shops"].neighbourhoods.all())
    quarter = pair["shops"].neighbourhoods.first()
    response = client.get(f"/api/v1/network/graph?neighbourhood={quarter.pk}")
    if response.status_code == 503:  # computed after the commit of the first request
        from quartier.network.models import NetworkSnapshot
        from quartier.network.services import compute_snapshot

        compute_snapshot(NetworkSnapshot.objects.get(audience="public").pk)
        response = client.get(f"/api/v1/network/graph?neighbourhood={quarter.pk}")
    assert response.status_code == 200
    names = {n["name"] for n in response.json()["nodes"]}
    assert "Geheim" not in names and "Wohnbau Talviertel" in names
    for path in ("metrics", "communities"):
        assert client.get(f"/api/v1/network/{path}?neighbourhood={quarter.pk}").status_code == 200
    assert client.get("/api/v1/network/graph").status_code == 422  # no scope given
