"""Tags, links, authors, the review workflow and versions, through the services."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.tests.factories import ActorFactory, MembershipFactory
from quartier.core.history import history_of
from quartier.knowledge import services
from quartier.knowledge.models import Article, ReviewStep
from quartier.knowledge.selectors import (
    ArticleFilters,
    articles_for_list,
    articles_visible_to,
    related_articles,
)
from quartier.knowledge.services import Links
from quartier.knowledge.tests.factories import ArticleFactory
from quartier.search.selectors import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    user = UserFactory(first_name="Mira", last_name="Muster")
    MembershipFactory(user=user, actor=ActorFactory())
    return user


@pytest.fixture
def editor():
    return UserFactory(is_staff=True, first_name="Erika", last_name="Redaktion")


def draft(by, **fields):
    values = {
        "kind": "guide",
        "title": "Hofflohmarkt organisieren",
        "slug": "hofflohmarkt",
        "summary": "Wie Nachbarn gemeinsam verkaufen.",
        "body": "Erst die Höfe fragen.",
        **fields,
    }
    return services.save_article(Article(**values), by=by)


def test_a_member_of_an_actor_writes_a_draft_and_becomes_its_author(member):
    article = draft(member)
    assert article.status == "draft"
    assert list(article.authors.all()) == [member]
    assert article.versions.get().number == 1


def test_somebody_without_an_actor_cannot_write(db):
    with pytest.raises(PermissionDenied):
        draft(UserFactory())


def test_a_member_cannot_publish_by_setting_the_status(member):
    with pytest.raises(PermissionDenied):
        draft(member, status="published")
    article = draft(member)
    article.status = "published"
    with pytest.raises(PermissionDenied):
        services.save_article(article, by=member)


def test_draft_review_publish_and_return_with_a_comment(member, editor):
    article = draft(member)
    assert search("Hofflohmarkt").total == 0
    services.submit_article(article, by=member)
    assert article.status == "in_review"
    # in review, the author no longer changes it; another member never could
    assert not member.has_perm("knowledge.change_article", article)
    other = UserFactory()
    MembershipFactory(user=other)
    assert not other.has_perm("knowledge.submit_article", article)
    with pytest.raises(PermissionDenied):
        services.publish_article(article, by=member)
    with pytest.raises(ValidationError):
        services.return_article(article, by=editor, comment="  ")
    services.return_article(article, by=editor, comment="Bitte Quellen ergänzen.")
    assert article.status == "draft"
    assert member.has_perm("knowledge.change_article", article)
    services.submit_article(article, by=member)
    services.publish_article(article, by=editor)
    assert Article.objects.get(pk=article.pk).status == "published"
    assert [h.entry.title for _k, _l, hits in search("Hofflohmarkt").groups for h in hits] == [
        "Hofflohmarkt organisieren"
    ]
    steps = list(ReviewStep.objects.filter(article=article).values_list("action", flat=True))
    assert steps == ["published", "submitted", "returned", "submitted"]
    assert history_of(article).filter(action="changed").count() >= 4
    # published: only editors change it
    assert not member.has_perm("knowledge.change_article", article)
    assert editor.has_perm("knowledge.change_article", article)


def test_only_published_articles_and_own_drafts_are_visible(member, editor):
    own = draft(member)
    ArticleFactory(status="draft", slug="fremd")
    ArticleFactory(slug="offen")
    stranger = UserFactory()
    assert set(articles_visible_to(stranger).values_list("slug", flat=True)) == {"offen"}
    assert set(articles_visible_to(member).values_list("slug", flat=True)) == {"offen", own.slug}
    assert articles_visible_to(editor).count() == 3


def test_every_change_of_text_is_a_version_other_changes_are_not(member, editor):
    article = draft(member)
    article.body = "Erst die Höfe fragen, dann die Hausverwaltung."
    services.save_article(article, by=member)
    article.place = "Musterstadt"
    services.save_article(article, by=member)
    versions = list(article.versions.order_by("number"))
    assert [v.number for v in versions] == [1, 2]
    assert versions[1].body.endswith("Hausverwaltung.") and versions[1].author == member


def test_tags_and_links_are_set_validated_and_recorded(member, editor):
    actor = ActorFactory()
    other = ArticleFactory()
    article = draft(member)
    services.save_article(
        article,
        by=member,
        links=Links(
            tags={"topic": ["vacancy", "interim_use"], "phase": ["idea"]},
            related=[other],
            actors=[actor],
        ),
    )
    assert article.tag_values("topic") == ["interim_use", "vacancy"]
    assert list(other.related.all()) == [article]  # symmetric
    assert list(actor.articles.all()) == [article]
    with pytest.raises(ValidationError):
        services.save_article(article, by=member, links=Links(tags={"topic": ["unsinn"]}))
    with pytest.raises(ValidationError):
        services.save_article(article, by=member, links=Links(related=[article]))
    change = history_of(article).filter(action="changed").first()
    assert "tags.topic" in change.changes and "related" in change.changes


def test_tag_filters():
    ArticleFactory(title="Leerstand", tags={"topic": ["vacancy"], "phase": ["idea"]})
    ArticleFactory(title="Förderung", tags={"topic": ["funding"], "phase": ["idea"]})
    titles = lambda f: [a.title for a in articles_for_list(f)]  # noqa: E731
    assert titles(ArticleFilters(topic="vacancy")) == ["Leerstand"]
    assert titles(ArticleFilters(phase="idea")) == ["Förderung", "Leerstand"]
    assert titles(ArticleFilters(topic="vacancy", phase="planning")) == []


def test_related_are_chosen_or_else_those_sharing_most_tags(django_assert_num_queries):
    article = ArticleFactory(tags={"topic": ["vacancy", "interim_use"], "phase": ["idea"]})
    ArticleFactory(title="Zwei gemeinsam", tags={"topic": ["vacancy", "interim_use"]})
    ArticleFactory(
        title="Drei gemeinsam", tags={"topic": ["vacancy", "interim_use"], "phase": ["idea"]}
    )
    ArticleFactory(title="Eins gemeinsam", tags={"phase": ["idea"]})
    ArticleFactory(title="Auch eins", tags={"topic": ["vacancy"]})
    ArticleFactory(title="Entwurf", status="draft", tags={"topic": ["vacancy", "interim_use"]})
    ArticleFactory(title="Nichts gemeinsam", tags={"topic": ["funding"]})
    article = Article.objects.prefetch_related("tags", "related").get(pk=article.pk)
    with django_assert_num_queries(1):
        titles = [a.title for a in related_articles(article)]
    assert titles == ["Drei gemeinsam", "Zwei gemeinsam", "Auch eins"]
    chosen = ArticleFactory(title="Gewählt")
    article.related.add(chosen)
    article = Article.objects.prefetch_related("tags", "related").get(pk=article.pk)
    assert [a.title for a in related_articles(article)] == ["Gewählt"]


def test_authors_edit_their_own_drafts_only(member):
    article = draft(member)
    other = UserFactory()
    MembershipFactory(user=other)
    article.title = "Übernommen"
    with pytest.raises(PermissionDenied):
        services.save_article(article, by=other)
    with pytest.raises(PermissionDenied):
        services.delete_article(article, by=other)
    services.delete_article(article, by=member)
    assert not Article.objects.exists()


def test_drafts_stay_out_of_the_public_version_history(client):
    """Readers of a published article see its versions from publication on; the drafts
    before it only its authors and the editors."""
    from quartier.accounts.tests.factories import UserFactory
    from quartier.actors.tests.factories import MembershipFactory
    from quartier.knowledge import services
    from quartier.knowledge.models import Article
    from quartier.knowledge.selectors import versions_of

    author = MembershipFactory().user
    editor = UserFactory(is_staff=True)
    article = services.save_article(
        Article(kind="guide", title="Entwurf", slug="entwurf", summary="Kurz.", body="Erste Idee."),
        by=author,
    )
    article.body = "Zweite Fassung."
    services.save_article(article, by=author)
    services.submit_article(article, by=author)
    services.publish_article(article, by=editor)
    article.refresh_from_db()
    article.body = "Nach der Veröffentlichung verbessert."
    services.save_article(article, by=editor)

    def numbers(viewer):
        return sorted(versions_of(article, viewer).values_list("number", flat=True))

    assert numbers(author) == [1, 2, 3] and numbers(editor) == [1, 2, 3]
    reader = UserFactory()
    assert numbers(reader) == [2, 3]
    page = client.get(f"/wissen/{article.slug}/versionen/?von=1&zu=2").content.decode()
    assert "Erste Idee" not in page
    api = client.get(f"/api/v1/articles/{article.pk}/versions").json()
    assert [v["number"] for v in api["items"]] == [3, 2]
