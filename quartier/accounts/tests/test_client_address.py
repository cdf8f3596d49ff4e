"""Behind a reverse proxy the login limits count the client, not the proxy, and a lock
holds one account for one client only."""

import pytest
from django.test import RequestFactory, override_settings
from django.urls import reverse

from quartier.accounts.tests.factories import PASSWORD
from quartier.core.ratelimits import client_address

pytestmark = pytest.mark.django_db
PROXY = "10.0.0.2"


def request_from(remote: str, forwarded: str | None = None):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, headers=headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored():
    assert client_address(request_from("203.0.113.5", "198.51.100.1")) == "203.0.113.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended():
    assert client_address(request_from(PROXY, "198.51.100.1")) == "198.51.100.1"
    # a client forging an entry cannot choose its address: the proxy appends the real one
    assert client_address(request_from(PROXY, "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


@override_settings(TRUSTED_PROXY_COUNT=2)
def test_behind_two_proxies_the_second_entry_from_the_right_counts():
    assert client_address(request_from(PROXY, "1.2.3.4, 198.51.100.1, 10.0.0.1")) == (
        "198.51.100.1"
    )


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_missing_or_broken_header_falls_back_to_the_connection():
    assert client_address(request_from(PROXY)) == PROXY
    assert client_address(request_from(PROXY, "kein-ip")) == PROXY


def login(client, email, password, client_ip):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        headers={"X-Forwarded-For": client_ip},
    )


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_a_stranger_guessing_behind_the_proxy_does_not_lock_the_owner_out(client, user):
    for _ in range(12):
        login(client, user.email, "falsch", "198.51.100.66")
    assert "Zu viele" in login(client, user.email, PASSWORD, "198.51.100.66").content.decode()
    assert "_auth_user_id" not in client.session

    login(client, user.email, PASSWORD, "198.51.100.7")
    assert client.session["_auth_user_id"] == str(user.pk)


@override_settings(TRUSTED_PROXY_COUNT=1, ACCOUNT_RATE_LIMITS={"login_failed": "3/h/ip,10/15m/key"})
def test_the_per_client_limit_counts_each_client_behind_the_proxy(client, user):
    """Failed logins over the per-client limit (30 a minute; 3 an hour here, so that a slow
    machine cannot outlast the window) stop that client, not everybody behind the proxy."""
    for n in range(4):
        login(client, f"niemand{n}@beispiel.example", "falsch", "198.51.100.66")
    login(client, user.email, PASSWORD, "198.51.100.66")
    assert "_auth_user_id" not in client.session
    login(client, user.email, PASSWORD, "198.51.100.7")
    assert client.session["_auth_user_id"] == str(user.pk)
