import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from quartier.core.testing import assert_queries_do_not_grow
from quartier.projects import impact_services, services
from quartier.projects.models import Indicator, Measurement
from quartier.projects.tests.test_pages import login

JAN = datetime.date(2026, 1, 1)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)


def test_library_indicator_photo_evidence_return_and_approval_in_the_pages(client, setting):
    base = f"/projekte/{setting.project.pk}/"
    login(client, setting.initiative_member)
    response = client.post(
        base + "indikatoren/neu/",
        {"library_key": "besuche-pro-monat", "baseline_value": "0", "targets": "2026-01: 400"},
    )
    assert response.status_code == 302
    indicator = Indicator.objects.get(project=setting.project)
    assert indicator.title == "Besucherinnen und Besucher pro Monat"
    assert indicator.baseline_value == 0 and indicator.targets.get().value == 400
    url = base + f"indikatoren/{indicator.pk}/messwert/"
    photo = SimpleUploadedFile("laden.png", PNG, content_type="image/png")
    refused = client.post(
        url, {"period": "2026-01", "value": "380", "evidence_kind": "photo", "evidence_file": photo}
    )
    assert refused.status_code == 200 and not Measurement.objects.exists()  # no description
    photo.seek(0)
    client.post(
        url,
        {
            "period": "2026-01",
            "value": "380",
            "evidence_kind": "photo",
            "evidence_file": photo,
            "evidence_description": "Schlange vor dem Laden",
            "submit": "1",
        },
    )
    m = Measurement.objects.get()
    assert m.status == "submitted" and m.evidence.get().description == "Schlange vor dem Laden"
    # the submitter sees no approve button (four eyes); the alliance's lead does
    assert f"/messwerte/{m.pk}/approve/" not in client.get(base).content.decode()
    assert client.post(base + f"messwerte/{m.pk}/approve/").status_code == 403
    login(client, setting.lead_admin)
    assert f"/messwerte/{m.pk}/approve/" in client.get(base).content.decode()
    client.post(base + f"messwerte/{m.pk}/return/", {"comment": "Bitte ohne Doppelzählung"})
    m.refresh_from_db()
    assert m.status == "returned" and m.comment == "Bitte ohne Doppelzählung"
    login(client, setting.initiative_member)
    assert "Bitte ohne Doppelzählung" in client.get(base).content.decode()
    client.post(url, {"period": "2026-01", "value": "350", "submit": "1"})
    login(client, setting.lead_admin)
    client.post(base + f"messwerte/{m.pk}/approve/")
    m.refresh_from_db()
    assert (m.status, m.value) == ("approved", Decimal(350))
    page = client.get(base).content.decode()
    assert "<svg" in page and "<title" in page and "01/2026" in page  # chart and table
    client.post(base + "zeitraum-sperren/", {"period_start": "2026-01-01"})
    assert setting.project.locks.get().period_start == JAN


def test_a_free_indicator_needs_a_title_and_level(client, setting):
    login(client, setting.initiative_member)
    response = client.post(f"/projekte/{setting.project.pk}/indikatoren/neu/", {"title": ""})
    assert response.status_code == 200 and not Indicator.objects.exists()
    response = client.post(
        f"/projekte/{setting.project.pk}/indikatoren/neu/",
        {"title": "Gießkannen verliehen", "level": "output", "targets": "März: viel"},
    )
    assert response.status_code == 200 and "Zeile 1" in response.content.decode()


def test_the_csv_upload_starts_the_import_and_shows_the_progress(client, setting):
    indicator = impact_services.add_indicator(
        setting.project, by=setting.initiative_member, library_key="besuche-pro-monat"
    )
    login(client, setting.initiative_member)
    csv = f"indikator;zeitraum;wert\n{indicator.pk};2026-01;12\n".encode()
    response = client.post(
        f"/projekte/{setting.project.pk}/messwerte/import/",
        {"file": SimpleUploadedFile("m.csv", csv, content_type="text/csv")},
    )
    assert response.status_code == 302 and "/aufgaben/" in response["Location"]
    assert client.get(response["Location"]).status_code == 200


def test_the_impact_model_and_milestone_removal_in_the_forms(client, setting):
    login(client, setting.initiative_member)
    base = f"/projekte/{setting.project.pk}/"
    client.post(base + "wirkungsmodell/", {"problem": "Leerstand in der Marktgasse"})
    setting.project.refresh_from_db()
    assert setting.project.problem == "Leerstand in der Marktgasse"
    milestone = services.add_milestone(
        setting.project, by=setting.initiative_member, title="Eröffnung", due_on=JAN
    )
    login(client, setting.outsider)
    assert client.post(base + f"meilensteine/{milestone.pk}/entfernen/").status_code == 403
    login(client, setting.initiative_member)
    client.post(base + f"meilensteine/{milestone.pk}/entfernen/")
    assert not setting.project.milestones.exists()


def test_the_page_query_count_does_not_grow_with_indicators_and_periods(client, setting):
    login(client, setting.lead_admin)

    def add(n):
        for _ in range(n):
            indicator = impact_services.add_indicator(
                setting.project,
                by=setting.initiative_member,
                title=f"Indikator {Indicator.objects.count()}",
                level="output",
                targets={datetime.date(2026, month, 1): Decimal(10) for month in (1, 2)},
            )
            for month in (1, 2):
                m = impact_services.save_measurement(
                    indicator,
                    by=setting.initiative_member,
                    period_start=datetime.date(2026, month, 1),
                    value=Decimal(month),
                )
                impact_services.submit_measurement(m, by=setting.initiative_member)

    assert_queries_do_not_grow(client, f"/projekte/{setting.project.pk}/", add)
