"""The API instance: /api/v1/, schema at /api/v1/openapi.json, docs at /api/v1/docs.

Each domain app adds its router here (`api.add_router("/actors", actors_router)`), with
plural English nouns as resource paths."""

import functools
import logging
from datetime import datetime

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy, trans_real
from ninja import Schema, Status
from ninja.errors import AuthenticationError, HttpError, ValidationError

from quartier.accounts.models import User
from quartier.api.auth import api_auth
from quartier.api.errors import ApiError, error_response
from quartier.api.openapi import QuartierNinjaAPI
from quartier.core.ratelimits import RateLimited
from quartier.core.tasking import worker_health

api = QuartierNinjaAPI(
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


@api.exception_handler(ApiError)
def on_api_error(request: HttpRequest, exc: ApiError) -> HttpResponse:
    """What a router raised in the error format (routers never build responses themselves);
    a limit's `Retry-After` goes into the header."""
    response = error_response(
        api, request, exc.status, exc.code, exc.message, exc.details, params=exc.params
    )
    if exc.retry_after is not None:
        response["Retry-After"] = str(exc.retry_after)
    return response


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


@functools.lru_cache(maxsize=512)
def _message_id(text: str, language: str) -> str:
    """The English message id of a text already translated into `language` (a service that
    raised with `gettext` instead of `gettext_lazy`), or the text itself."""
    if not text or language.startswith("en"):
        return text
    catalog = getattr(trans_real.translation(language), "_catalog", None)
    for msgid, msgstr in catalog.items() if catalog is not None else []:
        if msgstr == text and isinstance(msgid, str) and "\x04" not in msgid:
            return msgid
    return text


def _bilingual_error(error: DjangoValidationError) -> dict[str, str]:
    """One message of a Django ValidationError in German and English. Lazy messages are
    translated into each language; a plain string is traced back to its message id."""
    message = error.message
    if not isinstance(message, Promise) and str(message):
        message = gettext_lazy(_message_id(str(message), get_language() or "en"))
    result = {}
    for language in ("de", "en"):
        with translation.override(language):
            # a lazy plural (Django's length validators) needs the params to choose its form
            result[language] = str(message % error.params if error.params else message)
    return result


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    """A ValidationError of a service (model validation, business rules) is a 422."""
    if hasattr(exc, "error_dict"):
        problems = [(field, err) for field, errors in exc.error_dict.items() for err in errors]
    else:
        problems = [("", err) for err in exc.error_list]
    details = [
        {"field": "" if field == NON_FIELD_ERRORS else field, "message": _bilingual_error(err)}
        for field, err in problems
    ]
    return error_response(api, request, 422, "validation_error", details=details)


@api.exception_handler(RateLimited)
def on_rate_limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    response = error_response(api, request, 429, "too_many_requests")
    response["Retry-After"] = str(exc.retry_after)
    return response


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
    if isinstance(exc, RequestDataTooBig):  # over DATA_UPLOAD_MAX_MEMORY_SIZE
        return error_response(api, request, 413, "payload_too_large")
    logging.getLogger("quartier.api").exception("Unhandled API error")
    return error_response(api, request, 500, "server_error")


class WorkerOut(Schema):
    status: str
    last_heartbeat: datetime | None
    heartbeat_age_seconds: float | None
    oldest_waiting_task_age_seconds: float | None


class HealthOut(Schema):
    status: str
    database: str
    worker: WorkerOut | None = None


@api.get("/health", auth=None, response={200: HealthOut, 503: HealthOut}, tags=["system"])
def health(request: HttpRequest) -> Status:
    """Whether Quartier, its database and its background worker answer (503 when the
    database is unreachable or the worker's last heartbeat is stale)."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        worker = worker_health()
    except Exception:
        return Status(503, {"status": "error", "database": "unreachable"})
    out = {
        "status": "stale" if worker.stale else "ok",
        "last_heartbeat": worker.last_heartbeat,
        "heartbeat_age_seconds": worker.heartbeat_age,
        "oldest_waiting_task_age_seconds": worker.oldest_waiting_age,
    }
    if worker.stale:
        return Status(503, {"status": "error", "database": "ok", "worker": out})
    return Status(200, {"status": "ok", "database": "ok", "worker": out})


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


# The domain routers, imported last: they import the authentication and error helpers above.
from quartier.actors.api import actors_router, ties_router  # noqa: E402
from quartier.neighbourhoods.api import municipalities_router, neighbourhoods_router  # noqa: E402

api.add_router("/municipalities", municipalities_router)
api.add_router("/neighbourhoods", neighbourhoods_router)
api.add_router("/actors", actors_router)
api.add_router("/ties", ties_router)
from quartier.places.api import (  # noqa: E402
    matches_router,
    matching_router,
    places_router,
    requests_router,
)

api.add_router("/places", places_router)
api.add_router("/space-requests", requests_router)
api.add_router("/matching", matching_router)
api.add_router("/matches", matches_router)
from quartier.alliances.api import agreements_router, alliances_router  # noqa: E402

api.add_router("/alliances", alliances_router)
api.add_router("/agreements", agreements_router)

from quartier.knowledge.api import articles_router, checklist_runs_router  # noqa: E402
from quartier.search.api import search_router  # noqa: E402

api.add_router("/articles", articles_router)
api.add_router("/checklist-runs", checklist_runs_router)
api.add_router("/search", search_router)

from quartier.events.api import action_items_router, events_router  # noqa: E402

api.add_router("/events", events_router)
api.add_router("/action-items", action_items_router)
from quartier.network.api import introductions_router, network_router, tandems_router  # noqa: E402

api.add_router("/network", network_router)
api.add_router("/introductions", introductions_router)
api.add_router("/tandems", tandems_router)

from quartier.projects.api import projects_router  # noqa: E402
from quartier.projects.impact_api import indicators_router, measurements_router  # noqa: E402

api.add_router("/projects", projects_router)
api.add_router("/indicators", indicators_router)
api.add_router("/measurements", measurements_router)

from quartier.funding.api import fair_pay_router, grants_router, programmes_router  # noqa: E402

api.add_router("/funding-programmes", programmes_router)
api.add_router("/grants", grants_router)
api.add_router("/fair-pay-statements", fair_pay_router)

from quartier.dashboard.api import (  # noqa: E402
    comparison_router,
    dashboard_router,
    statistics_router,
)

api.add_router("/neighbourhoods", dashboard_router)
api.add_router("/municipalities", comparison_router)
api.add_router("/statistics", statistics_router)
