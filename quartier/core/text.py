"""One cleaning of text that users send, for pages and API alike.

`clean_text` removes what has no place in a stored text and can only do harm: NUL and the
other control characters (PostgreSQL refuses NUL in text; the others break exports and
terminals), zero-width characters (hide words from search and moderation) and the Unicode
direction overrides and isolates ("Trojan Source": text that displays differently from what
it says). Tab, line feed and carriage return stay. `CleanTextMiddleware` applies it to every
query parameter, form field and JSON string a request carries."""

import contextlib
import json
from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, QueryDict

_KEPT_CONTROLS = {"\t", "\n", "\r"}
_REMOVED = (
    {chr(c) for c in range(0x00, 0x20) if chr(c) not in _KEPT_CONTROLS}
    | {chr(c) for c in range(0x7F, 0xA0)}  # DEL and the C1 controls
    | set("\u200b\u200c\u200d\u2060\ufeff")  # zero-width space, (non-)joiner, word joiner, BOM
    | set("\u200e\u200f\u061c")  # direction marks
    | {chr(c) for c in range(0x202A, 0x202F)}  # embeddings and overrides
    | {chr(c) for c in range(0x2066, 0x206A)}  # isolates
)
_TABLE = str.maketrans(dict.fromkeys(_REMOVED))


def clean_text(value: str) -> str:
    """`value` without control, zero-width and direction-override characters."""
    return value.translate(_TABLE)


def clean_data(value: Any) -> Any:
    """Every string in a JSON-like structure (keys too) cleaned."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [clean_data(item) for item in value]
    if isinstance(value, dict):
        return {clean_data(key): clean_data(item) for key, item in value.items()}
    return value


def _needs_cleaning(value: str) -> bool:
    return value != clean_text(value)


def _cleaned_querydict(data: QueryDict) -> QueryDict | None:
    """A cleaned copy, or None when nothing needed cleaning. Passwords stay as typed: they
    are compared, never shown, and an existing password must keep working."""
    lists = list(data.lists())
    if not any(
        "password" not in key and any(_needs_cleaning(v) for v in values if isinstance(v, str))
        for key, values in lists
    ) and not any(_needs_cleaning(key) for key, _values in lists):
        return None
    cleaned = QueryDict(mutable=True)
    for key, values in lists:
        if "password" in key:
            cleaned.setlist(key, values)
        else:
            cleaned.setlist(clean_text(key), [clean_text(v) for v in values])
    cleaned._mutable = False
    return cleaned


class CleanTextMiddleware:
    """Cleans the text of every request before a form or the API reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = _cleaned_querydict(request.GET)
        if query is not None:
            request.GET = query  # type: ignore[assignment]  # made immutable above
        if request.method in ("POST", "PUT", "PATCH", "DELETE"):
            # too large a body is left for the view or the API, which answer it with 413
            with contextlib.suppress(RequestDataTooBig):
                self._clean_body(request)
        return self.get_response(request)

    def _clean_body(self, request: HttpRequest) -> None:
        content_type = request.content_type or ""
        if content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
            if request.method == "POST":
                form = _cleaned_querydict(request.POST)
                if form is not None:
                    request.POST = form  # type: ignore[assignment]
            return
        if content_type != "application/json" and not content_type.endswith("+json"):
            return
        try:
            data = json.loads(request.body)
        except (ValueError, UnicodeDecodeError):
            return  # the API answers malformed JSON with its own 400/422
        cleaned = clean_data(data)
        if cleaned != data:
            request._body = json.dumps(cleaned).encode()  # what request.body returns from now on
