"""Funding in a real browser (issue 14): an initiative without a legal form opens its
project's funding page and sees the fitting programmes with reasons, one of them "förderfähig
mit Treuhänder"; it picks the suggested trustee; drafts the finance plan with an honorarium
below the fee floor, sees the floor and its source and corrects it; the trustee submits and
records the approval; a draw beyond the six-week need is refused with the amount that may be
drawn; receipts are entered and imported; the Verwendungsnachweis as PDF and XLSX reconciles
to the cent with the Belegliste. Every page passes the axe check and fits 320 px."""

import io
import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from openpyxl import load_workbook
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from quartier.accounts.tests.factories import PASSWORD
from quartier.actors.tests.factories import ActorFactory, MembershipFactory, TieFactory
from quartier.funding.models import Receipt
from quartier.funding.tests.factories import ProgrammeFactory, ProjectFactory

from .test_foundation_journeys import log_in

pytestmark = pytest.mark.django_db(transaction=True)


WIDEST = """() => [...document.querySelectorAll('body *')]
  .filter(el => el.scrollWidth > el.clientWidth + 2
                && getComputedStyle(el).overflowX === 'visible')
  .slice(0, 5).map(el => el.tagName + ' ' + (el.textContent || '').slice(0, 30))"""


def fits_320(page: Page) -> None:
    """No horizontal page scrolling at 320 CSS pixels (wide tables scroll in their region)."""
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 800})
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDEST) if width > 320 else []
    assert width <= 320, f"{page.url} is {width}px wide at 320px: {wide}"
    if size:
        page.set_viewport_size(size)


def check(page: Page, assert_accessible) -> None:
    assert_accessible(page)
    fits_320(page)


def test_an_initiative_without_legal_form_gets_a_grant_through_a_trustee(
    page: Page, assert_accessible
):
    page.set_default_timeout(30_000)  # the machine may be busy; the journey is long
    call_command("load_fee_floors", verbosity=0)
    initiative = ActorFactory(
        name="Initiative Ladenleben", legal_form="informal", sector="civil_society"
    )
    trustee = ActorFactory(
        name="Bürgerstiftung Musterstadt", legal_form="other", sector="foundation"
    )
    TieFactory(source=initiative, target=trustee, claimed_by=initiative, status="confirmed")
    project = ProjectFactory(title="Pop-up-Galerie Marktgasse", owners=[initiative])
    ProgrammeFactory(
        title="Soziokultur im Quartier",
        slug="soziokultur",
        legal_forms="|ev|ggmbh|",
        non_profit_required=True,
        trustee_allowed=True,
        topics="|kultur|",
        regions="|DE-ST|",
        own_share=Decimal("10"),
        volunteer_hours_count=True,
        max_amount=Decimal("25000"),
        is_example=True,
    )
    ProgrammeFactory(title="Sportförderung", topics="|sport|")
    member = MembershipFactory(actor=initiative).user
    keeper = MembershipFactory(actor=trustee).user

    page.goto("/foerderung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Förderprogramme")
    check(page, assert_accessible)
    page.get_by_role("link", name="Soziokultur im Quartier").click()
    expect(page.get_by_role("main")).to_contain_text("Beispielwerte")
    check(page, assert_accessible)

    log_in(page, member.email, PASSWORD)
    page.goto(f"/foerderung/projekt/{project.pk}/")
    page.get_by_label("Antragsteller").select_option(label="Initiative Ladenleben")
    page.get_by_label("Projektgebiet (Region)").fill("DE-ST-15000000")
    page.get_by_label("Themen").fill("Kultur, Nachbarschaft")
    page.get_by_label("Gesamtkosten (€)").fill("7320")
    page.get_by_label("Eigenmittel (€)").fill("732")
    page.get_by_role("button", name="Profil speichern").click()
    fitting = page.get_by_role("region", name=re.compile("Soziokultur im Quartier"))
    expect(fitting).to_contain_text("förderfähig mit Treuhänder")
    expect(fitting).to_contain_text("mit einem gemeinnützigen Träger als Treuhänder förderfähig")
    fitting.get_by_text("Die Prüfung je Bedingung").click()
    expect(fitting.get_by_role("row", name=re.compile("Rechtsform"))).to_contain_text(
        "nicht erfüllt"
    )
    expect(fitting.get_by_role("row", name=re.compile("Eigenanteil"))).to_contain_text("erfüllt")
    expect(page.get_by_role("main")).not_to_contain_text("Sportförderung")
    suggestions = page.locator("#trustees + p + ul")
    expect(suggestions.get_by_role("listitem").first).to_contain_text("Bürgerstiftung Musterstadt")
    check(page, assert_accessible)

    fitting.get_by_role("link", name=re.compile("Antrag vorbereiten")).click()
    expect(page.get_by_label("Treuhänder (Träger)")).to_have_value(str(trustee.pk))
    expect(page.get_by_label("Förderprogramm")).to_contain_text("Soziokultur im Quartier")
    check(page, assert_accessible)
    page.get_by_role("button", name="Antrag anlegen").click()
    expect(page.get_by_role("main")).to_contain_text("Treuhänderisch für")

    plan = page.locator("form[action$='/ausgabe/']")
    plan.get_by_label("Kategorie").select_option("honoraria")
    plan.get_by_label("Beschreibung").fill("Honorare Lesungen")
    plan.get_by_label("Fällig am").fill(date.today().isoformat())
    plan.get_by_label(re.compile(r"^Honoraruntergrenze")).select_option(
        label="Vorstellung, je Vorstellung (mit KSK): 310.00 €"
    )
    plan.get_by_label("Menge").fill("4")
    plan.get_by_label("Betrag je Einheit (€)").fill("250")
    plan.get_by_role("button", name="Ausgabenposition hinzufügen").click()
    costs = page.get_by_role("region", name="Kosten")
    expect(costs).to_contain_text(
        "Liegt um 60 € je Einheit unter der Honoraruntergrenze (240 € insgesamt)."
    )
    expect(costs).to_contain_text("Honoraruntergrenzen Darstellende Künste")
    check(page, assert_accessible)
    costs.get_by_role("link", name="Honorare Lesungen").click()
    page.get_by_label("Betrag je Einheit (€)").fill("310")
    check(page, assert_accessible)
    page.get_by_role("button", name="Speichern").click()
    expect(costs).to_contain_text("erreicht die Honoraruntergrenze")
    expect(costs).to_contain_text("1.240 €")
    grant_url = page.url
    page.goto(f"/foerderung/projekt/{project.pk}/fair-pay/")  # the fair-pay statement
    expect(page.get_by_role("main")).to_contain_text("1 von 1 Honorarposition erreicht")
    check(page, assert_accessible)
    page.get_by_role("button", name="Fair-Pay-Erklärung veröffentlichen").click()
    expect(page.get_by_role("main")).to_contain_text("Vom Projekt veröffentlicht am")
    check(page, assert_accessible)
    page.goto(grant_url)

    page.locator("summary", has_text="Ausgabenposition hinzufügen").click()
    plan.get_by_label("Kategorie").select_option("rent")
    plan.get_by_label("Beschreibung").fill("Miete Ladenlokal")
    plan.get_by_label("Betrag (€)").fill("6080")  # with 4 × 310 € honoraria: 7,320 €
    plan.get_by_label("Fällig am").fill((date.today() + timedelta(days=90)).isoformat())
    plan.get_by_role("button", name="Ausgabenposition hinzufügen").click()
    income = page.locator("form[action$='/finanzierung/']")
    for kind, description, amount in (
        ("grant", "Soziokultur im Quartier", "6588"),
        ("own_funds", "Spenden", "732"),
    ):
        page.locator("summary", has_text="Finanzierungsposition hinzufügen").click()
        income.get_by_label("Art").select_option(kind)
        income.get_by_label("Beschreibung").fill(description)
        income.get_by_label("Betrag (€)").fill(amount)
        income.get_by_role("button", name="Finanzierungsposition hinzufügen").click()
    expect(page.get_by_role("region", name="Finanzierung")).to_contain_text("7.320 €")
    expect(page.get_by_role("main")).not_to_contain_text("nicht ausgeglichen")
    expect(page.get_by_role("button", name="Antrag einreichen")).to_have_count(
        0
    )  # the trustee keeps it

    page.context.clear_cookies()
    log_in(page, keeper.email, PASSWORD)
    page.goto("/foerderung/antraege/")
    check(page, assert_accessible)
    page.get_by_role("link", name="Soziokultur im Quartier").click()
    page.get_by_role("button", name="Antrag einreichen").click()
    decision = page.locator("form[action$='/bewilligung/']")
    decision.get_by_label("Bewilligter Betrag (€)").fill("6588")
    decision.get_by_label("Bewilligungszeitraum bis").fill(
        (date.today() + timedelta(days=365)).isoformat()
    )
    check(page, assert_accessible)
    decision.get_by_role("button", name="Bewilligung erfassen").click()
    expect(page.get_by_role("main")).to_contain_text("bewilligt")
    expect(page.get_by_role("main")).to_contain_text("Jetzt abrufbar: 1.116 €")

    draw = page.locator("form[action$='/mittelabruf/']")
    draw.get_by_label("Betrag (€)").fill("3000")
    draw.get_by_role("button", name="Mittelabruf beantragen").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Höchstens 1.116 € können jetzt abgerufen werden"
    )
    draw.get_by_label("Betrag (€)").fill("1116")
    draw.get_by_role("button", name="Mittelabruf beantragen").click()
    expect(page.get_by_role("status")).to_contain_text("Der Mittelabruf wurde erfasst.")

    page.locator("summary", has_text="Beleg erfassen").click()
    receipt = page.locator("form[action$='/beleg/']")
    receipt.get_by_label("Datum").fill(date.today().isoformat())
    receipt.get_by_label("Empfänger oder Zahler").fill("Mira Sommer")
    receipt.get_by_label("Zweck").fill("Honorar Lesung 1")
    receipt.get_by_label("Betrag (€)").fill("330")
    receipt.get_by_label("Planposition").select_option(label="Honorare Lesungen")
    receipt.get_by_role("button", name="Beleg erfassen").click()
    page.get_by_role("link", name="Belege aus einer CSV-Datei importieren").click()
    check(page, assert_accessible)
    csv = (
        "Datum;Empfänger;Zweck;Betrag;Planposition;Art\n"
        f"{date.today():%d.%m.%Y};Jonas Weber;Honorar Lesung 2;330,00;Honorare Lesungen;Ausgabe\n"
        f"{date.today():%d.%m.%Y};Hausverwaltung;Miete Monat 1;1.999,99;Miete Ladenlokal;Ausgabe\n"
        f"{date.today():%d.%m.%Y};Copyshop;Flyer;19,01;Werbung;Ausgabe\n"
    )
    page.get_by_label("CSV-Datei").set_input_files(
        files=[{"name": "belege.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Importieren").click()
    expect(page.get_by_role("alert")).to_contain_text("Zeile 4")
    assert Receipt.objects.count() == 1  # nothing of the bad file
    page.get_by_label("CSV-Datei").set_input_files(
        files=[
            {
                "name": "belege.csv",
                "mimeType": "text/csv",
                "buffer": csv.replace("Werbung", "").encode(),
            }
        ]
    )
    page.get_by_role("button", name="Importieren").click()
    expect(page.get_by_role("status")).to_contain_text("3 Belege importiert.")
    main = page.get_by_role("main")
    expect(main).to_contain_text("Ausgaben 2.679 €")
    page.get_by_label("Sachbericht").fill("Vier Lesungen im leeren Laden, 120 Gäste.")
    page.get_by_role("button", name="Sachbericht speichern").click()
    check(page, assert_accessible)

    with page.expect_download() as download:
        page.get_by_role("link", name="Verwendungsnachweis als PDF").click()
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(download.value.path().read_bytes())).pages
    )
    assert (
        "Vier Lesungen im leeren Laden" in text
        and "als Treuhänder für: Initiative Ladenleben" in text
    )
    assert "Summe Ausgaben" in text and text.count("2.679 €") >= 2
    with page.expect_download() as download:
        page.get_by_role("link", name="Verwendungsnachweis als XLSX").click()
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    rows = list(book["Belegliste"].iter_rows(min_row=2, values_only=True))
    listed = sum(Decimal(str(r[6])) for r in rows if isinstance(r[0], int))
    total = next(Decimal(str(r[6])) for r in rows if r[3] == "Summe Ausgaben")
    assert listed == total == sum(r.amount for r in Receipt.objects.all()) == Decimal("2679.00")

    for url in (
        "/foerderung/fristen/",
        "/foerderung/honoraruntergrenzen/",
        "/foerderung/honorarrechner/?preparation_hours=2&delivery_hours=2&follow_up_hours=1&travel_hours=1&hourly_rate=60&travel_costs=0",
    ):
        page.goto(url)
        check(page, assert_accessible)
