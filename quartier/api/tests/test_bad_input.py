"""Bad input never gives a 500: page numbers past the end, ids that name nothing, and text
with NUL, control, zero-width and direction-override characters (cleaned like on the pages)."""

import json

import pytest
from django.urls import reverse

from quartier.accounts.services import create_token
from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Actor
from quartier.actors.tests.factories import ActorFactory
from quartier.api.pagination import MAX_PAGE
from quartier.core.text import clean_text
from quartier.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db

DIRTY = "Laden\x00\x07le\u200bben\u202e\u2066 Tal\x7f\u2069\ufeff"
CLEAN = "Ladenleben Tal"


def _auth(user) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(user, 'test')[1]}"}


def _list_paths(client) -> list[str]:
    """Every paginated list of the API without path parameters."""
    schema = client.get("/api/v1/openapi.json").json()
    paths = []
    for path, operations in schema["paths"].items():
        get = operations.get("get")
        if get and "{" not in path:
            names = {p["name"] for p in get.get("parameters", [])}
            if "page" in names:
                paths.append(path)
    return paths


def test_every_list_answers_a_page_past_the_end_with_an_empty_page(client):
    ActorFactory(name="Einziger Akteur")
    PlaceFactory()
    headers = _auth(UserFactory())
    paths = _list_paths(client)
    assert "/api/v1/actors" in paths and len(paths) >= 10
    for path in paths:
        for page in (2, 1000, MAX_PAGE):
            response = client.get(path, {"page": page}, headers=headers)
            assert response.status_code == 200, (path, page, response.content[:200])
            assert response.json()["items"] == [], (path, page)
        too_far = client.get(path, {"page": MAX_PAGE + 1, "page_size": 2**62}, headers=headers)
        assert too_far.status_code == 422, path
        assert too_far.json()["error"]["code"] == "validation_error"
    first = client.get("/api/v1/actors", {"page": 10**6}).json()
    assert first == {"items": [], "count": 1}


@pytest.mark.parametrize("field", ["owner_id", "parent_id"])
def test_an_unknown_owner_or_parent_of_a_place_is_a_422_naming_the_field(client, field):
    body = {
        "name": "Ladenlokal",
        "kind": "shop",
        "latitude": 51.7,
        "longitude": 11.74,
        "area_m2": 80,
        "available_from": "2027-01-01",
        field: 2**62,
    }
    response = client.post(
        "/api/v1/places",
        json.dumps(body),
        content_type="application/json",
        headers=_auth(UserFactory()),
    )
    assert response.status_code == 422, response.content
    details = response.json()["error"]["details"]
    assert [d["field"] for d in details] == [field]
    assert str(2**62) in details[0]["message"]["de"] and details[0]["message"]["en"]


def test_an_unknown_alliance_of_an_event_is_a_422_naming_the_field(client):
    body = {
        "title": "Werkstatt",
        "format": "creative_workshop",
        "start": "2027-04-13T18:00",
        "end": "2027-04-13T21:00",
        "address": "Marktgasse 3",
        "alliance_id": 2**62,
    }
    response = client.post(
        "/api/v1/events",
        json.dumps(body),
        content_type="application/json",
        headers=_auth(UserFactory()),
    )
    assert response.status_code == 422, response.content
    assert [d["field"] for d in response.json()["error"]["details"]] == ["alliance_id"]


def test_clean_text_removes_controls_zero_width_and_direction_overrides():
    assert clean_text(DIRTY) == CLEAN
    assert clean_text("Zeile 1\r\nZeile 2\tEnde") == "Zeile 1\r\nZeile 2\tEnde"
    assert clean_text("Straße – Größe 😀") == "Straße – Größe 😀"


def test_nul_and_invisible_characters_in_query_parameters_are_no_error(client):
    ActorFactory(name="Ladenleben Tal")
    for value in ["\x00", "Laden\x00leben", "\u202eTal"]:
        response = client.get("/api/v1/actors", {"q": value})
        assert response.status_code == 200, (value, response.content[:200])
    assert client.get("/api/v1/search", {"q": "Laden\x00"}).status_code == 200
    assert client.get("/akteure/", {"q": "\x00"}).status_code == 200


def test_text_sent_to_the_api_is_stored_cleaned(client):
    user = UserFactory()
    response = client.post(
        "/api/v1/actors",
        json.dumps({"name": DIRTY, "sector": "civil_society", "short_description": "A\x00B"}),
        content_type="application/json",
        headers=_auth(user),
    )
    assert response.status_code == 201, response.content
    actor = Actor.objects.get(pk=response.json()["id"])
    assert (actor.name, actor.short_description) == (CLEAN, "AB")


def test_text_sent_through_a_form_is_cleaned_the_same_way(client):
    client.force_login(UserFactory())
    response = client.post(
        reverse("actors:create"),
        {
            "name": DIRTY,
            "short_description": "Studentische\u200b Initiative",
            "sector": "civil_society",
            "visibility": "public",
            "established": "",
            "resources-TOTAL_FORMS": "0",
            "resources-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    actor = Actor.objects.get()
    assert (actor.name, actor.short_description) == (CLEAN, "Studentische Initiative")
