"""API tokens expire, stop working when the password changes or is reset, and creating one
or deleting the account asks for the password again, a limited number of times."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from quartier.accounts.models import ApiToken, User
from quartier.accounts.services import create_token
from quartier.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Ein-neues-Passwort-2026"


def me(_client, plain):
    """The token alone, without the session of the test's browser."""
    return Client().get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"})


@override_settings(API_TOKEN_LIFETIME_DAYS=30)
def test_a_token_expires_after_the_configured_lifetime(client, user):
    token, plain = create_token(user, "Skript")
    assert token.expires_at - timezone.now() > timedelta(days=29, hours=23)
    assert me(client, plain).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    assert me(client, plain).status_code == 401
    token.refresh_from_db()
    assert not token.active and token.expired


def test_the_default_lifetime_is_one_year(user):
    token, _plain = create_token(user, "Skript")
    assert timedelta(days=364) < token.expires_at - timezone.now() <= timedelta(days=365)


def test_changing_the_password_revokes_every_token(client, user):
    _token, plain = create_token(user, "Skript")
    client.force_login(user)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert me(client, plain).status_code == 401
    assert not ApiToken.objects.filter(user=user, revoked_at__isnull=True).exists()


def test_resetting_the_password_revokes_every_token(client, user):
    _token, plain = create_token(user, "Skript")
    client.post(reverse("account_reset_password"), {"email": user.email})
    link = re.search(r"https?://[^/\s]+(/konto/password/reset/key/[^\s]+/)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    client.post(
        response.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
    assert me(client, plain).status_code == 401


def test_creating_a_token_asks_for_the_password(user_client, user):
    response = user_client.post(
        reverse("accounts:token_create"), {"name": "Skript", "password": "falsch"}
    )
    assert response.status_code == 400
    assert "Das Passwort ist nicht korrekt." in response.content.decode()
    assert not ApiToken.objects.exists()


@override_settings(PASSWORD_CONFIRMATION_RATE="3/h")
def test_password_confirmations_are_throttled_for_tokens_and_account_deletion(user_client, user):
    for _ in range(3):
        user_client.post(reverse("accounts:token_create"), {"name": "S", "password": "falsch"})
    response = user_client.post(
        reverse("accounts:token_create"), {"name": "S", "password": PASSWORD}
    )
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert "Zu viele Versuche" in response.content.decode()
    assert not ApiToken.objects.exists(), "not even the right password gets through"

    response = user_client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 429
    assert User.objects.filter(pk=user.pk).exists()


def test_a_password_set_in_the_admin_revokes_every_token(client, user):
    _token, plain = create_token(user, "Skript")
    staff = User.objects.create_superuser("admin@example.org", "Ein-Admin-Passwort-2026")
    client.force_login(staff)
    response = client.post(
        reverse("admin:auth_user_password_change", args=[user.pk]),
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD, "usable_password": "true"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
    assert me(client, plain).status_code == 401


def test_manage_py_changepassword_revokes_every_token(user, monkeypatch):
    _token, plain = create_token(user, "Skript")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": NEW_PASSWORD)
    call_command("changepassword", user.email, stdout=io.StringIO())
    assert User.objects.get(pk=user.pk).check_password(NEW_PASSWORD)
    assert me(None, plain).status_code == 401


def test_logging_in_with_an_outdated_hash_keeps_the_tokens(client, user, settings):
    """Django re-hashes a password stored with an older algorithm on login; that is not a
    new password and revokes nothing."""
    settings.PASSWORD_HASHERS = [
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
        "django.contrib.auth.hashers.MD5PasswordHasher",
    ]
    User.objects.filter(pk=user.pk).update(password=make_password(PASSWORD, hasher="md5"))
    _token, plain = create_token(user, "Skript")
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)  # re-hashed and saved
    assert User.objects.get(pk=user.pk).password.startswith("pbkdf2_")
    assert me(client, plain).status_code == 200
