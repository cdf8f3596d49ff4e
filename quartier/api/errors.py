"""One JSON error format for the whole API:

    {"error": {"status": 401, "code": "not_authenticated",
               "message": {"de": "...", "en": "..."}, "details": [...]}}

`details` lists field problems of a validation error: {"field": "...", "message": {...}}.
Routers raise `ApiError` (or Http404, PermissionDenied, Django's ValidationError, ninja's
HttpError); the handlers in quartier/api/api.py render them.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

MESSAGES: dict[str, Promise] = {
    "not_authenticated": _(
        "Authentication required: send a valid token in the header “Authorization: Bearer TOKEN”."
    ),
    "permission_denied": _("You may not see or change this."),
    "not_found": _("Not found."),
    "validation_error": _("The request contains invalid data."),
    "method_not_allowed": _("This method is not allowed here."),
    "bad_request": _("The request could not be understood."),
    "payload_too_large": _("The request is too large."),
    "too_many_requests": _("Too many requests. Please wait a moment and try again."),
    "server_error": _(
        "An internal error occurred. Whether your change was saved cannot be said for "
        "sure; please check before you try again."
    ),
}


class ApiError(Exception):
    """An answer in the error format that a router raises instead of building it: routers do
    not import the central API object; its one handler (quartier/api/api.py) renders this.
    `params` fill the message's placeholders; `retry_after` (seconds) is sent as the
    `Retry-After` header."""

    def __init__(
        self,
        status: int,
        code: str,
        message: Promise | str | None = None,
        details: list[dict[str, Any]] | None = None,
        *,
        params: dict[str, Any] | None = None,
        retry_after: int | None = None,
    ) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.params = params
        self.retry_after = retry_after


class LimitExceeded(ApiError):
    """A request beyond one of the documented limits (README, "Limits"): 413 too large, 422
    too many items, 429 too many requests (with the seconds to wait in `Retry-After`)."""


def bilingual(message: Promise | str, params: dict[str, Any] | None = None) -> dict[str, str]:
    result = {}
    for language in ("de", "en"):
        with translation.override(language):
            result[language] = str(message) % params if params else str(message)
    return result


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: Promise | str | None = None,
    details: list[dict[str, Any]] | None = None,
    params: dict[str, Any] | None = None,
) -> HttpResponse:
    body = {
        "error": {
            "status": status,
            "code": code,
            "message": bilingual(message or MESSAGES[code], params),
            "details": details or [],
        }
    }
    return api.create_response(request, body, status=status)
