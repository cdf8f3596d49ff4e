"""An alliance in a real browser: a Quartiersmanagerin founds an alliance and invites four
actors with their roles, who accept (one of them in the browser); she drafts a cooperation
agreement from the template, changes a clause (version 2), both parties approve version 2,
the agreement is signed, and its PDF lists every party and approval. Every page passes the
axe check."""

import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from quartier.accounts.tests.factories import PASSWORD
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances.invitation_services import accept_invitation
from quartier.alliances.models import Alliance
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_found_an_alliance_and_sign_a_cooperation_agreement(page: Page, assert_accessible):
    neighbourhood = NeighbourhoodFactory(name="Nordviertel")
    qm = ActorFactory(
        name="Quartiersbüro Nord", sector="intermediary", neighbourhoods=[neighbourhood]
    )
    others = [
        ("Stadt Nordstadt – Planungsamt", "municipal", "lead"),
        ("Wohnbau Nord", "housing", "partner"),
        ("Kulturverein Nordlicht", "culture", "partner"),
        ("Studis für den Norden", "civil_society", "advisor"),
    ]
    actors = {
        name: ActorFactory(name=name, sector=sector, neighbourhoods=[neighbourhood])
        for name, sector, _role in others
    }
    manager = MembershipFactory(actor=qm).user
    housing = MembershipFactory(actor=actors["Wohnbau Nord"]).user

    page.goto("/konto/login/", timeout=60_000)  # the live server's first answer may be slow
    log_in(page, manager.email, PASSWORD)
    page.goto("/allianzen/")
    assert_accessible(page)
    page.get_by_role("link", name="Allianz gründen").click()
    page.get_by_label("Name:", exact=True).fill("Allianz Nordviertel")
    page.get_by_label("Zweck:").fill("Leerstand beleben und junge Menschen beteiligen.")
    page.get_by_label("Nordviertel").check()
    page.get_by_label("Gegründet von").select_option(label="Quartiersbüro Nord")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Allianz Nordviertel")

    for name, _sector, role in others:
        page.get_by_role("link", name="Mitglied einladen").click()
        page.get_by_label("Akteur:").select_option(label=name)
        page.get_by_label("Rolle:").select_option(role)
        page.get_by_label("Zugesagte Stunden pro Monat").fill("4")
        page.get_by_role("button", name="Speichern").click()
    # invited, not yet members: only the steering sees the open invitations
    invitations = page.get_by_role("table", name="Offene Einladungen")
    for name, *_rest in others:
        expect(invitations.get_by_role("row", name=re.compile(re.escape(name)))).to_be_visible()
    assert_accessible(page)
    alliance_url = page.url
    alliance = Alliance.objects.get(name="Allianz Nordviertel")
    for name, *_rest in others:  # three actors consent through their administrators …
        if name != "Wohnbau Nord":
            accept_invitation(
                alliance.members.get(actor=actors[name]),
                by=MembershipFactory(actor=actors[name]).user,
            )
    # … and the housing company's administrator accepts in the browser
    page.get_by_role("button", name="Abmelden").click()
    log_in(page, housing.email, PASSWORD)
    page.goto("/allianzen/")
    page.get_by_role("link", name=re.compile("Einladungen für Ihre Akteure")).click()
    assert_accessible(page)
    page.get_by_role(
        "button", name="Einladung von Wohnbau Nord in Allianz Nordviertel annehmen"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Allianz Nordviertel")
    page.get_by_role("button", name="Abmelden").click()
    log_in(page, manager.email, PASSWORD)
    page.goto(alliance_url)
    members = page.get_by_role("table").first
    for name, *_rest in [("Quartiersbüro Nord",), *others]:
        expect(members.get_by_role("row", name=re.compile(re.escape(name)))).to_be_visible()
    expect(members.get_by_role("row", name=re.compile("Wohnbau Nord"))).to_contain_text("Partner")
    expect(page.get_by_role("region", name="Wer fehlt?")).to_contain_text("Unternehmen")
    assert_accessible(page)

    page.get_by_role("link", name="Vereinbarung entwerfen").click()
    page.get_by_label("Art:").select_option("cooperation")
    page.get_by_label("Titel:").fill("Kooperationsvereinbarung Nordviertel")
    parties = page.get_by_role("group", name="Parteien")
    parties.get_by_label("Quartiersbüro Nord").check()
    parties.get_by_label("Wohnbau Nord").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Kooperationsvereinbarung Nordviertel"
    )
    expect(page.get_by_role("main")).to_contain_text("Zweck")
    assert_accessible(page)

    page.get_by_role("link", name="Klauseln bearbeiten").click()
    page.get_by_label("§ 5 Text").fill(
        "Jede Partei trägt ihre Kosten selbst; Feste zahlt die Stiftung."
    )
    page.get_by_label("Was hat sich geändert?").fill("Kosten geklärt")
    assert_accessible(page)
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="1 → 2").click()
    expect(page.locator("ins", has_text="Feste zahlt die Stiftung")).to_be_visible()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("button", name="Zur Zustimmung öffnen").click()
    page.get_by_role("button", name="Fassung 2 für Quartiersbüro Nord zustimmen").click()
    expect(page.get_by_role("main")).to_contain_text("in Verhandlung")
    agreement_url = page.url

    page.get_by_role("button", name="Abmelden").click()
    log_in(page, housing.email, PASSWORD)
    page.goto(agreement_url)
    page.get_by_role("button", name="Fassung 2 für Wohnbau Nord zustimmen").click()
    expect(page.get_by_role("main")).to_contain_text("unterzeichnet")
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Als PDF herunterladen").click()
    pdf = download.value.path().read_bytes()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "Quartiersbüro Nord" in text and "Wohnbau Nord" in text
    assert "Feste zahlt die Stiftung" in text
    assert "Zustimmungen" in text and text.count("Wohnbau Nord") >= 2  # party and approval


def test_strategy_members_and_terms_pages_are_accessible(page: Page, assert_accessible):
    """The steering pages the main journey does not pass through: the strategy with a goal
    and a measure, a member's leaving, and an agreement's parties and period."""
    from quartier.alliances import services

    lead = ActorFactory(name="Quartiersbüro Süd", sector="intermediary")
    partner = ActorFactory(name="Wohnbau Süd", sector="housing")
    manager = MembershipFactory(actor=lead).user
    alliance = services.create_alliance(
        name="Allianz Süd", purpose="Gemeinsam.", initiator=lead, by=manager
    )
    member = services.add_member(alliance, actor=partner, role="partner", by=manager)
    accept_invitation(member, by=MembershipFactory(actor=partner).user)
    agreement = services.draft_agreement(
        alliance, kind="cooperation", title="Kooperation Süd", parties=[lead, partner], by=manager
    )

    log_in(page, manager.email, PASSWORD)
    page.goto(f"/allianzen/{alliance.pk}/strategie/")
    assert_accessible(page)
    page.get_by_role("link", name="Ziel hinzufügen").click()
    assert_accessible(page)
    page.get_by_label("Ziel:").fill("Leerstand halbieren")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_role("link", name="Maßnahme zu „Leerstand halbieren“ hinzufügen").click()
    assert_accessible(page)
    page.get_by_label("Maßnahme:").fill("Leerstandsregister aufbauen")
    page.get_by_label("Verantwortlicher Akteur:").select_option(label="Wohnbau Süd")
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("main")).to_contain_text("Leerstandsregister aufbauen")
    expect(page.get_by_role("main")).to_contain_text("0 von 1 Maßnahmen erledigt")
    assert_accessible(page)

    page.goto(f"/allianzen/mitglieder/{member.pk}/austritt/")
    assert_accessible(page)
    page.goto(f"/allianzen/vereinbarungen/{agreement.pk}/parteien/")
    assert_accessible(page)
    page.goto(f"/allianzen/{alliance.pk}/mitglieder/neu/")
    assert_accessible(page)
