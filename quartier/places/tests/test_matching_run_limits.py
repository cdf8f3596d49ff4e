"""The matching engine over the API costs the server only what a logged-in caller may ask
for: bounded input, paged pairs, and large runs in the background (README, "Limits")."""

import json

import pytest
from django.test import override_settings

from quartier.accounts.tests.factories import UserFactory
from quartier.core.models import TaskProgress
from quartier.places.tests.test_api import auth

pytestmark = pytest.mark.django_db

URL = "/api/v1/matching/run"


def place(n: int) -> dict:
    return {
        "id": f"p{n}",
        "area_m2": 80,
        "rent_eur_month": 200,
        "lat": 51.7,
        "lon": 11.7,
        "available_from": "2027-01-01",
        "uses": ["gallery"],
    }


def request(n: int) -> dict:
    return {
        "id": f"r{n}",
        "uses": ["gallery"],
        "area_m2_min": 50,
        "area_m2_max": 100,
        "budget_eur_month": 300,
        "lat": 51.7,
        "lon": 11.7,
        "radius_km": 2,
        "start": "2027-02-01",
        "months": 6,
    }


def body(places: int, requests: int, **options) -> dict:
    return {
        "places": [place(n) for n in range(places)],
        "requests": [request(n) for n in range(requests)],
        **options,
    }


def run(client, data, user=None):
    return client.post(
        URL, json.dumps(data), content_type="application/json", headers=auth(user) if user else {}
    )


@pytest.fixture
def member(db):
    return UserFactory()


def test_anonymous_callers_may_not_run_the_matching(client):
    response = run(client, body(1, 1))
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


@override_settings(MATCHING_API_MAX_BODY_BYTES=2_000)
def test_a_body_over_the_limit_is_refused_with_413_in_german_and_english(client, member):
    response = run(client, body(10, 10), member)
    assert response.status_code == 413
    message = response.json()["error"]["message"]
    assert "2000" in message["de"] and "zu groß" in message["de"]
    assert "too large" in message["en"]


@override_settings(MATCHING_API_MAX_ITEMS=5)
def test_too_many_places_are_refused_with_422_naming_the_limit(client, member):
    response = run(client, body(6, 1), member)
    assert response.status_code == 422
    detail = response.json()["error"]["details"][0]
    assert detail["field"] == "places"
    assert "5" in detail["message"]["de"] and "6" in detail["message"]["en"]
    assert not TaskProgress.objects.exists()


@override_settings(MATCHING_API_PAIRS_PAGE_SIZE=4)
def test_all_pairs_come_one_page_at_a_time(client, member):
    first = run(client, body(3, 3, all_pairs=True), member).json()
    assert first["pairs_total"] == 9 and len(first["pairs"]) == 4
    rest = run(client, body(3, 3, all_pairs=True, pairs_offset=4), member).json()
    last = run(client, body(3, 3, all_pairs=True, pairs_offset=8), member).json()
    pairs = first["pairs"] + rest["pairs"] + last["pairs"]
    assert len({(p["request"], p["place"]) for p in pairs}) == 9


def test_a_negative_page_offset_is_a_422(client, member):
    response = run(client, body(1, 1, all_pairs=True, pairs_offset=-1), member)
    assert response.status_code == 422
    assert response.json()["error"]["details"][0]["field"] == "pairs_offset"


@override_settings(MATCHING_API_SYNC_MAX_PAIRS=8)
def test_a_large_run_goes_to_the_background_and_only_its_owner_fetches_the_result(
    client, member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = run(client, body(3, 3), member)
    assert response.status_code == 202
    queued = response.json()
    assert queued["result_url"].endswith(f"/api/v1/matching/runs/{queued['id']}")

    result = client.get(f"/api/v1/matching/runs/{queued['id']}", headers=auth(member))
    assert result.status_code == 200
    assert result.json()["status"] == "done"
    assert len(result.json()["output"]["assignment"]) == 3

    stranger = client.get(f"/api/v1/matching/runs/{queued['id']}", headers=auth(UserFactory()))
    assert stranger.status_code == 404
    assert client.get(f"/api/v1/matching/runs/{queued['id']}").status_code == 401


@override_settings(MATCHING_API_SYNC_MAX_PAIRS=0)
def test_bad_input_of_a_background_run_is_reported_with_its_problems(
    client, member, django_capture_on_commit_callbacks
):
    data = body(1, 1)
    data["places"][0]["area_m2"] = -1
    with django_capture_on_commit_callbacks(execute=True):
        queued = run(client, data, member).json()
    result = client.get(f"/api/v1/matching/runs/{queued['id']}", headers=auth(member)).json()
    assert result["status"] == "failed"
    assert result["problems"][0]["path"] == "places[0].area_m2"


def test_another_task_of_the_owner_is_not_a_matching_run(client, member):
    other = TaskProgress.objects.create(owner=member, title="Export", result={"x": 1})
    response = client.get(f"/api/v1/matching/runs/{other.pk}", headers=auth(member))
    assert response.status_code == 404


def test_a_body_over_the_upload_limit_of_every_request_is_a_413_not_a_500(client, member):
    response = client.post(
        URL,
        json.dumps({"places": ["x" * 3_000_000]}),
        content_type="application/json",
        headers=auth(member),
    )
    assert response.status_code == 413
    assert response.json()["error"]["message"]["de"] == "Die Anfrage ist zu groß."
