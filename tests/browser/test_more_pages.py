"""Pages not walked through in the journeys, each checked with axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.actors.models import Invitation
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.tests.factories import SpaceRequestFactory

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_space_requests_list_and_form(page: Page, assert_accessible):
    SpaceRequestFactory(title="Proberaum gesucht", current_place_ends="2027-03-31")
    member = MembershipFactory().user
    page.goto("/orte/gesuche/")
    expect(page.get_by_role("link", name="Proberaum gesucht")).to_be_visible()
    assert_accessible(page)
    log_in(page, member.email, PASSWORD)
    page.goto("/orte/gesuche/neu/")
    expect(page.get_by_role("group", name="Nutzungen")).to_be_visible()
    assert_accessible(page)


def test_neighbourhood_edit_page_for_its_manager(page: Page, assert_accessible):
    neighbourhood = NeighbourhoodFactory()
    manager = UserFactory()
    neighbourhood.managers.add(manager)
    log_in(page, manager.email, PASSWORD)
    page.goto(neighbourhood.get_absolute_url())
    page.get_by_role("link", name="Quartiersprofil bearbeiten").click()
    page.get_by_role("group", name="Herausforderungen").get_by_label("Leerstand").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Leerstand")
    assert_accessible(page)


def test_invitation_page(page: Page, assert_accessible):
    actor = ActorFactory(name="Kulturverein Tal")
    Invitation.objects.create(
        actor=actor, email="neu@beispiel.example", token="t0ken", role="editor"
    )
    page.goto("/akteure/einladung/t0ken/")
    expect(page.get_by_role("main")).to_contain_text("Kulturverein Tal")
    assert_accessible(page)
    newcomer = UserFactory(email="neu@beispiel.example")
    log_in(page, newcomer.email, PASSWORD)
    page.goto("/akteure/einladung/t0ken/")
    page.get_by_role("button", name="Einladung annehmen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kulturverein Tal")
    assert_accessible(page)


def test_matching_a_whole_neighbourhood(page: Page, assert_accessible):
    from quartier.places.tests.factories import PlaceFactory

    neighbourhood = NeighbourhoodFactory()
    manager = UserFactory()
    neighbourhood.managers.add(manager)
    PlaceFactory(name="Laden am Markt", neighbourhood=neighbourhood)
    SpaceRequestFactory(title="Galerie sucht", actor=ActorFactory(neighbourhoods=[neighbourhood]))
    log_in(page, manager.email, PASSWORD)
    page.goto("/orte/zuordnung/")
    assert_accessible(page)
    page.get_by_role("button", name="Zuordnung starten").click()
    expect(page.locator("progress")).to_have_attribute("value", "100")
    page.get_by_role("link", name="Ergebnis öffnen").click()
    expect(page.get_by_role("row", name=re.compile("Galerie sucht"))).to_contain_text(
        "Laden am Markt"
    )
    assert_accessible(page)
    page.get_by_role("button", name="Diese Vorschläge versenden").click()
    expect(page.get_by_role("status")).to_contain_text("1")


def test_vacancy_register(page: Page, assert_accessible):
    from quartier.places.tests.factories import PlaceFactory

    neighbourhood = NeighbourhoodFactory(name="Talviertel")
    PlaceFactory(name="Laden am Markt", neighbourhood=neighbourhood, area_m2=70)
    page.goto("/orte/")
    page.get_by_role("link", name="Leerstandskataster").click()
    statistics = page.get_by_role("region", name="Statistik je Quartier")
    expect(statistics.get_by_role("row", name=re.compile("Talviertel"))).to_contain_text("70 m²")
    expect(page.locator(".leaflet-interactive")).to_have_count(1)
    assert_accessible(page)


def test_notifications_page(page: Page, assert_accessible):
    from quartier.core.notifications import notify

    user = UserFactory()
    notify([user], "Ein Ort passt zu Ihrem Gesuch", url="/orte/")
    log_in(page, user.email, PASSWORD)
    page.get_by_role("link", name="Benachrichtigungen 1 ungelesen").click()
    expect(page.get_by_role("link", name="Ein Ort passt zu Ihrem Gesuch")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Alle als gelesen markieren").click()
    expect(page.get_by_role("link", name="Benachrichtigungen", exact=True)).to_be_visible()
