import pytest
from django.utils import timezone

from quartier.accounts.services import create_token

pytestmark = pytest.mark.django_db


def _assert_error_format(response, status, code):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status and error["code"] == code
    assert error["message"]["de"] and error["message"]["en"]
    assert error["message"]["de"] != error["message"]["en"]


def test_health_reports_status_and_database(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["database"]) == ("ok", "ok")
    assert body["worker"]["status"] == "ok"  # no worker yet, but nothing waits either


def test_unauthenticated_call_is_401_in_the_common_error_format(client):
    _assert_error_format(client.get("/api/v1/me"), 401, "not_authenticated")


def test_a_token_authenticates_the_request(client, user):
    _token, plain = create_token(user, "test")
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 200
    assert response.json()["email"] == user.email


def test_a_revoked_or_wrong_token_is_refused(client, user):
    token, plain = create_token(user, "test")
    token.revoked_at = timezone.now()
    token.save()
    for value in [plain, "qt_falsch", "irgendwas", ""]:
        response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {value}"})
        _assert_error_format(response, 401, "not_authenticated")


def test_a_token_of_a_deactivated_user_is_refused(client, user):
    _token, plain = create_token(user, "test")
    user.is_active = False
    user.save()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 401


def test_unknown_api_path_and_wrong_method_answer_in_the_common_format(client):
    _assert_error_format(client.get("/api/v1/gibt-es-nicht"), 404, "not_found")
    response = client.put("/api/v1/health")
    _assert_error_format(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_openapi_schema_and_docs_are_served(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/health" in schema["paths"] and "/api/v1/me" in schema["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui" in docs
    assert "cdn." not in docs, "the docs must not load anything from a CDN"


def test_anonymous_write_without_csrf_token_is_401_not_403(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/api/v1/actors", {"name": "x"}, content_type="application/json")
    assert response.status_code == 401


def test_logged_in_browser_write_needs_the_csrf_token(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.post(
        "/api/v1/actors",
        {"name": "Neu", "short_description": "x", "sector": "culture"},
        content_type="application/json",
    )
    assert response.status_code == 403
