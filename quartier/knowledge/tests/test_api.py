import json

import pytest

from quartier.accounts.services import create_token
from quartier.accounts.tests.factories import UserFactory
from quartier.knowledge.models import Article
from quartier.knowledge.tests.factories import ArticleFactory
from quartier.search.selectors import search

pytestmark = pytest.mark.django_db


def call(client, method, url, body=None, user=None):
    headers = {"Authorization": f"Bearer {create_token(user, 't')[1]}"} if user else {}
    if body is None:
        return getattr(client, method)(url, headers=headers)
    return getattr(client, method)(
        url, json.dumps(body), content_type="application/json", headers=headers
    )


ARTICLE = {
    "kind": "guide",
    "title": "Ein Hofflohmarkt im Quartier",
    "slug": "hofflohmarkt",
    "summary": "Wie Nachbarn gemeinsam verkaufen.",
    "body": "Erst die Höfe fragen.",
    "status": "published",
}


def test_everybody_reads_published_articles_only(client):
    ArticleFactory(title="Öffentlich")
    draft = ArticleFactory(title="Entwurf", status="draft")
    titles = [a["title"] for a in client.get("/api/v1/articles").json()["items"]]
    assert titles == ["Öffentlich"]
    assert client.get(f"/api/v1/articles/{draft.pk}").status_code == 404
    staff = UserFactory(is_staff=True)
    assert call(client, "get", f"/api/v1/articles/{draft.pk}", user=staff).status_code == 200


def test_filters(client):
    ArticleFactory(title="Checkliste Fest", kind="checklist")
    ArticleFactory(title="Handreichung Raum", kind="guide")
    items = client.get("/api/v1/articles", {"kind": "checklist"}).json()["items"]
    assert [a["title"] for a in items] == ["Checkliste Fest"]
    assert client.get("/api/v1/articles", {"kind": "unsinn"}).status_code == 422


@pytest.mark.parametrize(("who", "status"), [("anonymous", 401), ("user", 403), ("staff", 201)])
def test_only_editorial_staff_write_articles(client, who, status):
    user = {"anonymous": None, "user": UserFactory(), "staff": UserFactory(is_staff=True)}[who]
    assert call(client, "post", "/api/v1/articles", ARTICLE, user).status_code == status
    assert Article.objects.filter(slug="hofflohmarkt").exists() is (status == 201)


def test_written_articles_are_searchable_at_once(client):
    staff = UserFactory(is_staff=True)
    article_id = call(client, "post", "/api/v1/articles", ARTICLE, staff).json()["id"]
    assert [h.entry.title for _k, _l, hits in search("Hofflohmarkt").groups for h in hits] == [
        "Ein Hofflohmarkt im Quartier"
    ]
    call(client, "patch", f"/api/v1/articles/{article_id}", {"status": "draft"}, staff)
    assert search("Hofflohmarkt").total == 0
    assert call(client, "delete", f"/api/v1/articles/{article_id}", user=staff).status_code == 204


def test_import_through_the_api_is_all_or_nothing(client):
    staff = UserFactory(is_staff=True)
    good = "---\ntitle: Gut\nslug: gut\nkind: guide\nsummary: Kurz.\nstatus: published\n---\nText."
    bad = "---\ntitle: Schlecht\nkind: unbekannt\nsummary: Kurz.\n---\nText."
    response = call(
        client,
        "post",
        "/api/v1/articles/import",
        {"files": [{"name": "gut.md", "text": good}, {"name": "schlecht.md", "text": bad}]},
        staff,
    )
    assert response.status_code == 422
    detail = response.json()["error"]["details"][0]
    assert detail["field"] == "schlecht.md" and detail["message"]["de"]
    assert not Article.objects.filter(slug="gut").exists()
    response = call(
        client,
        "post",
        "/api/v1/articles/import",
        {"files": [{"name": "gut.md", "text": good}]},
        staff,
    )
    assert response.status_code == 200 and Article.objects.filter(slug="gut").exists()
    assert (
        call(
            client,
            "post",
            "/api/v1/articles/import",
            {"files": [{"name": "gut.md", "text": good}]},
            UserFactory(),
        ).status_code
        == 403
    )
