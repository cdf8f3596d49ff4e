"""Answers that Django or django-ninja produce outside the API's exception handlers (an unknown
path, a method the path does not allow) also get the API's JSON error format."""

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from quartier.api.errors import MESSAGES, bilingual

API_PREFIX = "/api/"
CODES = {404: "not_found", 405: "method_not_allowed", 500: "server_error"}


class ApiErrorFormatMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if (
            request.path.startswith(API_PREFIX)
            and response.status_code in CODES
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            code = CODES[response.status_code]
            error = JsonResponse(
                {
                    "error": {
                        "status": response.status_code,
                        "code": code,
                        "message": bilingual(MESSAGES[code]),
                        "details": [],
                    }
                },
                status=response.status_code,
            )
            if response.has_header("Allow"):
                error["Allow"] = response["Allow"]
            return error
        return response
