"""The neighbourhood dashboard in a real browser: every panel with its chart and table,
axe-clean, usable at 320 px."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.dashboard.demo import load_demo_dashboard
from quartier.dashboard.models import StatisticValue
from quartier.dashboard.tests.records import populate
from quartier.neighbourhoods.demo import load_demo_neighbourhood
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.tests.factories import PlaceFactory

from .test_funding_journey import fits_320
from .test_places_import_journey import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_manager_reads_the_dashboard_and_opens_the_vacancy_table(page: Page, assert_accessible):
    neighbourhood = NeighbourhoodFactory(name="Talviertel", slug="talviertel")
    populate(neighbourhood, 1)
    page.goto(neighbourhood.get_absolute_url())
    page.get_by_role("link", name="Lage im Quartier: alle Zahlen auf einen Blick").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Lage in Talviertel")
    for title in (
        "Akteure",
        "Zustand des Netzwerks",
        "Orte und Leerstand",
        "Allianzen und Vereinbarungen",
        "Formate und Treffen",
        "Projekte und Wirkung",
        "Förderung",
    ):
        expect(page.get_by_role("heading", name=title, level=2)).to_be_visible()
    assert_accessible(page)
    places = page.locator("#panel-places")
    places.get_by_role("link", name="Daten als Tabelle").click()
    expect(page.locator("#table-places")).to_contain_text("Ladenlokal")
    page.get_by_label("Veränderung in den letzten").select_option("3")
    page.get_by_role("button", name="Anzeigen").click()
    expect(page.locator(".dashboard-period-text")).to_be_visible()
    fits_320(page)


def statistics_file(rows: list[str]) -> dict:
    text = "Gebiet;Indikator;Jahr;Wert\n" + "\n".join(rows) + "\n"
    return {"name": "statistik.csv", "mimeType": "text/csv", "buffer": text.encode()}


def test_the_acceptance_journey_of_a_neighbourhood_manager(page: Page, assert_accessible):
    """Dashboard of the Talviertel, the vacancy table, a statistics file with one bad row
    (nothing imported, the row named), the fixed file, status and dynamics classes, a note on
    a figure, and the comparison with a neighbourhood of the second demo town."""
    talviertel = load_demo_neighbourhood()
    load_demo_dashboard()
    manager = UserFactory()
    talviertel.managers.add(manager)
    PlaceFactory(neighbourhood=talviertel, name="Ehemalige Bäckerei", area_m2=85)
    PlaceFactory(neighbourhood=talviertel, name="Kornspeicher", kind="hall", area_m2=400)
    year = timezone.localdate().year
    good = [f"MS-0{i};arbeitslosigkeit;{year};{v}" for i, v in enumerate((11, 14, 4, 6, 5, 7), 1)]
    log_in(page, manager.email, PASSWORD)

    page.goto("/quartiere/musterstadt-talviertel/lage/")
    expect(page.get_by_role("heading", name="Amtliche Statistik", level=2)).to_be_visible()
    page.locator("#panel-places").get_by_role("link", name="Daten als Tabelle").click()
    expect(page.locator("#table-places")).to_contain_text("Halle")
    assert_accessible(page)

    page.goto("/import/?kind=statistics")
    page.get_by_label("Datei:", exact=True).set_input_files(
        files=[statistics_file([*good[:3], f"MS-99;arbeitslosigkeit;{year};3", *good[3:]])]
    )
    page.get_by_role("button", name="Hochladen und Spalten zuordnen").click()
    page.get_by_role("button", name="Alle Zeilen prüfen und Vorschau zeigen").click()
    expect(page.locator("ul.report li")).to_contain_text("Zeile 5")
    expect(page.locator("ul.report li")).to_contain_text("MS-99")
    expect(page.locator('form[action$="/importieren/"]')).to_have_count(0)
    assert_accessible(page)
    assert not StatisticValue.objects.filter(year=year).exists()

    page.goto("/import/?kind=statistics")
    page.get_by_label("Datei:", exact=True).set_input_files(files=[statistics_file(good)])
    page.get_by_role("button", name="Hochladen und Spalten zuordnen").click()
    page.get_by_role("button", name="Alle Zeilen prüfen und Vorschau zeigen").click()
    page.locator('form[action$="/importieren/"] button[type="submit"]').click()
    expect(page.locator("progress")).to_have_attribute("value", "100")
    assert StatisticValue.objects.filter(year=year).count() == 6

    page.goto("/quartiere/musterstadt-talviertel/lage/")
    statistics = page.locator("#panel-statistics")
    expect(statistics).to_contain_text("Statuskategorie")
    expect(statistics).to_contain_text(str(year))
    expect(statistics.locator(".headline-value")).to_have_text(re.compile(r"^[1-4] – "))
    page.get_by_label("Zahl:", exact=True).select_option("stat:arbeitslosigkeit")
    page.get_by_role("textbox", name="Was steckt hinter dieser Zahl?").fill(
        "Der größte Betrieb der Marktgasse hat im Frühjahr geschlossen."
    )
    page.get_by_role("button", name="Anmerkung hinzufügen").click()
    notes = page.locator("#annotations")
    expect(notes).to_contain_text("Der größte Betrieb der Marktgasse")
    expect(notes).to_contain_text("Amtliche Statistik: Arbeitslosigkeit")
    assert_accessible(page)

    page.get_by_role("link", name="Mit Mühlenviertel vergleichen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Quartiere im Vergleich")
    table = page.get_by_role("table")
    expect(table).to_contain_text("Talviertel")
    expect(table).to_contain_text("Mühlenviertel")
    expect(table).to_contain_text("Statuskategorie")
    assert_accessible(page)
    fits_320(page)
    page.goto("/lage/?state=TH")
    expect(page.get_by_role("link", name="Mühlenviertel")).to_be_visible()
    assert_accessible(page)
