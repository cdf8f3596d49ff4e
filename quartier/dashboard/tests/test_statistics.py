"""Official statistics: the import (all or nothing, every bad row named), the status and
dynamics classes on the dashboard, annotations and their moderation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.dashboard import services
from quartier.dashboard.models import Annotation, StatisticValue
from quartier.dashboard.statistics import neighbourhood_statistics
from quartier.dashboard.tests.statistics_records import statistics_for
from quartier.imports import services as imports
from quartier.imports.models import ImportJob
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _tasks_start_at_once(monkeypatch):
    """The import reads its upload in a task started on commit; a test never commits."""
    monkeypatch.setattr(
        "quartier.imports.services.transaction.on_commit",
        lambda callback, using=None, robust=False: callback(),
    )


@pytest.fixture
def town():
    neighbourhood = NeighbourhoodFactory(slug="talviertel")
    manager = UserFactory()
    neighbourhood.managers.add(manager)
    return neighbourhood, manager, statistics_for(neighbourhood)


def upload(user, text: str) -> ImportJob:
    file = SimpleUploadedFile("statistik.csv", text.encode(), content_type="text/csv")
    job = imports.create_job(user, "statistics", file)
    imports.check_job(job, job.mapping, by=user)
    job.refresh_from_db()
    return job


def test_a_file_with_one_bad_row_imports_nothing_and_names_the_row(town):
    _n, manager, _stats = town
    job = upload(
        manager,
        "Gebiet;Indikator;Jahr;Wert\n00;arbeitslosigkeit;2026;4,5\n"
        "99;arbeitslosigkeit;2026;7\n01;Beschäftigung;2026;abc\n",
    )
    assert job.mapping == {"area": 0, "indicator": 1, "year": 2, "value": 3}
    assert [e["row"] for e in job.report["errors"]] == [3, 4]
    assert "99" in job.report["errors"][0]["params"]["text"]
    with pytest.raises(ValidationError):
        imports.import_at_once(job, by=manager)
    assert not StatisticValue.objects.filter(year=2026).exists()


def test_the_fixed_file_is_imported_and_replaces_a_year(town):
    _n, manager, _stats = town
    job = upload(
        manager,
        "Gebiet;Indikator;Jahr;Wert\n00;arbeitslosigkeit;2026;4,5\n03;Arbeitslosigkeit;2025;30\n",
    )
    assert imports.import_at_once(job, by=manager) == 2
    assert (
        StatisticValue.objects.get(
            area__key="03", year=2025, indicator__key="arbeitslosigkeit"
        ).value
        == 30
    )
    assert StatisticValue.objects.filter(area__key="03", year=2025).count() == 2


def test_only_managers_import_and_only_into_their_own_municipality(town):
    _n, _manager, _stats = town
    stranger = UserFactory()
    assert not imports.can_import(stranger, "statistics")
    elsewhere = NeighbourhoodFactory()
    other_manager = UserFactory()
    elsewhere.managers.add(other_manager)
    job = upload(other_manager, "Gebiet;Indikator;Jahr;Wert\n00;arbeitslosigkeit;2026;4\n")
    assert job.report["error_count"] == 1


def test_status_and_dynamics_classes_of_the_neighbourhood(town):
    n, _manager, _stats = town
    stats = neighbourhood_statistics(n)
    assert stats["year"] == 2025
    # areas 2 and 3 of four, area 3 far behind the others and falling further
    assert stats["status"] == 2 and stats["dynamics"] == 2
    rows = {row[0]: row for row in stats["rows"]}
    assert float(rows["Arbeitslosigkeit"][1]) == (5 + 26) / 2
    assert float(rows["Arbeitslosigkeit"][3]) == (5 + 6 + 5 + 26) / 4


def test_a_neighbourhood_of_the_worst_area_alone_is_very_low_and_negative(town):
    n, _manager, stats = town
    stats["areas"][2].neighbourhood = None
    stats["areas"][2].save()
    result = neighbourhood_statistics(n)
    assert result["status"] == 4 and result["dynamics"] == 3


def test_a_redrawn_area_breaks_the_series(town):
    n, _manager, stats = town
    stats["areas"][3].valid_from = 2025
    stats["areas"][3].save()
    assert neighbourhood_statistics(n)["breaks"] == [2025]


def test_the_dashboard_shows_the_classes_and_the_api_the_values(client, api, town):
    n, _manager, _stats = town
    html = client.get(f"/quartiere/{n.slug}/lage/").content.decode()
    assert "Statuskategorie" in html and "2 – mittel" in html
    body = api.get(f"/api/v1/statistics?neighbourhood={n.pk}").json()
    assert body["count"] == 8 and body["items"][0]["indicator"]["licence"]


def test_members_annotate_and_managers_hide(client, town):
    n, manager, _stats = town
    actor = ActorFactory()
    actor.neighbourhoods.add(n)
    member = MembershipFactory(actor=actor).user
    client.force_login(member)
    response = client.post(
        f"/quartiere/{n.slug}/lage/anmerkungen/",
        {"figure": "stat:arbeitslosigkeit", "text": "Ein Betrieb schloss."},
    )
    assert response.status_code == 302
    note = Annotation.objects.get()
    assert note.author == member
    with pytest.raises(PermissionDenied):
        services.moderate_annotation(note, visible=False, by=member)
    with pytest.raises(PermissionDenied):
        services.add_annotation(n, "places", "Nein", by=UserFactory())
    client.force_login(manager)
    client.post(f"/quartiere/lage/anmerkungen/{note.pk}/", {"sichtbar": "0"})
    note.refresh_from_db()
    assert note.status == "hidden" and note.moderated_by == manager
    client.logout()
    assert "Ein Betrieb schloss." not in client.get(f"/quartiere/{n.slug}/lage/").content.decode()
