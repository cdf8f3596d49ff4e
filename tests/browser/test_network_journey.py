"""The network area in a real browser: the Talviertel network as graph (sigma.js from npm,
served from static files) and table, warm introductions and tandems. axe on every page, and
every page fits a 320 px wide screen."""

import pytest
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.actors.models import ContactPerson
from quartier.actors.tests.factories import (
    ActorFactory,
    MembershipFactory,
    ResourceFactory,
    TieFactory,
)
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)


WIDEST = """[...document.body.querySelectorAll('*')]
  .filter(e => e.getBoundingClientRect().right > 320)
  .slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id)"""


def fits_320(page: Page) -> None:
    """At 320 px the document is not wider than the viewport (no horizontal page scrolling)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDEST)
    assert width <= 320, f"{page.url} ist bei 320 px {width} px breit: {wide}"
    if size:
        page.set_viewport_size(size)


def check(page: Page, assert_accessible) -> None:
    assert_accessible(page)
    fits_320(page)


@pytest.fixture
def talviertel():
    quarter = NeighbourhoodFactory(name="Talviertel")
    housing = ActorFactory(
        name="Talviertel Wohnen GmbH",
        sector="housing",
        is_established=True,
        neighbourhoods=[quarter],
    )
    office = ActorFactory(
        name="Quartiersbüro Talviertel",
        sector="intermediary",
        is_established=True,
        neighbourhoods=[quarter],
    )
    city = ActorFactory(
        name="Stadt Musterstadt", sector="municipal", is_established=True, neighbourhoods=[quarter]
    )
    shops = ActorFactory(
        name="Initiative Ladenleben Talviertel", sector="creative", neighbourhoods=[quarter]
    )
    youth = ActorFactory(name="Jugendtreff Talviertel", sector="social", neighbourhoods=[quarter])
    ResourceFactory(actor=housing, direction="offer", kind="space")
    ResourceFactory(actor=shops, direction="need", kind="space")
    TieFactory(source=housing, target=city)
    TieFactory(source=office, target=city)
    TieFactory(source=office, target=shops)
    TieFactory(source=youth, target=office)
    ContactPerson.objects.create(actor=housing, name="Hanna Hausmann", email="hausmann@example.org")
    ContactPerson.objects.create(actor=shops, name="Lea Laden", email="laden@example.org")
    manager = UserFactory(email="qm@example.org")
    quarter.managers.add(manager)
    return {
        "quarter": quarter,
        "housing": housing,
        "office": office,
        "city": city,
        "shops": shops,
        "youth": youth,
        "manager": manager,
        "housing_user": MembershipFactory(actor=housing, role="admin").user,
        "shops_user": MembershipFactory(actor=shops, role="admin").user,
    }


@pytest.fixture(autouse=True)
def patient(page: Page) -> None:
    page.set_default_timeout(30_000)  # the machine is shared; the graph pages are large


def open_network(page: Page, quarter) -> None:
    page.goto(f"/netzwerk/?neighbourhood={quarter.pk}")
    expect(page.get_by_role("heading", name="Wie es dem Netzwerk geht")).to_be_visible()


def test_the_graph_is_drawn_from_the_npm_builds(page: Page, talviertel, assert_accessible):
    log_in(page, talviertel["manager"].email, PASSWORD)
    open_network(page, talviertel["quarter"])
    assert page.evaluate("typeof window.Sigma === 'function' && !!window.graphology")
    expect(page.locator("#network-graph canvas").first).to_be_attached()
    check(page, assert_accessible)
