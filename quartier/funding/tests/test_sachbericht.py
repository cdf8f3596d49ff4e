import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from quartier.engines.impact import period_start
from quartier.funding.sachbericht import draft_report_text
from quartier.funding.tests.conftest import approved_grant
from quartier.projects import impact_services
from quartier.projects.models import Project


def measured(trust, month, value):
    indicator = trust.indicator
    m = impact_services.save_measurement(
        indicator, by=trust.initiative_member, period_start=month, value=Decimal(value)
    )
    impact_services.submit_measurement(m, by=trust.initiative_member)
    impact_services.approve_measurement(m, by=trust.admin)


@pytest.fixture
def reported(trust):
    """The project's impact report: the SRS chain, a monthly visitor count with a target of
    400 – 120 before the grant period, 350 in its first month – and an outcome not yet
    measured."""
    Project.objects.filter(pk=trust.project.pk).update(
        problem="Leerstand in der Marktgasse.",
        outputs="Ausstellungen im leeren Laden.",
        outlook="Eine zweite Galerie.",
    )
    trust.project.refresh_from_db()
    this_month = period_start(date.today(), "month")
    last_month = period_start(this_month - timedelta(days=1), "month")
    trust.indicator = impact_services.add_indicator(
        trust.project,
        by=trust.initiative_member,
        title="Besuche",
        level="output",
        kind="quantitative",
        unit="Personen",
        period="month",
        aggregation="per_period",
        targets={last_month: Decimal(400), this_month: Decimal(400)},
    )
    impact_services.add_indicator(
        trust.project,
        by=trust.initiative_member,
        title="Neue Kontakte in der Nachbarschaft",
        level="outcome",
        kind="quantitative",
        unit="Kontakte",
        period="month",
        targets={this_month: Decimal("12.5")},
    )
    measured(trust, last_month, 120)
    measured(trust, this_month, 350)
    return trust


@pytest.mark.django_db
def test_the_draft_follows_the_impact_report_with_the_latest_measurement_in_the_grant_period(
    reported,
):
    grant = approved_grant(reported)
    text = draft_report_text(grant)
    assert "Ausgangslage:\nLeerstand in der Marktgasse." in text
    assert "Leistungen (Output):\nAusstellungen im leeren Laden." in text
    assert "Ausblick:\nEine zweite Galerie." in text
    month = f"{date.today():%m/%Y}"
    assert f"- Besuche: 350 Personen (Ziel: 400 Personen) – Stand {month}" in text
    assert "120" not in text  # measured before the grant period
    assert (
        "- Neue Kontakte in der Nachbarschaft (Ziel: 12,5 Kontakte): keine bestätigte Messung"
        in text
    )
    assert text.index("Leistungen (Output)\n- Besuche") < text.index("(Outcome)\n- Neue Kontakte")


@pytest.mark.django_db
def test_the_factual_report_is_prefilled_stays_editable_and_the_pdf_shows_it(reported, client):
    grant = approved_grant(reported)
    client.force_login(reported.trustee_member)
    page = client.get(grant.get_absolute_url()).content.decode()
    assert "350 Personen (Ziel: 400 Personen)" in page  # the draft in the form
    pdf_url = reverse("funding:statement_pdf", args=[grant.pk])

    def pdf_text():
        pdf = client.get(pdf_url).content
        return "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    assert "Besuche: 350 Personen" in pdf_text()  # the draft while nothing is saved
    edited = "Die Galerie hatte 14 Ausstellungen.\n\nBesuche: 350 Personen, mehr als erwartet."
    response = client.post(reverse("funding:report", args=[grant.pk]), {"report_text": edited})
    assert response.status_code == 302
    grant.refresh_from_db()
    assert "mehr als erwartet" in grant.report_text
    text = pdf_text()
    assert "Die Galerie hatte 14 Ausstellungen." in text and "mehr als erwartet" in text
    assert "Ziel: 400" not in text
    page = client.get(grant.get_absolute_url()).content.decode()
    assert "mehr als erwartet" in page and "Ziel: 400" not in page
    again = client.get(grant.get_absolute_url() + "?sachbericht=entwurf").content.decode()
    assert "Ziel: 400 Personen" in again


@pytest.mark.django_db
def test_the_api_gives_the_factual_report_as_the_pdf_shows_it(reported, client):
    grant = approved_grant(reported)
    client.force_login(reported.initiative_member)
    data = client.get(f"/api/v1/grants/{grant.pk}/reports").json()
    assert "Besuche: 350 Personen" in data["sachbericht"] and not data["sachbericht_saved"]
    client.force_login(reported.outsider)
    assert client.get(f"/api/v1/grants/{grant.pk}/reports").status_code in (403, 404)
