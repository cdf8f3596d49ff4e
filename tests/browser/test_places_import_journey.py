"""A municipality imports its vacancy list in a real browser: from the vacancy register to
the upload, the column assignment, the preview and the import, and back to the register,
which now shows the places; every page checked with axe.

New strings of this journey are looked up by role, URL or form, not by their German text,
so that the test does not depend on the translation catalogue being merged."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.actors.models import Actor, Membership, Sector
from quartier.imports.models import PlaceKey
from quartier.neighbourhoods.demo import load_demo_neighbourhood
from quartier.places.models import Place

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLE = Path(__file__).resolve().parents[2] / "docs" / "samples" / "leerstand-beispiel.csv"

BAD_LIST = "Bezeichnung;Art;Straße;Fläche\nLaden;Ladenlokal;Markt 1;80\nKiosk;Kiosk;Markt 2;12\n"


def log_in(page: Page, email: str, password: str) -> None:
    page.goto("/konto/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.get_by_role("button", name="Anmeldung", exact=True).click()


def municipality_user():
    """A member of the town's administration who manages the demo neighbourhood."""
    neighbourhood = load_demo_neighbourhood()
    user = UserFactory()
    town = Actor.objects.create(
        name="Stadt Musterstadt – Amt für Wirtschaft",
        slug="stadt-musterstadt-wirtschaft",
        short_description="Wirtschaftsförderung und Leerstandsmanagement",
        sector=Sector.MUNICIPAL,
    )
    Membership.objects.create(user=user, actor=town, role=Membership.Role.ADMIN)
    neighbourhood.managers.add(user)
    return user, neighbourhood


def test_a_municipality_imports_its_vacancy_list(page: Page, assert_accessible):
    user, neighbourhood = municipality_user()
    log_in(page, user.email, PASSWORD)

    page.goto("/orte/leerstand/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Leerstandskataster")
    page.locator('a[href="/import/?kind=places"]').click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Import und Export")
    expect(page.locator('input[name="kind"][value="places"]')).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Datei:", exact=True).set_input_files(str(SAMPLE))
    page.get_by_role("button", name="Hochladen und Spalten zuordnen").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Spalten zuordnen")
    # The German headers of the list are assigned to their fields already.
    expect(page.locator("#id_area_m2")).to_have_value("11")
    expect(page.locator("#id_available_from")).to_have_value("13")
    expect(page.locator("#id_neighbourhood")).to_have_value("8")
    assert_accessible(page)
    page.get_by_role("button", name="Alle Zeilen prüfen und Vorschau zeigen").click()

    expect(page.get_by_text("Alle 5 Zeilen können importiert werden.")).to_be_visible()
    expect(page.get_by_role("cell", name="Ehemalige Bäckerei am Markt")).to_be_visible()
    expect(page.get_by_role("alert")).to_have_count(0)
    assert_accessible(page)
    page.locator('form[action$="/importieren/"] button[type="submit"]').click()

    expect(page.locator("progress")).to_have_attribute("value", "100")
    assert_accessible(page)

    page.goto("/orte/leerstand/")
    table = page.get_by_role("table").filter(has_text="Ehemalige Bäckerei am Markt")
    for name in ("Ehemalige Bäckerei am Markt", "Halle am Hafen", "Pfarrhaus St. Marien"):
        expect(table.get_by_role("link", name=name)).to_be_visible()
    expect(page.get_by_role("cell", name="Talviertel").first).to_be_visible()
    assert_accessible(page)

    assert Place.objects.count() == 5
    assert set(Place.objects.values_list("created_by", flat=True)) == {user.pk}
    assert PlaceKey.objects.filter(neighbourhood=neighbourhood).count() == 5


def test_the_report_of_a_bad_vacancy_list_is_accessible(
    page: Page, assert_accessible, tmp_path: Path
):
    user, _neighbourhood = municipality_user()
    log_in(page, user.email, PASSWORD)
    path = tmp_path / "leerstand.csv"
    path.write_bytes(BAD_LIST.encode("latin-1"))
    page.goto("/import/?kind=places")
    page.get_by_label("Datei:", exact=True).set_input_files(str(path))
    page.get_by_role("button", name="Hochladen und Spalten zuordnen").click()
    page.get_by_role("button", name="Alle Zeilen prüfen und Vorschau zeigen").click()
    expect(page.get_by_role("alert")).to_contain_text("Die Datei hat 1 Problem")
    report = page.locator("ul.report li")
    expect(report).to_contain_text("Zeile 3, Spalte „Art“:")
    expect(report).to_contain_text("Kiosk")
    expect(report).to_contain_text("Ladenlokal, Büro, Halle")  # the allowed kinds
    expect(page.locator('form[action$="/importieren/"]')).to_have_count(0)
    assert_accessible(page)
    assert not Place.objects.exists()
