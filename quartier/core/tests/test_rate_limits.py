"""The API answers 429 with Retry-After over the limit per token and per client, and starting
background work is limited per user (README, "Limits"); counted in the cache."""

import json

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from quartier.accounts.services import create_token
from quartier.accounts.tests.factories import UserFactory
from quartier.core.models import TaskProgress
from quartier.core.ratelimits import Rate

pytestmark = pytest.mark.django_db


def bearer(plain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {plain}"}


def test_rates_are_read_as_documented():
    assert Rate.parse("600/m") == Rate(600, 60)
    assert Rate.parse("10/15m") == Rate(10, 900)
    assert Rate.parse("20/h") == Rate(20, 3600)


@override_settings(API_RATE_PER_CLIENT="1000/m", API_RATE_PER_TOKEN="3/m")
def test_a_token_over_its_limit_gets_429_with_retry_after_in_both_languages(user):
    _token, plain = create_token(user, "Skript")
    client = Client()
    for _ in range(3):
        assert client.get("/api/v1/me", headers=bearer(plain)).status_code == 200
    response = client.get("/api/v1/me", headers=bearer(plain))
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60
    error = response.json()["error"]
    assert error["code"] == "too_many_requests"
    assert error["message"]["de"].startswith("Zu viele Anfragen")
    assert error["message"]["en"].startswith("Too many requests")
    _other, second = create_token(user, "Anderes Skript")
    assert client.get("/api/v1/me", headers=bearer(second)).status_code == 200


@override_settings(API_RATE_PER_CLIENT="2/m", TRUSTED_PROXY_COUNT=1)
def test_each_client_behind_the_proxy_has_its_own_limit():
    client = Client(REMOTE_ADDR="10.0.0.2")
    one = {"X-Forwarded-For": "198.51.100.1"}
    for _ in range(2):
        assert client.get("/api/v1/places", headers=one).status_code == 200
    assert client.get("/api/v1/places", headers=one).status_code == 429
    other = {"X-Forwarded-For": "198.51.100.2"}
    assert client.get("/api/v1/places", headers=other).status_code == 200
    assert Client().get("/orte/").status_code == 200, "pages are not counted as API calls"


@override_settings(BACKGROUND_TASK_RATE="2/h")
def test_starting_background_work_is_limited_per_user(user_client, user):
    for _ in range(2):
        assert user_client.post(reverse("accounts:export_request")).status_code == 302
    response = user_client.post(reverse("accounts:export_request"))
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Bitte versuchen Sie es in" in response.content.decode()
    assert TaskProgress.objects.count() == 2


@override_settings(BACKGROUND_TASK_RATE="1/h", MATCHING_API_SYNC_MAX_PAIRS=0)
def test_background_matching_runs_share_the_limit(client):
    from quartier.places.tests.test_matching_run_limits import body

    user = UserFactory()
    _token, plain = create_token(user, "Skript")
    data = json.dumps(body(1, 1))
    post = {"content_type": "application/json", "headers": bearer(plain)}
    assert client.post("/api/v1/matching/run", data, **post).status_code == 202
    response = client.post("/api/v1/matching/run", data, **post)
    assert response.status_code == 429 and response["Retry-After"]
    assert response.json()["error"]["code"] == "too_many_requests"


@override_settings(BACKGROUND_TASK_RATE="1/h")
def test_uploads_for_import_share_the_limit(user_client):
    from quartier.imports.tests.conftest import csv_bytes, upload

    content = csv_bytes([["Name", "Sektor"], ["A", "school"]])
    first = user_client.post(reverse("imports:start"), {"file": upload(content), "kind": "actors"})
    assert first.status_code == 302
    second = user_client.post(reverse("imports:start"), {"file": upload(content), "kind": "actors"})
    assert second.status_code == 429
