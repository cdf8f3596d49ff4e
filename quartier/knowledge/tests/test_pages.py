"""The knowledge pages: filters, writing and reviewing in the browser, versions with a diff;
permissions of every write path; no page's query count grows with its rows."""

import pytest

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.testing import assert_queries_do_not_grow
from quartier.knowledge import services
from quartier.knowledge.diffs import diff_text
from quartier.knowledge.models import Article
from quartier.knowledge.tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    user = UserFactory(first_name="Mira", last_name="Muster")
    MembershipFactory(user=user, actor=ActorFactory(slug="ladeninitiative"))
    return user


@pytest.fixture
def editor():
    return UserFactory(is_staff=True)


FORM = {
    "kind": "guide",
    "title": "Ein Hofflohmarkt",
    "slug": "",
    "summary": "Wie Nachbarn gemeinsam verkaufen.",
    "body": "Erst die Höfe fragen.",
    "place": "",
    "source": "",
    "topics": ["vacancy"],
    "phases": ["idea"],
    "related_slugs": "",
    "actor_slugs": "ladeninitiative",
    "place_ids": "",
}


def test_list_filters_by_tags(client):
    ArticleFactory(title="Leerstand", tags={"topic": ["vacancy"]})
    ArticleFactory(title="Geldsuche", tags={"topic": ["funding"]})
    page = client.get("/wissen/", {"topic": "vacancy"}).content.decode()
    assert "Leerstand" in page and "Geldsuche" not in page
    assert client.get("/wissen/", {"topic": "unsinn"}).status_code == 200  # bad filter: ignored


def test_a_member_writes_submits_and_an_editor_publishes_in_the_browser(client, member, editor):
    client.force_login(member)
    response = client.post("/wissen/neu/", FORM)
    article = Article.objects.get()
    assert response.url == article.get_absolute_url()
    assert article.slug == "ein-hofflohmarkt" and article.status == "draft"
    assert article.tag_values("topic") == ["vacancy"]
    assert [a.slug for a in article.actors.all()] == ["ladeninitiative"]
    detail = client.get(article.get_absolute_url()).content.decode()
    assert "Mira Muster" in detail and 'id="submit-for-review"' in detail
    client.post(f"/wissen/{article.slug}/status/", {"action": "submit"})
    assert Article.objects.get().status == "in_review"
    assert client.get(f"/wissen/{article.slug}/bearbeiten/").status_code == 403
    assert client.get("/wissen/pruefung/").status_code == 403
    client.force_login(editor)
    assert "Ein Hofflohmarkt" in client.get("/wissen/pruefung/").content.decode()
    client.post(f"/wissen/{article.slug}/status/", {"action": "return", "comment": ""})
    assert Article.objects.get().status == "in_review"  # a return needs a comment
    client.post(f"/wissen/{article.slug}/status/", {"action": "return", "comment": "Kürzer."})
    client.force_login(member)
    assert "Kürzer." in client.get(article.get_absolute_url()).content.decode()
    client.post(f"/wissen/{article.slug}/status/", {"action": "submit"})
    client.force_login(editor)
    client.post(f"/wissen/{article.slug}/status/", {"action": "publish"})
    assert Article.objects.get().status == "published"
    client.logout()
    assert client.get(article.get_absolute_url()).status_code == 200


def test_bad_form_input_shows_messages_not_errors(client, member):
    client.force_login(member)
    bad = {**FORM, "summary": "x" * 301, "related_slugs": "gibt-es-nicht", "place_ids": "a,b"}
    response = client.post("/wissen/neu/", bad)
    assert response.status_code == 200 and not Article.objects.exists()
    assert set(response.context["form"].errors) >= {"summary", "related_slugs", "place_ids"}
    assert client.post("/wissen/neu/", {**FORM, "slug": "neu"}).status_code == 200


def test_who_may_not_write_is_refused(client, member):
    article = ArticleFactory(status="draft")
    assert client.get("/wissen/neu/").status_code == 302  # to the login
    client.force_login(UserFactory())  # no actor
    assert client.get("/wissen/neu/").status_code == 403
    client.force_login(member)
    assert client.get(f"/wissen/{article.slug}/").status_code == 404  # not theirs
    assert client.post(f"/wissen/{article.slug}/bearbeiten/", FORM).status_code == 404
    published = ArticleFactory()
    assert client.post(f"/wissen/{published.slug}/bearbeiten/", FORM).status_code == 403
    assert (
        client.post(
            f"/wissen/{published.slug}/status/", {"action": "return", "comment": "x"}
        ).status_code
        == 403
    )
    assert Article.objects.get(pk=published.pk).status == "published"
    assert client.post(f"/wissen/{published.slug}/loeschen/").status_code == 403


def test_the_preview_renders_sanitised_markdown(client, member):
    client.force_login(member)
    html = client.post("/wissen/vorschau/", {"body": "**fett** <script>x</script>"}).content
    assert b"<strong>fett</strong>" in html and b"<script>" not in html


def test_version_history_shows_a_readable_diff(client, member, editor):
    article = services.save_article(
        Article(
            kind="guide", title="Alt", slug="alt", summary="S.", body="Erster Absatz.\n\nZweiter."
        ),
        by=editor,
    )
    article.body = "Erster Absatz, ergänzt.\n\nZweiter."
    article.title = "Neu"
    services.save_article(article, by=editor)
    services.publish_article(article, by=editor)
    client.force_login(editor)  # the drafts before publication: authors and editors only
    page = client.get("/wissen/alt/versionen/").content.decode()
    assert "<del>" in page and "<ins>" in page and "ergänzt" in page
    assert "style=" not in page.split('id="comparison"')[1]
    assert client.get("/wissen/alt/versionen/", {"von": "x", "bis": "99"}).status_code == 200


def test_diff_marks_words_inside_changed_paragraphs():
    segments = diff_text(
        "Ein Laden in der Straße.\nRest.", "Ein leerer Laden in der Straße.\nRest."
    )
    assert [(s.op, s.text) for s in segments if s.op != "equal"] == [("insert", " leerer")]


def test_pages_do_not_grow_with_their_rows(client, member, editor):
    actor = ActorFactory()

    def articles(n):
        for _ in range(n):
            ArticleFactory(tags={"topic": ["vacancy"], "phase": ["idea"]}).actors.add(actor)

    assert_queries_do_not_grow(client, "/wissen/", articles)
    article = ArticleFactory(tags={"topic": ["vacancy"]})

    def links(n):
        for _ in range(n):
            other = ArticleFactory(tags={"topic": ["vacancy"]})
            article.actors.add(ActorFactory())
            article.authors.add(UserFactory())
            article.related.add(other)

    assert_queries_do_not_grow(client, article.get_absolute_url(), links)

    def versions(n):
        for i in range(n):
            article.body += f" Satz {i}."
            services.save_article(article, by=editor)

    assert_queries_do_not_grow(client, f"/wissen/{article.slug}/versionen/", versions)
    client.force_login(editor)

    def in_review(n):
        for _ in range(n):
            a = ArticleFactory(status="in_review")
            a.authors.add(member)

    assert_queries_do_not_grow(client, "/wissen/pruefung/", in_review)
    client.force_login(member)
    assert_queries_do_not_grow(client, "/wissen/meine/", in_review)
