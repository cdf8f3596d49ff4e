"""The network area in a real browser: the Talviertel network as graph (sigma.js from npm,
served from static files) and table, warm introductions and tandems. axe on every page, and
every page fits a 320 px wide screen."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.actors.models import ContactPerson
from quartier.actors.tests.factories import (
    ActorFactory,
    MembershipFactory,
    ResourceFactory,
    TieFactory,
)
from quartier.events.tests.factories import EventFactory
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
    TieFactory(source=youth, target=city, status="unconfirmed")
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


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Abmelden").click()


def test_a_manager_introduces_the_shop_initiative_to_the_housing_company(
    page: Page, talviertel, assert_accessible
):
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, talviertel["manager"].email, PASSWORD)
    open_network(page, talviertel["quarter"])
    # the graph is drawn by sigma.js and graphology from npm, served as static files
    assert page.evaluate("typeof window.Sigma === 'function' && !!window.graphology")
    expect(page.locator("#network-graph canvas").first).to_be_attached()
    summary = page.locator("#graph-summary")
    expect(summary).to_have_text("5 Akteure und 5 Beziehungen im Graphen")
    check(page, assert_accessible)

    # graph and table are two views of the same data
    page.get_by_role("link", name="Tabelle", exact=True).click()
    expect(page).to_have_url(re.compile("#table-section$"))
    expect(page.locator(".network-table tr")).to_have_count(6)
    page.get_by_role("link", name="Graph", exact=True).click()
    expect(page).to_have_url(re.compile("#graph-section$"))

    # the graph controls work with the keyboard
    page.locator("#g-confirmed").focus()
    page.keyboard.press("Space")
    expect(summary).to_have_text("5 Akteure und 4 Beziehungen im Graphen")
    page.locator("#g-zoom-in").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "g-zoom-out"
    page.keyboard.press("Enter")

    # only the new actors: the shop initiative has no tie to a housing company
    page.get_by_label("Akteure", exact=True).select_option("new")
    page.get_by_role("button", name="Filtern").click()
    rows = page.locator(".network-table tr")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text="Talviertel Wohnen GmbH")).to_have_count(0)
    suggestion = (
        page.locator(".suggestions li")
        .filter(has_text="Talviertel Wohnen GmbH")
        .filter(has_text="Initiative Ladenleben Talviertel")
    )
    expect(suggestion).to_contain_text("Wohnungswirtschaft")
    check(page, assert_accessible)
    suggestion.get_by_role("link", name=re.compile("einander vorstellen")).click()
    check(page, assert_accessible)
    page.get_by_label("Warum sollten sie sich kennenlernen?").fill(
        "Leere Erdgeschossflächen und eine Initiative, die Pop-up-Läden betreiben will."
    )
    page.get_by_role("button", name="Vorstellung senden").click()
    expect(page.locator("#introduction-status")).to_have_text("wartet auf Antworten")
    check(page, assert_accessible)
    url = page.url
    log_out(page)

    # the company accepts, then the initiative; then each sees the other's contact
    log_in(page, talviertel["housing_user"].email, PASSWORD)
    page.goto(url)
    expect(page.get_by_text("hausmann@example.org")).to_have_count(0)
    check(page, assert_accessible)
    page.get_by_role("button", name="Vorstellung annehmen").click()
    log_out(page)
    log_in(page, talviertel["shops_user"].email, PASSWORD)
    page.goto(url)
    page.get_by_role("button", name="Vorstellung annehmen").click()
    expect(page.locator("#introduction-status")).to_have_text("von beiden angenommen")
    expect(page.get_by_role("link", name="hausmann@example.org")).to_be_visible()
    expect(page.get_by_text("Verbindung: angebahnt")).to_be_visible()
    check(page, assert_accessible)
    log_out(page)
    log_in(page, talviertel["housing_user"].email, PASSWORD)
    page.goto(url)
    expect(page.get_by_role("link", name="laden@example.org")).to_be_visible()
    expect(page.get_by_text("Verbindung: angebahnt")).to_be_visible()
    assert errors == []


def test_a_new_initiative_runs_a_tandem_with_an_established_actor(
    page: Page, talviertel, assert_accessible
):
    housing = talviertel["housing"]
    start = timezone.now() + timedelta(days=4)
    EventFactory(
        title="Sprechstunde im Quartiersbüro",
        format="office_hours",
        start=start,
        end=start + timedelta(hours=1),
        capacity=4,
        organisers=[talviertel["office"]],
    )
    log_in(page, talviertel["housing_user"].email, PASSWORD)
    page.goto("/netzwerk/tandems/")
    check(page, assert_accessible)
    page.get_by_role("link", name=f"Mentoring-Angebot von {housing.name}").click()
    page.get_by_label("Themen").fill("Zwischennutzung, Mietverträge")
    page.get_by_label("Tandems gleichzeitig").fill("2")
    check(page, assert_accessible)
    page.get_by_role("button", name="Speichern").click()
    log_out(page)

    log_in(page, talviertel["shops_user"].email, PASSWORD)
    page.goto("/netzwerk/tandems/")
    expect(page.get_by_text("Zwischennutzung, Mietverträge")).to_be_visible()
    page.get_by_role("link", name=f"{housing.name} um ein Tandem bitten").click()
    check(page, assert_accessible)
    page.get_by_label("Ziele").fill("Einen ersten Laden zur Zwischennutzung anmieten.")
    page.get_by_label("Dauer in Monaten").fill("6")
    page.get_by_label("Treffrhythmus").select_option("fortnightly")
    page.get_by_role("button", name="Anfrage senden").click()
    expect(page.locator("#tandem-status")).to_have_text("wartet auf Antwort")
    check(page, assert_accessible)
    url = page.url
    log_out(page)

    log_in(page, talviertel["housing_user"].email, PASSWORD)
    page.goto("/netzwerk/tandems/")
    page.get_by_role(
        "link", name=re.compile("Talviertel Wohnen GmbH → Initiative Ladenleben")
    ).click()
    page.get_by_role("button", name="Tandem annehmen").click()
    expect(page.locator("#tandem-status")).to_have_text("läuft")
    log_out(page)

    log_in(page, talviertel["shops_user"].email, PASSWORD)
    page.goto(url)
    page.get_by_label("Dauer:", exact=True).select_option("90")
    page.get_by_label("Worüber Sie gesprochen haben").fill("Mietvertrag für die Marktgasse")
    page.get_by_role("button", name="Treffen eintragen").click()
    sessions = page.get_by_role("table").filter(has_text="Mietvertrag")
    expect(sessions).to_contain_text("Mietvertrag für die Marktgasse")
    expect(sessions).to_contain_text("90")
    hours = page.get_by_role("region", name="Sprechstunden")
    expect(hours).to_contain_text("Quartiersbüro Talviertel")
    page.get_by_role("button", name="Buchen: Sprechstunde im Quartiersbüro").click()
    expect(page.get_by_role("region", name="Sprechstunden")).to_contain_text("angemeldet")
    check(page, assert_accessible)
    page.get_by_label("Ergebnis").select_option("goals_met")
    page.get_by_label("Ihr kurzes Fazit").fill("Der Laden ist eröffnet – danke!")
    page.get_by_role("button", name="Tandem abschließen").click()
    expect(page.locator("#tandem-status")).to_have_text("abgeschlossen")
    expect(page.get_by_text("Der Laden ist eröffnet – danke!")).to_be_visible()
    expect(page.get_by_text("vorzeitig beendet")).to_be_visible()
    check(page, assert_accessible)
