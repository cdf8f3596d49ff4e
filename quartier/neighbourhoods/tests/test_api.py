"""The API of municipalities and neighbourhoods: everybody reads; platform administrators
write; the managers of a neighbourhood change it. History is kept, bad input is a 422."""

from types import SimpleNamespace

import pytest
from django.conf import settings

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Actor, Membership
from quartier.core.history import history_of
from quartier.core.models import ChangeRecord
from quartier.neighbourhoods import services
from quartier.neighbourhoods.models import Municipality, Neighbourhood
from quartier.neighbourhoods.tests.factories import MunicipalityFactory, NeighbourhoodFactory

pytestmark = pytest.mark.django_db

SQUARE = {
    "type": "Polygon",
    "coordinates": [
        [[11.60, 52.10], [11.62, 52.10], [11.62, 52.12], [11.60, 52.12], [11.60, 52.10]]
    ],
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """A neighbourhood with its manager, a second neighbourhood with another manager, a member
    of an actor, a platform administrator."""
    municipality = MunicipalityFactory(name="Musterstadt")
    neighbourhood = NeighbourhoodFactory(name="Talviertel", municipality=municipality)
    manager = UserFactory()
    neighbourhood.managers.add(manager)
    elsewhere = NeighbourhoodFactory(name="Bergviertel", municipality=municipality)
    other_manager = UserFactory()
    elsewhere.managers.add(other_manager)
    member = UserFactory()
    actor = Actor.objects.create(
        name="Kulturverein", slug="kulturverein", short_description="Kultur", sector="culture"
    )
    Membership.objects.create(user=member, actor=actor, role=Membership.Role.ADMIN)
    actor.neighbourhoods.add(neighbourhood)
    return SimpleNamespace(
        municipality=municipality,
        neighbourhood=neighbourhood,
        manager=manager,
        elsewhere=elsewhere,
        other_manager=other_manager,
        member=member,
        actor=actor,
        admin=UserFactory(is_superuser=True, is_staff=True),
    )


def assert_error(response, status, code):
    assert response.status_code == status, response.content
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code
    assert error["message"]["de"] and error["message"]["en"]
    return error


def fields_of(error):
    return {detail["field"] for detail in error["details"]}


# --- municipalities ---------------------------------------------------------------------


def test_everybody_reads_municipalities(api, world):
    MunicipalityFactory(name="Anderstadt", state="BY", official_key="09162000")
    data = api.call("get", "/api/v1/municipalities").json()
    assert data["count"] == 2
    assert [m["name"] for m in data["items"]] == ["Anderstadt", "Musterstadt"]
    assert data["items"][0] == {
        "id": data["items"][0]["id"],
        "name": "Anderstadt",
        "state": "BY",
        "official_key": "09162000",
    }
    one = api.call("get", f"/api/v1/municipalities/{world.municipality.pk}").json()
    assert one["name"] == "Musterstadt"
    assert_error(api.call("get", "/api/v1/municipalities/999999"), 404, "not_found")


def test_municipality_filters(api, world):
    MunicipalityFactory(name="Anderstadt", state="BY")

    def found(query):
        response = api.call("get", f"/api/v1/municipalities?{query}")
        assert response.status_code == 200, response.content
        return [m["name"] for m in response.json()["items"]]

    assert found("q=ander") == ["Anderstadt"]
    assert found("state=ST") == ["Musterstadt"]
    assert_error(api.call("get", "/api/v1/municipalities?state=XX"), 422, "validation_error")


def test_only_platform_admins_create_municipalities(api, world):
    body = {"name": "Neustadt", "state": "SN", "official_key": "14612000"}
    assert_error(api.call("post", "/api/v1/municipalities", body=body), 401, "not_authenticated")
    for user in [world.member, world.manager]:
        response = api.call("post", "/api/v1/municipalities", user, body)
        assert_error(response, 403, "permission_denied")
    assert not Municipality.objects.filter(name="Neustadt").exists()
    response = api.call("post", "/api/v1/municipalities", world.admin, body)
    assert response.status_code == 201, response.content
    created = Municipality.objects.get(name="Neustadt")
    assert response.json()["id"] == created.pk and created.state == "SN"
    record = history_of(created).get()
    assert record.action == "created" and record.user == world.admin
    assert record.changes["official_key"] == "14612000"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Neustadt", "state": "XX"}, "body.payload.state"),
        ({"name": "Neustadt", "state": "SN", "official_key": "1234"}, "official_key"),
        ({"name": "Neustadt", "state": "SN", "official_key": "1461200a"}, "official_key"),
        ({"name": "", "state": "SN"}, "name"),
        ({"state": "SN"}, "body.payload.name"),
    ],
)
def test_bad_municipality_data_is_422(api, world, body, field):
    response = api.call("post", "/api/v1/municipalities", world.admin, body)
    assert field in fields_of(assert_error(response, 422, "validation_error"))
    assert Municipality.objects.count() == 1


def test_only_platform_admins_change_municipalities(api, world):
    url = f"/api/v1/municipalities/{world.municipality.pk}"
    assert_error(api.call("patch", url, body={"name": "X"}), 401, "not_authenticated")
    for user in [world.member, world.manager]:
        assert_error(api.call("patch", url, user, {"name": "X"}), 403, "permission_denied")
    response = api.call("patch", url, world.admin, {"name": "Musterstadt an der Saale"})
    assert response.status_code == 200 and response.json()["state"] == "ST"
    world.municipality.refresh_from_db()
    assert world.municipality.name == "Musterstadt an der Saale"
    record = history_of(world.municipality).get()
    assert record.changes == {"name": ["Musterstadt", "Musterstadt an der Saale"]}
    response = api.call("patch", url, world.admin, {"state": None})
    assert fields_of(assert_error(response, 422, "validation_error")) == {"state"}


def test_only_platform_admins_delete_municipalities_and_only_empty_ones(api, world):
    empty = MunicipalityFactory()
    url = f"/api/v1/municipalities/{empty.pk}"
    assert_error(api.call("delete", url), 401, "not_authenticated")
    for user in [world.member, world.manager]:
        assert_error(api.call("delete", url, user), 403, "permission_denied")
    assert api.call("delete", url, world.admin).status_code == 204
    assert not Municipality.objects.filter(pk=empty.pk).exists()
    assert ChangeRecord.objects.filter(
        action="deleted", object_id=str(empty.pk), user=world.admin
    ).exists()
    # One with neighbourhoods stays.
    response = api.call("delete", f"/api/v1/municipalities/{world.municipality.pk}", world.admin)
    error = assert_error(response, 422, "validation_error")
    assert error["details"][0]["message"]["en"].startswith("The municipality still has")
    assert Neighbourhood.objects.filter(municipality=world.municipality).count() == 2


# --- neighbourhoods: reading ------------------------------------------------------------


def test_everybody_reads_a_neighbourhood_with_its_profile(api, world):
    nb = world.neighbourhood
    nb.situation_type = "problem_district"
    nb.context = "peripheral_weak"
    nb.challenges = ["vacancy", "youth_exodus"]
    nb.latitude, nb.longitude = 52.11, 11.61
    nb.boundary = SQUARE
    nb.save()
    data = api.call("get", f"/api/v1/neighbourhoods/{nb.pk}").json()
    assert data["name"] == "Talviertel" and data["slug"] == nb.slug
    assert data["municipality"] == world.municipality.pk
    assert data["situation_type"] == "problem_district"
    assert data["context"] == "peripheral_weak"
    assert data["challenges"] == ["vacancy", "youth_exodus"]
    assert (data["latitude"], data["longitude"]) == (52.11, 11.61)
    assert data["boundary"] == SQUARE
    assert "managers" not in data  # who manages is not published with the profile
    assert_error(api.call("get", "/api/v1/neighbourhoods/999999"), 404, "not_found")
    assert_error(api.call("get", "/api/v1/neighbourhoods/talviertel"), 422, "validation_error")


def test_neighbourhood_filters(api, world):
    other_town = MunicipalityFactory(name="Anderstadt")
    NeighbourhoodFactory(
        name="Altstadt",
        municipality=other_town,
        situation_type="city_centre",
        context="central_growing",
        challenges=["gentrification", "retail_decline"],
    )
    world.neighbourhood.challenges = ["vacancy"]
    world.neighbourhood.save()

    def found(query):
        response = api.call("get", f"/api/v1/neighbourhoods?{query}")
        assert response.status_code == 200, response.content
        return [n["name"] for n in response.json()["items"]]

    assert found("") == ["Altstadt", "Bergviertel", "Talviertel"]
    assert found("q=tal") == ["Talviertel"]
    assert found("q=anderstadt") == ["Altstadt"]
    assert found(f"municipality={world.municipality.pk}") == ["Bergviertel", "Talviertel"]
    assert found("situation_type=city_centre") == ["Altstadt"]
    assert found("context=central_growing") == ["Altstadt"]
    assert found("challenge=retail_decline") == ["Altstadt"]
    assert found("challenge=vacancy") == ["Talviertel"]
    assert found("challenge=pandemic") == []
    for bad in ["challenge=rain", "situation_type=x", "municipality=abc", "page=0"]:
        assert_error(api.call("get", f"/api/v1/neighbourhoods?{bad}"), 422, "validation_error")


def test_neighbourhood_list_is_paginated(api, world):
    per_page = settings.NINJA_PAGINATION_PER_PAGE
    for i in range(per_page):
        NeighbourhoodFactory(name=f"Viertel {i:03d}", municipality=world.municipality)
    first = api.call("get", "/api/v1/neighbourhoods").json()
    assert first["count"] == per_page + 2 and len(first["items"]) == per_page
    second = api.call("get", "/api/v1/neighbourhoods?page=2").json()
    # by name: Bergviertel, Talviertel, Viertel 000 … – the last two spill onto page 2
    last_two = [f"Viertel {i:03d}" for i in (per_page - 2, per_page - 1)]
    assert [n["name"] for n in second["items"]] == last_two
    seen = {n["id"] for n in first["items"]} | {n["id"] for n in second["items"]}
    assert len(seen) == per_page + 2


# --- neighbourhoods: writing ------------------------------------------------------------


def new_neighbourhood(world, **extra):
    return {"name": "Neues Viertel", "municipality": world.municipality.pk, **extra}


def test_only_platform_admins_create_neighbourhoods(api, world):
    body = new_neighbourhood(
        world,
        situation_type="rural_town",
        context="peripheral_weak",
        challenges=["vacancy", "demographic_change", "vacancy"],
        latitude=52.0,
        longitude=11.0,
        boundary=SQUARE,
    )
    assert_error(api.call("post", "/api/v1/neighbourhoods", body=body), 401, "not_authenticated")
    for user in [world.member, world.manager]:
        response = api.call("post", "/api/v1/neighbourhoods", user, body)
        assert_error(response, 403, "permission_denied")
    assert not Neighbourhood.objects.filter(name="Neues Viertel").exists()
    response = api.call("post", "/api/v1/neighbourhoods", world.admin, body)
    assert response.status_code == 201, response.content
    created = Neighbourhood.objects.get(name="Neues Viertel")
    assert created.slug == "neues-viertel" and response.json()["slug"] == "neues-viertel"
    assert created.challenges == ["vacancy", "demographic_change"]  # each once
    assert created.boundary == SQUARE
    record = history_of(created).get()
    assert record.action == "created" and record.user == world.admin
    assert record.changes["municipality"] == "Musterstadt"
    # A second one of the same name gets its own address.
    again = api.call("post", "/api/v1/neighbourhoods", world.admin, new_neighbourhood(world))
    assert again.json()["slug"] == "neues-viertel-2"


def test_managers_and_admins_change_a_neighbourhood(api, world):
    url = f"/api/v1/neighbourhoods/{world.neighbourhood.pk}"
    body = {"description": "Am Fluss"}
    assert_error(api.call("patch", url, body=body), 401, "not_authenticated")
    for user in [world.member, world.other_manager]:
        assert_error(api.call("patch", url, user, body), 403, "permission_denied")
    world.neighbourhood.refresh_from_db()
    assert world.neighbourhood.description == ""
    for user, description in [(world.manager, "Am Fluss"), (world.admin, "Am Fluss, mit Park")]:
        response = api.call("patch", url, user, {"description": description})
        assert response.status_code == 200, response.content
        assert response.json()["description"] == description
        world.neighbourhood.refresh_from_db()
        assert world.neighbourhood.description == description
        record = history_of(world.neighbourhood).first()
        assert record.action == "changed" and record.user == user
        assert record.changes["description"][1] == description


def test_patch_changes_only_what_is_sent_and_null_empties_the_geometry(api, world):
    nb = world.neighbourhood
    nb.description = "Bleibt"
    nb.boundary = SQUARE
    nb.latitude, nb.longitude = 52.1, 11.6
    nb.save()
    url = f"/api/v1/neighbourhoods/{nb.pk}"
    response = api.call(
        "patch", url, world.manager, {"boundary": None, "latitude": None, "longitude": None}
    )
    assert response.status_code == 200, response.content
    nb.refresh_from_db()
    assert nb.boundary is None and nb.latitude is None and nb.description == "Bleibt"
    response = api.call("patch", url, world.manager, {"name": None})
    assert fields_of(assert_error(response, 422, "validation_error")) == {"name"}


def test_admin_moves_a_neighbourhood_to_another_municipality(api, world):
    other_town = MunicipalityFactory(name="Anderstadt")
    url = f"/api/v1/neighbourhoods/{world.neighbourhood.pk}"
    response = api.call("patch", url, world.admin, {"municipality": other_town.pk})
    assert response.status_code == 200 and response.json()["municipality"] == other_town.pk
    record = history_of(world.neighbourhood).first()
    assert record.changes["municipality"] == ["Musterstadt", "Anderstadt"]
    response = api.call("patch", url, world.admin, {"municipality": 999999})
    assert fields_of(assert_error(response, 422, "validation_error")) == {"municipality"}


MULTI = {
    "type": "MultiPolygon",
    "coordinates": [
        SQUARE["coordinates"],
        [[[11.0, 52.0], [11.1, 52.0], [11.1, 52.1], [11.0, 52.0]]],
    ],
}


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"challenges": ["rain"]}, "body.payload.challenges.0"),
        ({"situation_type": "village"}, "body.payload.situation_type"),
        ({"latitude": 91}, "body.payload.latitude"),
        ({"latitude": 52.0, "longitude": None}, ""),
        ({"municipality": 999999}, "municipality"),
        ({"municipality": 2**64}, "body.payload.municipality"),
        ({"boundary": {"type": "Point", "coordinates": [11.6, 52.1]}}, "boundary"),
        ({"boundary": {"type": "Polygon", "coordinates": []}}, "boundary"),
        ({"boundary": {"type": "Polygon"}}, "boundary"),
        (  # not closed
            {
                "boundary": {
                    "type": "Polygon",
                    "coordinates": [[[11, 52], [12, 52], [12, 53], [11, 53]]],
                }
            },
            "boundary",
        ),
        (  # too few positions
            {"boundary": {"type": "Polygon", "coordinates": [[[11, 52], [12, 52], [11, 52]]]}},
            "boundary",
        ),
        (  # latitude and longitude swapped beyond the range
            {
                "boundary": {
                    "type": "Polygon",
                    "coordinates": [[[52, 181], [52, 12], [53, 12], [52, 181]]],
                }
            },
            "boundary",
        ),
        (
            {
                "boundary": {
                    "type": "Polygon",
                    "coordinates": [[["a", 52], [12, 52], [12, 53], ["a", 52]]],
                }
            },
            "boundary",
        ),
        ({"boundary": {"type": "MultiPolygon", "coordinates": [[]]}}, "boundary"),
        ({"slug": "Kein Slug!"}, "slug"),
    ],
)
def test_bad_neighbourhood_data_is_422(api, world, change, field):
    response = api.call(
        "post", "/api/v1/neighbourhoods", world.admin, new_neighbourhood(world, **change)
    )
    assert field in fields_of(assert_error(response, 422, "validation_error"))
    assert not Neighbourhood.objects.filter(name="Neues Viertel").exists()


def test_optional_choices_are_emptied_with_an_empty_string_or_null(api, world):
    nb = world.neighbourhood
    nb.situation_type, nb.context = "rural_town", "peripheral_weak"
    nb.save()
    url = f"/api/v1/neighbourhoods/{nb.pk}"
    response = api.call("patch", url, world.manager, {"situation_type": "", "context": None})
    assert response.status_code == 200, response.content
    assert (response.json()["situation_type"], response.json()["context"]) == ("", "")
    nb.refresh_from_db()
    assert (nb.situation_type, nb.context) == ("", "")


def test_a_multipolygon_boundary_is_accepted(api, world):
    url = f"/api/v1/neighbourhoods/{world.neighbourhood.pk}"
    response = api.call("patch", url, world.manager, {"boundary": MULTI})
    assert response.status_code == 200, response.content
    world.neighbourhood.refresh_from_db()
    assert world.neighbourhood.boundary == MULTI


def test_service_errors_name_the_field_in_german_and_english(api, world):
    url = f"/api/v1/neighbourhoods/{world.neighbourhood.pk}"
    response = api.call("patch", url, world.manager, {"name": ""})
    [detail] = assert_error(response, 422, "validation_error")["details"]
    assert detail == {
        "field": "name",
        "message": {"de": "Dieses Feld darf nicht leer sein.", "en": "This field cannot be blank."},
    }


def test_services_validate_challenges_for_every_caller(world):
    nb = world.neighbourhood
    nb.challenges = ["vacancy", "rain"]
    with pytest.raises(services.ValidationError) as raised:
        services.update_neighbourhood(nb, by=world.manager)
    assert set(raised.value.message_dict) == {"challenges"}
    nb.challenges = "vacancy"
    with pytest.raises(services.ValidationError):
        services.update_neighbourhood(nb, by=world.manager)
    nb.refresh_from_db()
    assert nb.challenges == []


def test_only_platform_admins_delete_neighbourhoods_and_actors_stay(api, world):
    url = f"/api/v1/neighbourhoods/{world.neighbourhood.pk}"
    assert_error(api.call("delete", url), 401, "not_authenticated")
    for user in [world.member, world.manager]:
        assert_error(api.call("delete", url, user), 403, "permission_denied")
    assert Neighbourhood.objects.filter(pk=world.neighbourhood.pk).exists()
    assert api.call("delete", url, world.admin).status_code == 204
    assert not Neighbourhood.objects.filter(pk=world.neighbourhood.pk).exists()
    assert Actor.objects.filter(pk=world.actor.pk).exists()
    assert not world.actor.neighbourhoods.exists()
    assert ChangeRecord.objects.filter(
        action="deleted", object_id=str(world.neighbourhood.pk), user=world.admin
    ).exists()
    assert_error(api.call("delete", url, world.admin), 404, "not_found")


def test_a_manager_loses_the_right_with_the_role(api, world):
    url = f"/api/v1/neighbourhoods/{world.neighbourhood.pk}"
    world.neighbourhood.managers.remove(world.manager)
    response = api.call("patch", url, world.manager, {"description": "x"})
    assert_error(response, 403, "permission_denied")
