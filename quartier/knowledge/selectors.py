"""Reads of the knowledge toolbox, each filtered by what the viewer may see."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Membership
from quartier.actors.selectors import visible_actors
from quartier.alliances.rules import member_alliance_ids
from quartier.core.access import access_object, key_lookup
from quartier.knowledge.models import (
    Article,
    ArticleTag,
    ArticleVersion,
    ChecklistRun,
    ChecklistRunItem,
    TagKind,
)

RELATED_LIMIT = 3


def published_articles() -> QuerySet[Article]:
    return Article.objects.filter(status=Article.Status.PUBLISHED)


def articles_visible_to(viewer: Viewer) -> QuerySet[Article]:
    """Published articles; editors see all, authors also their own."""
    if viewer.has_perm("knowledge.view_unpublished"):
        return Article.objects.all()
    if viewer.is_authenticated:
        own = Article.authors.through.objects.filter(article_id=OuterRef("pk"), user=viewer)
        return Article.objects.filter(Q(status=Article.Status.PUBLISHED) | Exists(own))
    return published_articles()


@dataclass
class ArticleFilters:
    kind: str = ""
    topic: str = ""
    actor_group: str = ""
    neighbourhood_type: str = ""
    phase: str = ""
    status: str = ""
    q: str = ""


def filter_articles(articles: QuerySet[Article], filters: ArticleFilters) -> QuerySet[Article]:
    if filters.kind:
        articles = articles.filter(kind=filters.kind)
    if filters.status:
        articles = articles.filter(status=filters.status)
    for kind, value in [
        (TagKind.TOPIC, filters.topic),
        (TagKind.ACTOR_GROUP, filters.actor_group),
        (TagKind.NEIGHBOURHOOD_TYPE, filters.neighbourhood_type),
        (TagKind.PHASE, filters.phase),
    ]:
        if value:
            articles = articles.filter(
                Exists(ArticleTag.objects.filter(article=OuterRef("pk"), kind=kind, value=value))
            )
    if filters.q:
        articles = articles.filter(Q(title__icontains=filters.q) | Q(summary__icontains=filters.q))
    return articles


def articles_for_list(filters: ArticleFilters | None = None) -> QuerySet[Article]:
    """Published articles without their body, which lists do not show, with their tags."""
    articles = published_articles()
    if filters is not None:
        articles = filter_articles(articles, filters)
    return articles.defer("body").prefetch_related("tags").order_by("title")


def latest_examples(limit: int = 6) -> list[Article]:
    return list(articles_for_list().filter(kind=Article.Kind.EXAMPLE)[:limit])


def with_links(articles: QuerySet[Article], viewer: Viewer) -> QuerySet[Article]:
    """Articles with what a page or API answer shows: tags, authors, chosen related articles
    (published ones only), and the actors (those the viewer may see) and places they link."""
    return articles.prefetch_related(
        "tags",
        "authors",
        "places",
        Prefetch("actors", queryset=visible_actors(viewer).order_by("name")),
        Prefetch("related", queryset=published_articles().defer("body").order_by("title")),
    )


def access_article(viewer: Viewer, key: int | str, perm: str | None = None) -> Article:
    """One article by id (API) or slug (pages) that the viewer may see, with its links; 403
    when `perm` is not allowed."""
    articles = with_links(articles_visible_to(viewer), viewer)
    return access_object(articles, viewer, perm=perm, **key_lookup(key))


def related_articles(article: Article) -> list[Article]:
    """The related articles editors chose, or else up to three published ones sharing the most
    tags (one query; the article's tags are already loaded)."""
    chosen = list(article.related.all())
    if chosen:
        return chosen
    tags = list(article.tags.all())
    if not tags:
        return []
    shared = Q()
    for tag in tags:
        shared |= Q(tags__kind=tag.kind, tags__value=tag.value)
    return list(
        published_articles()
        .exclude(pk=article.pk)
        .defer("body")
        .annotate(shared=Count("tags", filter=shared))
        .filter(shared__gt=0)
        .order_by("-shared", "title")[:RELATED_LIMIT]
    )


def latest_return_comment(article: Article) -> Any:
    return article.review_steps.filter(action="returned").select_related("by").first()


def articles_of_author(user: Viewer) -> QuerySet[Article]:
    if not user.is_authenticated:
        return Article.objects.none()
    return Article.objects.filter(authors=user).defer("body").order_by("-updated_at")


def articles_in_review() -> QuerySet[Article]:
    return (
        Article.objects.filter(status=Article.Status.IN_REVIEW)
        .defer("body")
        .prefetch_related("authors")
        .order_by("updated_at")
    )


def versions_of(article: Article, viewer: Viewer) -> QuerySet[ArticleVersion]:
    """The versions the viewer may read: all for its authors and the editors, for everybody
    else those since it was published (earlier drafts were never meant to be public)."""
    versions = article.versions.select_related("author")
    if viewer.has_perm("knowledge.view_unpublished") or (
        viewer.is_authenticated and article.authors.filter(pk=viewer.pk).exists()
    ):
        return versions
    return versions.filter(public=True)


def runs_of_user(user: Viewer) -> QuerySet[ChecklistRun]:
    """The checklist runs of the actors the user is a member of, and of their alliances."""
    if not user.is_authenticated:
        return ChecklistRun.objects.none()

    return (
        ChecklistRun.objects.filter(
            Exists(Membership.objects.filter(user=user, actor=OuterRef("actor")))
            | Q(alliance_id__in=member_alliance_ids(user))
        )
        .select_related("actor", "article", "alliance")
        .order_by("-updated_at", "-pk")
    )


def access_run(viewer: Viewer, pk: int, perm: str | None = None) -> ChecklistRun:
    """One checklist run with its items; 404 when the viewer may not see it
    (`knowledge.view_run`), 403 when `perm` is not allowed."""
    runs = ChecklistRun.objects.select_related(
        "actor", "article", "alliance", "started_by"
    ).prefetch_related(
        Prefetch(
            "items",
            queryset=ChecklistRunItem.objects.select_related("done_by").order_by("position"),
        )
    )
    return access_object(runs, viewer, view="knowledge.view_run", perm=perm, pk=pk)
