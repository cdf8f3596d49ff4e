"""Staff log in through the site's protected login: the admin's own form, which had no
brute-force lock, is not reachable."""

import pytest
from django.urls import reverse

from quartier.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


def test_the_admin_login_sends_staff_to_the_site_login_and_back_to_the_admin(client):
    response = client.get("/admin/login/?next=/admin/places/place/")
    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2Fplaces%2Fplace%2F"


def test_the_admin_login_never_sends_anyone_to_another_site(client):
    response = client.get("/admin/login/?next=https://boese.example/")
    assert response["Location"] == reverse("account_login") + "?next=%2Fadmin%2F"


def test_guessing_passwords_on_the_admin_login_checks_no_password(client, staff):
    for _ in range(30):
        response = client.post(
            "/admin/login/?next=/admin/", {"username": staff.email, "password": "falsch"}
        )
        assert response.status_code == 302
    response = client.post(
        "/admin/login/?next=/admin/", {"username": staff.email, "password": PASSWORD}
    )
    assert "_auth_user_id" not in client.session, "the admin form must not log anybody in"


def test_the_admin_is_behind_the_lock_of_the_site_login(client, staff):
    login = reverse("account_login")
    for _ in range(10):
        client.post(login, {"login": staff.email, "password": "falsch"})
    client.post(login, {"login": staff.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_staff_logged_in_on_the_site_reach_the_admin(client, staff):
    client.post(reverse("account_login"), {"login": staff.email, "password": PASSWORD})
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/login/?next=/admin/")["Location"] == "/admin/"


def test_a_member_without_admin_access_gets_403_not_a_redirect_loop(user_client):
    assert user_client.get("/admin/login/?next=/admin/").status_code == 403
