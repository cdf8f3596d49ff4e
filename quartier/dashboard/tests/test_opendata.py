"""Open data: public figures only, in CSV, GeoJSON and JSON-LD, described by a DCAT-AP.de
catalogue with licence and update date."""

import csv
import io
import json

import pytest

from quartier.actors.tests.factories import ActorFactory
from quartier.dashboard.tests.statistics_records import statistics_for
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.fixture
def hood():
    n = NeighbourhoodFactory(slug="talviertel", latitude=51.7, longitude=11.74)
    for _ in range(2):
        ActorFactory().neighbourhoods.add(n)
    ActorFactory(visibility="private").neighbourhoods.add(n)
    ActorFactory(visibility="network").neighbourhoods.add(n)
    PlaceFactory(neighbourhood=n, area_m2=90)
    return n


def test_the_neighbourhood_csv_counts_only_public_actors(client, hood):
    rows = list(
        csv.DictReader(io.StringIO(body(client.get("/daten/quartiere.csv"))), delimiter=";")
    )
    assert len(rows) == 1
    row = rows[0]
    assert row["quartier"] == "talviertel" and row["akteure"] == "2"
    assert row["leerstand_orte"] == "1" and row["leerstand_m2"] == "90"


def test_municipalities_geojson_and_jsonld(client, hood):
    towns = list(
        csv.DictReader(io.StringIO(body(client.get("/daten/kommunen.csv"))), delimiter=";")
    )
    assert towns[0]["quartiere"] == "1" and towns[0]["akteure"] == "2"
    geo = json.loads(body(client.get("/daten/quartiere.geojson")))
    feature = geo["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [11.74, 51.7]}
    assert feature["properties"]["actors"] == 2
    places = json.loads(body(client.get("/daten/quartiere.jsonld")))
    assert places["@graph"][0]["@type"] == "Place"
    assert {"@type": "PropertyValue", "propertyID": "actors", "value": 2} in places["@graph"][0][
        "additionalProperty"
    ]


def test_the_statistics_csv_names_source_and_licence(client, hood):
    statistics_for(hood)
    rows = list(
        csv.DictReader(io.StringIO(body(client.get("/daten/statistik.csv"))), delimiter=";")
    )
    assert len(rows) == 16 and rows[0]["lizenz"] == "dl-de/by-2-0" and rows[0]["quelle"]


def test_the_dcat_catalogue_describes_every_download(client, hood):
    response = client.get("/daten/catalog.jsonld")
    assert response["Content-Type"] == "application/ld+json"
    catalogue = response.json()
    assert catalogue["@type"] == "dcat:Catalog"
    urls = [
        d["dcat:downloadURL"]["@id"]
        for dataset in catalogue["dcat:dataset"]
        for d in dataset["dcat:distribution"]
    ]
    for path in (
        "quartiere.csv",
        "quartiere.geojson",
        "quartiere.jsonld",
        "kommunen.csv",
        "statistik.csv",
    ):
        assert any(u.endswith(f"/daten/{path}") for u in urls)
        assert client.get(f"/daten/{path}").status_code == 200
    dataset = catalogue["dcat:dataset"][0]
    assert dataset["dct:license"]["@id"].startswith("http://dcat-ap.de/def/licenses/")
    assert dataset["dct:modified"]
