"""The fictional demo places and space requests of Musterstadt – Talviertel (issue 4, item 9)."""

from collections import Counter
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone

from quartier.accounts.models import User
from quartier.accounts.services import ensure_demo_admin
from quartier.actors.complements import distance_km
from quartier.actors.demo import (
    ACTORS,
    CENTRE,
    CITY,
    INITIATIVE_USER_EMAIL,
    POSTCODE,
    SLUG_PREFIX,
    load_demo_actors,
)
from quartier.actors.models import Membership, Sector
from quartier.neighbourhoods.demo import DEMO_SLUG
from quartier.places.demo import ANCHOR_NAME, PLACES, REQUESTS, load_demo_places
from quartier.places.matching import places_for_request
from quartier.places.models import Match, Place, PlaceKind, PlaceStatus, SpaceRequest
from quartier.places.selectors import vacancy_statistics

pytestmark = pytest.mark.django_db

SEEKING_SECTORS = {
    Sector.CULTURE,
    Sector.CREATIVE,
    Sector.CIVIL_SOCIETY,
    Sector.STARTUP,
    Sector.SCHOOL,
    Sector.UNIVERSITY,
    Sector.WELFARE,
}
SECTOR_OF = {SLUG_PREFIX + spec.key: spec.sector for spec in ACTORS}
# the smallest radius of the neighbourhood's boundary polygon (actors.demo.boundary_polygon)
BOUNDARY_MIN_RADIUS_KM = 0.88


@pytest.fixture
def loaded():
    ensure_demo_admin(settings.DEMO_ADMIN_EMAIL, settings.DEMO_ADMIN_PASSWORD)
    load_demo_actors()
    return load_demo_places()


def today():
    return timezone.localdate()


def demo_places():
    return Place.objects.filter(neighbourhood__slug=DEMO_SLUG)


def demo_requests():
    return SpaceRequest.objects.filter(actor__slug__startswith=SLUG_PREFIX)


def open_requests():
    return demo_requests().filter(status=SpaceRequest.Status.OPEN)


def test_counts_and_two_displaced_requests(loaded):
    n_places, n_requests = loaded
    assert n_places == demo_places().count() == len(PLACES) >= 30
    assert n_requests == demo_requests().count() == len(REQUESTS) >= 20
    displaced = demo_requests().filter(current_place_ends__isnull=False)
    assert displaced.count() == 2
    for request in displaced:
        assert today() < request.current_place_ends <= today() + timedelta(days=150)
        assert request.urgency == SpaceRequest.Urgency.HIGH


def test_every_kind_and_a_mix_of_statuses(loaded):
    kinds = Counter(demo_places().values_list("kind", flat=True))
    assert set(kinds) == set(PlaceKind.values)
    statuses = Counter(demo_places().values_list("status", flat=True))
    assert statuses[PlaceStatus.VACANT] + statuses[PlaceStatus.OFFERED] > len(PLACES) / 2
    assert statuses[PlaceStatus.INTERIM] >= 2
    assert statuses[PlaceStatus.PERMANENT] == 1
    assert statuses[PlaceStatus.UNAVAILABLE] == 1
    assert demo_places().filter(rent_eur_month__isnull=True).exists()
    assert demo_places().filter(available_until__isnull=False).exists()
    approved = set(demo_places().values_list("use_approved", flat=True))
    assert approved == {True, False}
    assert demo_places().filter(owner__isnull=True).count() >= 3  # from the vacancy register
    owner_sectors = {
        SECTOR_OF[slug] for slug in demo_places().values_list("owner__slug", flat=True) if slug
    }
    assert {Sector.HOUSING, Sector.REAL_ESTATE, Sector.MUNICIPAL, Sector.CHURCH} <= owner_sectors


def test_church_property_square_and_anchor_property_with_sub_spaces(loaded):
    church = demo_places().filter(kind=PlaceKind.CHURCH, owner__sector=Sector.CHURCH)
    assert church.filter(name__icontains="Pfarr").exists()
    squares = demo_places().filter(kind=PlaceKind.SQUARE, parent__isnull=True)
    assert squares.filter(owner__slug=SLUG_PREFIX + "stadtplanungsamt").exists()
    anchor = demo_places().get(name=ANCHOR_NAME)
    assert anchor.kind == PlaceKind.BUILDING and anchor.parent is None
    assert anchor.owner.slug == SLUG_PREFIX + "kornspeicher"
    sub_spaces = anchor.sub_spaces.all()
    assert sub_spaces.count() >= 4
    assert sum(s.area_m2 for s in sub_spaces if s.kind != PlaceKind.SQUARE) <= anchor.area_m2
    assert all(s.owner == anchor.owner for s in sub_spaces)
    assert len({s.kind for s in sub_spaces}) >= 3


def test_marktgasse_has_vacant_shops(loaded):
    shops = demo_places().filter(kind=PlaceKind.SHOP, street__startswith="Marktgasse ")
    assert shops.filter(status__in=[PlaceStatus.VACANT, PlaceStatus.OFFERED]).count() >= 3


def test_every_place_is_valid_fictional_and_inside_the_neighbourhood(loaded):
    assert demo_places().count() == Place.objects.count()
    admin = User.objects.get(email=settings.DEMO_ADMIN_EMAIL)
    for place in demo_places():
        place.full_clean()
        assert place.postcode == POSTCODE and place.city == CITY
        assert "erfunden" in place.description
        assert place.created_by == admin
        assert place.uses and place.restrictions is not None
        assert distance_km(*CENTRE, place.latitude, place.longitude) < BOUNDARY_MIN_RADIUS_KM
        assert abs((place.available_from - today()).days) <= 190
        if place.owner is not None:
            assert place.owner.slug.startswith(SLUG_PREFIX)


def test_every_request_is_valid_and_comes_from_a_seeking_actor(loaded):
    statuses = Counter(demo_requests().values_list("status", flat=True))
    assert statuses[SpaceRequest.Status.FOUND] == 1
    assert statuses[SpaceRequest.Status.WITHDRAWN] == 1
    for request in demo_requests().select_related("actor"):
        request.full_clean()
        assert request.actor.sector in SEEKING_SECTORS
        assert today() < request.start <= today() + timedelta(days=300)
        assert 3 <= request.months <= 24
        assert 1 <= request.radius_km <= 5
        assert (request.latitude, request.longitude) == (
            request.actor.latitude,
            request.actor.longitude,
        )
        assert request.area_m2_min <= request.area_m2_max


def test_second_run_changes_no_counts_and_keeps_records(loaded):
    place_ids = set(demo_places().values_list("pk", flat=True))
    request_ids = set(demo_requests().values_list("pk", flat=True))
    parents = dict(demo_places().values_list("name", "parent__name"))
    assert load_demo_places() == loaded
    assert set(demo_places().values_list("pk", flat=True)) == place_ids
    assert set(demo_requests().values_list("pk", flat=True)) == request_ids
    assert dict(demo_places().values_list("name", "parent__name")) == parents


def test_most_open_requests_have_a_feasible_place(loaded):
    requests = list(open_requests())
    with_place = [r for r in requests if places_for_request(r)]
    assert len(with_place) >= 0.8 * len(requests), [
        r.title for r in requests if r not in with_place
    ]
    for request in demo_requests().filter(current_place_ends__isnull=False):
        assert places_for_request(request), request.title


def test_the_demo_initiatives_top_match_is_a_shop_in_the_marktgasse(loaded):
    member = Membership.objects.get(user__email=INITIATIVE_USER_EMAIL)
    request = open_requests().get(actor=member.actor)
    top = places_for_request(request)[0]
    assert top.place.kind == PlaceKind.SHOP
    assert top.place.street.startswith("Marktgasse ")
    assert top.place.status in (PlaceStatus.VACANT, PlaceStatus.OFFERED)
    assert top.reasons


def test_demo_command_reports_places_and_requests():
    out = StringIO()
    call_command("demo", stdout=out)
    call_command("demo", stdout=out)
    assert f"{len(PLACES)} Orte und {len(REQUESTS)} Raumgesuche" in out.getvalue()
    assert demo_places().count() == len(PLACES)
    assert demo_requests().count() == len(REQUESTS)
    admin = User.objects.get(email=settings.DEMO_ADMIN_EMAIL)
    assert not demo_places().exclude(created_by=admin).exists()


def test_vacancies_have_a_vacant_since_and_the_register_real_figures(loaded):
    available = demo_places().filter(status__in=[PlaceStatus.VACANT, PlaceStatus.OFFERED])
    assert not available.filter(vacant_since__isnull=True).exists()
    assert not available.filter(vacant_since__gte=today()).exists()
    assert not demo_places().exclude(pk__in=available).filter(vacant_since__isnull=False)
    [row] = vacancy_statistics({})
    assert row["count"] == available.count() and row["average_days"] > 60


def test_matches_stand_at_the_steps_of_the_brokering_workflow(loaded):
    statuses = Counter(Match.objects.values_list("status", flat=True))
    assert statuses == {"viewing": 2, "proposed": 1, "agreed": 1, "declined": 1}
    agreed = Match.objects.get(status="agreed")
    assert agreed.agreement.start == agreed.request.start
    assert Match.objects.get(status="declined").decline_reason
    initiative = Match.objects.get(request__actor__slug=SLUG_PREFIX + "ladenleben")
    assert initiative.status == "viewing"
    assert initiative.place.street.startswith("Marktgasse ")
