import pytest

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.services import create_actor, update_actor
from quartier.actors.tests.factories import ActorFactory
from quartier.knowledge.tests.factories import ArticleFactory
from quartier.places.tests.factories import PlaceFactory
from quartier.search.indexing import index_record, rebuild_index
from quartier.search.selectors import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def toolbox():
    articles = {
        "laden": ArticleFactory(
            title="Ein Ladenlokal zwischennutzen in zehn Schritten",
            summary="Wie leerstehende Läden für eine Zwischennutzung gewonnen werden.",
            body="Leerstand im Zentrum ist eine Chance für kreative Nutzungen.",
        ),
        "fest": ArticleFactory(
            title="Ein Straßenfest im Quartier organisieren",
            summary="Checkliste für Nachbarschaftsfeste.",
            body="Genehmigung, Bühne, Strom und Müll.",
        ),
        "management": ArticleFactory(
            title="Leerstandsmanagement im Kleinstadtzentrum",
            summary="Leerstand erfassen, Eigentümer ansprechen.",
            body="Ein Kataster hilft.",
        ),
        "vertrag": ArticleFactory(
            title="Eine Kooperationsvereinbarung vorbereiten",
            summary="Was in eine Vereinbarung mit dem Wohnungsunternehmen gehört.",
            body="Zweck, Beiträge, Entscheidungen, Kosten, Laufzeit.",
        ),
    }
    ArticleFactory(title="Geheimer Entwurf zum Straßenfest", status="draft")
    rebuild_index()
    return articles


def titles(text: str, kind: str = "") -> list[str]:
    return [hit.entry.title for _k, _l, hits in search(text, kind).groups for hit in hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("leerstehende Läden zwischennutzen", "laden"),
        ("Strassenfest", "fest"),
        ("Zwischennutzng", "laden"),
        ("Leerstand Management", "management"),
        ("Kooperationsvereinbarung Wohnungsunternehmen", "vertrag"),
        ("vereinbarungen", "vertrag"),
    ],
)
def test_german_queries_find_the_right_article_first(toolbox, query, expected):
    assert titles(query)[0] == toolbox[expected].title


def test_drafts_are_not_found(toolbox):
    assert "Geheimer Entwurf zum Straßenfest" not in titles("Straßenfest")


def test_only_public_actors_are_found():
    ActorFactory(name="Offene Werkstatt Tal", visibility="public")
    ActorFactory(name="Verborgene Werkstatt Tal", visibility="private")
    rebuild_index()
    found = titles("Werkstatt")
    assert "Offene Werkstatt Tal" in found and "Verborgene Werkstatt Tal" not in found


def test_the_index_follows_changes_made_through_services():
    user = UserFactory()
    from quartier.actors.models import Actor

    actor = create_actor(
        Actor(name="Kulturscheune", short_description="Konzerte", sector="culture"), by=user
    )
    assert titles("Kulturscheune") == ["Kulturscheune"]
    actor.name = "Tanzcafé"
    update_actor(actor, by=user)
    assert titles("Kulturscheune") == [] and titles("Tanzcafé") == ["Tanzcafé"]
    actor.visibility = "private"
    update_actor(actor, by=user)
    assert titles("Tanzcafé") == []


def test_results_are_grouped_by_type_and_filterable(toolbox):
    place = PlaceFactory(name="Ladenlokal Marktgasse")
    index_record(place)
    groups = [key for key, _label, _hits in search("Ladenlokal").groups]
    assert groups == ["article", "place"]
    assert titles("Ladenlokal", "place") == ["Ladenlokal Marktgasse"]


def test_search_page_highlights_hits_and_handles_any_input(client, toolbox):
    page = client.get("/suche/", {"q": "Straßenfest"}).content.decode()
    assert "<mark>Straßenfest</mark>" in page
    for bad in ["", "   ", '"*()', "a" * 500, "<script>", "OR AND NOT", "'; DROP TABLE"]:
        response = client.get("/suche/", {"q": bad, "kind": "unsinn"})
        assert response.status_code == 200
        assert "<script>" not in response.content.decode().split("<main")[1]


def test_typo_correction_is_shown(client, toolbox):
    page = client.get("/suche/", {"q": "Zwischennutzng"}).content.decode()
    assert "Auch gesucht nach" in page


def test_search_api(client, toolbox):
    data = client.get("/api/v1/search", {"q": "Straßenfest"}).json()
    assert data["results"][0]["title"] == toolbox["fest"].title
    assert data["results"][0]["type"] == "article"
    assert client.get("/api/v1/search", {"q": "x", "type": "unsinn"}).status_code == 422


def test_when_no_entry_has_every_word_entries_with_some_words_are_shown(client, toolbox):
    result = search("Straßenfest Raumschiff")
    assert result.some_words_only
    assert titles("Straßenfest Raumschiff")[0] == toolbox["fest"].title
    page = client.get("/suche/", {"q": "Straßenfest Raumschiff"}).content.decode()
    assert "einige davon" in page


def test_entries_with_most_words_are_ranked_below_those_with_all(client, toolbox):
    found = titles("Leerstand Kataster")
    assert found[:2] == [toolbox["management"].title, toolbox["laden"].title]
    result = search("Leerstand Kataster")
    hits = [hit for _key, _label, group in result.groups for hit in group]
    assert [hit.partial for hit in hits[:2]] == [False, True]
    assert not result.some_words_only
    page = client.get("/suche/", {"q": "Leerstand Kataster"}).content.decode()
    assert "Auch Treffer mit einem Teil der Wörter" in page


def test_candidates_are_the_most_relevant_not_the_newest():
    from datetime import timedelta

    from django.utils import timezone

    from quartier.search.indexing import entry_for
    from quartier.search.models import SearchEntry
    from quartier.search.registry import Document
    from quartier.search.selectors import CANDIDATES

    now = timezone.now()

    def document(number: int, body: str, age: int) -> SearchEntry:
        url = f"/test/{number}/"
        title = f"Eintrag {number}"
        changed = now - timedelta(days=age)
        return entry_for(Document("article", number, title, "", body, url, changed))

    # the oldest entry, written first (lowest id), is about the word; the many newer ones
    # only mention it once in a long text
    filler = " ".join(["Sitzung Protokoll Tagesordnung Beschluss"] * 30)
    best = document(1, "Quorkelbau: Quorkelbau im Quorkelbau-Verfahren. Quorkelbau.", 900)
    SearchEntry.objects.bulk_create([best])
    SearchEntry.objects.bulk_create(
        [document(n, f"{filler} Quorkelbau {filler}", 1) for n in range(2, CANDIDATES + 30)]
    )
    hits = [hit for _key, _label, group in search("Quorkelbau").groups for hit in group]
    assert hits[0].entry.object_id == 1
