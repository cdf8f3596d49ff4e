import pytest
from django.urls import reverse

from quartier.core.progress import finish_progress, start_progress
from quartier.core.testing import assert_queries_do_not_grow
from quartier.knowledge.tests.factories import ArticleFactory
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory

pytestmark = pytest.mark.django_db

GERMAN_AREA_LABELS = [
    "Akteure",
    "Quartiere",
    "Netzwerk",
    "Allianzen",
    "Termine",
    "Orte",
    "Projekte",
    "Förderung",
    "Wissen",
]


def test_home_page_is_german_and_shows_every_area(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    for label in GERMAN_AREA_LABELS:
        assert f">{label}</a>" in html


def test_unknown_address_gives_the_german_not_found_page(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_malformed_page_number_falls_back_to_a_valid_page(client):
    NeighbourhoodFactory()
    for bad in ["abc", "-1", "99999", "1e9"]:
        assert client.get("/quartiere/", {"seite": bad}).status_code == 200


def test_neighbourhood_list_paginates(client):
    NeighbourhoodFactory.create_batch(30)
    first = client.get("/quartiere/").content.decode()
    assert "Seite 1 von 2" in first


def test_neighbourhood_list_query_count_does_not_grow(client):
    assert_queries_do_not_grow(client, "/quartiere/", NeighbourhoodFactory.create_batch)


def test_knowledge_list_query_count_does_not_grow(client):
    assert_queries_do_not_grow(client, "/wissen/", ArticleFactory.create_batch)


def test_home_query_count_does_not_grow(client):
    def add(n):
        NeighbourhoodFactory.create_batch(n)
        ArticleFactory.create_batch(n, kind="example")

    assert_queries_do_not_grow(client, "/", add)


def test_draft_articles_are_not_shown(client):
    draft = ArticleFactory(status="draft", title="Geheimer Entwurf")
    assert "Geheimer Entwurf" not in client.get("/wissen/").content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_article_markdown_is_sanitised(client):
    article = ArticleFactory(body="Hallo <script>alert(1)</script> **fett**")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<strong>fett</strong>" in html
    assert "<script>alert(1)" not in html


def test_task_progress_is_shown_to_its_owner_only(client, user, django_user_model):
    progress = start_progress(user, "Export", total=4)
    url = reverse("core:task_progress", args=[progress.pk])
    other = django_user_model.objects.create_user("andere@beispiel.example", "x-Passwort-123")
    client.force_login(other)
    assert client.get(url).status_code == 404
    client.force_login(user)
    page = client.get(url).content.decode()
    assert "<progress" in page and 'hx-get="' in page


def test_finished_progress_partial_stops_polling_and_links_the_result(user_client, user):
    progress = start_progress(user, "Export", total=3)
    finish_progress(str(progress.pk), result={"a": 1}, result_url="/ergebnis/")
    url = reverse("core:task_progress", args=[progress.pk])
    partial = user_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "<html" not in partial
    assert 'value="100"' in partial
    assert "hx-get" not in partial
    assert 'href="/ergebnis/"' in partial


def test_server_error_page_is_german_and_english_without_touching_the_database(rf):
    from quartier.core.views import server_error

    response = server_error(rf.get("/"))
    html = response.content.decode()
    assert response.status_code == 500
    assert "Ein Fehler ist aufgetreten" in html and "An error occurred" in html


def test_permission_denied_page_is_german(rf, user):
    from quartier.core.views import permission_denied

    request = rf.get("/")
    request.user = user
    response = permission_denied(request)
    assert response.status_code == 403
    assert "Zugriff verweigert" in response.content.decode()
