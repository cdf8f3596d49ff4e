"""Test harnesses shared by every app's tests (imported by tests only)."""

import json
from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from quartier.accounts.services import create_token


def count_queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(ctx.captured_queries)


def assert_queries_do_not_grow(
    client: Client, url: str, add_rows: Callable[[int], object], few: int = 2, many: int = 12
) -> None:
    """Renders the page with `few` rows and again with `many`: the number of database
    queries must be the same, so the page does not issue a query per row."""
    add_rows(few)
    with_few = count_queries(client, url)
    add_rows(many - few)
    with_many = count_queries(client, url)
    assert with_many == with_few, (
        f"{url}: {with_few} queries for {few} rows but {with_many} for {many} rows"
    )


class ApiClient:
    """The one way tests call the API: as a user (with a personal token, created once per
    user) or anonymously (`user=None`), with a JSON body or a `raw` one.

    `api.get(url, user)`, `api.post(url, body, user)`, `api.patch(url, body, user)`,
    `api.delete(url, user)`, or `api.call(method, url, user, body, raw)`."""

    def __init__(self, client: Client) -> None:
        self.client = client
        self.tokens: dict[int, str] = {}

    def headers(self, user: Any = None) -> dict[str, str]:
        if user is None:
            return {}
        if user.pk not in self.tokens:
            self.tokens[user.pk] = create_token(user, "test")[1]
        return {"Authorization": f"Bearer {self.tokens[user.pk]}"}

    def call(
        self, method: str, url: str, user: Any = None, body: Any = None, raw: str | None = None
    ) -> Any:
        kwargs: dict[str, Any] = {}
        if body is not None or raw is not None:
            kwargs = {
                "data": raw if raw is not None else json.dumps(body),
                "content_type": "application/json",
            }
        return getattr(self.client, method)(url, headers=self.headers(user), **kwargs)

    def get(self, url: str, user: Any = None) -> Any:
        return self.call("get", url, user)

    def post(self, url: str, body: Any = None, user: Any = None, raw: str | None = None) -> Any:
        return self.call("post", url, user, body if body is not None else {}, raw)

    def patch(self, url: str, body: Any, user: Any = None) -> Any:
        return self.call("patch", url, user, body)

    def delete(self, url: str, user: Any = None) -> Any:
        return self.call("delete", url, user)
