"""Importing actors from a CSV file in a real browser: upload, assign columns, preview,
import with a progress bar; every page checked with axe."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.actors.models import Actor, Membership
from quartier.neighbourhoods.demo import load_demo_neighbourhood

pytestmark = pytest.mark.django_db(transaction=True)

CSV = (
    "Name;Sektor;Rechtsform;Kurzbeschreibung;PLZ;Ort;Breitengrad;Längengrad;Quartier;Angebote\r\n"
    "Kulturverein Talviertel;Kultur und Soziokultur;e.V.;Theater im Quartier;06406;Musterstadt;"
    "51,7834;11,7380;musterstadt-talviertel;Raum, Know-how\r\n"
    "Grundschule am Markt;school;;Schule mit Ganztag;06406;Musterstadt;;;;Raum\r\n"
)


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/konto/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmeldung", exact=True).click()


def upload(page: Page, path: Path) -> None:
    page.goto("/import/")
    page.get_by_label("Datei:", exact=True).set_input_files(str(path))
    page.get_by_label("Akteure").check()
    page.get_by_role("button", name="Hochladen und Spalten zuordnen").click()


def test_import_actors_from_a_csv_file(page: Page, assert_accessible, tmp_path: Path):
    load_demo_neighbourhood()
    user = UserFactory()
    log_in(page, user.email, PASSWORD)
    page.goto("/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import und Export")
    assert_accessible(page)

    path = tmp_path / "akteure.csv"
    path.write_bytes(CSV.encode("cp1252"))
    upload(page, path)
    expect(page.get_by_role("heading", level=1)).to_have_text("Spalten zuordnen")
    expect(page.get_by_label("Sektor (erforderlich)")).to_have_value("1")
    expect(page.get_by_label("Breitengrad")).to_have_value("6")
    assert_accessible(page)

    page.get_by_role("button", name="Alle Zeilen prüfen und Vorschau zeigen").click()
    expect(page.get_by_text("Alle 2 Zeilen können importiert werden.")).to_be_visible()
    expect(page.get_by_role("cell", name="Kulturverein Talviertel")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="2 Akteure importieren").click()
    expect(page.locator("progress")).to_have_attribute("value", "100")
    expect(page.get_by_text("2 Akteure importiert.")).to_be_visible()
    assert_accessible(page)

    actor = Actor.objects.get(name="Kulturverein Talviertel")
    assert actor.latitude == pytest.approx(51.7834)
    assert actor.neighbourhoods.get().slug == "musterstadt-talviertel"
    assert Membership.objects.filter(user=user, role="admin").count() == 2


def test_a_file_with_a_bad_row_shows_an_accessible_report(
    page: Page, assert_accessible, tmp_path: Path
):
    user = UserFactory()
    log_in(page, user.email, PASSWORD)
    path = tmp_path / "fehler.csv"
    path.write_text("Name;Sektor;Kurzbeschreibung\nEins;Kultur;Text\n", encoding="utf-8")
    upload(page, path)
    page.get_by_role("button", name="Alle Zeilen prüfen und Vorschau zeigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Die Datei hat 1 Problem")
    expect(
        page.get_by_text("Zeile 2, Spalte „Sektor“: „Kultur“ ist kein bekannter Sektor")
    ).to_be_visible()
    expect(page.get_by_role("button", name="1 Akteur importieren")).to_have_count(0)
    assert_accessible(page)

    path = tmp_path / "leer.csv"
    path.write_bytes(b"")
    upload(page, path)
    expect(page.get_by_role("alert")).to_contain_text("Die Datei ist leer.")
    assert_accessible(page)
    assert not Actor.objects.exists()
