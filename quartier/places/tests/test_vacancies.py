import csv
import io
import json

import pytest

from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.testing import assert_queries_do_not_grow
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.models import Match
from quartier.places.selectors import vacancy_statistics
from quartier.places.services import advance_match, propose_match
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory

pytestmark = pytest.mark.django_db


def test_statistics_count_vacancies_and_change_when_a_place_is_taken_into_use():
    tal = NeighbourhoodFactory(name="Talviertel")
    owner = ActorFactory()
    owner_member = MembershipFactory(actor=owner).user
    shop = PlaceFactory(neighbourhood=tal, area_m2=80, owner=owner)
    PlaceFactory(neighbourhood=tal, area_m2=40)
    PlaceFactory(neighbourhood=tal, status="permanent")
    [row] = vacancy_statistics({})
    assert (row["neighbourhood"], row["count"], row["area"]) == ("Talviertel", 2, 120)

    request = SpaceRequestFactory(actor=ActorFactory())
    match = propose_match(request, shop, by=owner_member)
    Match.objects.filter(pk=match.pk).update(status="requested")
    advance_match(match, "agree", by=owner_member)
    advance_match(match, "start_use", by=owner_member)
    [row] = vacancy_statistics({})
    assert (row["count"], row["area"]) == (1, 40)


def test_vacancy_exports(client):
    PlaceFactory(name="Laden am Markt", neighbourhood=NeighbourhoodFactory(name="Tal"))
    PlaceFactory(name="Vergeben", status="interim")
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(client.get("/orte/leerstand/export.csv").streaming_content).decode(
                    "utf-8-sig"
                )
            ),
            delimiter=";",
        )
    )
    assert rows[0][0] == "Name" and [r[0] for r in rows[1:]] == ["Laden am Markt"]
    assert rows[1][-1].startswith("http://testserver/orte/")
    geojson = json.loads(b"".join(client.get("/orte/leerstand/export.geojson").streaming_content))
    assert geojson["type"] == "FeatureCollection"
    assert [f["properties"]["name"] for f in geojson["features"]] == ["Laden am Markt"]


def test_register_page_query_count_does_not_grow(client):
    tal = NeighbourhoodFactory()
    assert_queries_do_not_grow(
        client, "/orte/leerstand/", lambda n: PlaceFactory.create_batch(n, neighbourhood=tal)
    )


def test_places_taken_into_use_in_the_last_months_are_counted_per_neighbourhood():
    import datetime

    from django.utils import timezone

    from quartier.places.models import UseAgreement

    tal = NeighbourhoodFactory(name="Talviertel")
    PlaceFactory(neighbourhood=tal)  # one still vacant, so the neighbourhood has a row
    today = timezone.localdate()
    for days_ago in (10, 40):
        place = PlaceFactory(neighbourhood=tal, status="interim")
        match = Match.objects.create(request=SpaceRequestFactory(), place=place)
        start = today - datetime.timedelta(days=days_ago)
        UseAgreement.objects.create(
            match=match,
            place=place,
            start=start,
            end=start + datetime.timedelta(days=90),
            use="Galerie",
        )
    [row] = vacancy_statistics({})
    assert row["taken_into_use"] == 2
