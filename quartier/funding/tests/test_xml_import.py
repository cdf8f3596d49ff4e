from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartier.funding import services
from quartier.funding.models import FundingProgramme

SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "samples" / "foerderprogramme-beispiel.xml"


@pytest.mark.django_db
def test_the_sample_xml_imports_and_the_xml_export_imports_again(admin_client, admin_user):
    report = services.import_programmes(SAMPLE.read_bytes(), by=admin_user)
    assert report.ok and report.written == 2
    saxony = FundingProgramme.objects.get(slug="beispiel-soziokultur-sachsen")
    assert saxony.max_amount == Decimal("25000.00") and saxony.trustee_allowed
    assert saxony.legal_forms == "|ev|ggmbh|" and saxony.regions == "|DE-SN|"
    fund = FundingProgramme.objects.get(slug="beispiel-nachbarschaftsfonds")
    assert fund.deadline_dates == ["2027-02-01", "2027-09-01"]
    assert fund.checked_on == date(2026, 11, 1)
    exported = admin_client.get(reverse("funding:export") + "?format=xml")
    assert exported["Content-Type"] == "application/xml"
    FundingProgramme.objects.filter(slug=fund.slug).update(title="geändert")
    again = services.import_programmes(exported.content, by=admin_user)
    assert again.ok and again.written == 2 and FundingProgramme.objects.count() == 2
    assert FundingProgramme.objects.get(slug=fund.slug).title == "Nachbarschaftsfonds (Beispiel)"


@pytest.mark.django_db
def test_an_xml_file_with_one_bad_programme_imports_nothing_and_names_its_line(admin_user):
    data = SAMPLE.read_bytes().replace(
        b"<max_amount>1500</max_amount>", b"<max_amount>viel</max_amount>\n    <farbe>rot</farbe>"
    )
    report = services.import_programmes(data, by=admin_user)
    assert not report.ok and FundingProgramme.objects.count() == 0
    [error] = report.errors
    line = data.decode().splitlines().index("  <programm>", 10) + 1  # the second programme
    assert error.row == line
    assert "Element „max_amount“: „viel“ ist kein gültiger Wert." in error.messages
    assert "Element „farbe“ ist unbekannt." in error.messages


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE f [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
            b"<foerderprogramme><programm><title>&b;</title></programm></foerderprogramme>",
            "DTD, Entitäten",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE f SYSTEM "file:///etc/passwd"><foerderprogramme/>',
            "DTD, Entitäten",
        ),
        (b"<foerderprogramme><programm><title>x</programm>", "Kein gültiges XML"),
        (b"<programme><programm/></programme>", "Wurzelelement"),
        (b"<foerderprogramme><programm><a><b><c/></b></a></programm></foerderprogramme>", "tief"),
    ],
)
def test_unsafe_or_broken_xml_is_refused_with_a_clear_message(admin_user, data, message):
    report = services.import_programmes(data, by=admin_user)
    assert not report.ok and FundingProgramme.objects.count() == 0
    assert message in " ".join(report.errors[0].messages)


@pytest.mark.django_db
def test_the_xml_limits_of_the_imports_hold(admin_user, settings):
    settings.IMPORT_MAX_ROWS = 1
    report = services.import_programmes(SAMPLE.read_bytes(), by=admin_user)
    assert "mehr als 1 Programme" in report.errors[0].messages[0]
    settings.IMPORT_MAX_UPLOAD_BYTES = 100
    report = services.import_programmes(SAMPLE.read_bytes(), by=admin_user)
    assert "größer als" in report.errors[0].messages[0]


@pytest.mark.django_db
def test_the_import_page_takes_xml_and_shows_the_line_report(admin_client):
    bad = SAMPLE.read_bytes().replace(b"<funder>kommune</funder>", b"<funder>planet</funder>")
    page = admin_client.post(
        reverse("funding:programme_import"),
        {"file": SimpleUploadedFile("p.xml", bad, content_type="application/xml")},
    ).content.decode()
    assert "Es wurde nichts importiert" in page and "funder" in page
    assert FundingProgramme.objects.count() == 0
