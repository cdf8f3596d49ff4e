import pytest
from django.urls import reverse

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.models import ChangeRecord
from quartier.core.testing import assert_queries_do_not_grow
from quartier.places.matching import places_for_request, requests_for_place
from quartier.places.models import Place, SpaceRequest
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def test_a_request_shows_fitting_places_best_first_with_reasons(client):
    good = PlaceFactory(name="Passt genau", area_m2=90)
    worse = PlaceFactory(
        name="Passt auch", area_m2=145, rent_eur_month=390, latitude=51.72, longitude=11.76
    )
    PlaceFactory(name="Zu klein", area_m2=20)
    PlaceFactory(name="Kein Erdgeschoss", features=["electricity"])
    PlaceFactory(name="Schon vergeben", status="interim")
    request = SpaceRequestFactory()

    ranked = places_for_request(request)

    assert [m.place for m in ranked] == [good, worse]
    assert ranked[0].score > ranked[1].score and ranked[0].reasons
    page = html(client.get(request.get_absolute_url()))
    assert page.index("Passt genau") < page.index("Passt auch")
    assert "Zu klein" not in page and "Schon vergeben" not in page
    assert ranked[0].reasons[0] in page


def test_a_place_shows_fitting_open_requests_and_displaced_ones_are_marked(client):
    place = PlaceFactory()
    SpaceRequestFactory(title="Galerie sucht")
    SpaceRequestFactory(title="Verdrängt", current_place_ends="2027-01-31")
    SpaceRequestFactory(title="Zurückgezogen", status="withdrawn")
    SpaceRequestFactory(title="Privat", actor=ActorFactory(visibility="private"))

    page = html(client.get(place.get_absolute_url()))

    assert "Galerie sucht" in page and "Verdrängt" in page
    assert "verliert seinen Ort" in page
    assert "Zurückgezogen" not in page and "Privat" not in page
    assert {m.request.title for m in requests_for_place(place, SpaceRequest.objects.all())} == {
        "Galerie sucht",
        "Verdrängt",
        "Privat",
    }


def test_offering_a_place_records_who_entered_it(client):
    user = UserFactory()
    client.force_login(user)
    response = client.post(
        reverse("places:create"),
        {
            "name": "Ehemalige Bäckerei",
            "kind": "shop",
            "status": "offered",
            "area_m2": "60",
            "latitude": "51.7",
            "longitude": "11.74",
            "available_from": "2027-01-01",
            "uses": ["popup", "gallery"],
            "features": ["ground_floor"],
            "condition": "ready",
        },
    )
    place = Place.objects.get(name="Ehemalige Bäckerei")
    assert response.status_code == 302
    assert place.created_by == user and place.uses == ["popup", "gallery"]
    assert ChangeRecord.objects.filter(object_id=str(place.pk), action="created").exists()


def test_bad_place_input_gets_messages_and_saves_nothing(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("places:create"),
        {
            "name": "x",
            "kind": "shop",
            "status": "vacant",
            "area_m2": "-5",
            "available_from": "2027-05-01",
            "available_until": "2027-01-01",
            "uses": ["nope"],
            "condition": "ready",
            "latitude": "51",
        },
    )
    assert response.status_code == 200
    assert 'role="alert"' in html(response)
    assert not Place.objects.exists()


def test_nobody_names_an_actor_as_owner_without_being_its_member(client):
    actor = ActorFactory()
    client.force_login(UserFactory())
    client.post(
        reverse("places:create"),
        {
            "name": "Fremder Laden",
            "kind": "shop",
            "status": "vacant",
            "area_m2": "50",
            "available_from": "2027-01-01",
            "condition": "ready",
            "owner": actor.pk,
        },
    )
    assert not Place.objects.exists()


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("entered", True),
        ("owner_member", True),
        ("manager", True),
        ("superuser", True),
    ],
)
def test_who_may_change_a_place(client, who, allowed):
    from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

    owner = ActorFactory()
    neighbourhood = NeighbourhoodFactory()
    people = {
        "stranger": UserFactory(),
        "entered": UserFactory(),
        "owner_member": MembershipFactory(actor=owner).user,
        "manager": UserFactory(),
        "superuser": UserFactory(is_superuser=True),
    }
    neighbourhood.managers.add(people["manager"])
    place = PlaceFactory(owner=owner, neighbourhood=neighbourhood, created_by=people["entered"])
    if who != "anonymous":
        client.force_login(people[who])
    client.post(
        reverse("places:edit", args=[place.pk]),
        {
            "name": "Umbenannt",
            "kind": "shop",
            "status": "vacant",
            "area_m2": "80",
            "available_from": "2026-01-01",
            "condition": "ready",
            "owner": owner.pk,
            "neighbourhood": neighbourhood.pk,
            "latitude": "51.7",
            "longitude": "11.74",
        },
    )
    place.refresh_from_db()
    assert (place.name == "Umbenannt") is allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("member", True),
        ("superuser", True),
    ],
)
def test_who_may_change_a_space_request(client, who, allowed):
    actor = ActorFactory()
    people = {
        "stranger": UserFactory(),
        "member": MembershipFactory(actor=actor).user,
        "superuser": UserFactory(is_superuser=True),
    }
    request = SpaceRequestFactory(actor=actor)
    if who != "anonymous":
        client.force_login(people[who])
    client.post(
        reverse("places:request_edit", args=[request.pk]),
        {
            "title": "Neu",
            "uses": ["gallery"],
            "area_m2_min": "50",
            "area_m2_max": "100",
            "budget_eur_month": "300",
            "start": "2027-02-01",
            "months": "6",
            "latitude": "51.7",
            "longitude": "11.74",
            "radius_km": "5",
            "urgency": "normal",
            "status": "open",
        },
    )
    request.refresh_from_db()
    assert (request.title == "Neu") is allowed


def test_only_members_look_for_space_for_their_actor(client):
    actor = ActorFactory()
    client.force_login(UserFactory())
    client.post(
        reverse("places:request_create"),
        {
            "actor": actor.pk,
            "title": "Für andere",
            "uses": ["gallery"],
            "area_m2_min": "50",
            "area_m2_max": "100",
            "budget_eur_month": "300",
            "start": "2027-02-01",
            "months": "6",
            "latitude": "51.7",
            "longitude": "11.74",
            "radius_km": "5",
            "urgency": "normal",
            "status": "open",
        },
    )
    assert not SpaceRequest.objects.exists()


def test_place_list_query_count_does_not_grow(client):
    assert_queries_do_not_grow(client, "/orte/", PlaceFactory.create_batch)


def test_request_list_query_count_does_not_grow(client):
    assert_queries_do_not_grow(client, "/orte/gesuche/", SpaceRequestFactory.create_batch)


def test_place_page_query_count_does_not_grow_with_requests(client):
    place = PlaceFactory()
    assert_queries_do_not_grow(client, place.get_absolute_url(), SpaceRequestFactory.create_batch)


def test_request_page_query_count_does_not_grow_with_places(client):
    request = SpaceRequestFactory()
    assert_queries_do_not_grow(client, request.get_absolute_url(), PlaceFactory.create_batch)


def test_nobody_adds_a_sub_space_to_somebody_elses_anchor_property(client):
    anchor = PlaceFactory(kind="building", name="Alter Speicher", created_by=UserFactory())
    body = {
        "name": "Mein Raum",
        "kind": "office",
        "status": "vacant",
        "area_m2": "30",
        "available_from": "2027-01-01",
        "condition": "ready",
        "parent": anchor.pk,
    }
    client.force_login(UserFactory())
    client.post(reverse("places:create"), body)
    assert not Place.objects.filter(name="Mein Raum").exists()
    client.force_login(anchor.created_by)
    client.post(reverse("places:create"), body)
    assert Place.objects.get(name="Mein Raum").parent == anchor
