import json

import pytest

from quartier.accounts.services import create_token
from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.places.models import Place
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory

pytestmark = pytest.mark.django_db


def auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(user, 'test')[1]}"}


def post(client, url, body, user=None, method="post"):
    headers = auth(user) if user else {}
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json", headers=headers
    )


PLACE = {
    "name": "Ladenlokal",
    "kind": "shop",
    "area_m2": 80,
    "latitude": 51.7,
    "longitude": 11.74,
    "available_from": "2027-01-01",
    "uses": ["gallery"],
    "features": ["ground_floor"],
}


def test_places_are_listed_and_read_by_everybody(client):
    place = PlaceFactory(name="Offener Laden")
    listing = client.get("/api/v1/places").json()
    assert listing["count"] == 1 and listing["items"][0]["name"] == "Offener Laden"
    assert client.get(f"/api/v1/places/{place.pk}").json()["uses"] == ["gallery", "popup"]
    assert client.get("/api/v1/places/999999").status_code == 404


def test_creating_a_place_needs_login_and_records_the_creator(client):
    assert post(client, "/api/v1/places", PLACE).status_code == 401
    user = UserFactory()
    response = post(client, "/api/v1/places", PLACE, user)
    assert response.status_code == 201
    assert Place.objects.get(pk=response.json()["id"]).created_by == user


def test_bad_place_input_is_422_in_the_common_format(client):
    user = UserFactory()
    for bad in [
        {**PLACE, "uses": ["nope"]},
        {**PLACE, "area_m2": -1},
        {**PLACE, "available_until": "2026-01-01"},
        {"name": "x"},
    ]:
        response = post(client, "/api/v1/places", bad, user)
        assert response.status_code == 422, bad
        assert response.json()["error"]["code"] == "validation_error"
    assert not Place.objects.exists()


def test_naming_an_owner_requires_membership(client):
    actor = ActorFactory()
    stranger = UserFactory()
    assert (
        post(client, "/api/v1/places", {**PLACE, "owner_id": actor.pk}, stranger).status_code == 403
    )
    member = MembershipFactory(actor=actor).user
    assert (
        post(client, "/api/v1/places", {**PLACE, "owner_id": actor.pk}, member).status_code == 201
    )


def test_only_who_may_change_a_place_patches_it(client):
    owner = MembershipFactory().actor
    place = PlaceFactory(owner=owner)
    assert (
        post(
            client, f"/api/v1/places/{place.pk}", {"name": "X"}, UserFactory(), method="patch"
        ).status_code
        == 403
    )
    member = owner.memberships.get().user
    response = post(client, f"/api/v1/places/{place.pk}", {"name": "Neu"}, member, method="patch")
    assert response.status_code == 200 and response.json()["name"] == "Neu"
    assert (
        post(
            client, f"/api/v1/places/{place.pk}", {"name": None}, member, method="patch"
        ).status_code
        == 422
    )


def test_ranked_matches_through_the_api(client):
    place = PlaceFactory()
    request = SpaceRequestFactory()
    SpaceRequestFactory(actor=ActorFactory(visibility="private"))
    by_request = client.get(f"/api/v1/space-requests/{request.pk}/matches").json()
    assert by_request[0]["place"] == place.pk and by_request[0]["reasons"]
    by_place = client.get(f"/api/v1/places/{place.pk}/matches").json()
    assert [m["request"] for m in by_place] == [request.pk]


def test_private_requests_are_hidden(client):
    hidden = SpaceRequestFactory(actor=ActorFactory(visibility="private"))
    assert client.get(f"/api/v1/space-requests/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/space-requests").json()["count"] == 0


def test_matching_run_takes_the_cli_json(client):
    member = UserFactory()
    body = {
        "places": [
            {
                "id": "p1",
                "area_m2": 80,
                "rent_eur_month": 200,
                "lat": 51.7,
                "lon": 11.7,
                "available_from": "2027-01-01",
                "available_until": None,
                "uses": ["gallery"],
                "features": ["ground_floor"],
            }
        ],
        "requests": [
            {
                "id": "r1",
                "uses": ["gallery"],
                "area_m2_min": 50,
                "area_m2_max": 100,
                "budget_eur_month": 300,
                "lat": 51.7,
                "lon": 11.7,
                "radius_km": 2,
                "start": "2027-02-01",
                "months": 6,
                "must_have": [],
                "nice_to_have": [],
                "displaced": False,
            }
        ],
    }
    result = post(client, "/api/v1/matching/run", body, member).json()
    assert result["assignment"][0]["place"] == "p1" and result["unassigned"] == []
    bad = post(client, "/api/v1/matching/run", {"places": [{"id": "p1"}], "requests": []}, member)
    assert bad.status_code == 422
    assert bad.json()["error"]["details"][0]["message"]["de"]


def test_the_match_list_is_exactly_what_the_view_rule_allows(client):
    """The list is one query; it must agree with `places.view_match` for every kind of user."""
    from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
    from quartier.places.models import Match
    from quartier.places.selectors import matches_taken_part_in

    neighbourhood = NeighbourhoodFactory()
    owner = ActorFactory(neighbourhoods=[neighbourhood])
    initiative = ActorFactory()
    place = PlaceFactory(owner=owner, neighbourhood=neighbourhood, created_by=UserFactory())
    match = Match.objects.create(request=SpaceRequestFactory(actor=initiative), place=place)
    other = Match.objects.create(request=SpaceRequestFactory(), place=PlaceFactory())
    manager = UserFactory()
    neighbourhood.managers.add(manager)
    people = [
        MembershipFactory(actor=owner).user,
        MembershipFactory(actor=initiative).user,
        place.created_by,
        manager,
        UserFactory(),
        UserFactory(is_superuser=True),
    ]
    for person in people:
        allowed = {m.pk for m in (match, other) if person.has_perm("places.view_match", m)}
        assert set(matches_taken_part_in(person).values_list("pk", flat=True)) == allowed
