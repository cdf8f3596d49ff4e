import io
import threading
import time
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from quartier.core.testing import assert_queries_do_not_grow
from quartier.funding import grant_services
from quartier.funding.models import Draw, Grant, PlanLine, Receipt
from quartier.funding.selectors import ledger_of
from quartier.funding.tests.conftest import approved_grant
from quartier.funding.tests.factories import FeeFloorFactory, ProgrammeFactory


@pytest.mark.django_db
def test_a_trustee_applies_for_an_initiative_only_where_the_programme_allows_it(trust):
    grant = grant_services.create_grant(
        trust.project,
        trust.programme,
        applicant=trust.trustee,
        initiative=trust.initiative,
        by=trust.initiative_member,
    )
    assert grant.in_trust and grant.status == Grant.Status.PREPARATION
    trust.programme.trustee_allowed = False
    trust.programme.save()
    with pytest.raises(ValidationError, match="Treuhänder"):
        grant_services.create_grant(
            trust.project,
            trust.programme,
            applicant=trust.trustee,
            initiative=trust.initiative,
            by=trust.initiative_member,
        )
    with pytest.raises(PermissionDenied):
        grant_services.create_grant(
            trust.project, trust.programme, applicant=trust.initiative, by=trust.outsider
        )


@pytest.mark.django_db
def test_a_draw_beyond_the_six_week_need_is_refused_naming_the_amount_that_may_be_drawn(trust):
    grant = approved_grant(trust)
    # due within six weeks: the honoraria (6,000 €); the grant's share is 90 %: 5,400 €
    with pytest.raises(ValidationError) as refused:
        grant_services.request_draw(grant, Decimal("8000"), by=trust.trustee_member)
    assert "Höchstens 5.400 € können jetzt abgerufen werden" in refused.value.messages[0]
    grant_services.request_draw(grant, Decimal("5400"), by=trust.trustee_member)
    with pytest.raises(ValidationError, match="Höchstens 0 €"):
        grant_services.request_draw(grant, Decimal("0.01"), by=trust.trustee_member)
    later = date.today() + timedelta(days=60)  # the rent is due within the window now
    limit = ledger_of(Grant.objects.get(pk=grant.pk), later).limit
    assert limit is not None and limit.may_draw == 4_320_00  # 9,720 € cap (10 % withheld) − 5,400 €


@pytest.mark.django_db
def test_in_trustee_mode_the_trustee_keeps_the_ledger_and_the_initiative_only_sees_it(
    trust, client
):
    grant = approved_grant(trust)
    with pytest.raises(PermissionDenied):
        grant_services.request_draw(grant, Decimal("100"), by=trust.initiative_member)
    with pytest.raises(PermissionDenied):
        grant_services.add_receipt(
            grant,
            by=trust.initiative_member,
            paid_on=date.today(),
            payee="X",
            purpose="Y",
            amount=Decimal("1"),
        )
    url = reverse("funding:grant", args=[grant.pk])
    client.force_login(trust.initiative_member)
    page = client.get(url).content.decode()
    assert "Honorare Künstler*innen" in page and "Mittelabruf beantragen" not in page
    client.force_login(trust.trustee_member)
    assert "Mittelabruf beantragen" in client.get(url).content.decode()


@pytest.mark.django_db
def test_only_the_applicant_side_and_its_trustee_see_a_grants_ledger(trust, client):
    grant = approved_grant(trust)
    urls = [
        reverse("funding:grant", args=[grant.pk]),
        reverse("funding:statement_pdf", args=[grant.pk]),
        reverse("funding:statement_xlsx", args=[grant.pk]),
    ]
    client.force_login(trust.outsider)
    assert [client.get(u).status_code for u in urls] == [404, 404, 404]
    assert client.get(reverse("funding:grants")).content.decode().count("Soziokultur") == 0
    for user in (trust.initiative_member, trust.trustee_member, trust.admin):
        client.force_login(user)
        assert [client.get(u).status_code for u in urls] == [200, 200, 200]
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to the login


@pytest.mark.django_db
def test_a_receipts_csv_with_one_bad_row_imports_nothing_and_names_the_row(trust):
    grant = approved_grant(trust)
    csv = (
        "Datum;Empfänger;Zweck;Betrag;Planposition;Art\n"
        "05.01.2027;Anna Maler;Honorar Ausstellung;1.200,00;Honorare Künstler*innen;Ausgabe\n"
        "06.01.2027;Hausverwaltung;Miete Januar;zwölf;Miete Ladenlokal;Ausgabe\n"
        "07.01.2027;Baumarkt;Farbe;89,90;Material;Ausgabe\n"
    ).encode()
    report = grant_services.import_receipts(grant, csv, by=trust.trustee_member)
    assert not report.ok and Receipt.objects.count() == 0
    assert [(e.row, e.messages) for e in report.errors] == [
        (3, ["Betrag „zwölf“ ist keine Zahl."]),
        (4, ["Planposition „Material“ gibt es in diesem Finanzplan nicht."]),
    ]
    good = csv.replace(b"zw\xc3\xb6lf", b"500").replace(b";Material;", b";;")
    report = grant_services.import_receipts(grant, good, by=trust.trustee_member)
    assert report.ok and report.written == 3
    assert list(Receipt.objects.values_list("number", flat=True)) == [1, 2, 3]


@pytest.mark.django_db
def test_plan_against_actual_warns_when_a_line_deviates_more_than_twenty_percent(trust):
    grant = approved_grant(trust)
    honoraria, rent = grant.plan_lines.order_by("pk")
    for line, amount in ((honoraria, "7500"), (rent, "5500")):
        grant_services.add_receipt(
            grant,
            by=trust.trustee_member,
            paid_on=date.today(),
            payee="P",
            purpose="Z",
            amount=Decimal(amount),
            plan_line=line,
        )
    figures = {f.line.pk: f for f in ledger_of(grant, date.today()).plan_lines}
    assert (
        figures[honoraria.pk].deviation_percent == Decimal("25.0") and figures[honoraria.pk].warning
    )
    assert figures[rent.pk].deviation_percent == Decimal("-8.3") and not figures[rent.pk].warning


@pytest.mark.django_db
def test_the_statement_of_use_as_pdf_and_xlsx_reconciles_to_the_cent_with_the_receipts(
    trust, client
):
    grant = approved_grant(trust)
    honoraria = grant.plan_lines.order_by("pk").first()
    amounts = ["0.10", "0.20", "1234.56", "99.99", "0.01"]
    for n, amount in enumerate(amounts):
        grant_services.add_receipt(
            grant,
            by=trust.trustee_member,
            paid_on=date.today(),
            payee=f"Empfänger {n}",
            purpose="Honorar",
            amount=Decimal(amount),
            plan_line=honoraria,
        )
    grant_services.save_report_text(
        grant, "Die Galerie hatte 14 Ausstellungen.", by=trust.trustee_member
    )
    client.force_login(trust.initiative_member)
    pdf = client.get(reverse("funding:statement_pdf", args=[grant.pk])).content
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Die Galerie hatte 14 Ausstellungen." in text
    assert "Bürgerstiftung Musterstadt" in text and "Galerie im Leerstand" in text
    assert text.count("1.334,86 €") >= 2  # the line's actual and the Belegliste's total
    book = load_workbook(
        io.BytesIO(client.get(reverse("funding:statement_xlsx", args=[grant.pk])).content)
    )
    receipts = list(book["Belegliste"].iter_rows(min_row=2, values_only=True))
    listed = sum(Decimal(str(row[6])) for row in receipts if isinstance(row[0], int))
    total = next(row[6] for row in receipts if row[3] == "Summe Ausgaben")
    assert listed == Decimal(str(total)) == Decimal("1334.86")
    plan = list(book["Zahlenmäßiger Nachweis"].iter_rows(values_only=True))
    honoraria_row = next(row for row in plan if row[0] == "Honorare Künstler*innen")
    assert Decimal(str(honoraria_row[3])) == Decimal("1334.86")


@pytest.mark.django_db
def test_an_honorarium_below_the_floor_shows_floor_source_and_gap_until_corrected(trust, client):
    floor = FeeFloorFactory(amount=Decimal("300"))
    grant = grant_services.create_grant(
        trust.project,
        trust.programme,
        applicant=trust.trustee,
        initiative=trust.initiative,
        by=trust.initiative_member,
    )
    line = grant_services.add_plan_line(
        grant,
        by=trust.initiative_member,
        category="honoraria",
        description="Lesungen",
        fee_floor=floor,
        quantity=Decimal("4"),
        rate=Decimal("250"),
    )
    assert line.amount == Decimal("1000.00")
    client.force_login(trust.initiative_member)
    page = client.get(reverse("funding:grant", args=[grant.pk])).content.decode()
    assert "Honoraruntergrenze 300 € je Vorstellung (Vorstellung, mit KSK)" in page
    assert "Honoraruntergrenzen Darstellende Künste" in page
    assert "um 50 € je Einheit unter der Honoraruntergrenze (200 € insgesamt)" in page
    grant_services.update_plan_line(line, by=trust.initiative_member, rate=Decimal("300"))
    page = client.get(reverse("funding:grant", args=[grant.pk])).content.decode()
    assert "erreicht die Honoraruntergrenze" in page
    assert grant.plan_lines.get().amount == Decimal("1200.00")


@pytest.mark.django_db
def test_volunteer_hours_are_valued_from_the_timesheet(trust):
    grant = grant_services.create_grant(
        trust.project,
        trust.programme,
        applicant=trust.trustee,
        initiative=trust.initiative,
        by=trust.initiative_member,
    )
    line = grant_services.add_income_line(
        grant,
        by=trust.initiative_member,
        kind="volunteer",
        description="Aufsicht Galerie",
        hourly_value=Decimal("15"),
    )
    for hours in ("3.5", "4"):
        grant_services.add_volunteer_time(
            line,
            by=trust.initiative_member,
            person="Kim",
            worked_on=date.today(),
            hours=Decimal(hours),
            activity="Aufsicht",
        )
    line.refresh_from_db()
    assert line.amount == Decimal("112.50")


@pytest.mark.django_db
def test_the_grant_walks_through_its_states(trust):
    grant = approved_grant(trust)
    by = trust.trustee_member
    grant_services.advance_grant(grant, "start", by=by)
    with pytest.raises(ValidationError, match="Sachbericht"):
        grant_services.advance_grant(grant, "submit_report", by=by)
    grant_services.save_report_text(grant, "Bericht", by=by)
    for step in ("submit_report", "mark_checked", "close"):
        grant_services.advance_grant(grant, step, by=by)
    assert Grant.objects.get(pk=grant.pk).status == "closed"
    with pytest.raises(ValidationError):
        grant_services.advance_grant(grant, "submit", by=by)


@pytest.mark.django_db(transaction=True)
def test_two_draw_requests_at_the_same_moment_never_exceed_what_may_be_drawn(trust, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("row locks between two connections are tested on PostgreSQL")
    grant = approved_grant(trust)  # 5,400 € may be drawn now
    barrier = threading.Barrier(2)
    outcomes: list[str] = []
    create = Draw.objects.create

    def slow_create(**fields):
        time.sleep(0.5)  # widen the window between the check and the write
        return create(**fields)

    monkeypatch.setattr(Draw.objects, "create", slow_create)

    def draw() -> None:
        try:
            barrier.wait()
            grant_services.request_draw(
                Grant.objects.get(pk=grant.pk), Decimal("4000"), by=trust.trustee_member
            )
            outcomes.append("drawn")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=draw) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["drawn", "refused"]
    assert Grant.objects.get(pk=grant.pk).drawn_total == Decimal("4000")


@pytest.mark.django_db
def test_the_grant_page_needs_the_same_queries_for_few_and_many_lines_and_receipts(trust, client):
    grant = approved_grant(trust)
    floor = FeeFloorFactory()
    client.force_login(trust.trustee_member)

    def add_rows(n):
        for i in range(n):
            line = PlanLine.objects.create(
                grant=grant,
                category="honoraria",
                description=f"Honorar {i}",
                amount=Decimal("300"),
                fee_floor=floor,
                quantity=Decimal("1"),
                rate=Decimal("300"),
            )
            Receipt.objects.create(
                grant=grant,
                number=1000 + Receipt.objects.count(),
                paid_on=date.today(),
                payee="P",
                purpose="Z",
                amount=Decimal("10"),
                plan_line=line,
            )
            Draw.objects.create(grant=grant, amount=Decimal("1"), requested_on=date.today())

    assert_queries_do_not_grow(client, reverse("funding:grant", args=[grant.pk]), add_rows)


@pytest.mark.django_db
def test_the_grant_list_and_the_project_page_need_the_same_queries_for_few_and_many(trust, client):
    client.force_login(trust.initiative_member)

    def add_grants(n):
        for _ in range(n):
            grant_services.create_grant(
                trust.project,
                ProgrammeFactory(trustee_allowed=True),
                applicant=trust.trustee,
                initiative=trust.initiative,
                by=trust.initiative_member,
            )

    assert_queries_do_not_grow(client, reverse("funding:grants"), add_grants)
    assert_queries_do_not_grow(
        client, reverse("funding:project", args=[trust.project.pk]), add_grants
    )


@pytest.mark.django_db
def test_a_receipt_file_is_served_only_to_those_who_see_the_ledger(
    trust, client, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    grant = approved_grant(trust)
    with pytest.raises(ValidationError, match="PDF-, JPEG- oder PNG-Datei"):
        grant_services.add_receipt(
            grant,
            by=trust.trustee_member,
            paid_on=date.today(),
            payee="P",
            purpose="Z",
            amount=Decimal("5"),
            file=SimpleUploadedFile("beleg.exe", b"MZ"),
        )
    grant_services.add_receipt(
        grant,
        by=trust.trustee_member,
        paid_on=date.today(),
        payee="P",
        purpose="Z",
        amount=Decimal("5"),
        file=SimpleUploadedFile("beleg.pdf", b"%PDF-1.4 beleg"),
    )
    url = reverse("funding:receipt_file", args=[grant.pk, 1])
    client.force_login(trust.outsider)
    assert client.get(url).status_code == 404
    client.force_login(trust.initiative_member)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 beleg"
