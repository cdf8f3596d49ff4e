"""Importing a municipal vacancy list as places: parsing the cells, the report, all or
nothing, updates by identifier, who may do what, and the pages."""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation

from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.models import ChangeRecord, TaskProgress
from quartier.imports import services
from quartier.imports.models import ImportJob, PlaceKey
from quartier.imports.report import describe
from quartier.imports.vacancies import PlaceImporter
from quartier.imports.vacancy_values import a_date, area, contains, rent
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places import services as place_services
from quartier.places.models import Place
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory
from quartier.search.models import SearchEntry

from .conftest import csv_bytes, upload, xlsx_bytes

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[3] / "docs" / "samples" / "leerstand-beispiel.csv"
HEADER = [
    "Kennung",
    "Bezeichnung",
    "Art",
    "Status",
    "Straße",
    "Hausnummer",
    "PLZ",
    "Ort",
    "Quartier",
    "Breitengrad",
    "Längengrad",
    "Fläche (m²)",
    "Miete",
    "frei ab",
    "frei bis",
    "Erdgeschoss",
    "Schaufenster",
    "barrierefrei",
    "Eigentümer",
    "Nutzungen",
    "Bemerkung",
]


def place_row(name: str, **values: str) -> list[str]:
    row = dict.fromkeys(HEADER, "")
    row.update(
        {
            "Bezeichnung": name,
            "Art": "Ladenlokal",
            "Straße": "Marktstraße",
            "Hausnummer": "1",
            "PLZ": "06406",
            "Ort": "Musterstadt",
            "Fläche (m²)": "80",
            "frei ab": "01.03.2026",
        }
    )
    row.update({key.replace("_", " "): value for key, value in values.items()})
    return [row[column] for column in HEADER]


def places_job(user, rows, *, encoding="utf-8", name="leerstand.csv"):
    content = csv_bytes([HEADER, *rows], encoding=encoding)
    return services.create_job(user, "places", upload(content, name))


def check(job, user):
    return services.check_job(job, job.mapping, by=user)


def run(job, user):
    job.refresh_from_db()
    progress = services.queue_import(job, by=user)
    progress.refresh_from_db()
    job.refresh_from_db()
    return job, progress


def problems(job):
    """The report as (row, column, code): the same in every language."""
    job.refresh_from_db()
    return {(entry["row"], entry["column"], entry["code"]) for entry in job.report["errors"]}


def report_lines(job, language="de"):
    job.refresh_from_db()
    with translation.override(language):
        return [describe(entry) for entry in job.report["errors"]]


@pytest.fixture
def talviertel(db):
    return NeighbourhoodFactory(name="Talviertel", slug="musterstadt-talviertel")


# --- reading the cells -----------------------------------------------------------------------


def test_the_german_headers_of_a_vacancy_list_are_assigned_automatically():
    mapping = PlaceImporter.suggest_mapping(HEADER)
    assert {name: HEADER[index] for name, index in mapping.items()} == {
        "key": "Kennung",
        "name": "Bezeichnung",
        "kind": "Art",
        "status": "Status",
        "street": "Straße",
        "house_number": "Hausnummer",
        "postcode": "PLZ",
        "city": "Ort",
        "neighbourhood": "Quartier",
        "latitude": "Breitengrad",
        "longitude": "Längengrad",
        "area_m2": "Fläche (m²)",
        "rent_eur_month": "Miete",
        "available_from": "frei ab",
        "available_until": "frei bis",
        "ground_floor": "Erdgeschoss",
        "shop_window": "Schaufenster",
        "step_free": "barrierefrei",
        "owner": "Eigentümer",
        "uses": "Nutzungen",
        "description": "Bemerkung",
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("85", 85),
        ("85,5", 86),
        ("1.234,5", 1235),
        ("1.800", 1800),
        ("1,234.5", 1235),
        ("120 m²", 120),
        ("", None),
    ],
)
def test_areas_are_read_with_decimal_commas_and_thousands_dots(text, expected):
    assert area(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("450", Decimal("450.00")),
        ("450,5", Decimal("450.50")),
        ("1.200,50 €", Decimal("1200.50")),
        ("1.200 EUR", Decimal("1200.00")),
        ("", None),
        ("kostenfrei", None),
        ("gegen Nebenkosten", None),
    ],
)
def test_rents_are_amounts_or_free_against_running_costs(text, expected):
    assert rent(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("01.03.2026", datetime.date(2026, 3, 1)),
        ("1.3.2026", datetime.date(2026, 3, 1)),
        ("01.03.26", datetime.date(2026, 3, 1)),
        ("2026-03-01", datetime.date(2026, 3, 1)),
        ("2026-03-01T00:00:00", datetime.date(2026, 3, 1)),
        ("", None),
    ],
)
def test_german_and_iso_dates_are_read(text, expected):
    assert a_date(text) == expected


def test_sofort_means_today():
    assert a_date("ab sofort") == timezone.localdate()


def test_the_latin1_sample_file_with_semicolons_and_decimal_commas_is_read(user, talviertel):
    content = SAMPLE.read_bytes()
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")  # really Latin-1, as municipal exports are
    job = services.create_job(user, "places", upload(content, "leerstand-beispiel.csv"))
    assert job.row_count == 5 and job.headers[11] == "Fläche (m²)"
    result = check(job, user)
    assert result.error_count == 0, job.report["errors"]
    assert result.summary == {"created": 5, "updated": 0}
    places = {item.place.name: item.place for item in result.items}

    bakery = places["Ehemalige Bäckerei am Markt"]
    assert bakery.kind == "shop" and bakery.status == "vacant"
    assert bakery.street == "Marktstraße 12" and bakery.postcode == "06406"
    assert bakery.latitude == pytest.approx(51.7003) and bakery.longitude == pytest.approx(11.7405)
    assert bakery.area_m2 == 86
    assert bakery.rent_eur_month == Decimal("450.00")
    assert bakery.available_from == datetime.date(2026, 3, 1)
    assert bakery.available_until is None
    assert bakery.features == ["ground_floor", "shop_window"]
    assert bakery.uses == ["gallery", "popup"]
    assert bakery.neighbourhood == talviertel
    assert bakery.description == "Schaufenster zur Fußgängerzone"
    assert bakery.owner is None

    office = places["Büroetage über der Sparkasse"]
    assert office.area_m2 == 1235 and office.rent_eur_month is None
    assert office.available_until == datetime.date(2027, 12, 31)
    assert office.status == "offered" and office.features == ["step_free"]
    hall = places["Halle am Hafen"]
    assert hall.status == "vacant" and hall.latitude is None  # missing values are fine
    assert hall.available_from == timezone.localdate()
    assert hall.uses == ["workshop", "rehearsal"]
    fallow = places["Brache Schulstraße"]
    assert fallow.street == "" and fallow.area_m2 == 1800 and fallow.features == []
    assert places["Pfarrhaus St. Marien"].kind == "church"


def test_an_xlsx_vacancy_list_with_real_numbers_and_dates(user_client, user, talviertel):
    content = xlsx_bytes(
        [
            ["Bezeichnung", "Art", "Straße", "Fläche", "Miete", "frei ab", "Schaufenster"],
            ["Laden Nord", "shop", "Nordstraße 1", 85.5, 450, datetime.date(2026, 3, 1), "x"],
            ["Lager Süd", "Halle", "Südring 9", 1234, None, None, None],
        ]
    )
    response = user_client.post(
        reverse("imports:start"), {"file": upload(content, "leerstand.xlsx"), "kind": "places"}
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.file_format == "xlsx" and job.kind == "places"
    result = check(job, user)
    assert result.error_count == 0, job.report["errors"]
    run(job, user)
    shop = Place.objects.get(name="Laden Nord")
    assert shop.area_m2 == 86 and shop.rent_eur_month == Decimal("450.00")
    assert shop.available_from == datetime.date(2026, 3, 1)
    assert shop.features == ["shop_window"]
    assert Place.objects.get(name="Lager Süd").area_m2 == 1234


# --- the report ------------------------------------------------------------------------------


def test_an_unknown_kind_is_a_row_error_listing_the_allowed_kinds(user):
    job = places_job(user, [place_row("Gut"), place_row("Kiosk am Markt", Art="Kiosk")])
    result = check(job, user)
    assert result.error_count == 1
    assert problems(job) == {(3, "Art", "unknown_place_kind")}
    [english] = report_lines(job, "en")
    assert english == (
        "Row 3, column “Art”: “Kiosk” is not a known kind of place; allowed are: shop, "
        "office, hall, whole building, apartment, church property, public square or outdoor "
        "space, fallow land, other"
    )
    [german] = report_lines(job, "de")  # the allowed kinds in the reader's language
    assert german.startswith("Zeile 3, Spalte „Art“: ")
    assert german.endswith(
        "Ladenlokal, Büro, Halle, ganzes Gebäude, Wohnung, kirchliche Immobilie, "
        "öffentlicher Platz oder Freiraum, Brachfläche, sonstige"
    )
    assert not job.can_commit


def test_every_problem_of_a_row_is_reported_with_row_and_column(user, talviertel):
    job = places_job(
        user,
        [
            place_row("", Art="", **{"Fläche (m²)": ""}),
            place_row("Ohne Ort", Straße="", Hausnummer=""),
            place_row(
                "Vieles falsch",
                Status="verkauft",
                Breitengrad="51,7",
                Miete="teuer",
                Nutzungen="Atelier; Zauberei",
                Quartier="Bergviertel",
                Erdgeschoss="vielleicht",
                **{"frei ab": "31.02.2026", "Fläche (m²)": "groß"},
            ),
            place_row("Zeitreise", **{"frei ab": "01.06.2026", "frei bis": "01.01.2026"}),
            place_row("Unbekannt", Eigentümer="Niemand e.V."),
        ],
    )
    check(job, user)
    assert problems(job) == {
        (2, "Bezeichnung", "required"),
        (2, "Art", "required"),
        (2, "Fläche (m²)", "required"),
        (3, "Straße", "address_or_position"),
        (4, "Status", "unknown_place_status"),
        (4, "Längengrad", "position_incomplete"),
        (4, "Miete", "rent"),
        (4, "Nutzungen", "unknown_use"),
        (4, "Quartier", "unknown_neighbourhood"),
        (4, "Erdgeschoss", "boolean"),
        (4, "frei ab", "not_a_date"),
        (4, "Fläche (m²)", "area"),
        (5, "frei bis", "until_before_from"),
        (6, "Eigentümer", "unknown_owner"),
    }
    german = report_lines(job, "de")  # problems known from the actor import are German
    assert "Zeile 2, Spalte „Bezeichnung“: ein Wert ist erforderlich" in german
    assert "Zeile 4, Spalte „Erdgeschoss“: „vielleicht“ bedeutet weder ja noch nein" in german
    english = report_lines(job, "en")
    assert (
        "Row 4, column “frei ab”: “31.02.2026” is not a date (e.g. 31.12.2025 or 2025-12-31)"
        in english
    )
    assert (
        "Row 6, column “Eigentümer”: no actor is called “Niemand e.V.”; leave the cell empty "
        "when the owner is not registered" in english
    )


def test_a_row_without_street_needs_a_position(user):
    job = places_job(
        user, [place_row("Freifläche", Straße="", Breitengrad="51,7", Längengrad="11,74")]
    )
    assert check(job, user).error_count == 0


# --- all or nothing --------------------------------------------------------------------------


def test_one_bad_row_imports_nothing_and_the_report_lists_every_bad_row(user):
    rows = [place_row(f"Laden {i}") for i in range(5)]
    rows += [place_row("Kiosk", Art="Kiosk"), place_row("Ohne Fläche", **{"Fläche (m²)": ""})]
    job = places_job(user, rows)
    result = check(job, user)
    assert result.error_count == 2
    assert [entry["row"] for entry in job.report["errors"]] == [7, 8]
    with pytest.raises(Exception, match="ohne Probleme"):
        services.queue_import(job, by=user)
    assert not Place.objects.exists()


def test_problems_that_arise_after_the_preview_still_import_nothing(user, talviertel):
    job = places_job(user, [place_row("Eins"), place_row("Zwei", Quartier="Talviertel")])
    check(job, user)
    assert job.can_commit
    talviertel.delete()
    job, progress = run(job, user)
    assert not Place.objects.exists() and not PlaceKey.objects.exists()
    assert job.status == ImportJob.Status.FAILED
    assert [entry["row"] for entry in job.report["errors"]] == [3]
    assert progress.status == TaskProgress.Status.FAILED
    assert "Nichts wurde importiert" in progress.message


def test_a_failure_while_saving_rolls_back_every_place(user, monkeypatch):
    job = places_job(user, [place_row(f"Laden {i}", Kennung=f"K{i}") for i in range(3)])
    check(job, user)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(place_services, "index_records", broken)
    job, progress = run(job, user)
    assert not Place.objects.exists() and not PlaceKey.objects.exists()
    assert not ChangeRecord.objects.filter(action="imported").exists()
    assert job.status == ImportJob.Status.FAILED
    assert progress.status == TaskProgress.Status.FAILED


# --- the import ------------------------------------------------------------------------------


def test_imported_places_have_history_search_entries_and_know_since_when_they_are_vacant(
    user, talviertel
):
    job = places_job(
        user,
        [
            place_row("Laden am Markt", Kennung="LS-1", Quartier="Talviertel", Bemerkung="Hell"),
            place_row("Vermietete Etage", Status="vermietet"),
        ],
    )
    check(job, user)
    job, progress = run(job, user)
    assert job.status == ImportJob.Status.DONE and job.imported_count == 2
    assert progress.status == TaskProgress.Status.DONE
    assert progress.message == services.imported_message("places", 2)

    shop = Place.objects.get(name="Laden am Markt")
    assert shop.created_by == user
    assert shop.vacant_since == timezone.localdate()
    assert Place.objects.get(name="Vermietete Etage").vacant_since is None
    assert PlaceKey.objects.get().place == shop
    assert PlaceKey.objects.get().neighbourhood == talviertel

    records = ChangeRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Place), action="imported"
    )
    assert records.count() == 2
    record = records.get(object_id=str(shop.pk))
    assert record.user == user and record.changes["name"] == "Laden am Markt"
    assert record.changes["import"].startswith("leerstand.csv")
    assert set(SearchEntry.objects.filter(kind="place").values_list("title", flat=True)) == {
        "Laden am Markt",
        "Vermietete Etage",
    }


def test_importing_the_list_again_updates_places_by_identifier(user, talviertel):
    first = places_job(
        user,
        [
            place_row("Laden am Markt", Kennung="LS-1", Quartier="Talviertel", Miete="450"),
            place_row("Halle", Kennung="LS-2", Quartier="Talviertel", Art="Halle"),
        ],
    )
    check(first, user)
    run(first, user)
    shop = Place.objects.get(name="Laden am Markt")

    second = places_job(
        user,
        [
            # Empty cells keep what the place has; filled cells change it.
            place_row("Laden am Markt", Kennung="LS-1", Quartier="Talviertel", Miete="380"),
            place_row("", Kennung="LS-2", Quartier="Talviertel", Art="", Status="vermietet"),
            place_row("Neu", Kennung="LS-3", Quartier="Talviertel"),
            # The same identifier in another neighbourhood is another place.
            place_row("Anderswo", Kennung="LS-1"),
        ],
    )
    result = check(second, user)
    assert result.error_count == 0, second.report["errors"]
    assert result.summary == {"created": 2, "updated": 2}
    second.refresh_from_db()
    assert second.report["summary"] == {"created": 2, "updated": 2}
    job, _progress = run(second, user)
    assert job.imported_count == 4

    assert Place.objects.count() == 4
    shop.refresh_from_db()
    assert shop.rent_eur_month == Decimal("380.00")
    hall = Place.objects.get(name="Halle")
    assert hall.kind == "hall" and hall.status == "permanent" and hall.vacant_since is None
    first_record, second_record = ChangeRecord.objects.filter(
        object_id=str(shop.pk), action="imported"
    ).order_by("pk")
    assert first_record.changes["rent_eur_month"] == "450.00"
    assert second_record.changes["rent_eur_month"] == ["450.00", "380.00"]
    assert set(second_record.changes) == {"rent_eur_month", "import"}


def test_an_identifier_twice_in_the_file_is_an_error(user):
    job = places_job(user, [place_row("A", Kennung="7"), place_row("B", Kennung="7")])
    check(job, user)
    assert report_lines(job, "en") == [
        "Row 3, column “Kennung”: the identifier “7” already appears in row 2 of the file"
    ]


def test_the_neighbourhood_follows_from_the_position_when_not_given(user):
    inside = NeighbourhoodFactory(
        name="Mitte",
        boundary={
            "type": "Polygon",
            "coordinates": [[[11.73, 51.69], [11.75, 51.69], [11.75, 51.71], [11.73, 51.69]]],
        },
    )
    job = places_job(
        user,
        [
            place_row("Drinnen", Breitengrad="51,695", Längengrad="11,745"),
            place_row("Draußen", Breitengrad="52,0", Längengrad="13,0"),
        ],
    )
    result = check(job, user)
    places = {item.place.name: item.place for item in result.items}
    assert places["Drinnen"].neighbourhood == inside
    assert places["Draußen"].neighbourhood is None


def test_point_in_polygon_with_a_hole_and_a_multipolygon():
    square = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]
    hole = [[4, 4], [6, 4], [6, 6], [4, 6], [4, 4]]
    polygon = {"type": "Polygon", "coordinates": [square, hole]}
    assert contains(polygon, lat=2, lon=2)
    assert not contains(polygon, lat=5, lon=5)
    assert not contains(polygon, lat=20, lon=2)
    multi = {"type": "MultiPolygon", "coordinates": [[hole], [square]]}
    assert contains(multi, lat=5, lon=5)
    assert not contains({"type": "Point", "coordinates": [1, 1]}, lat=1, lon=1)


def test_a_neighbourhood_name_two_towns_use_is_told_apart_by_the_city(user):
    from quartier.neighbourhoods.tests.factories import MunicipalityFactory

    here = NeighbourhoodFactory(name="Altstadt", municipality=MunicipalityFactory(name="Halle"))
    NeighbourhoodFactory(name="Altstadt", municipality=MunicipalityFactory(name="Köthen"))
    job = places_job(
        user,
        [place_row("A", Quartier="Altstadt", Ort="Halle"), place_row("B", Quartier="Altstadt")],
    )
    result = check(job, user)
    assert [item.place.neighbourhood for item in result.items] == [here]
    assert report_lines(job) == [
        "Zeile 3, Spalte „Quartier“: mehrere Quartiere heißen „Altstadt“; bitte den Kurznamen "
        "angeben"
    ]


def test_new_places_that_fit_an_open_request_are_announced_once_the_import_is_saved(
    user, monkeypatch, django_capture_on_commit_callbacks
):
    SpaceRequestFactory()  # a gallery on the ground floor near 51.70, 11.74
    announced = []
    monkeypatch.setattr(place_services, "notify_fitting_requests", announced.append)
    position = {"Breitengrad": "51,7", "Längengrad": "11,74", "Erdgeschoss": "ja", "Miete": "300"}
    job = places_job(
        user,
        [
            place_row("Passt", Nutzungen="Galerie", **position),
            place_row("Passt nicht", Nutzungen="Lager", **position),
            place_row("Belegt", Nutzungen="Galerie", Status="vermietet", **position),
        ],
    )
    check(job, user)
    with django_capture_on_commit_callbacks(execute=True):
        run(job, user)
    assert announced == [Place.objects.get(name="Passt").pk]


# --- who may do what -------------------------------------------------------------------------


def test_anonymous_visitors_may_not_import_places(client):
    assert not services.can_import(AnonymousUser(), "places")
    response = client.post(
        reverse("imports:start"),
        {"file": upload(csv_bytes([HEADER, place_row("A")])), "kind": "places"},
    )
    assert response.status_code == 302 and "/konto/login/" in response.url
    assert not ImportJob.objects.exists()
    for page in ("places:vacancies", "places:list"):
        assert "?kind=places" not in client.get(reverse(page)).content.decode()


def test_whoever_may_enter_a_place_may_import_a_vacancy_list(user_client, user):
    assert services.can_import(user, "places") == user.has_perm("places.add_place") is True
    for page in ("places:vacancies", "places:list"):
        html = user_client.get(reverse(page)).content.decode()
        assert f'href="{reverse("imports:start")}?kind=places"' in html
    html = user_client.get(reverse("imports:start") + "?kind=places").content.decode()
    assert re.search(r'<input type="radio" name="kind" value="places"[^>]* checked>', html)


def test_a_place_somebody_else_entered_is_not_changed_by_its_identifier(user, talviertel):
    stranger_place = PlaceFactory(name="Fremder Laden", neighbourhood=talviertel, rent_eur_month=1)
    PlaceKey.objects.create(place=stranger_place, neighbourhood=talviertel, key="LS-1")
    job = places_job(
        user, [place_row("Übernahme", Kennung="LS-1", Quartier="Talviertel", Miete="0")]
    )
    check(job, user)
    assert report_lines(job, "en") == [
        "Row 2, column “Kennung”: the identifier “LS-1” belongs to the place “Fremder Laden”, "
        "which you may not change"
    ]
    assert not job.can_commit
    stranger_place.refresh_from_db()
    assert stranger_place.name == "Fremder Laden"


def test_the_manager_of_the_neighbourhood_may_update_its_places(user, talviertel):
    talviertel.managers.add(user)
    place = PlaceFactory(name="Laden", neighbourhood=talviertel)
    PlaceKey.objects.create(place=place, neighbourhood=talviertel, key="LS-1")
    job = places_job(user, [place_row("Laden", Kennung="LS-1", Quartier="Talviertel")])
    assert check(job, user).summary == {"created": 0, "updated": 1}


def test_only_members_of_an_actor_name_it_as_owner(user):
    own = ActorFactory(name="Wohnungsbau eG")
    MembershipFactory(actor=own, user=user)
    ActorFactory(name="Fremde GmbH")
    job = places_job(
        user,
        [
            place_row("Eigener Laden", Eigentümer="wohnungsbau eg"),
            place_row("Fremder Laden", Eigentümer="Fremde GmbH"),
        ],
    )
    result = check(job, user)
    assert [item.place.owner for item in result.items] == [own]
    assert problems(job) == {(3, "Eigentümer", "owner_not_yours")}
    assert report_lines(job, "en") == [
        "Row 3, column “Eigentümer”: only members of “Fremde GmbH” may name it as owner; "
        "leave the cell empty"
    ]


# --- the pages -------------------------------------------------------------------------------


def test_the_pages_upload_map_preview_and_import_a_vacancy_list(user_client, user, talviertel):
    response = user_client.post(
        reverse("imports:start"),
        {"file": upload(SAMPLE.read_bytes(), "leerstand-beispiel.csv"), "kind": "places"},
    )
    job = ImportJob.objects.get()
    assert response.url == reverse("imports:mapping", args=[job.pk])
    html = user_client.get(response.url).content.decode()
    assert "<legend>" in html and "Ladenlokal" in html  # the accepted kinds are listed
    data = {name: str(index) for name, index in job.mapping.items()}
    response = user_client.post(reverse("imports:mapping", args=[job.pk]), data)
    html = user_client.get(response.url).content.decode()
    assert "Alle 5 Zeilen können importiert werden." in html
    assert "Ehemalige Bäckerei am Markt" in html
    user_client.post(reverse("imports:commit", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE and Place.objects.count() == 5
    html = user_client.get(reverse("places:vacancies")).content.decode()
    assert "Ehemalige Bäckerei am Markt" in html and "Pfarrhaus St. Marien" in html


def test_the_mapping_requires_name_kind_and_area(user_client):
    user_client.post(
        reverse("imports:start"),
        {"file": upload(csv_bytes([["Straße"], ["Markt 1"]])), "kind": "places"},
    )
    job = ImportJob.objects.get()
    response = user_client.post(reverse("imports:mapping", args=[job.pk]), {"street": "0"})
    assert response.status_code == 400
    html = response.content.decode()
    for label in ("Name", "Art", "Fläche (m²)"):
        assert '<a href="#id_' in html and f"{label}</a>: Bitte wählen Sie die Spalte" in html
