"""Findable where people look: a visitor subscribes to a neighbourhood calendar from the
events list in one click, and the neighbourhood page offers the same calendar."""

import pytest
from playwright.sync_api import Page, expect

from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visitor_subscribes_to_the_neighbourhood_calendar(page: Page, assert_accessible):
    talviertel = NeighbourhoodFactory(name="Talviertel", slug="talviertel")
    page.goto("/termine/")
    page.get_by_role("link", name="Kalender abonnieren").click()
    subscribe = page.get_by_role("link", name="Kalender „Talviertel“ abonnieren")
    expect(subscribe).to_have_attribute(
        "href", "webcal://" + page.url.split("/")[2] + "/termine/feeds/quartier/talviertel.ics"
    )
    expect(page.get_by_label("Oder diese Adresse")).to_have_value(
        page.url.split("/termine/")[0].replace("http:", "https:")
        + "/termine/feeds/quartier/talviertel.ics"
    )
    assert_accessible(page)

    page.goto(talviertel.get_absolute_url())
    expect(page.get_by_role("link", name="Kalender „Talviertel“ abonnieren")).to_be_visible()
    assert_accessible(page)
