"""The journeys of the platform foundation, in a real browser, each page checked with axe."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Page, expect

from quartier.accounts.models import User
from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.knowledge.demo import load_paper_examples
from quartier.neighbourhoods.demo import load_demo_neighbourhood

pytestmark = pytest.mark.django_db(transaction=True)


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/konto/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmeldung", exact=True).click()


def test_home_is_german_lists_every_area_and_is_accessible(page: Page, assert_accessible):
    load_paper_examples()
    load_demo_neighbourhood()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    navigation = page.get_by_role("navigation", name="Hauptnavigation")
    for label in [
        "Akteure",
        "Quartiere",
        "Netzwerk",
        "Allianzen",
        "Termine",
        "Orte",
        "Projekte",
        "Förderung",
        "Wissen",
    ]:
        expect(navigation.get_by_role("link", name=label, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Musterstadt (fiktiv) – Talviertel")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Netzwerk", exact=True).first.click()
    expect(page.get_by_role("heading", level=1, name="Netzwerk")).to_be_visible()
    assert_accessible(page)

    page.goto("/wissen/")
    page.get_by_role("link", name=re.compile("Bernburger Talstadt")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("CAMPUS.INNENSTADT")
    assert_accessible(page)


def test_skip_link_is_the_first_stop_of_the_keyboard(page: Page):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Zum Inhalt springen")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()


def test_register_confirm_email_and_log_in(page: Page, assert_accessible):
    page.goto("/")
    page.get_by_role("link", name="Registrieren").first.click()
    assert_accessible(page)
    page.get_by_label("E-Mail").fill("neu@beispiel.example")
    page.get_by_label("Passwort:", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(PASSWORD)
    page.get_by_role("button", name="Registrieren").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("E-Mail")
    assert_accessible(page)

    link = re.search(r"https?://[^/\s]+(/konto/confirm-email/[^\s]+/)", mail.outbox[-1].body)
    assert link
    page.goto(link.group(1))
    assert_accessible(page)
    page.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("heading", level=1, name="Meine Übersicht")).to_be_visible()
    assert EmailAddress.objects.get(email="neu@beispiel.example").verified

    page.get_by_role("button", name="Abmelden").click()
    log_in(page, "neu@beispiel.example", PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Meine Übersicht")).to_be_visible()


def test_login_page_is_accessible_and_wrong_passwords_lock_it(page: Page, assert_accessible):
    user = UserFactory()
    page.goto("/konto/login/")
    assert_accessible(page)
    for _ in range(10):
        log_in(page, user.email, "falsch")
    log_in(page, user.email, PASSWORD)
    expect(page.get_by_text("Zu viele gescheiterte Anmeldeversuche")).to_be_visible()
    assert_accessible(page)


def test_password_reset(page: Page, assert_accessible):
    user = UserFactory()
    page.goto("/konto/login/")
    page.get_by_role("link", name="Passwort vergessen?").click()
    assert_accessible(page)
    page.get_by_label("E-Mail").fill(user.email)
    page.get_by_role("button", name="Passwort zurücksetzen").click()
    assert_accessible(page)

    link = re.search(r"https?://[^/\s]+(/konto/password/reset/key/[^\s]+/)", mail.outbox[-1].body)
    assert link
    page.goto(link.group(1))
    assert_accessible(page)
    new = "Ganz-neues-Passwort-42"
    page.get_by_label("Neues Passwort:", exact=True).fill(new)
    page.get_by_label("Neues Passwort (Wiederholung)").fill(new)
    page.get_by_role("button", name="Passwort ändern").click()
    assert_accessible(page)
    log_in(page, user.email, new)
    expect(page.get_by_role("heading", level=1, name="Meine Übersicht")).to_be_visible()


def test_profile_token_and_language_switch(page: Page, assert_accessible):
    user = UserFactory()
    log_in(page, user.email, PASSWORD)
    expect(page.get_by_role("heading", level=1, name="Meine Übersicht")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Profil", exact=True).click()
    expect(page.get_by_role("heading", level=1, name="Profil")).to_be_visible()

    page.get_by_label("Name des Tokens").fill("Tabellenimport")
    page.get_by_label("Ihr Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Token erstellen").click()
    token = page.get_by_label("Token").input_value()
    assert token.startswith("qt_")
    assert_accessible(page)

    page.get_by_label("Sprache").select_option("en")
    page.get_by_role("button", name="Sprache wechseln").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    # The plain token is shown only once: after the switch the profile lists it instead.
    expect(page.get_by_role("heading", level=1)).to_have_text("Profile")
    expect(page.get_by_role("cell", name="Tabellenimport", exact=True)).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Language").select_option("de")
    page.get_by_role("button", name="Switch language").click()
    expect(page.locator("html")).to_have_attribute("lang", "de")


def test_data_download_and_account_deletion(page: Page, assert_accessible):
    user = UserFactory()
    log_in(page, user.email, PASSWORD)
    page.goto("/profil/")
    page.get_by_role("button", name="Meine Daten herunterladen").click()
    expect(page.locator("progress")).to_have_attribute("value", "100")
    assert_accessible(page)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ergebnis öffnen").click()
    assert user.email in download_info.value.path().read_text()

    page.goto("/profil/")
    page.get_by_role("link", name="Mein Konto löschen").click()
    assert_accessible(page)
    page.get_by_label("Ihr Passwort").fill(PASSWORD)
    page.get_by_label("Mir ist bewusst").check()
    page.get_by_role("button", name="Mein Konto endgültig löschen").click()
    expect(page.get_by_role("status")).to_contain_text("gelöscht")
    assert_accessible(page)
    assert not User.objects.filter(pk=user.pk).exists()


def test_password_change_and_email_management(page: Page, assert_accessible):
    user = UserFactory()
    log_in(page, user.email, PASSWORD)
    page.goto("/profil/")
    page.get_by_role("link", name="E-Mail-Adressen verwalten").click()
    expect(page.get_by_text(user.email).first).to_be_visible()
    assert_accessible(page)

    page.goto("/profil/")
    page.get_by_role("link", name="Passwort ändern").click()
    assert_accessible(page)
    new = "Noch-ein-neues-Passwort-7"
    page.get_by_label("Aktuelles Passwort").fill(PASSWORD)
    page.get_by_label("Neues Passwort:", exact=True).fill(new)
    page.get_by_label("Neues Passwort (Wiederholung)").fill(new)
    page.get_by_role("button", name="Passwort ändern").click()
    expect(page.get_by_role("status")).to_be_visible()
    user.refresh_from_db()
    assert user.check_password(new)
