"""API of the knowledge toolbox, with the permissions of the pages (quartier/knowledge/rules.py):
everybody reads published articles, authors also their own; members of an actor write drafts;
editors review, publish and import. Checklist runs are seen and ticked by the members of the
owning actor."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from quartier.accounts.viewer import viewer
from quartier.actors.models import Actor, Sector
from quartier.actors.selectors import visible_actors
from quartier.alliances.selectors import access_alliance
from quartier.api.auth import acting_user, read_auth
from quartier.api.errors import ApiError
from quartier.api.pagination import PageNumberPagination
from quartier.api.schemas import ERRORS, IdField, ObjectId, apply_changes, body_values
from quartier.knowledge import services
from quartier.knowledge.models import (
    Article,
    ArticleVersion,
    ChecklistRun,
    ChecklistRunItem,
    Phase,
    TagKind,
    Topic,
)
from quartier.knowledge.selectors import (
    ArticleFilters,
    access_article,
    access_run,
    articles_visible_to,
    filter_articles,
    published_articles,
    runs_of_user,
    versions_of,
    with_links,
)
from quartier.neighbourhoods.models import SituationType
from quartier.places.models import Place

articles_router = Router(tags=["knowledge"])
checklist_runs_router = Router(tags=["knowledge"])

TAG_KEYS = {
    "topics": TagKind.TOPIC.value,
    "actor_groups": TagKind.ACTOR_GROUP.value,
    "neighbourhood_types": TagKind.NEIGHBOURHOOD_TYPE.value,
    "phases": TagKind.PHASE.value,
}
LINK_KEYS = ("related", "actors", "places", *TAG_KEYS)


def _name(user: Any) -> str:
    return user.get_full_name() or "–"


class LinkOut(Schema):
    id: int
    title: str


class ArticleOut(Schema):
    id: int
    kind: str
    title: str
    slug: str
    summary: str
    body: str
    place: str
    source: str
    status: str
    reading_minutes: int
    url: str = Field(alias="get_absolute_url")
    topics: list[str]
    actor_groups: list[str]
    neighbourhood_types: list[str]
    phases: list[str]
    related: list[LinkOut]
    actors: list[LinkOut]
    places: list[LinkOut]
    authors: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_topics(obj: Article) -> list[str]:
        return obj.tag_values(TagKind.TOPIC)

    @staticmethod
    def resolve_actor_groups(obj: Article) -> list[str]:
        return obj.tag_values(TagKind.ACTOR_GROUP)

    @staticmethod
    def resolve_neighbourhood_types(obj: Article) -> list[str]:
        return obj.tag_values(TagKind.NEIGHBOURHOOD_TYPE)

    @staticmethod
    def resolve_phases(obj: Article) -> list[str]:
        return obj.tag_values(TagKind.PHASE)

    @staticmethod
    def resolve_related(obj: Article) -> list[dict[str, Any]]:
        return [{"id": a.pk, "title": a.title} for a in obj.related.all()]

    @staticmethod
    def resolve_actors(obj: Article) -> list[dict[str, Any]]:
        return [{"id": a.pk, "title": a.name} for a in obj.actors.all()]

    @staticmethod
    def resolve_places(obj: Article) -> list[dict[str, Any]]:
        return [{"id": p.pk, "title": p.name} for p in obj.places.all()]

    @staticmethod
    def resolve_authors(obj: Article) -> list[str]:
        return [_name(u) for u in obj.authors.all()]


class ArticleIn(Schema):
    kind: Article.Kind
    title: str = Field(min_length=1, max_length=200)
    slug: str = Field(min_length=1, max_length=200, pattern=r"^[-a-z0-9]+$")
    summary: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1)
    place: str = Field("", max_length=200)
    source: str = Field("", max_length=300)
    status: Article.Status = Article.Status.DRAFT
    topics: list[Topic] | None = Field(None, max_length=50)
    actor_groups: list[Sector] | None = Field(None, max_length=50)
    neighbourhood_types: list[SituationType] | None = Field(None, max_length=50)
    phases: list[Phase] | None = Field(None, max_length=50)
    related: list[IdField] | None = Field(None, max_length=100)
    actors: list[IdField] | None = Field(None, max_length=100)
    places: list[IdField] | None = Field(None, max_length=100)


class ArticlePatch(ArticleIn):
    kind: Article.Kind | None = None  # type: ignore[assignment]
    title: str | None = Field(None, min_length=1, max_length=200)  # type: ignore[assignment]
    slug: str | None = Field(None, pattern=r"^[-a-z0-9]+$")  # type: ignore[assignment]
    summary: str | None = Field(None, min_length=1, max_length=300)  # type: ignore[assignment]
    body: str | None = Field(None, min_length=1)  # type: ignore[assignment]
    status: Article.Status | None = None  # type: ignore[assignment]


class ArticleFilterQuery(Schema):
    kind: Article.Kind | None = None
    status: Article.Status | None = None
    topic: Topic | None = None
    actor_group: Sector | None = None
    neighbourhood_type: SituationType | None = None
    phase: Phase | None = None
    q: str = Field("", max_length=200)


class ReturnIn(Schema):
    comment: str = Field(min_length=1, max_length=2000)


class ArticleVersionOut(Schema):
    number: int
    created_at: datetime.datetime
    author: str | None
    title: str
    summary: str
    body: str

    @staticmethod
    def resolve_author(obj: ArticleVersion) -> str | None:
        return _name(obj.author) if obj.author else None


class MarkdownFile(Schema):
    name: str = Field(min_length=1, max_length=200)
    text: str = Field(max_length=1_000_000)


class ImportIn(Schema):
    files: list[MarkdownFile] = Field(min_length=1, max_length=500)


class ImportOut(Schema):
    imported: bool
    report: list[str]


def _reloaded(request: HttpRequest, article: Article) -> Article:
    """The article as just written, for the answer to its writer."""
    return with_links(Article.objects.filter(pk=article.pk), viewer(request)).get()


def _links(request: HttpRequest, values: dict[str, Any]) -> services.Links:
    """The tags and links of a body; ids the caller may not see count as unknown."""
    links = services.Links()
    tags = {TAG_KEYS[k]: values.pop(k) for k in list(TAG_KEYS) if k in values}
    tags = {k: v for k, v in tags.items() if v is not None}
    links.tags = tags or None
    errors: dict[str, ValidationError] = {}
    sources: dict[str, QuerySet[Any]] = {
        "related": articles_visible_to(viewer(request)).defer("body"),
        "actors": visible_actors(viewer(request)),
        "places": Place.objects.all(),
    }
    for name, queryset in sources.items():
        ids = values.pop(name, None)
        if ids is None:
            continue
        found = queryset.in_bulk(ids)
        missing = [i for i in ids if i not in found]
        if missing:
            errors[name] = ValidationError(
                _("Unknown ids: %(ids)s"), params={"ids": ", ".join(map(str, missing))}
            )
        setattr(links, name, [found[i] for i in dict.fromkeys(ids) if i in found])
    if errors:
        raise ValidationError(errors)
    return links


@articles_router.get("", response={200: list[ArticleOut], **ERRORS}, auth=read_auth)
@paginate(PageNumberPagination)
def list_articles(request: HttpRequest, filters: Query[ArticleFilterQuery]) -> Any:
    """Published articles (authors also see their own, editors all); filter by kind, status,
    tag (topic, actor_group, neighbourhood_type, phase) and a word in title or summary (the
    German full-text search is `/api/v1/search`)."""
    values = {k: (v.value if hasattr(v, "value") else v) for k, v in filters.dict().items()}
    articles = filter_articles(
        articles_visible_to(viewer(request)),
        ArticleFilters(**{k: v or "" for k, v in values.items()}),
    )
    return with_links(articles.order_by("title"), viewer(request))


@articles_router.post("/import", response={200: ImportOut, **ERRORS})
def import_articles(request: HttpRequest, payload: ImportIn) -> Any:
    """A batch of Markdown files with front matter (as `quartier import-articles`): all are
    imported, or none when any file has a problem; the report names file and problem.
    Editorial staff only."""
    user = acting_user(request)
    if not user.has_perm("knowledge.import_articles"):
        raise PermissionDenied
    report = services.import_articles([(f.name, f.text) for f in payload.files], by=user)
    if not report.ok:
        details = [
            {"field": f.name, "message": {"de": p.german, "en": p.english}}
            for f in report.faulty
            for p in f.problems
        ]
        raise ApiError(422, "validation_error", details=details)
    return {"imported": report.imported, "report": report.lines()}


@articles_router.get("/{article_id}", response={200: ArticleOut, **ERRORS}, auth=read_auth)
def get_article(request: HttpRequest, article_id: ObjectId) -> Article:
    return access_article(viewer(request), article_id)


@articles_router.post("", response={201: ArticleOut, **ERRORS})
def create_article(request: HttpRequest, payload: ArticleIn) -> Status:
    """Members of an actor write drafts (and become their authors); editors may also set
    another status."""
    values = body_values(payload)
    links = _links(request, values)
    article = services.save_article(Article(**values), by=acting_user(request), links=links)
    return Status(201, _reloaded(request, article))


@articles_router.patch("/{article_id}", response={200: ArticleOut, **ERRORS})
def update_article(request: HttpRequest, article_id: ObjectId, payload: ArticlePatch) -> Article:
    """Authors change their drafts, editors every article."""
    article = access_article(viewer(request), article_id)
    values = body_values(payload, partial=True)
    links = _links(request, values)
    apply_changes(article, values)
    services.save_article(article, by=acting_user(request), links=links)
    return _reloaded(request, article)


@articles_router.delete("/{article_id}", response={204: None, **ERRORS})
def delete_article(request: HttpRequest, article_id: ObjectId) -> Status:
    services.delete_article(access_article(viewer(request), article_id), by=acting_user(request))
    return Status(204, None)


@articles_router.post("/{article_id}/submit", response={200: ArticleOut, **ERRORS})
def submit_article(request: HttpRequest, article_id: ObjectId) -> Article:
    """An author hands a draft in for review."""
    article = access_article(viewer(request), article_id)
    services.submit_article(article, by=acting_user(request))
    return _reloaded(request, article)


@articles_router.post("/{article_id}/publish", response={200: ArticleOut, **ERRORS})
def publish_article(request: HttpRequest, article_id: ObjectId) -> Article:
    """Editors publish an article."""
    article = access_article(viewer(request), article_id)
    services.publish_article(article, by=acting_user(request))
    return _reloaded(request, article)


@articles_router.post("/{article_id}/return", response={200: ArticleOut, **ERRORS})
def return_article(request: HttpRequest, article_id: ObjectId, payload: ReturnIn) -> Article:
    """Editors send an article back to draft, with a comment for its authors."""
    article = access_article(viewer(request), article_id)
    services.return_article(article, by=acting_user(request), comment=payload.comment)
    return _reloaded(request, article)


@articles_router.get(
    "/{article_id}/versions", response={200: list[ArticleVersionOut], **ERRORS}, auth=read_auth
)
@paginate(PageNumberPagination)
def article_versions(request: HttpRequest, article_id: ObjectId) -> Any:
    """Every saved state of title, summary and text, newest first."""
    article = access_article(viewer(request), article_id)
    return versions_of(article, viewer(request)).order_by("-number")


# Checklist runs ------------------------------------------------------------------------------


class RunItemOut(Schema):
    id: int
    position: int
    section: str
    text: str
    done: bool
    done_at: datetime.datetime | None
    done_by: str | None

    @staticmethod
    def resolve_done_by(obj: ChecklistRunItem) -> str | None:
        return _name(obj.done_by) if obj.done_by else None


class RunOut(Schema):
    id: int
    title: str
    article: int | None = Field(None, alias="article_id")
    checklist_title: str
    actor: int = Field(alias="actor_id")
    alliance: int | None = Field(None, alias="alliance_id")
    item_count: int
    done_count: int
    created_at: datetime.datetime
    updated_at: datetime.datetime
    url: str = Field(alias="get_absolute_url")


class RunDetailOut(RunOut):
    items: list[RunItemOut]

    @staticmethod
    def resolve_items(obj: ChecklistRun) -> list[ChecklistRunItem]:
        return list(obj.items.all())


class RunIn(Schema):
    article: IdField
    actor: IdField
    title: str = Field(min_length=1, max_length=200)
    alliance: IdField | None = None


@checklist_runs_router.get("", response={200: list[RunOut], **ERRORS})
@paginate(PageNumberPagination)
def list_runs(request: HttpRequest) -> Any:
    """The checklist runs of the actors the caller is a member of, latest change first."""
    return runs_of_user(viewer(request))


@checklist_runs_router.post("", response={201: RunDetailOut, **ERRORS})
def create_run(request: HttpRequest, payload: RunIn) -> Status:
    """Starts a published checklist for an undertaking of an actor the caller belongs to."""
    user = acting_user(request)
    article = published_articles().filter(pk=payload.article).first()
    actor = Actor.objects.filter(pk=payload.actor).first()
    alliance = None
    if payload.alliance is not None:
        alliance = access_alliance(user, payload.alliance)
    if article is None or actor is None:
        raise Http404
    run = services.start_run(article, actor=actor, title=payload.title, by=user, alliance=alliance)
    return Status(201, access_run(viewer(request), run.pk))


@checklist_runs_router.get("/{run_id}", response={200: RunDetailOut, **ERRORS})
def get_run(request: HttpRequest, run_id: ObjectId) -> ChecklistRun:
    return access_run(viewer(request), run_id)


def _tick(request: HttpRequest, run_id: int, item_id: int, done: bool) -> ChecklistRun:
    run = access_run(viewer(request), run_id)
    item = next((i for i in run.items.all() if i.pk == item_id), None)
    if item is None:
        raise Http404
    services.tick_item(item, by=acting_user(request), done=done)
    return access_run(viewer(request), run_id)


@checklist_runs_router.post(
    "/{run_id}/items/{item_id}/tick", response={200: RunDetailOut, **ERRORS}
)
def tick_item(request: HttpRequest, run_id: ObjectId, item_id: ObjectId) -> ChecklistRun:
    """Marks an item as done (by the caller, now); ticking a ticked item changes nothing."""
    return _tick(request, run_id, item_id, True)


@checklist_runs_router.post(
    "/{run_id}/items/{item_id}/untick", response={200: RunDetailOut, **ERRORS}
)
def untick_item(request: HttpRequest, run_id: ObjectId, item_id: ObjectId) -> ChecklistRun:
    """Marks an item as open again."""
    return _tick(request, run_id, item_id, False)
