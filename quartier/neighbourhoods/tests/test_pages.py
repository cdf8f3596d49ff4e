import pytest

from quartier.actors.tests.factories import ActorFactory, TieFactory
from quartier.core.testing import assert_queries_do_not_grow
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db


def test_profile_shows_key_figures_and_missing_groups(client):
    neighbourhood = NeighbourhoodFactory(
        challenges=["vacancy", "youth_exodus"], situation_type="rural_town"
    )
    culture = ActorFactory(sector="culture", neighbourhoods=[neighbourhood])
    housing = ActorFactory(sector="housing", is_established=True, neighbourhoods=[neighbourhood])
    ActorFactory(sector="school", visibility="private", neighbourhoods=[neighbourhood])
    TieFactory(source=culture, target=housing)

    html = client.get(neighbourhood.get_absolute_url()).content.decode()

    assert "Leerstand" in html and "ländliche Klein- oder Mittelstadt" in html
    figures = html[html.index("Kennzahlen") :]
    assert "<dd>2</dd>" in figures  # two visible actors, the private one is not counted
    assert culture.name in html and housing.name in html
    school_row = html[html.index("<td>Schule</td>") :][:120]
    assert "fehlt" in school_row


def test_profile_query_count_does_not_grow_with_its_actors(client):
    neighbourhood = NeighbourhoodFactory()

    def add(n):
        ActorFactory.create_batch(n, neighbourhoods=[neighbourhood], latitude=51.7, longitude=11.7)

    assert_queries_do_not_grow(client, neighbourhood.get_absolute_url(), add)


def test_unknown_neighbourhood_is_404(client):
    assert client.get("/quartiere/gibt-es-nicht/").status_code == 404


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ("anonymous", False),
        ("stranger", False),
        ("manager", True),
        ("superuser", True),
    ],
)
def test_who_may_edit_a_neighbourhood_profile(client, who, allowed):
    from quartier.accounts.tests.factories import UserFactory

    neighbourhood = NeighbourhoodFactory()
    people = {
        "stranger": UserFactory(),
        "manager": UserFactory(),
        "superuser": UserFactory(is_superuser=True),
    }
    neighbourhood.managers.add(people["manager"])
    if who != "anonymous":
        client.force_login(people[who])
    client.post(
        f"{neighbourhood.get_absolute_url()}bearbeiten/",
        {
            "description": "Neu beschrieben",
            "situation_type": "rural_town",
            "challenges": ["vacancy"],
        },
    )
    neighbourhood.refresh_from_db()
    assert (neighbourhood.description == "Neu beschrieben") is allowed
    if allowed:
        assert neighbourhood.challenges == ["vacancy"]


def test_a_bad_boundary_is_refused_with_a_message(client):
    from quartier.accounts.tests.factories import UserFactory

    neighbourhood = NeighbourhoodFactory()
    client.force_login(UserFactory(is_superuser=True))
    response = client.post(
        f"{neighbourhood.get_absolute_url()}bearbeiten/",
        {
            "description": "x",
            "boundary": '{"type": "Point", "coordinates": [1, 2]}',
        },
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    neighbourhood.refresh_from_db()
    assert neighbourhood.boundary is None
