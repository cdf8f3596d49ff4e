"""One JSON error format for the whole API:

    {"error": {"status": 401, "code": "not_authenticated",
               "message": {"de": "...", "en": "..."}, "details": [...]}}

`details` lists field problems of a validation error: {"field": "...", "message": {...}}.
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
    "server_error": _(
        "An internal error occurred. Whether your change was saved cannot be said for "
        "sure; please check before you try again."
    ),
}


def bilingual(message: Promise | str) -> dict[str, str]:
    result = {}
    for language in ("de", "en"):
        with translation.override(language):
            result[language] = str(message)
    return result


def error_response(
    api: NinjaAPI,
    request: HttpRequest,
    status: int,
    code: str,
    message: Promise | str | None = None,
    details: list[dict[str, Any]] | None = None,
) -> HttpResponse:
    body = {
        "error": {
            "status": status,
            "code": code,
            "message": bilingual(message or MESSAGES[code]),
            "details": details or [],
        }
    }
    return api.create_response(request, body, status=status)
