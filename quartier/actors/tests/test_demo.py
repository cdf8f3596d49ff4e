"""The fictional demo actors and ties of Musterstadt – Talviertel."""

import re
import time
from collections import Counter
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.management import call_command

from quartier.accounts.models import User
from quartier.actors.complements import distance_km
from quartier.actors.demo import (
    ACTORS,
    CENTRE,
    GENERIC_CONTACT_NAMES,
    HOUSING_USER_EMAIL,
    INITIATIVE_USER_EMAIL,
    ISOLATED_KEYS,
    SLUG_PREFIX,
    TIES,
    TOPICS,
    load_demo_actors,
)
from quartier.actors.models import (
    DIRECTED_KINDS,
    ESTABLISHED_SECTORS,
    Actor,
    ContactPerson,
    Membership,
    Resource,
    ResourceKind,
    Sector,
    Tie,
    Topic,
)
from quartier.core.models import ChangeRecord
from quartier.neighbourhoods.demo import DEMO_SLUG
from quartier.neighbourhoods.models import Challenge, Neighbourhood

pytestmark = pytest.mark.django_db

PERSONAL_NAME = re.compile(r"^[A-ZÄÖÜ][a-zäöüß]+(-[A-ZÄÖÜ][a-zäöüß]+)? [A-ZÄÖÜ][a-zäöüß]+$")


@pytest.fixture
def loaded():
    return load_demo_actors()


def demo_actors():
    return Actor.objects.filter(slug__startswith=SLUG_PREFIX)


def demo_ties():
    actors = demo_actors()
    return Tie.objects.filter(source__in=actors, target__in=actors)


def test_counts_and_every_sector(loaded):
    n_actors, n_ties = loaded
    assert n_actors == demo_actors().count() >= 44
    assert n_ties == demo_ties().count() >= 64
    sectors = Counter(demo_actors().values_list("sector", flat=True))
    assert set(sectors) == set(Sector.values)
    assert all(count >= 2 for count in sectors.values()), sectors


def test_second_run_changes_no_counts_and_keeps_records(loaded):
    models = [Actor, Tie, Resource, ContactPerson, Topic, Membership, User, EmailAddress]
    before = {m.__name__: m.objects.count() for m in models}
    tie_ids = set(demo_ties().values_list("pk", flat=True))
    resource_ids = set(Resource.objects.values_list("pk", flat=True))
    assert load_demo_actors() == loaded
    assert {m.__name__: m.objects.count() for m in models} == before
    assert set(demo_ties().values_list("pk", flat=True)) == tie_ids
    assert set(Resource.objects.values_list("pk", flat=True)) == resource_ids
    assert Neighbourhood.objects.filter(is_fictional=True).count() == 1


def test_second_run_restores_edited_demo_data(loaded):
    actor = Actor.objects.get(slug=SLUG_PREFIX + "ladenleben")
    actor.goals = "geändert"
    actor.save()
    actor.resources.all().delete()
    load_demo_actors()
    actor.refresh_from_db()
    spec = next(a for a in ACTORS if a.key == "ladenleben")
    assert actor.goals == spec.goals
    assert actor.resources.count() == len(spec.offers) + len(spec.needs)


def test_a_second_run_that_changes_nothing_is_quick(loaded):
    start = time.perf_counter()
    load_demo_actors()
    assert time.perf_counter() - start < 3


def test_actors_and_ties_are_written_through_the_services_with_a_history(loaded):
    """Every demo actor has the history record of its creation, and every answered tie the
    records of its proposal and its answer, as if members had entered them."""
    for actor in demo_actors():
        assert actor.memberships.filter(role=Membership.Role.ADMIN).exists(), actor
        assert ChangeRecord.objects.filter(
            content_type__model="actor", object_id=str(actor.pk), action="created"
        ).exists()
    for tie in demo_ties():
        actions = set(
            ChangeRecord.objects.filter(
                content_type__model="tie", object_id=str(tie.pk)
            ).values_list("action", flat=True)
        )
        expected = {"created"} | {
            Tie.Status.CONFIRMED: {"confirmed"},
            Tie.Status.REJECTED: {"rejected"},
        }.get(tie.status, set())
        assert actions == expected, tie


def test_isolated_actors_have_no_ties_and_all_others_have_some(loaded):
    keys_in_ties = {t["source"] for t in TIES} | {t["target"] for t in TIES}
    assert len(ISOLATED_KEYS) >= 3
    assert not ISOLATED_KEYS & keys_in_ties
    for spec in ACTORS:
        actor = Actor.objects.get(slug=spec.slug)
        has_ties = actor.ties_out.exists() or actor.ties_in.exists()
        assert has_ties == (spec.key not in ISOLATED_KEYS), spec.key


def test_ties_cover_every_kind_and_status_and_follow_the_rules(loaded):
    ties = list(demo_ties())
    assert {t.kind for t in ties} == set(Tie.Kind.values)
    statuses = Counter(t.status for t in ties)
    assert statuses[Tie.Status.CONFIRMED] > len(ties) / 2
    assert statuses[Tie.Status.UNCONFIRMED] >= 3
    assert statuses[Tie.Status.REJECTED] >= 2
    assert {t.origin for t in ties} == set(Tie.Origin.values)
    for tie in ties:
        assert tie.directed == (tie.kind in DIRECTED_KINDS)
        assert tie.claimed_by_id == tie.source_id
        assert tie.since is not None
        assert (tie.answered_at is None) == (tie.status == Tie.Status.UNCONFIRMED)
        tie.full_clean()
    pairs = Counter(
        (frozenset((t.source_id, t.target_id)), t.kind)
        for t in ties
        if t.status != Tie.Status.REJECTED
    )
    assert max(pairs.values()) == 1


def test_brokers_connect_the_clusters(loaded):
    def neighbours(key):
        actor = Actor.objects.get(slug=SLUG_PREFIX + key)
        ties = demo_ties().filter(status=Tie.Status.CONFIRMED)
        out = ties.filter(source=actor).values_list("target__sector", flat=True)
        inc = ties.filter(target=actor).values_list("source__sector", flat=True)
        return set(out) | set(inc)

    assert {Sector.UNIVERSITY, Sector.CIVIL_SOCIETY, Sector.HOUSING, Sector.SCHOOL} <= (
        neighbours("campusbuero")
    )
    assert {Sector.CULTURE, Sector.MUNICIPAL, Sector.BUSINESS} <= neighbours("kulturamt")


def test_actors_are_fictional_complete_and_in_the_neighbourhood(loaded):
    neighbourhood = Neighbourhood.objects.get(slug=DEMO_SLUG)
    assert neighbourhood.is_fictional
    for actor in Actor.objects.prefetch_related("neighbourhoods", "topics"):
        assert neighbourhood in actor.neighbourhoods.all(), actor
        assert actor.topics.exists(), actor
        assert actor.is_established == (actor.sector in ESTABLISHED_SECTORS)
        assert actor.postcode == "39999" and actor.city == "Musterstadt"
        assert actor.has_position
        assert distance_km(*CENTRE, actor.latitude, actor.longitude) < 1.2, actor
        if actor.website:
            assert ".musterstadt.example" in actor.website
        actor.full_clean()
    assert set(Topic.objects.values_list("name", flat=True)) >= set(TOPICS)
    assert len({a.latitude for a in Actor.objects.all()}) > 30  # scattered, not stacked


def test_names_say_they_are_invented():
    """Each name is tied to the invented town or marked as fictional, so that no demo actor
    can be taken for a real organisation of the same name."""
    for spec in ACTORS:
        assert any(mark in spec.name for mark in ("Musterstadt", "Talviertel", "(fiktiv)"))
    assert len({spec.name for spec in ACTORS}) == len({spec.key for spec in ACTORS}) == len(ACTORS)


def test_neighbourhood_profile(loaded):
    neighbourhood = Neighbourhood.objects.get(slug=DEMO_SLUG)
    assert neighbourhood.situation_type == "rural_town"
    assert neighbourhood.context == "peripheral_weak"
    assert set(neighbourhood.challenges) <= set(Challenge.values)
    assert {"vacancy", "retail_decline", "youth_exodus"} <= set(neighbourhood.challenges)
    assert neighbourhood.possibilities and neighbourhood.restrictions
    assert (neighbourhood.latitude, neighbourhood.longitude) == CENTRE
    boundary = neighbourhood.boundary
    assert boundary["type"] == "Polygon"
    ring = boundary["coordinates"][0]
    assert len(ring) >= 4 and ring[0] == ring[-1]
    for lon, lat in ring:
        assert 0.7 < distance_km(*CENTRE, lat, lon) < 1.3


def test_offers_and_needs(loaded):
    resources = Resource.objects.filter(actor__in=demo_actors())
    for resource in resources:
        resource.full_clean()
    spaces = resources.filter(kind=ResourceKind.SPACE)
    assert not spaces.filter(area_m2__isnull=True).exists()
    assert not spaces.exclude(neighbourhood__slug=DEMO_SLUG).exists()
    housing = Actor.objects.get(slug=SLUG_PREFIX + "talviertel-wohnen")
    assert housing.resources.filter(
        direction="offer", kind="space", area_m2=120, note__contains="Marktgasse 3"
    ).exists()
    initiative = Actor.objects.get(slug=SLUG_PREFIX + "ladenleben")
    assert set(initiative.resources.filter(direction="need").values_list("kind", flat=True)) >= {
        "space",
        "money",
        "know_how",
        "publicity",
    }
    assert initiative.resources.filter(direction="need", kind="know_how").exclude(topic="")
    # every kind occurs both as an offer and as a need somewhere
    for direction in ("offer", "need"):
        assert set(resources.filter(direction=direction).values_list("kind", flat=True)) == set(
            ResourceKind.values
        )


def test_contacts_are_roles_with_demo_addresses(loaded):
    contacts = ContactPerson.objects.filter(actor__in=demo_actors())
    assert contacts.count() == len(ACTORS)
    for contact in contacts:
        assert contact.name in GENERIC_CONTACT_NAMES
        assert not PERSONAL_NAME.match(contact.name)
        assert contact.public_consent
        assert contact.email.endswith("@musterstadt.example")
        assert not contact.phone
        contact.full_clean()
    assert (
        not ContactPerson.objects.exclude(email="")
        .exclude(email__endswith="@musterstadt.example")
        .exists()
    )


def test_demo_members_can_log_in_and_administer_their_actor(loaded, client):
    for email, key in [
        (INITIATIVE_USER_EMAIL, "ladenleben"),
        (HOUSING_USER_EMAIL, "talviertel-wohnen"),
    ]:
        user = User.objects.get(email=email)
        assert not user.is_staff and not user.is_superuser
        assert EmailAddress.objects.get(user=user, email=email).verified
        membership = Membership.objects.get(user=user)
        assert membership.actor.slug == SLUG_PREFIX + key
        assert membership.role == Membership.Role.ADMIN
        assert client.login(email=email, password=settings.DEMO_ADMIN_PASSWORD)
        client.logout()
    admin = User.objects.get(email=settings.DEMO_ADMIN_EMAIL)
    assert admin.is_superuser
    assert Neighbourhood.objects.get(slug=DEMO_SLUG).managers.filter(pk=admin.pk).exists()


def test_demo_command_reports_actors_and_ties():
    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=out)
    text = out.getvalue()
    assert f"{len(ACTORS)} Akteuren und {len(TIES)} Beziehungen" in text
    assert INITIATIVE_USER_EMAIL in text and HOUSING_USER_EMAIL in text
    assert demo_actors().count() == len(ACTORS)
    assert User.objects.filter(is_superuser=True).count() == 1
