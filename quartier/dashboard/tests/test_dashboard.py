"""The dashboard's figures equal counts made independently from the records at the same date,
visitors' figures hold only public records, and the page costs the same queries however many
records there are."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Actor, Tie
from quartier.actors.tests.factories import MembershipFactory
from quartier.alliances.models import Agreement, Alliance
from quartier.dashboard.period import Period
from quartier.dashboard.selectors import dashboard_panels
from quartier.dashboard.tests.records import backdate, populate
from quartier.events.models import Event, Registration
from quartier.funding.models import Draw, Grant
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.models import Place, UseAgreement
from quartier.projects.models import Project

pytestmark = pytest.mark.django_db


def figures(neighbourhood, viewer, months=12):
    period = Period.last_months(months)
    panels = dashboard_panels(neighbourhood, viewer or AnonymousUser(), period)
    out = {}
    for panel in panels:
        out[panel.key] = {"headline": panel.headline.value, "change": panel.change}
        out[panel.key].update({f.key: f.value for f in panel.figures})
        out[panel.key]["rows"] = panel.rows
    return out, period


@pytest.fixture
def quarter():
    neighbourhood = NeighbourhoodFactory()
    other = NeighbourhoodFactory()  # records elsewhere never count here
    populate(other, 1)
    return neighbourhood, populate(neighbourhood, 2)


def test_every_panel_of_a_visitor_equals_the_public_records_counted_independently(quarter):
    n, _made = quarter
    got, period = figures(n, None)
    start = timezone.make_aware(datetime.datetime.combine(period.start, datetime.time.min))
    public_actors = Actor.objects.filter(neighbourhoods=n, visibility="public")
    assert got["actors"]["headline"] == public_actors.count() == 4
    assert got["actors"]["change"] == public_actors.filter(created_at__gte=start).count() == 2
    assert got["actors"]["established"] == public_actors.filter(is_established=True).count()

    ties = Tie.objects.filter(
        status="confirmed", source__in=public_actors, target__in=public_actors
    )
    assert got["network"]["headline"] == ties.count() == 2

    vacant = Place.objects.filter(neighbourhood=n, status__in=["vacant", "offered"])
    assert got["places"]["headline"] == vacant.count() == 4
    assert got["places"]["vacant_area"] == vacant.aggregate(a=Sum("area_m2"))["a"] == 400
    into_use = UseAgreement.objects.filter(place__neighbourhood=n, start__gte=period.start)
    assert got["places"]["brought_into_use"] == into_use.count() == 2
    became = Place.objects.filter(neighbourhood=n, vacant_since__gte=period.start).count()
    assert got["places"]["became_vacant"] == became == 4
    assert got["places"]["change"] == became - into_use.count()
    assert got["places"]["average_days_vacant"] == (30 + 700) // 2

    alliances = Alliance.objects.filter(neighbourhoods=n, is_public=True)
    assert got["alliances"]["headline"] == alliances.count() == 2
    signed = Agreement.objects.filter(alliance__in=alliances, status="signed")
    assert got["alliances"]["agreements_signed"] == signed.count() == 2

    held = Event.objects.filter(
        neighbourhood=n,
        visibility="public",
        cancelled=False,
        start__gte=start,
        start__lt=timezone.now(),
    )
    assert got["events"]["headline"] == held.count() == 2
    assert (
        got["events"]["participants"]
        == Registration.objects.filter(event__in=held, status="confirmed").count()
        == 2
    )

    projects = Project.objects.filter(neighbourhoods=n, is_public=True)
    assert got["projects"]["headline"] == projects.count() == 2
    assert got["projects"]["targets_reached"] == 2
    assert got["projects"]["indicators_with_target"] == 2

    # visitors see no grant, but the programmes with a near deadline
    assert got["funding"]["headline"] == 0 and got["funding"]["received"] == 0
    assert got["funding"]["programmes_near_deadline"] == 3  # two here, one of the other town


def test_private_records_never_enter_a_visitors_figures(quarter):
    n, made = quarter
    admin = UserFactory(is_superuser=True)
    public, _period = figures(n, None)
    everything, _period = figures(n, admin)
    private = made["private"]
    assert everything["actors"]["headline"] - public["actors"]["headline"] == len(private["actors"])
    assert everything["network"]["headline"] - public["network"]["headline"] == 2
    assert everything["alliances"]["headline"] - public["alliances"]["headline"] == 2
    assert everything["events"]["headline"] - public["events"]["headline"] == 2
    assert everything["events"]["participants"] - public["events"]["participants"] == 2
    assert everything["projects"]["projects_total"] - public["projects"]["projects_total"] == 2
    assert (
        everything["funding"]["headline"]
        == Grant.objects.filter(project__neighbourhoods=n, status="running").count()
        == 2
    )
    assert (
        everything["funding"]["received"]
        == Draw.objects.filter(grant__project__neighbourhoods=n).aggregate(s=Sum("amount"))["s"]
        == Decimal("500")
    )


def test_a_member_sees_the_private_actor_of_its_own_actor_only(quarter):
    n, made = quarter
    hidden = made["private"]["actors"][0]
    member = MembershipFactory(actor=hidden).user
    got, _period = figures(n, member)
    public, _period = figures(n, None)
    assert got["actors"]["headline"] == public["actors"]["headline"] + 1


def test_the_period_decides_what_counts_as_new(quarter):
    n, made = quarter
    for actor in made["actors"]:
        backdate(actor, by=datetime.timedelta(days=100))
    three, _p = figures(n, None, months=3)
    twelve, _p = figures(n, None, months=12)
    assert three["actors"]["change"] == 0 and twelve["actors"]["change"] == 4


def test_the_page_shows_every_panel_with_its_table_and_link(client, quarter):
    n, _made = quarter
    response = client.get(f"/quartiere/{n.slug}/lage/")
    assert response.status_code == 200
    html = response.content.decode()
    for key in ("actors", "network", "places", "alliances", "events", "projects", "funding"):
        assert f'id="panel-{key}"' in html
    assert 'id="table-places"' in html and "<svg" in html
    assert "Leerstand" in html and "style=" not in html


def test_an_unknown_neighbourhood_is_not_found(client, db):
    assert client.get("/quartiere/gibt-es-nicht/lage/").status_code == 404


def _queries(client, slug, user=None):
    if user:
        client.force_login(user)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(f"/quartiere/{slug}/lage/").status_code == 200
    return len(captured)


def test_the_query_count_does_not_grow_with_the_records(client, django_assert_max_num_queries):
    small, large = NeighbourhoodFactory(), NeighbourhoodFactory()
    populate(small, 1)
    populate(large, 5)
    admin = UserFactory(is_superuser=True)
    for user in (None, admin):
        few = _queries(client, small.slug, user)
        with django_assert_max_num_queries(few):
            client.get(f"/quartiere/{large.slug}/lage/")


def test_the_api_gives_every_panel_with_its_period(api, quarter):
    n, _made = quarter
    body = api.get(f"/api/v1/neighbourhoods/{n.slug}/dashboard?months=6").json()
    assert body["period"]["months"] == 6
    keys = [p["key"] for p in body["panels"]]
    assert keys == [
        "actors",
        "network",
        "places",
        "alliances",
        "events",
        "projects",
        "funding",
        "statistics",
    ]
    actors = body["panels"][0]
    assert actors["headline"]["value"] == 4 and actors["table"]["columns"]
    by_id = api.get(f"/api/v1/neighbourhoods/{n.pk}/dashboard").json()
    assert by_id["neighbourhood"] == n.slug and by_id["period"]["months"] == 12
    assert api.get("/api/v1/neighbourhoods/nix/dashboard").status_code == 404
