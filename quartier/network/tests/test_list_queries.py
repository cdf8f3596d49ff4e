"""The lists of the network area issue the same number of queries for one row as for many:
the tandem list (tandems and mentoring offers), a tandem's page (meetings and advice hours)
and the list of introductions."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.events.tests.factories import EventFactory
from quartier.network.models import Introduction, MentoringOffer, Tandem, TandemSession

pytestmark = pytest.mark.django_db

MANY = 15


@pytest.fixture
def member():
    """A person who administers a new actor and an established one."""
    user = UserFactory()
    new = ActorFactory(name="Initiative Ladenleben", sector="creative")
    established = ActorFactory(name="Wohnbau Talviertel", sector="housing", is_established=True)
    for actor in (new, established):
        MembershipFactory(actor=actor, user=user, role="admin")
    return {"user": user, "new": new, "established": established}


def ends(a, b):
    """The pair's numbers in order, as the services store them."""
    return {"low": min(a.pk, b.pk), "high": max(a.pk, b.pk)}


def add_tandems(member, count):
    for _ in range(count):
        mentor = ActorFactory(sector="welfare", is_established=True)
        MentoringOffer.objects.create(actor=mentor, topics="Fördermittel", capacity=3)
        Tandem.objects.create(
            mentor=mentor,
            mentee=member["new"],
            requested_by=member["user"],
            goals="Förderantrag stellen",
            months=6,
            **ends(mentor, member["new"]),
        )


def add_introductions(member, count):
    for _ in range(count):
        other = ActorFactory(sector="housing")
        Introduction.objects.create(
            first=member["new"],
            second=other,
            proposed_by=member["user"],
            note="Raum gesucht, Raum frei",
            **ends(member["new"], other),
        )


@pytest.mark.parametrize(
    ("url", "add", "bound"),
    [
        (reverse("network:tandems"), add_tandems, 10),
        (reverse("network:introductions"), add_introductions, 4),
    ],
)
def test_a_list_needs_as_many_queries_for_many_rows_as_for_one(
    client, member, django_assert_max_num_queries, url, add, bound
):
    client.force_login(member["user"])
    add(member, 1)
    with django_assert_max_num_queries(bound):
        assert client.get(url).status_code == 200
    add(member, MANY - 1)
    with django_assert_max_num_queries(bound):
        page = client.get(url)
    assert page.status_code == 200
    assert page.content.decode().count("Initiative Ladenleben") >= MANY


def test_the_tandem_page_needs_as_many_queries_for_many_meetings_and_advice_hours(
    client, member, django_assert_max_num_queries
):
    mentor = ActorFactory(name="Quartiersbüro", sector="intermediary", is_established=True)
    tandem = Tandem.objects.create(
        mentor=mentor,
        mentee=member["new"],
        requested_by=member["user"],
        goals="Laden eröffnen",
        months=6,
        status=Tandem.Status.ACTIVE,
        started_on=timezone.localdate() - timedelta(days=60),
        **ends(mentor, member["new"]),
    )

    def add(count):
        for i in range(count):
            TandemSession.objects.create(
                tandem=tandem, held_on=timezone.localdate() - timedelta(days=i), minutes=30
            )
            start = timezone.now() + timedelta(days=i + 1)
            EventFactory(
                title="Offene Sprechstunde",
                format="office_hours",
                start=start,
                end=start + timedelta(hours=1),
                organisers=[mentor],
            )

    url = reverse("network:tandem", args=[tandem.pk])
    client.force_login(member["user"])
    add(1)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200
    add(9)
    with django_assert_max_num_queries(16):
        page = client.get(url).content.decode()
    assert page.count('name="event"') == 10  # one booking form per advice hour
