"""The neighbourhood dashboard in a real browser: every panel with its chart and table,
axe-clean, usable at 320 px."""

import pytest
from playwright.sync_api import Page, expect

from quartier.dashboard.tests.records import populate
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

from .test_funding_journey import fits_320

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
