"""A project and its impact in a real browser: an initiative starts "Pop-up-Laden
Marktgasse" in a place and with its alliance, picks "Besucherinnen und Besucher pro Monat"
from the library (baseline 0, target 400) and submits a value with a photo as evidence; the
alliance's lead returns it once with a comment and approves the corrected value; the report
shows value against target as chart and table, its PDF carries the same figures; the project
ends as "beendet – gelernt" and its lessons become a draft case report. Every page passes the
axe check and fits a 320 px wide screen."""

import datetime
import io
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from quartier.accounts.tests.factories import PASSWORD
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.alliances import services as alliance_services
from quartier.alliances.invitation_services import accept_invitation
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.tests.factories import PlaceFactory
from quartier.projects.models import Measurement, Project

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def check(page: Page, assert_accessible) -> None:
    """axe, and at 320 px the document is not wider than the viewport."""
    assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, f"{page.url} ist bei 320 px {width} px breit"
    page.set_viewport_size({"width": 1280, "height": 800})


def switch_user(page: Page, email: str) -> None:
    page.context.clear_cookies()
    log_in(page, email, PASSWORD)


def test_pop_up_shop_from_project_to_report_and_lessons(page: Page, assert_accessible):
    neighbourhood = NeighbourhoodFactory(name="Talviertel")
    lead = ActorFactory(
        name="Quartiersbüro Tal", sector="intermediary", neighbourhoods=[neighbourhood]
    )
    initiative = ActorFactory(
        name="Initiative Ladenleben", sector="civil_society", neighbourhoods=[neighbourhood]
    )
    lead_user = MembershipFactory(actor=lead).user
    member = MembershipFactory(actor=initiative, role="editor").user
    alliance = alliance_services.create_alliance(
        name="Allianz Talviertel",
        purpose="Leerstand beleben",
        initiator=lead,
        neighbourhoods=[neighbourhood],
        is_public=True,
        by=lead_user,
    )
    invitation = alliance_services.add_member(
        alliance, actor=initiative, role="partner", by=lead_user
    )
    accept_invitation(invitation, by=MembershipFactory(actor=initiative).user)
    PlaceFactory(name="Ladenlokal Marktgasse 3", neighbourhood=neighbourhood, area_m2=60)
    month = (datetime.date.today().replace(day=1) - datetime.timedelta(days=1)).replace(day=1)
    period = month.strftime("%Y-%m")

    log_in(page, member.email, PASSWORD)
    page.goto("/projekte/neu/")
    check(page, assert_accessible)
    page.locator("#id_title").fill("Pop-up-Laden Marktgasse")
    page.get_by_label("Initiative Ladenleben").check()
    page.locator("#id_alliance").select_option(label="Allianz Talviertel")
    page.get_by_role("checkbox", name=re.compile("Talviertel")).check()
    page.get_by_label("Ladenlokal Marktgasse 3").check()
    page.get_by_role("button", name="Speichern").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pop-up-Laden Marktgasse")
    project = Project.objects.get(title="Pop-up-Laden Marktgasse")
    assert project.alliance == alliance and project.places.get().name == "Ladenlokal Marktgasse 3"
    check(page, assert_accessible)

    page.get_by_role("link", name="Indikator hinzufügen").click()
    check(page, assert_accessible)
    page.locator("#id_library_key").select_option(label="Besucherinnen und Besucher pro Monat")
    page.locator("#id_baseline_value").fill("0")
    page.locator("#id_targets").fill(f"{period}: 400")
    page.get_by_role("button", name="Speichern").click()
    expect(
        page.get_by_role("heading", name=re.compile("Besucherinnen und Besucher"))
    ).to_be_visible()

    page.get_by_role("link", name=re.compile("Wert für „Besucherinnen")).click()
    check(page, assert_accessible)
    page.locator("#id_period").fill(period)
    page.locator("#id_value").fill("380")
    page.locator("#id_evidence_kind").select_option("photo")
    page.locator("#id_evidence_file").set_input_files(
        {"name": "laden.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.locator("#id_evidence_description").fill("Schlange vor dem Pop-up-Laden am Samstag")
    page.get_by_role("button", name="Speichern und zur Freigabe einreichen").click()
    expect(page.get_by_role("main")).to_contain_text("eingereicht")
    check(page, assert_accessible)

    switch_user(page, lead_user.email)
    page.goto(project.get_absolute_url())
    page.get_by_text("Mit Kommentar zurückgeben").click()
    page.get_by_label("Was soll sich ändern?").fill("Bitte nur Besuche zählen, keine Passanten.")
    page.get_by_role("button", name="Zurückgeben", exact=True).click()
    expect(page.get_by_role("main")).to_contain_text("keine Passanten")
    check(page, assert_accessible)

    switch_user(page, member.email)
    page.goto(project.get_absolute_url())
    page.get_by_role("link", name="Korrigieren").click()
    page.locator("#id_value").fill("350")
    page.get_by_role("button", name="Speichern und zur Freigabe einreichen").click()

    switch_user(page, lead_user.email)
    page.goto(project.get_absolute_url())
    page.get_by_role("button", name="Freigeben").click()
    measurement = Measurement.objects.get()
    assert (measurement.status, measurement.value) == ("approved", 350)
    assert [s.status for s in measurement.steps.all()] == [
        "submitted",
        "returned",
        "submitted",
        "approved",
    ]

    page.get_by_role("link", name="Wirkungsbericht").click()
    table = page.get_by_role("table", name=re.compile("Werte und Zielwerte"))
    row = table.get_by_role("row", name=month.strftime("%m/%Y"))
    expect(row).to_contain_text("350")
    expect(row).to_contain_text("400")
    expect(page.locator("svg[role=img] title")).to_have_text("Besucherinnen und Besucher pro Monat")
    check(page, assert_accessible)
    pdf_url = page.get_by_role("link", name="PDF").get_attribute("href")
    pdf = page.request.get(pdf_url)
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Besucherinnen und Besucher pro Monat" in text
    assert month.strftime("%m/%Y") in text and "350" in text and "400" in text

    switch_user(page, member.email)
    page.goto(project.get_absolute_url())
    page.get_by_role("link", name="Als „beendet – gelernt“ abschließen").click()
    check(page, assert_accessible)
    page.locator("#id_worked").fill("Samstage mit Musik brachten die meisten Besuche.")
    page.locator("#id_failed").fill("Unter der Woche blieb der Laden oft leer.")
    page.locator("#id_for_others").fill("Öffnungszeiten mit den Nachbarläden abstimmen.")
    page.locator("#id_consent").check()
    page.get_by_role("button", name="Projekt abschließen").click()
    expect(page.get_by_role("main")).to_contain_text("Gelernt: Pop-up-Laden Marktgasse")
    project.refresh_from_db()
    assert project.phase == "ended_learned"
    assert project.case_report.status == "draft"
    assert "Öffnungszeiten mit den Nachbarläden" in project.case_report.body
    check(page, assert_accessible)
