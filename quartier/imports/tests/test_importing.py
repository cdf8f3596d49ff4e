import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from quartier.actors.models import Actor, Membership, Resource
from quartier.core.models import ChangeRecord, TaskProgress
from quartier.imports import services
from quartier.imports.actor_import import ActorImporter
from quartier.imports.models import ImportJob
from quartier.imports.neighbourhood_import import NeighbourhoodImporter
from quartier.imports.report import describe
from quartier.neighbourhoods.models import Municipality, Neighbourhood
from quartier.neighbourhoods.tests.factories import MunicipalityFactory, NeighbourhoodFactory

from .conftest import ACTOR_HEADER, actor_row, csv_bytes, upload

pytestmark = pytest.mark.django_db


def actor_job(user, rows, **kwargs):
    return services.create_job(user, "actors", upload(csv_bytes([ACTOR_HEADER, *rows]), **kwargs))


def check(job, user):
    return services.check_job(job, job.mapping, by=user)


def run(job, user):
    job.refresh_from_db()
    progress = services.queue_import(job, by=user)
    progress.refresh_from_db()
    job.refresh_from_db()
    return job, progress


# --- mapping suggestions ---------------------------------------------------------------------


def test_german_headers_are_suggested_for_their_fields():
    mapping = ActorImporter.suggest_mapping(ACTOR_HEADER)
    assert {name: ACTOR_HEADER[index] for name, index in mapping.items()} == {
        "name": "Name",
        "sector": "Sektor",
        "legal_form": "Rechtsform",
        "short_description": "Kurzbeschreibung",
        "street": "Straße",
        "postcode": "PLZ",
        "city": "Ort",
        "latitude": "Breitengrad",
        "longitude": "Längengrad",
        "website": "Website",
        "neighbourhoods": "Quartier",
        "offers": "Angebote",
        "needs": "Bedarfe",
    }


def test_english_spelling_and_remarks_in_brackets_are_matched_too():
    headers = ["name", "SECTOR", "lat", "lon", "Strasse", "Laengengrad (WGS 84)", "Unbekannt"]
    mapping = ActorImporter.suggest_mapping(headers)
    assert mapping["name"] == 0
    assert mapping["sector"] == 1
    assert mapping["latitude"] == 2
    assert mapping["longitude"] == 5  # "Längengrad" ranks before "lon"
    assert mapping["street"] == 4
    assert 6 not in mapping.values()
    assert len(set(mapping.values())) == len(mapping)  # a column for one field only


def test_neighbourhood_headers_are_suggested():
    mapping = NeighbourhoodImporter.suggest_mapping(["Quartier", "Gemeinde", "Bundesland", "AGS"])
    assert mapping == {"name": 0, "municipality": 1, "state": 2, "official_key": 3}


# --- validation report -----------------------------------------------------------------------


def test_the_report_names_row_column_and_problem_in_german_and_english(user):
    job = actor_job(
        user,
        [actor_row("Gut"), actor_row("Schlecht", Sektor="Kultur"), actor_row("Auch gut")],
    )
    result = check(job, user)
    assert result.error_count == 1
    job.refresh_from_db()
    entry = job.report["errors"][0]
    assert entry["row"] == 3 and entry["column"] == "Sektor"
    with translation.override("de"):
        assert describe(entry) == "Zeile 3, Spalte „Sektor“: „Kultur“ ist kein bekannter Sektor"
    with translation.override("en"):
        assert describe(entry) == "Row 3, column “Sektor”: “Kultur” is not a known sector"
    assert job.status == ImportJob.Status.CHECKED
    assert not job.can_commit


def test_every_kind_of_problem_is_reported_with_its_column(user, neighbourhood):
    NeighbourhoodFactory(name="Doppelt")
    NeighbourhoodFactory(name="Doppelt")
    job = actor_job(
        user,
        [
            actor_row(
                "",
                Rechtsform="AG",
                PLZ="123",
                Breitengrad="95",
                Website="kein web",
                Angebote="Raum; Zauberei",
                Quartier="Gibtsnicht",
            ),
            actor_row("Zwei", Breitengrad="51,2", Längengrad="", Quartier="Doppelt"),
            actor_row("Drei", Breitengrad="Nord", Kurzbeschreibung="x" * 301),
        ],
    )
    check(job, user)
    job.refresh_from_db()
    with translation.override("de"):
        lines = {describe(entry) for entry in job.report["errors"]}
    assert lines == {
        "Zeile 2, Spalte „Name“: ein Wert ist erforderlich",
        "Zeile 2, Spalte „Rechtsform“: „AG“ ist keine bekannte Rechtsform",
        "Zeile 2, Spalte „PLZ“: „123“ ist keine deutsche Postleitzahl (fünf Ziffern)",
        "Zeile 2, Spalte „Breitengrad“: 95 liegt außerhalb des gültigen Bereichs von -90 bis 90",
        "Zeile 2, Spalte „Website“: „kein web“ ist keine gültige Internetadresse",
        "Zeile 2, Spalte „Angebote“: „Zauberei“ ist keine bekannte Art von Angebot oder Bedarf",
        "Zeile 2, Spalte „Quartier“: kein Quartier hat den Kurznamen oder Namen „Gibtsnicht“",
        "Zeile 3, Spalte „Längengrad“: bitte Breiten- und Längengrad angeben oder keinen von "
        "beiden",
        "Zeile 3, Spalte „Quartier“: mehrere Quartiere heißen „Doppelt“; bitte den Kurznamen "
        "angeben",
        "Zeile 4, Spalte „Kurzbeschreibung“: der Text hat 301 Zeichen, erlaubt sind höchstens 300",
        "Zeile 4, Spalte „Breitengrad“: „Nord“ ist keine Zahl",
    }


def test_keys_and_german_names_are_accepted_in_any_case(user, neighbourhood):
    job = actor_job(
        user,
        [
            actor_row("A", Sektor="CULTURE", Rechtsform="ggmbh", Angebote="SPACE, know_how"),
            actor_row("B", Sektor="kultur und soziokultur", Rechtsform="E.V.", Angebote="räume"),
            actor_row("C", Sektor="Kommunalverwaltung", Rechtsform="eG", Bedarfe="Know-How;Geld"),
            actor_row("D", Sektor="civil_society", Rechtsform="", Quartier="TALVIERTEL"),
            actor_row("E", Sektor="Schule", Quartier="musterstadt-talviertel"),
        ],
    )
    result = check(job, user)
    assert result.error_count == 0, job.report["errors"]
    by_name = {item.actor.name: item for item in result.items}
    assert by_name["A"].actor.sector == "culture"
    assert by_name["A"].actor.legal_form == "ggmbh"
    assert by_name["A"].offers == ["space", "know_how"]
    assert by_name["B"].actor.legal_form == "ev"
    assert by_name["B"].offers == ["space"]
    assert by_name["C"].actor.sector == "municipal"
    assert by_name["C"].needs == ["know_how", "money"]
    assert by_name["D"].neighbourhood_ids == [neighbourhood.pk]
    assert by_name["E"].neighbourhood_ids == [neighbourhood.pk]


def test_actors_that_exist_already_are_a_warning_not_an_error(user):
    Actor.objects.create(name="Alt", slug="alt", short_description="x", sector="school")
    job = actor_job(user, [actor_row("Alt"), actor_row("Neu"), actor_row("Neu")])
    result = check(job, user)
    assert result.error_count == 0
    assert result.warning_count == 2
    job.refresh_from_db()
    with translation.override("de"):
        lines = [describe(entry) for entry in job.report["warnings"]]
    assert "Zeile 4, Spalte „Name“: „Neu“ steht schon in Zeile 3 der Datei" in lines
    assert job.can_commit


# --- the import ------------------------------------------------------------------------------


def test_a_clean_file_is_imported_with_slugs_members_resources_and_history(user, neighbourhood):
    Actor.objects.create(
        name="Stadtteilladen", slug="stadtteilladen", short_description="x", sector="school"
    )
    job = actor_job(
        user,
        [
            actor_row("Stadtteilladen", Quartier="musterstadt-talviertel"),
            actor_row(
                "Stadtteilladen", Sektor="housing", PLZ="1067", Breitengrad="", Längengrad=""
            ),
            actor_row("Café Eins", Website="https://cafe.example/"),
        ],
    )
    check(job, user)
    job, progress = run(job, user)

    assert job.status == ImportJob.Status.DONE
    assert job.imported_count == 3
    assert progress.status == TaskProgress.Status.DONE and progress.percent == 100
    assert progress.result_url == f"/import/{job.pk}/"
    assert "3 Akteure importiert" in progress.message

    imported = Actor.objects.exclude(slug="stadtteilladen").order_by("pk")
    assert [a.slug for a in imported] == ["stadtteilladen-2", "stadtteilladen-3", "cafe-eins"]
    first, second, cafe = imported
    assert first.sector == "culture" and not first.is_established
    assert second.sector == "housing" and second.is_established
    assert first.legal_form == "ev"
    assert first.latitude == pytest.approx(51.7834) and first.longitude == pytest.approx(11.738)
    assert second.latitude is None and second.postcode == "01067"
    assert first.website == "https://www.beispiel.example"
    assert cafe.website == "https://cafe.example/"
    assert list(first.neighbourhoods.all()) == [neighbourhood]
    assert sorted(first.resources.values_list("direction", "kind")) == [
        ("need", "money"),
        ("offer", "know_how"),
        ("offer", "space"),
    ]
    for actor in imported:
        membership = Membership.objects.get(actor=actor)
        assert membership.user == user and membership.role == Membership.Role.ADMIN
    records = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Actor), action="imported"
    )
    assert records.count() == 3
    record = records.get(object_id=str(first.pk))
    assert record.user == user
    assert record.changes["name"] == "Stadtteilladen"
    assert record.changes["import"].startswith("akteure.csv")


def test_a_file_with_one_bad_row_imports_nothing(user):
    job = actor_job(user, [actor_row(f"Akteur {i}") for i in range(5)] + [actor_row("X", PLZ="1")])
    check(job, user)
    with pytest.raises(Exception, match="ohne Probleme"):
        services.queue_import(job, by=user)
    assert not Actor.objects.exists()


def test_problems_that_arise_after_the_preview_still_import_nothing(user, neighbourhood):
    job = actor_job(
        user,
        [actor_row("Eins"), actor_row("Zwei", Quartier="musterstadt-talviertel")],
    )
    check(job, user)
    assert job.can_commit
    neighbourhood.delete()  # meanwhile somebody deleted the neighbourhood

    job, progress = run(job, user)

    assert not Actor.objects.exists()
    assert not Membership.objects.exists() and not Resource.objects.exists()
    assert job.status == ImportJob.Status.FAILED
    assert job.report["error_count"] == 1 and job.report["errors"][0]["row"] == 3
    assert progress.status == TaskProgress.Status.FAILED
    assert "Nichts wurde importiert" in progress.message


def test_a_failure_while_saving_rolls_back_every_row(user, monkeypatch):
    job = actor_job(user, [actor_row(f"Akteur {i}") for i in range(3)])
    check(job, user)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Resource.objects, "bulk_create", broken)
    job, progress = run(job, user)

    assert not Actor.objects.exists()
    assert not ChangeRecord.objects.filter(action="imported").exists()
    assert job.status == ImportJob.Status.FAILED
    assert progress.status == TaskProgress.Status.FAILED


def test_an_import_starts_only_once(user):
    job = actor_job(user, [actor_row("Einmal")])
    check(job, user)
    run(job, user)
    job.status = ImportJob.Status.CHECKED  # a stale copy, as from a second click
    with pytest.raises(Exception, match="bereits gestartet"):
        services.queue_import(job, by=user)
    assert Actor.objects.count() == 1


def test_progress_is_reported_every_n_rows(user, monkeypatch):
    reports = []
    original = services.report_progress

    def spy(progress_id, done, total, message=""):
        reports.append((done, total))
        original(progress_id, done=done, total=total, message=message)

    monkeypatch.setattr(services, "report_progress", spy)
    monkeypatch.setattr(services, "PROGRESS_EVERY", 2)
    job = actor_job(user, [actor_row(f"Akteur {i}") for i in range(5)])
    assert reports == [(0, 1)], "reading the file in the background is one step"
    check(job, user)
    run(job, user)
    assert reports == [(0, 1), (0, 10), (2, 10), (4, 10), (5, 10)]


def test_a_former_admin_cannot_start_a_neighbourhood_import(admin_user):
    municipality = MunicipalityFactory(name="Musterstadt")
    content = csv_bytes([["Quartier", "Gemeinde"], ["Nord", municipality.name]])
    job = services.create_job(admin_user, "neighbourhoods", upload(content, "q.csv"))
    check(job, admin_user)
    admin_user.is_superuser = False
    admin_user.save()
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        services.queue_import(job, by=admin_user)
    assert not Neighbourhood.objects.filter(name="Nord").exists()


# --- neighbourhoods --------------------------------------------------------------------------


def test_neighbourhoods_are_imported_with_new_and_existing_municipalities(admin_user):
    MunicipalityFactory(name="Altstadt-Gemeinde", state="SN")
    NeighbourhoodFactory(slug="vergeben")
    rows = [
        ["Quartier", "Kurzname", "Gemeinde", "Bundesland", "AGS", "Herausforderungen",
         "Situationstyp", "Breitengrad", "Längengrad", "Fiktiv"],
        ["Nordviertel", "", "Neustadt", "Sachsen-Anhalt", "15001000", "Leerstand; vacancy",
         "Innenstadt", "51,1", "11,9", "ja"],
        ["Südviertel", "sued", "neustadt", "ST", "", "demografischer Wandel, Gentrifizierung",
         "", "", "", ""],
        ["Mitte", "", "Altstadt-Gemeinde", "", "", "", "rural_town", "", "", "nein"],
    ]  # fmt: skip
    job = services.create_job(admin_user, "neighbourhoods", upload(csv_bytes(rows), "q.csv"))
    result = check(job, admin_user)
    assert result.error_count == 0, job.report
    job, progress = run(job, admin_user)
    assert job.status == ImportJob.Status.DONE, progress.message

    north = Neighbourhood.objects.get(name="Nordviertel")
    assert north.slug == "neustadt-nordviertel"
    assert north.municipality.state == "ST" and north.municipality.official_key == "15001000"
    assert north.challenges == ["vacancy"]
    assert north.situation_type == "city_centre"
    assert north.latitude == pytest.approx(51.1) and north.is_fictional
    south = Neighbourhood.objects.get(slug="sued")
    assert south.municipality == north.municipality  # created once
    assert south.challenges == ["demographic_change", "gentrification"]
    assert Neighbourhood.objects.get(name="Mitte").municipality.state == "SN"
    assert Municipality.objects.filter(name="Neustadt").count() == 1
    assert ChangeRecord.objects.filter(action="imported").count() == 4  # 3 + 1 municipality


def test_neighbourhood_problems_are_reported(admin_user):
    NeighbourhoodFactory(slug="vergeben")
    rows = [
        ["Name", "Kurzname", "Gemeinde", "Bundesland", "Kontext"],
        ["A", "vergeben", "Neustadt", "ST", "wachsend"],
        ["B", "doppelt", "Neustadt", "ST", ""],
        ["C", "doppelt", "Neustadt", "ST", ""],
        ["D", "", "Unbekanntstadt", "", ""],
        ["E", "Mit Leerzeichen", "Neustadt", "Bayernland", "irgendwie"],
    ]
    job = services.create_job(admin_user, "neighbourhoods", upload(csv_bytes(rows), "q.csv"))
    check(job, admin_user)
    job.refresh_from_db()
    with translation.override("de"):
        lines = {describe(entry) for entry in job.report["errors"]}
    assert lines == {
        "Zeile 2, Spalte „Kurzname“: ein Quartier mit dem Kurznamen „vergeben“ gibt es schon",
        "Zeile 4, Spalte „Kurzname“: der Kurzname „doppelt“ steht schon in Zeile 3 der Datei",
        "Zeile 5, Spalte „Gemeinde“: die Gemeinde „Unbekanntstadt“ ist noch nicht bekannt; "
        "bitte ihr Bundesland angeben, damit sie angelegt werden kann",
        "Zeile 6, Spalte „Kurzname“: „Mit Leerzeichen“ ist kein gültiger Kurzname "
        "(Kleinbuchstaben, Ziffern und Bindestriche)",
        "Zeile 6, Spalte „Bundesland“: „Bayernland“ ist kein deutsches Bundesland",
        "Zeile 6, Spalte „Kontext“: „irgendwie“ ist kein bekannter Kontext",
    }


def test_neighbourhood_import_is_refused_to_non_admins(user):
    content = csv_bytes([["Quartier", "Gemeinde"], ["Nord", "Neustadt"]])
    with pytest.raises(Exception):  # noqa: B017 - PermissionDenied
        services.create_job(user, "neighbourhoods", upload(content, "q.csv"))
    assert not ImportJob.objects.exists()
