import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps
from django.core import mail
from django.core.management import call_command
from django.db import models
from django.urls import reverse

from quartier.accounts.models import ApiToken, User
from quartier.accounts.services import create_token
from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.core.progress import start_progress

pytestmark = pytest.mark.django_db


def _confirmation_link(message) -> str:
    return re.search(r"https?://[^/\s]+(/konto/confirm-email/[^\s]+/)", message.body).group(1)


def test_registration_requires_confirming_the_email_address(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "neu@beispiel.example",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="neu@beispiel.example")
    assert not EmailAddress.objects.get(user=user).verified
    assert "_auth_user_id" not in client.session

    assert len(mail.outbox) == 1
    link = _confirmation_link(mail.outbox[0])
    client.post(link)
    assert EmailAddress.objects.get(user=user).verified
    assert client.get(reverse("accounts:profile")).status_code == 200


def test_registration_with_a_weak_password_is_refused_in_german(client):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "neu@beispiel.example",
            "password1": "123",
            "password2": "123",
        },
    )
    assert response.status_code == 200
    assert "Dieses Passwort ist zu kurz" in response.content.decode()
    assert not User.objects.filter(email="neu@beispiel.example").exists()


def test_ten_wrong_passwords_lock_the_login_and_say_so_in_german(client, user):
    url = reverse("account_login")
    for _ in range(10):
        response = client.post(url, {"login": user.email, "password": "falsch"})
        assert "_auth_user_id" not in client.session
    response = client.post(url, {"login": user.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session, "the right password must not open a locked login"
    assert "Zu viele gescheiterte Anmeldeversuche" in response.content.decode()


def test_nine_wrong_passwords_do_not_lock_the_login(client, user):
    url = reverse("account_login")
    for _ in range(9):
        client.post(url, {"login": user.email, "password": "falsch"})
    client.post(url, {"login": user.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(user.pk)


def test_password_reset_by_email(client, user):
    client.post(reverse("account_reset_password"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/\s]+(/konto/password/reset/key/[^\s]+/)", mail.outbox[0].body)
    response = client.get(link.group(1), follow=True)
    new = "Ein-neues-Passwort-2026"
    client.post(response.redirect_chain[-1][0], {"password1": new, "password2": new})
    user.refresh_from_db()
    assert user.check_password(new)


def test_profile_needs_login(client):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302 and "/konto/login/" in response["Location"]


def test_tokens_are_created_shown_once_and_revoked(user_client, user):
    response = user_client.post(
        reverse("accounts:token_create"), {"name": "Tabelle", "password": PASSWORD}, follow=True
    )
    plain = re.search(r'value="(qt_[^"]+)"', response.content.decode()).group(1)
    again = user_client.get(reverse("accounts:token_created"))
    assert again.status_code == 302, "the plain token is shown only once"
    token = ApiToken.objects.get(user=user)
    assert token.key_hash != plain and plain not in token.key_hash
    assert plain not in user_client.get(reverse("accounts:profile")).content.decode()
    user_client.post(reverse("accounts:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_nobody_revokes_the_token_of_another_user(client, user):
    token, _ = create_token(user, "meins")
    client.force_login(UserFactory())
    assert client.post(reverse("accounts:token_revoke", args=[token.pk])).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_data_download_contains_everything_stored_about_the_user(
    user_client, user, django_capture_on_commit_callbacks
):
    from quartier.actors.tests.factories import MembershipFactory

    create_token(user, "Skript")
    MembershipFactory(user=user, actor__name="Kulturverein Tal", role="editor")
    with django_capture_on_commit_callbacks(execute=True):  # the task starts on commit
        started = user_client.post(reverse("accounts:export_request"))
    response = user_client.get(started["Location"])
    assert response.status_code == 200
    download = re.search(r'href="(/profil/daten/[^"]+/)"', response.content.decode()).group(1)
    export = user_client.get(download)
    assert export["Content-Disposition"].startswith("attachment")
    data = json.loads(export.content)
    assert data["user"]["email"] == user.email
    assert data["user"]["last_name"] == user.last_name
    assert [a["email"] for a in data["email_addresses"]] == [user.email]
    assert [t["name"] for t in data["api_tokens"]] == ["Skript"]
    assert data["memberships"][0]["actor"] == "Kulturverein Tal"


def test_nobody_downloads_the_data_of_another_user(client, user):
    user_client_other = client
    progress = start_progress(user, "Export", total=1)
    user_client_other.force_login(UserFactory())
    assert client.get(reverse("accounts:export_download", args=[progress.pk])).status_code == 404


def test_account_deletion_needs_the_password(user_client, user):
    response = user_client.post(reverse("accounts:delete"), {"password": "falsch", "confirm": "on"})
    assert response.status_code == 200
    assert "Das Passwort ist nicht korrekt" in response.content.decode()
    assert User.objects.filter(pk=user.pk).exists()


def _rows_mentioning(value: str) -> list[str]:
    """Every row in any table with a text column containing value."""
    found = []
    for model in apps.get_models():
        text_fields = [
            f.name
            for f in model._meta.get_fields()
            if isinstance(f, models.CharField | models.TextField | models.JSONField) and f.concrete
        ]
        for name in text_fields:
            lookup = "icontains"
            if model.objects.filter(**{f"{name}__{lookup}": value}).exists():
                found.append(f"{model._meta.label}.{name}")
    return found


def test_a_deleted_account_leaves_no_personal_data_behind(
    user_client, user, django_capture_on_commit_callbacks
):
    user.first_name, user.last_name = "Zoraida", "Quastenflosser"
    user.save()
    create_token(user, "Skript von Zoraida")
    with django_capture_on_commit_callbacks(execute=True):
        user_client.post(reverse("accounts:export_request"))
    assert _rows_mentioning(user.email), "the scan must see the data before deletion"

    response = user_client.post(reverse("accounts:delete"), {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    for value in [user.email, "Quastenflosser", "Zoraida"]:
        assert _rows_mentioning(value) == []
    assert "_auth_user_id" not in user_client.session


def test_createtoken_prints_a_working_token(capsys, user, client):
    call_command("createtoken", user.email)
    plain = capsys.readouterr().out.strip()
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {plain}"})
    assert response.status_code == 200 and response.json()["email"] == user.email


def test_demo_data_loads_twice_without_duplicates():
    from quartier.knowledge.models import Article
    from quartier.neighbourhoods.models import Neighbourhood

    call_command("demo")
    call_command("demo")
    assert Article.objects.filter(kind="example", status="published").count() == 6
    # Talviertel in Musterstadt, and the second demo town's two neighbourhoods (dashboard)
    assert Neighbourhood.objects.filter(is_fictional=True).count() == 3
    admin = User.objects.get(is_superuser=True)
    assert EmailAddress.objects.get(user=admin).verified
