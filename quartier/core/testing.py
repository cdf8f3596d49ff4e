"""Test harnesses shared by every app's tests (imported by tests only)."""

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


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
