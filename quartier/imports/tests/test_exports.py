import csv
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from quartier.actors.models import Actor, Membership, Resource, Topic
from quartier.core.testing import assert_queries_do_not_grow
from quartier.imports.actor_import import ActorImporter
from quartier.imports.parsing import read_table
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

_numbers = iter(range(1_000_000))


def make_actor(**values):
    n = next(_numbers)
    values.setdefault("name", f"Initiative {n}")
    values.setdefault("slug", f"initiative-{n}")
    values.setdefault("short_description", "Eine erfundene Initiative.")
    values.setdefault("sector", "civil_society")
    return Actor.objects.create(**values)


def content(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def export(client, fmt, query="", kind="actors"):
    name = "imports:export_actors" if kind == "actors" else "imports:export_neighbourhoods"
    response = client.get(reverse(name, args=[fmt]) + query)
    assert response.status_code == 200
    return response, content(response)


@pytest.fixture
def actors(db):
    neighbourhood = NeighbourhoodFactory(slug="talviertel")
    topic = Topic.objects.create(name="Leerstand", slug="leerstand")
    full = make_actor(
        name="Kulturverein =Talviertel",
        sector="culture",
        legal_form="ev",
        latitude=51.7834,
        longitude=11.738,
        postcode="06406",
        city="Musterstadt",
        website="https://kultur.example",
        capacity_hours_per_month=12,
    )
    full.neighbourhoods.add(neighbourhood)
    full.topics.add(topic)
    Resource.objects.create(actor=full, direction="offer", kind="space")
    Resource.objects.create(actor=full, direction="need", kind="money")
    make_actor(name="Schule ohne Ort", sector="school")
    make_actor(name="Netzwerk-Akteur", visibility="network", latitude=51.0, longitude=11.0)
    make_actor(name="Privater Akteur", visibility="private", latitude=52.0, longitude=12.0)
    return full


def test_csv_is_utf8_with_bom_semicolons_german_headers_and_parses_back(client, actors):
    response, body = export(client, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="quartier-akteure-' in response["Content-Disposition"]
    assert body.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    header = rows[0]
    assert header[:5] == ["Name", "Kurzname", "Sektor", "Etabliert", "Rechtsform"]
    assert {"Breitengrad", "Längengrad", "PLZ", "Angebote", "Bedarfe", "Quartiere"} <= set(header)
    record = dict(zip(header, rows[1], strict=True))
    assert record["Name"] == "Kulturverein =Talviertel"
    assert record["Breitengrad"] == "51,7834"
    assert record["PLZ"] == "06406"
    assert record["Quartiere"] == "talviertel"
    assert record["Themen"] == "Leerstand"
    assert record["Kapazität (Stunden pro Monat)"] == "12"
    assert record["Etabliert"] == "nein"
    assert [r[0] for r in rows[1:]] == ["Kulturverein =Talviertel", "Schule ohne Ort"]

    # The export reads back as an import of the same actors.
    table = read_table(io.BytesIO(body), "export.csv", len(body))
    mapping = ActorImporter.suggest_mapping(table.headers)
    importer = ActorImporter(user=None)
    result = importer.check(table.headers, table.rows, table.row_numbers, mapping)
    assert result.error_count == 0, result.errors
    again = result.items[0]
    assert again.actor.sector == "culture" and again.actor.legal_form == "ev"
    assert again.actor.latitude == pytest.approx(51.7834)
    assert again.offers == ["space"] and again.needs == ["money"]
    assert again.neighbourhood_ids == [actors.neighbourhoods.get().pk]


def test_formulas_are_defused_in_csv(client):
    make_actor(name="=HYPERLINK(1)")
    _response, body = export(client, "csv")
    assert "'=HYPERLINK(1)" in body.decode("utf-8-sig")


@pytest.mark.parametrize("text", ["\t=HYPERLINK(1)", "\r=HYPERLINK(1)", "\t+1", "@SUM(A1)"])
def test_a_leading_tab_or_carriage_return_does_not_hide_a_formula_in_csv(text):
    from quartier.imports.exports import csv_cell

    assert csv_cell(text) == "'" + text


def test_xlsx_opens_with_openpyxl(client, actors):
    make_actor(name="=SUMME(A1)")
    response, body = export(client, "xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(body)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Name", "Kurzname", "Sektor")
    names = [row[0] for row in rows[1:]]
    assert sorted(names) == ["=SUMME(A1)", "Kulturverein =Talviertel", "Schule ohne Ort"]
    formula_row = names.index("=SUMME(A1)") + 2
    assert sheet.cell(row=formula_row, column=1).data_type == "s"  # text, not a formula
    full = dict(zip(rows[0], rows[names.index("Kulturverein =Talviertel") + 1], strict=True))
    assert full["Breitengrad"] == pytest.approx(51.7834)
    assert full["Kapazität (Stunden pro Monat)"] == 12


def test_json_lists_the_actors_with_keys(client, actors):
    _response, body = export(client, "json")
    data = json.loads(body)
    assert [a["name"] for a in data] == ["Kulturverein =Talviertel", "Schule ohne Ort"]
    assert data[0]["sector"] == "culture"
    assert data[0]["offers"] == ["space"] and data[0]["needs"] == ["money"]
    assert data[0]["neighbourhoods"] == ["talviertel"]
    assert data[0]["url"].endswith(f"/akteure/{actors.slug}/") or data[0]["url"] == ""


def test_geojson_is_a_feature_collection_of_actors_with_a_position(client, actors):
    response, body = export(client, "geojson")
    assert response["Content-Type"].startswith("application/geo+json")
    data = json.loads(body)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 1
    feature = data["features"][0]
    assert feature["type"] == "Feature"
    assert feature["geometry"] == {"type": "Point", "coordinates": [11.738, 51.7834]}
    assert set(feature["properties"]) == {"name", "sector", "url"}
    assert feature["properties"]["name"] == "Kulturverein =Talviertel"
    assert feature["properties"]["sector"] == "culture"


def test_visibility_is_respected(client, user, actors):
    for fmt in ("csv", "json", "geojson"):
        _response, body = export(client, fmt)
        text = body.decode("utf-8-sig")
        assert "Privater Akteur" not in text and "Netzwerk-Akteur" not in text
    sheet = load_workbook(io.BytesIO(export(client, "xlsx")[1])).active
    assert "Privater Akteur" not in [row[0] for row in sheet.iter_rows(values_only=True)]

    client.force_login(user)
    names = [a["name"] for a in json.loads(export(client, "json")[1])]
    assert "Netzwerk-Akteur" in names and "Privater Akteur" not in names
    Membership.objects.create(user=user, actor=Actor.objects.get(name="Privater Akteur"))
    names = [a["name"] for a in json.loads(export(client, "json")[1])]
    assert "Privater Akteur" in names


def test_the_directory_filters_apply(client, actors):
    names = [a["name"] for a in json.loads(export(client, "json", "?sector=school")[1])]
    assert names == ["Schule ohne Ort"]
    names = [a["name"] for a in json.loads(export(client, "json", "?offers=space&q=kultur")[1])]
    assert names == ["Kulturverein =Talviertel"]
    # Invalid filter values are dropped, as in the directory.
    response, _body = export(client, "csv", "?sector=unsinn&neighbourhood=abc")
    assert response.status_code == 200


def test_unknown_formats_are_not_found(client):
    assert client.get("/import/export/akteure.pdf").status_code == 404
    assert client.get("/import/export/quartiere.xml").status_code == 404


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        content(response)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "json", "geojson"])
def test_the_query_count_does_not_grow_with_the_actors(client, fmt):
    neighbourhood = NeighbourhoodFactory()
    topic = Topic.objects.create(name="Thema", slug="thema")

    def add(n):
        for _ in range(n):
            actor = make_actor(latitude=51.0, longitude=11.0)
            actor.neighbourhoods.add(neighbourhood)
            actor.topics.add(topic)
            Resource.objects.create(actor=actor, direction="offer", kind="space")

    url = reverse("imports:export_actors", args=[fmt])
    add(2)
    few = _count(client, url)
    add(20)
    assert _count(client, url) == few
    if fmt == "xlsx":
        assert_queries_do_not_grow(client, url, add)


def test_neighbourhood_exports(client):
    NeighbourhoodFactory(
        name="Talviertel",
        slug="talviertel",
        latitude=51.1,
        longitude=11.9,
        challenges=["vacancy"],
        situation_type="rural_town",
    )
    NeighbourhoodFactory(name="Ohne Ort", slug="ohne-ort")
    _response, body = export(client, "csv", kind="neighbourhoods")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Name", "Kurzname", "Gemeinde", "Bundesland"]
    assert len(rows) == 3

    data = json.loads(export(client, "json", kind="neighbourhoods")[1])
    talviertel = next(n for n in data if n["slug"] == "talviertel")
    assert talviertel["challenges"] == ["vacancy"] and talviertel["state"] == "ST"
    assert talviertel["url"].endswith("/quartiere/talviertel/")

    geo = json.loads(export(client, "geojson", kind="neighbourhoods")[1])
    assert geo["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in geo["features"]] == ["Talviertel"]
    assert geo["features"][0]["geometry"]["coordinates"] == [11.9, 51.1]

    sheet = load_workbook(io.BytesIO(export(client, "xlsx", kind="neighbourhoods")[1])).active
    assert sheet.max_row == 3
