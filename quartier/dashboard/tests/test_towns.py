"""Many towns: the overview with its filters, the comparison side by side (page and API),
similar neighbourhoods."""

import pytest

from quartier.actors.tests.factories import ActorFactory
from quartier.dashboard.tests.statistics_records import statistics_for
from quartier.neighbourhoods.tests.factories import MunicipalityFactory, NeighbourhoodFactory
from quartier.places.tests.factories import PlaceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def towns():
    north = MunicipalityFactory(name="Nordstadt", state="SN")
    south = MunicipalityFactory(name="Südheim", state="TH")
    tal = NeighbourhoodFactory(
        municipality=north,
        name="Talviertel",
        slug="talviertel",
        situation_type="rural_town",
        challenges=["vacancy", "youth_exodus"],
    )
    mill = NeighbourhoodFactory(
        municipality=south,
        name="Mühlenviertel",
        slug="muehle",
        situation_type="rural_town",
        challenges=["vacancy"],
    )
    station = NeighbourhoodFactory(
        municipality=south, name="Bahnhof", slug="bahnhof", situation_type="problem_district"
    )
    for _ in range(3):
        ActorFactory().neighbourhoods.add(tal)
    ActorFactory(visibility="private").neighbourhoods.add(tal)
    PlaceFactory(neighbourhood=mill)
    return tal, mill, station


def test_the_overview_filters_by_land_and_situation_type(client, towns):
    html = client.get("/lage/?state=TH").content.decode()
    assert "Mühlenviertel" in html and "Bahnhof" in html and "Talviertel" not in html
    html = client.get("/lage/?state=TH&situation_type=rural_town").content.decode()
    assert "Mühlenviertel" in html and ">Bahnhof<" not in html
    assert client.get("/lage/?state=XX").status_code == 200  # an unknown Land filters nothing


def test_the_overview_query_count_does_not_grow(client, towns, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get("/lage/")
    for i in range(30):
        NeighbourhoodFactory(name=f"Weiteres {i}")
    with django_assert_max_num_queries(12):
        client.get("/lage/")


def test_two_neighbourhoods_of_two_towns_side_by_side(client, towns):
    tal, _mill, _station = towns
    statistics_for(tal)
    html = client.get("/lage/vergleich/?quartier=talviertel&quartier=muehle&quartier=nix").content
    text = html.decode()
    assert text.index("Talviertel") < text.index("Mühlenviertel")
    assert "Nicht gefunden: nix" in text
    assert "<td>3</td>" in text  # the public actors of the Talviertel, not the private one


def test_the_comparison_api_counts_like_the_page(api, towns):
    tal, mill, _station = towns
    body = api.get(f"/api/v1/municipalities/{mill.municipality_id}/comparison").json()
    assert [n["slug"] for n in body["neighbourhoods"]] == ["bahnhof", "muehle"]
    assert body["neighbourhoods"][1]["figures"]["vacant"] == 1
    north = api.get(f"/api/v1/municipalities/{tal.municipality_id}/comparison").json()
    assert north["neighbourhoods"][0]["figures"]["actors"] == 3
    assert api.get("/api/v1/municipalities/999999/comparison").status_code == 404


def test_similar_neighbourhoods_share_the_situation_type(client, towns):
    html = client.get("/quartiere/talviertel/lage/").content.decode()
    similar = html[html.index('id="similar-title"') :]
    assert "Mühlenviertel" in similar and "Bahnhof" not in similar
    assert "vergleich/?quartier=talviertel&amp;quartier=muehle" in similar
