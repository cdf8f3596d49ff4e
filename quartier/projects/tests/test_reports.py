import datetime
import io
import json
from decimal import Decimal

from pypdf import PdfReader

from quartier.alliances.models import Alliance
from quartier.core.testing import assert_queries_do_not_grow
from quartier.projects import impact_services, services
from quartier.projects.models import Project
from quartier.projects.tests.test_pages import login


def visitors_with_values(setting, project, values):
    indicator = impact_services.add_indicator(
        project,
        by=setting.initiative_member,
        library_key="besuche-pro-monat",
        baseline_value=Decimal(0),
        targets={datetime.date(2026, m, 1): Decimal(400) for m in range(1, len(values) + 1)},
    )
    for month, value in enumerate(values, start=1):
        m = impact_services.save_measurement(
            indicator,
            by=setting.initiative_member,
            period_start=datetime.date(2026, month, 1),
            value=Decimal(value),
        )
        impact_services.submit_measurement(m, by=setting.initiative_member)
        impact_services.approve_measurement(m, by=setting.lead_admin)
    return indicator


def test_the_project_report_shows_value_against_target_as_chart_table_pdf_and_json(client, setting):
    visitors_with_values(setting, setting.project, [350, 420])
    base = f"/projekte/berichte/projekt/{setting.project.pk}/"
    page = client.get(base).content.decode()
    assert "<svg" in page and "02/2026" in page and ">420<" in page and ">400<" in page
    pdf = client.get(base + "wirkung.pdf")
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Besucherinnen und Besucher pro Monat" in text
    assert "350" in text and "420" in text and "400" in text
    data = client.get(f"/api/v1/projects/{setting.project.pk}/report").json()
    series = data["projects"][0]["indicators"][0]["series"]
    assert [(p["achieved"], p["target"]) for p in series] == [(350, 400), (420, 400)]
    api_pdf = client.get(f"/api/v1/projects/{setting.project.pk}/report?format=pdf")
    assert api_pdf["Content-Type"] == "application/pdf"
    jsonld = json.loads(client.get(base + "wirkung.jsonld").content)
    assert "cids" in jsonld["@context"]
    csv = client.get(base + "wirkung.csv").content.decode()
    assert "2026-02-01;420;420;400" in csv
    card = client.get(base + "?publikum=eigentuemer").content.decode()
    assert "105 %" in card  # 420 of 400


def test_a_hidden_project_has_no_report_for_outsiders(client, setting):
    services.update_project(setting.project, by=setting.initiative_member, is_public=False)
    login(client, setting.outsider)
    assert client.get(f"/projekte/berichte/projekt/{setting.project.pk}/").status_code == 404
    assert client.get(f"/api/v1/projects/{setting.project.pk}/report").status_code in (401, 404)


def test_report_query_counts_do_not_grow_with_projects_indicators_or_periods(client, setting):
    login(client, setting.lead_admin)

    def add(n):
        for _ in range(n):
            project = services.create_project(
                by=setting.initiative_member,
                title=f"Projekt {Project.objects.count()}",
                owners=[setting.initiative],
                neighbourhoods=[setting.neighbourhood],
                alliance=setting.alliance,
            )
            visitors_with_values(setting, project, [10, 20])

    url = f"/projekte/berichte/quartier/{setting.neighbourhood.pk}/"
    assert_queries_do_not_grow(client, url, add)
    assert_queries_do_not_grow(
        client, f"/projekte/berichte/allianz/{setting.alliance.pk}/wirkung.pdf", add
    )


def test_the_alliance_report_adds_up_indicators_measured_alike(client, setting):
    visitors_with_values(setting, setting.project, [350, 420])
    other = services.create_project(
        by=setting.initiative_member,
        title="Galerie Marktgasse 9",
        owners=[setting.initiative],
        alliance=setting.alliance,
    )
    visitors_with_values(setting, other, [50, 80])
    page = client.get(f"/projekte/berichte/allianz/{setting.alliance.pk}/").content.decode()
    assert page.count("<svg") == 1  # one chart for the indicator both projects measure
    assert ">400<" in page and ">500<" in page and ">800<" in page  # 350+50, 420+80, 2×400
    assert "Galerie Marktgasse 9" in page


def test_a_large_report_pdf_is_built_in_the_background_and_only_its_owner_downloads_it(
    client, setting, monkeypatch
):
    visitors_with_values(setting, setting.project, [350, 420])
    base = f"/projekte/berichte/allianz/{setting.alliance.pk}/"
    login(client, setting.lead_admin)
    small = client.get(base).content.decode()
    assert "wirkung.pdf" in small and "pdf-erstellen" not in small  # small: at once
    monkeypatch.setattr("quartier.projects.report_services.PDF_IN_BACKGROUND_FROM", 0)
    page = client.get(base).content.decode()
    assert base + "pdf-erstellen/" in page and "wirkung.pdf" not in page
    assert client.get(base + "pdf-erstellen/").status_code == 405  # no work started by a GET
    started = client.post(base + "pdf-erstellen/", {"publikum": "foerderer"})
    assert started.status_code == 302 and "/aufgaben/" in started["Location"]
    progress = client.get(started["Location"]).content.decode()
    assert "/projekte/berichte/pdf/" in progress  # done (tasks run at once in tests)
    link = progress.split('href="/projekte/berichte/pdf/')[1].split('"')[0]
    pdf = client.get("/projekte/berichte/pdf/" + link)
    assert pdf["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Pop-up-Laden Marktgasse" in text and "420" in text and "Förderer" in text
    login(client, setting.outsider)
    assert client.get("/projekte/berichte/pdf/" + link).status_code == 404


def test_the_background_pdf_refuses_a_hidden_report_and_an_unknown_audience(client, setting):
    services.update_project(setting.project, by=setting.initiative_member, is_public=False)
    login(client, setting.outsider)
    url = f"/projekte/berichte/projekt/{setting.project.pk}/pdf-erstellen/"
    assert client.post(url).status_code == 404
    login(client, setting.lead_admin)
    assert client.post(url, {"publikum": "niemand"}).status_code == 404
    assert client.post(url).status_code == 302


def test_the_alliance_and_neighbourhood_pages_link_their_impact_reports(client, setting):
    services.update_project(
        setting.project, by=setting.initiative_member, neighbourhoods=[setting.neighbourhood]
    )
    login(client, setting.lead_admin)
    for subject, report in (
        (setting.alliance, f"/projekte/berichte/allianz/{setting.alliance.pk}/"),
        (setting.neighbourhood, f"/projekte/berichte/quartier/{setting.neighbourhood.pk}/"),
    ):
        page = client.get(subject.get_absolute_url()).content.decode()
        assert f'href="{report}">Wirkungsbericht</a>' in page
        assert "Pop-up-Laden Marktgasse" in client.get(report).content.decode()


def test_reports_of_a_members_only_alliance_and_of_no_neighbourhood_are_not_found(client, setting):
    Alliance.objects.filter(pk=setting.alliance.pk).update(is_public=False)  # set-up
    url = f"/projekte/berichte/allianz/{setting.alliance.pk}/"
    login(client, setting.outsider)
    assert client.get(url).status_code == 404
    assert client.get(url + "wirkung.csv").status_code == 404
    assert client.get("/projekte/berichte/quartier/999999/").status_code == 404
    assert client.get(f"/projekte/berichte/gemeinde/{setting.neighbourhood.pk}/").status_code == 404
    login(client, setting.lead_admin)
    assert "Pop-up-Laden Marktgasse" in client.get(url).content.decode()
