"""The API instance: /api/v1/, schema at /api/v1/openapi.json, docs at /api/v1/docs.

Each domain app adds its router here (`api.add_router("/actors", actors_router)`), with
plural English nouns as resource paths."""

import logging

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI, Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError

from quartier.accounts.models import User
from quartier.api.auth import api_auth
from quartier.api.errors import error_response

api = NinjaAPI(
    title="Quartier API",
    version="1",
    description="Programmierschnittstelle von Quartier / the Quartier API. "
    "Authentifizierung: `Authorization: Bearer TOKEN` (Token im Profil anlegen).",
    urls_namespace="api",
    auth=api_auth,
)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(api, request, 401, "not_authenticated")


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    details = [
        {
            "field": ".".join(str(part) for part in err.get("loc", [])),
            "message": {"de": err.get("msg", ""), "en": err.get("msg", "")},
        }
        for err in exc.errors
    ]
    return error_response(api, request, 422, "validation_error", details=details)


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return error_response(api, request, 404, "not_found")


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    codes = {
        400: "bad_request",
        401: "not_authenticated",
        403: "permission_denied",
        404: "not_found",
        405: "method_not_allowed",
    }
    return error_response(api, request, exc.status_code, codes.get(exc.status_code, "bad_request"))


@api.exception_handler(Exception)
def on_unexpected_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    if isinstance(exc, PermissionDenied):
        return error_response(api, request, 403, "permission_denied")
    logging.getLogger("quartier.api").exception("Unhandled API error")
    return error_response(api, request, 500, "server_error")


class HealthOut(Schema):
    status: str
    database: str


@api.get("/health", auth=None, response={200: HealthOut, 503: HealthOut}, tags=["system"])
def health(request: HttpRequest) -> Status:
    """Whether Quartier and its database answer."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return Status(503, {"status": "error", "database": "unreachable"})
    return Status(200, {"status": "ok", "database": "ok"})


class MeOut(Schema):
    id: int
    email: str
    first_name: str
    last_name: str


@api.get("/me", response=MeOut, tags=["accounts"])
def me(request: HttpRequest) -> User:
    """The account the request is authenticated as."""
    assert isinstance(request.user, User)
    return request.user
