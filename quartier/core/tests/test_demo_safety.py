"""`quartier demo` is for trying Quartier out: on a production installation it runs only when
asked explicitly, and it never changes the password of a user that exists already."""

from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import override_settings

from quartier.accounts.models import User
from quartier.accounts.services import ensure_demo_admin
from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.actors.demo import INITIATIVE_USER_EMAIL

pytestmark = pytest.mark.django_db


@override_settings(IS_PRODUCTION=True)
def test_the_demo_refuses_to_run_under_production_settings():
    with pytest.raises(CommandError, match="--allow-production"):
        call_command("demo", stdout=StringIO())
    assert not User.objects.exists()


def test_the_production_settings_say_they_are_production():
    from pathlib import Path

    import quartier.settings

    prod = Path(quartier.settings.__file__).with_name("prod.py").read_text()
    assert "\nIS_PRODUCTION = True\n" in prod
    assert settings.IS_PRODUCTION is False


def test_an_existing_administrator_keeps_password_and_rights():
    existing = UserFactory(email=settings.DEMO_ADMIN_EMAIL, is_superuser=False, is_staff=False)
    user, created = ensure_demo_admin(settings.DEMO_ADMIN_EMAIL, settings.DEMO_ADMIN_PASSWORD)
    assert not created and user.pk == existing.pk
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert not user.check_password(settings.DEMO_ADMIN_PASSWORD)
    assert not user.is_superuser


@override_settings(IS_PRODUCTION=True)
def test_with_the_flag_the_demo_runs_and_leaves_existing_passwords_alone():
    admin = UserFactory(email=settings.DEMO_ADMIN_EMAIL, is_superuser=True, is_staff=True)
    member = UserFactory(email=INITIATIVE_USER_EMAIL)
    out = StringIO()
    call_command("demo", "--allow-production", stdout=out)
    for user in (admin, member):
        user.refresh_from_db()
        assert user.check_password(PASSWORD), user.email
    assert "Passwort unverändert" in out.getvalue()
    admin_line = next(line for line in out.getvalue().splitlines() if "Administration" in line)
    assert settings.DEMO_ADMIN_PASSWORD not in admin_line
