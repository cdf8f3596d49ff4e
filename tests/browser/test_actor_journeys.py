"""Actors in a real browser: a new initiative presents itself, finds a housing company that
offers space via the complement search and proposes a cooperation, which the company confirms.
Every page of the journey passes the axe check."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from quartier.accounts.tests.factories import PASSWORD, UserFactory
from quartier.actors.models import Tie
from quartier.actors.tests.factories import ActorFactory, MembershipFactory, ResourceFactory
from quartier.neighbourhoods.demo import load_demo_neighbourhood

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Abmelden").click()


def test_initiative_finds_housing_company_and_they_agree_on_a_tie(page: Page, assert_accessible):
    talviertel = load_demo_neighbourhood()
    company = ActorFactory(
        name="Talviertel Wohnen GmbH",
        sector="housing",
        legal_form="gmbh",
        latitude=51.701,
        longitude=11.741,
        neighbourhoods=[talviertel],
    )
    ResourceFactory(
        actor=company,
        direction="offer",
        kind="space",
        area_m2=120,
        neighbourhood=talviertel,
        note="Ladenlokal Marktgasse",
    )
    company_member = MembershipFactory(actor=company).user

    # A new initiative registers and confirms its e-mail address.
    page.goto("/konto/signup/")
    page.get_by_label("E-Mail").fill("studis@beispiel.example")
    page.get_by_label("Passwort:", exact=True).fill(PASSWORD)
    page.get_by_label("Passwort (Wiederholung)").fill(PASSWORD)
    page.get_by_role("button", name="Registrieren").click()
    link = re.search(r"https?://[^/\s]+(/konto/confirm-email/[^\s]+/)", mail.outbox[-1].body)
    assert link
    page.goto(link.group(1))
    page.get_by_role("button", name="Bestätigen").click()

    # It presents its actor with the needs "Raum" and "Förderung".
    page.goto("/akteure/")
    assert_accessible(page)
    page.get_by_role("link", name="Akteur vorstellen").click()
    assert_accessible(page)
    page.get_by_label("Name:", exact=True).fill("Studis fürs Talviertel")
    page.get_by_label("Kurzbeschreibung").fill("Studentische Initiative für leere Läden")
    page.get_by_label("Sektor").select_option("civil_society")
    page.get_by_label("Musterstadt (fiktiv) – Talviertel").check()
    page.get_by_label("Breitengrad").fill("51.7")
    page.get_by_label("Längengrad").fill("11.74")
    first = page.get_by_role("group", name="Eintrag 1")
    first.get_by_label("Angebot oder Bedarf").select_option(label="Bedarf")
    first.get_by_label("Art:", exact=True).select_option(label="Raum")
    second = page.get_by_role("group", name="Eintrag 2")
    second.get_by_label("Angebot oder Bedarf").select_option(label="Bedarf")
    second.get_by_label("Art:", exact=True).select_option(label="Geld / Förderung")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Studis fürs Talviertel")
    needs = page.get_by_role("region", name="Bedarfe")
    expect(needs).to_contain_text("Raum")
    expect(needs).to_contain_text("Geld / Förderung")
    assert_accessible(page)

    # The complement search finds the housing company with its reason.
    page.get_by_role("link", name="Partner für unsere Bedarfe finden").click()
    expect(
        page.get_by_role("cell", name=re.compile("bietet Raum in Talviertel, 120 m²"))
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Talviertel Wohnen GmbH").click()
    assert_accessible(page)

    # It proposes a cooperation.
    page.get_by_text("Beziehung mit diesem Akteur vorschlagen").click()
    page.get_by_label("Im Namen von").select_option(label="Studis fürs Talviertel")
    page.get_by_label("Art:", exact=True).select_option(label="Kooperation")
    page.get_by_role("button", name="Beziehung vorschlagen").click()
    expect(page.get_by_role("status")).to_contain_text("unbestätigt")
    assert_accessible(page)
    assert Tie.objects.get().status == Tie.Status.UNCONFIRMED

    # The company's member confirms it.
    log_out(page)
    log_in(page, company_member.email, PASSWORD)
    page.goto(company.get_absolute_url())
    row = page.get_by_role("row", name=re.compile("Studis fürs Talviertel"))
    expect(row).to_contain_text("unbestätigt")
    assert_accessible(page)
    row.get_by_role("button", name="Bestätigen").click()
    expect(page.get_by_role("row", name=re.compile("Studis fürs Talviertel"))).to_contain_text(
        "bestätigt"
    )
    assert Tie.objects.get().status == Tie.Status.CONFIRMED

    # The tie shows on both profiles, for everybody.
    log_out(page)
    page.goto(company.get_absolute_url())
    expect(page.get_by_role("link", name="Studis fürs Talviertel")).to_be_visible()
    page.get_by_role("link", name="Studis fürs Talviertel").click()
    expect(page.get_by_role("link", name="Talviertel Wohnen GmbH")).to_be_visible()
    assert_accessible(page)


def test_directory_map_view_has_the_table_beside_it(page: Page, assert_accessible):
    talviertel = load_demo_neighbourhood()
    for i in range(3):
        ActorFactory(
            name=f"Verein {i}",
            latitude=51.7 + i / 1000,
            longitude=11.74,
            neighbourhoods=[talviertel],
        )
    page.goto("/akteure/")
    page.get_by_role("link", name="Kartenansicht").click()
    expect(page.locator(".leaflet-interactive")).to_have_count(3)
    expect(page.get_by_role("table")).to_contain_text("Verein 2")
    assert_accessible(page)

    page.goto(talviertel.get_absolute_url())
    expect(page.locator(".leaflet-interactive")).to_have_count(3)
    expect(page.get_by_role("row", name=re.compile("Wohnungsunternehmen"))).to_contain_text("fehlt")
    assert_accessible(page)


def test_a_member_of_another_actor_sees_no_edit_button(page: Page):
    actor = ActorFactory(name="Fremder Verein")
    MembershipFactory(actor=ActorFactory())
    stranger = UserFactory()
    log_in(page, stranger.email, PASSWORD)
    page.goto(actor.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Fremder Verein")
    expect(page.get_by_role("link", name="Profil bearbeiten")).to_have_count(0)
