import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quartier.actors.models import Actor
from quartier.core.models import TaskProgress
from quartier.imports.models import ImportJob

from .conftest import ACTOR_HEADER, actor_row, csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db


def post_file(client, content, name="akteure.csv", kind="actors"):
    return client.post(reverse("imports:start"), {"file": upload(content, name), "kind": kind})


def mapping_data(job):
    return {name: str(index) for name, index in job.mapping.items()}


def test_the_whole_journey_upload_map_preview_import(user_client, user):
    response = user_client.get(reverse("imports:start"))
    assert response.status_code == 200
    assert "Tabelle importieren" in response.content.decode()

    content = csv_bytes([ACTOR_HEADER, actor_row("Eins"), actor_row("Zwei", Sektor="school")])
    response = post_file(user_client, content)
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == reverse("imports:mapping", args=[job.pk])
    assert job.owner == user and job.kind == "actors" and job.row_count == 2

    response = user_client.get(response.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<option value="1" selected>Sektor</option>' in html
    assert "<legend>" in html

    response = user_client.post(reverse("imports:mapping", args=[job.pk]), mapping_data(job))
    assert response.status_code == 302 and response.url == reverse("imports:detail", args=[job.pk])

    html = user_client.get(response.url).content.decode()
    assert "Alle 2 Zeilen können importiert werden." in html
    assert '<th scope="row">2</th>' in html and "Eins" in html

    response = user_client.post(reverse("imports:commit", args=[job.pk]))
    progress = TaskProgress.objects.exclude(pk=job.progress_id).get()
    assert response.url == reverse("core:task_progress", args=[progress.pk])
    assert progress.status == TaskProgress.Status.DONE and progress.percent == 100
    assert Actor.objects.count() == 2

    html = user_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "2 Akteure importiert." in html
    # After the import nothing can be assigned or imported again.
    response = user_client.get(reverse("imports:mapping", args=[job.pk]))
    assert response.status_code == 302
    user_client.post(reverse("imports:commit", args=[job.pk]))
    assert Actor.objects.count() == 2


def test_xlsx_upload_works_like_csv(user_client):
    content = xlsx_bytes([ACTOR_HEADER, actor_row("Aus Excel")])
    response = post_file(user_client, content, "akteure.xlsx")
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.file_format == "xlsx" and job.rows[0][0] == "Aus Excel"


def test_a_bad_row_shows_the_report_and_no_import_button(user_client):
    content = csv_bytes([ACTOR_HEADER, actor_row("Gut"), actor_row("Schlecht", Sektor="Kultur")])
    post_file(user_client, content)
    job = ImportJob.objects.get()
    user_client.post(reverse("imports:mapping", args=[job.pk]), mapping_data(job))
    html = user_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert 'role="alert"' in html
    assert "Die Datei hat 1 Problem" in html
    assert "Zeile 3, Spalte „Sektor“: „Kultur“ ist kein bekannter Sektor" in html
    assert reverse("imports:commit", args=[job.pk]) not in html

    response = user_client.post(reverse("imports:commit", args=[job.pk]))
    assert response.status_code == 302
    assert not Actor.objects.exists()
    assert not TaskProgress.objects.exclude(pk=job.progress_id).exists()


def test_a_required_field_without_column_is_an_error(user_client):
    post_file(user_client, csv_bytes([["Name", "Sektor"], ["A", "school"]]))
    job = ImportJob.objects.get()
    response = user_client.post(
        reverse("imports:mapping", args=[job.pk]), {"name": "0", "sector": "1"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Bitte wählen Sie die Spalte, die dieses Feld enthält." in html


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "leer.csv", "Die Datei ist leer."),
        (b"%PDF-1.7", "akteure.pdf", "Unbekanntes Dateiformat"),
        (b"PK\x03\x04kaputt", "akteure.xlsx", "Excel-Datei kann nicht gelesen werden"),
    ],
)
def test_bad_files_get_a_clear_message_never_a_500(user_client, content, name, message):
    response = user_client.post(
        reverse("imports:start"),
        {"file": SimpleUploadedFile(name, content), "kind": "actors"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and 'role="alert"' in html
    assert not ImportJob.objects.exists()


def test_the_file_is_read_in_the_background_and_its_problem_shown_on_the_progress_page(
    user_client,
):
    response = post_file(user_client, b"Name;Sektor\n", "kopf.csv")
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.UNREADABLE and job.content == b""
    progress_url = reverse("core:task_progress", args=[job.progress_id])
    assert user_client.get(response.url).url == progress_url
    assert user_client.get(reverse("imports:detail", args=[job.pk])).url == progress_url
    html = user_client.get(progress_url).content.decode()
    assert "keine Datenzeilen" in html


def test_while_the_file_is_read_the_mapping_page_shows_the_progress(user_client, monkeypatch):
    monkeypatch.setattr(
        "quartier.imports.services.transaction.on_commit", lambda callback, **kwargs: None
    )
    response = post_file(user_client, csv_bytes([ACTOR_HEADER, actor_row("Eins")]))
    job = ImportJob.objects.get()
    assert job.status == ImportJob.Status.READING and job.rows == []
    progress = reverse("core:task_progress", args=[job.progress_id])
    assert user_client.get(response.url).url == progress
    from quartier.imports.tasks import read_upload_task

    read_upload_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == ImportJob.Status.UPLOADED and job.rows[0][0] == "Eins"
    assert "Spalten" in user_client.get(response.url).content.decode()


def test_files_over_ten_megabytes_are_refused(user_client):
    content = b"Name\n" + b"x" * (10 * 1024 * 1024)
    response = post_file(user_client, content)
    assert response.status_code == 400
    assert "größer als 10 MB" in response.content.decode()


def test_others_cannot_see_or_touch_a_job(client, user, other_user):
    client.force_login(user)
    post_file(client, csv_bytes([ACTOR_HEADER, actor_row("Geheim")]))
    job = ImportJob.objects.get()
    client.post(reverse("imports:mapping", args=[job.pk]), mapping_data(job))

    client.force_login(other_user)
    for name in ("imports:detail", "imports:mapping"):
        assert client.get(reverse(name, args=[job.pk])).status_code == 404
    assert (
        client.post(reverse("imports:mapping", args=[job.pk]), mapping_data(job)).status_code == 404
    )
    assert client.post(reverse("imports:commit", args=[job.pk])).status_code == 404
    assert "Geheim" not in client.get(reverse("imports:start")).content.decode()
    assert not Actor.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = client.get(reverse("imports:start"))
    assert response.status_code == 302 and "/konto/login/" in response.url


def test_neighbourhood_import_is_refused_to_non_admins(user_client):
    html = user_client.get(reverse("imports:start")).content.decode()
    assert 'value="neighbourhoods"' not in html
    content = csv_bytes([["Quartier", "Gemeinde", "Bundesland"], ["Nord", "Neustadt", "ST"]])
    response = post_file(user_client, content, "q.csv", kind="neighbourhoods")
    assert response.status_code == 400
    assert (
        "Nur Plattform-Administratoren dürfen Quartiere importieren." in response.content.decode()
    )
    assert not ImportJob.objects.exists()


def test_admins_import_neighbourhoods(client, admin_user):
    client.force_login(admin_user)
    assert 'value="neighbourhoods"' in client.get(reverse("imports:start")).content.decode()
    content = csv_bytes([["Quartier", "Gemeinde", "Bundesland"], ["Nord", "Neustadt", "ST"]])
    response = post_file(client, content, "q.csv", kind="neighbourhoods")
    job = ImportJob.objects.get()
    assert response.status_code == 302
    client.post(reverse("imports:mapping", args=[job.pk]), mapping_data(job))
    client.post(reverse("imports:commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert job.imported_count == 1


def test_pages_are_english_with_english_language(user_client):
    user_client.cookies["django_language"] = "en"
    content = csv_bytes([ACTOR_HEADER, actor_row("Bad", Sektor="Kultur")])
    post_file(user_client, content)
    job = ImportJob.objects.get()
    user_client.post(reverse("imports:mapping", args=[job.pk]), mapping_data(job))
    html = user_client.get(reverse("imports:detail", args=[job.pk])).content.decode()
    assert "Row 2, column “Sektor”: “Kultur” is not a known sector" in html
