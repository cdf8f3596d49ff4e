"""Rate limits of the whole site: the API per token and per client, and the 429 answer of a
page whose service refused to start more background work (README, "Limits")."""

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from quartier.core.ratelimits import Rate, RateLimited, client_address, hit

API_PREFIX = "/api/"
TOO_MANY = _("Too many requests. Please wait a moment and try again.")


def _bilingual(message: object) -> dict[str, str]:
    from django.utils import translation  # noqa: PLC0415 – kept out of the settings import path

    result = {}
    for language in ("de", "en"):
        with translation.override(language):
            result[language] = str(message)
    return result


def too_many_requests_json(retry_after: int) -> JsonResponse:
    response = JsonResponse(
        {
            "error": {
                "status": 429,
                "code": "too_many_requests",
                "message": _bilingual(TOO_MANY),
                "details": [],
            }
        },
        status=429,
    )
    response["Retry-After"] = str(retry_after)
    return response


class RateLimitMiddleware:
    """Counts each API request against API_RATE_PER_CLIENT (by the client's address behind
    the trusted proxies) and, with a bearer token, against API_RATE_PER_TOKEN."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(API_PREFIX):
            wait = hit(
                "api-client", client_address(request), Rate.parse(settings.API_RATE_PER_CLIENT)
            )
            scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
            if wait is None and scheme.lower() == "bearer" and token:
                digest = hashlib.sha256(token.strip().encode()).hexdigest()[:32]
                wait = hit("api-token", digest, Rate.parse(settings.API_RATE_PER_TOKEN))
            if wait is not None:
                return too_many_requests_json(wait)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, RateLimited):
            return None
        if request.path.startswith(API_PREFIX):
            return too_many_requests_json(exception.retry_after)
        minutes = max(1, -(-exception.retry_after // 60))
        response = render(request, "429.html", {"minutes": minutes}, status=429)
        response["Retry-After"] = str(exception.retry_after)
        return response


class PermissionsPolicyMiddleware:
    """Sends the Permissions-Policy header of the settings (PERMISSIONS_POLICY) on every
    response."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
