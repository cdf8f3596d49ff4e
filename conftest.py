"""Fixtures every test may use. Browser fixtures live in tests/browser/conftest.py."""

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits and other cached state must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _german():
    """Messages made outside a request are German; a request in English (which activates
    English for the thread) does not leak into the next test."""
    from django.utils import translation

    with translation.override("de"):
        yield


@pytest.fixture
def user(db):
    from quartier.accounts.tests.factories import UserFactory

    return UserFactory()


@pytest.fixture
def user_client(client, user):
    client.force_login(user)
    return client


@pytest.fixture
def api(client):
    """The one API test client (quartier.core.testing.ApiClient)."""
    from quartier.core.testing import ApiClient

    return ApiClient(client)


def pytest_report_header(config):
    from django.conf import settings

    database = settings.DATABASES["default"]
    return f"database: {database['ENGINE'].rsplit('.', 1)[-1]} {database.get('HOST') or ''}".strip()
