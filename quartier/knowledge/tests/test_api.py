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


# Tags, links, workflow, versions and checklist runs ------------------------------------------

from quartier.actors.tests.factories import ActorFactory, MembershipFactory  # noqa: E402
from quartier.knowledge.tests.factories import ChecklistFactory  # noqa: E402


def member_user():
    user = UserFactory(first_name="Mira", last_name="Muster")
    MembershipFactory(user=user)
    return user


def test_tags_links_and_authors_in_and_out(client):
    user = member_user()
    actor = ActorFactory(name="Offene Initiative")
    hidden = ActorFactory(name="Versteckt", visibility="private")
    other = ArticleFactory(title="Verwandt")
    body = {
        **ARTICLE,
        "status": "draft",
        "topics": ["vacancy", "interim_use"],
        "actor_groups": ["civil_society"],
        "neighbourhood_types": ["rural_town"],
        "phases": ["idea"],
        "related": [other.pk],
        "actors": [actor.pk],
    }
    response = call(client, "post", "/api/v1/articles", body, user)
    assert response.status_code == 201, response.json()
    data = response.json()
    assert data["topics"] == ["interim_use", "vacancy"] and data["phases"] == ["idea"]
    assert data["related"] == [{"id": other.pk, "title": "Verwandt"}]
    assert data["actors"] == [{"id": actor.pk, "title": "Offene Initiative"}]
    assert data["authors"] == ["Mira Muster"]
    bad = call(client, "patch", f"/api/v1/articles/{data['id']}", {"actors": [hidden.pk]}, user)
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "actors"
    assert (
        call(
            client, "patch", f"/api/v1/articles/{data['id']}", {"topics": ["unsinn"]}, user
        ).status_code
        == 422
    )
    ok = call(client, "patch", f"/api/v1/articles/{data['id']}", {"topics": ["funding"]}, user)
    assert ok.json()["topics"] == ["funding"] and ok.json()["actor_groups"] == ["civil_society"]


def test_tag_filters_in_the_api(client):
    ArticleFactory(title="Leerstand", tags={"topic": ["vacancy"], "actor_group": ["housing"]})
    ArticleFactory(
        title="Förderung",
        tags={"topic": ["funding"], "neighbourhood_type": ["rural_town"], "phase": ["idea"]},
    )
    get = lambda **q: [a["title"] for a in client.get("/api/v1/articles", q).json()["items"]]  # noqa: E731
    assert get(topic="vacancy") == ["Leerstand"]
    assert get(actor_group="housing") == ["Leerstand"]
    assert get(neighbourhood_type="rural_town", phase="idea") == ["Förderung"]
    assert client.get("/api/v1/articles", {"topic": "unsinn"}).status_code == 422


def test_review_workflow_through_the_api(client):
    author, editor = member_user(), UserFactory(is_staff=True)
    article_id = call(
        client, "post", "/api/v1/articles", {**ARTICLE, "status": "draft"}, author
    ).json()["id"]
    # a draft is seen by its author and editors only
    assert client.get(f"/api/v1/articles/{article_id}").status_code == 404
    stranger = member_user()
    assert call(client, "get", f"/api/v1/articles/{article_id}", user=stranger).status_code == 404
    assert (
        call(client, "post", f"/api/v1/articles/{article_id}/publish", user=author).status_code
        == 403
    )
    assert (
        call(client, "post", f"/api/v1/articles/{article_id}/submit", user=author).json()["status"]
        == "in_review"
    )
    assert (
        call(
            client, "patch", f"/api/v1/articles/{article_id}", {"title": "Neu"}, author
        ).status_code
        == 403
    )
    assert (
        call(
            client, "post", f"/api/v1/articles/{article_id}/return", {"comment": ""}, editor
        ).status_code
        == 422
    )
    back = call(
        client,
        "post",
        f"/api/v1/articles/{article_id}/return",
        {"comment": "Bitte kürzen."},
        editor,
    )
    assert back.json()["status"] == "draft"
    call(client, "patch", f"/api/v1/articles/{article_id}", {"body": "Kürzer."}, author)
    call(client, "post", f"/api/v1/articles/{article_id}/submit", user=author)
    assert (
        call(client, "post", f"/api/v1/articles/{article_id}/publish", user=editor).json()["status"]
        == "published"
    )
    public = client.get(f"/api/v1/articles/{article_id}/versions").json()["items"]
    assert [v["number"] for v in public] == [2]  # the draft before publication stays inside
    versions = call(client, "get", f"/api/v1/articles/{article_id}/versions", user=author)
    versions = versions.json()["items"]
    assert [v["number"] for v in versions] == [2, 1] and versions[0]["body"] == "Kürzer."
    assert versions[0]["author"] == "Mira Muster"


def test_checklist_runs_through_the_api(client):
    user = member_user()
    actor = user.memberships.get().actor
    checklist = ChecklistFactory()
    body = {"article": checklist.pk, "actor": actor.pk, "title": "Zwischennutzung Marktstraße 12"}
    assert call(client, "post", "/api/v1/checklist-runs", body).status_code == 401
    stranger = member_user()
    assert call(client, "post", "/api/v1/checklist-runs", body, stranger).status_code == 403
    run = call(client, "post", "/api/v1/checklist-runs", body, user).json()
    assert run["item_count"] == 5 and len(run["items"]) == 5
    item_id = run["items"][1]["id"]
    url = f"/api/v1/checklist-runs/{run['id']}/items/{item_id}"
    ticked = call(client, "post", f"{url}/tick", user=user).json()
    assert ticked["done_count"] == 1 and ticked["items"][1]["done_by"] == "Mira Muster"
    assert call(client, "post", f"{url}/tick", user=stranger).status_code == 404
    assert (
        call(client, "get", f"/api/v1/checklist-runs/{run['id']}", user=stranger).status_code == 404
    )
    assert call(client, "get", "/api/v1/checklist-runs", user=stranger).json()["items"] == []
    assert [
        r["id"] for r in call(client, "get", "/api/v1/checklist-runs", user=user).json()["items"]
    ] == [run["id"]]
    assert call(client, "post", f"{url}/untick", user=user).json()["done_count"] == 0
    assert (
        call(
            client, "post", f"/api/v1/checklist-runs/{run['id']}/items/999999/tick", user=user
        ).status_code
        == 404
    )
    guide = ArticleFactory()
    assert (
        call(
            client, "post", "/api/v1/checklist-runs", {**body, "article": guide.pk}, user
        ).status_code
        == 403
    )


def test_article_list_queries_do_not_grow(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/articles").status_code == 200
        return len(ctx.captured_queries)

    actor = ActorFactory()
    for _ in range(2):
        ArticleFactory(tags={"topic": ["vacancy"]}).actors.add(actor)
    few = count()
    for _ in range(10):
        ArticleFactory(tags={"topic": ["vacancy"]}).actors.add(actor)
    assert count() == few


def test_an_over_long_article_text_is_refused_with_a_clear_message(client):
    from quartier.knowledge.models import BODY_MAX_LENGTH

    staff = UserFactory(is_staff=True)
    too_long = {**ARTICLE, "body": "Wort " * (BODY_MAX_LENGTH // 5) + "x"}
    response = call(client, "post", "/api/v1/articles", too_long, staff)
    assert response.status_code == 422
    [detail] = response.json()["error"]["details"]
    assert detail["field"] == "body"
    assert "100000" in detail["message"]["en"] and "100000" in detail["message"]["de"]
    assert not Article.objects.filter(slug="hofflohmarkt").exists()
    just_fits = {**ARTICLE, "body": "x" * BODY_MAX_LENGTH}
    assert call(client, "post", "/api/v1/articles", just_fits, staff).status_code == 201
