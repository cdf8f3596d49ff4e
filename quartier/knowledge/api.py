"""API of the knowledge toolbox: everybody reads published articles; editorial staff write
them one by one or import a batch of Markdown files (all or nothing, with a report)."""

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from quartier.api.auth import acting_user, read_auth
from quartier.api.errors import error_response
from quartier.api.schemas import ERRORS, ObjectId, apply_changes, body_values
from quartier.knowledge import services
from quartier.knowledge.models import Article

articles_router = Router(tags=["knowledge"])


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


class ArticleIn(Schema):
    kind: Article.Kind
    title: str = Field(min_length=1, max_length=200)
    slug: str = Field(min_length=1, max_length=200, pattern=r"^[-a-z0-9]+$")
    summary: str = Field(min_length=1, max_length=300)
    body: str = Field(min_length=1)
    place: str = Field("", max_length=200)
    source: str = Field("", max_length=300)
    status: Article.Status = Article.Status.DRAFT


class ArticlePatch(ArticleIn):
    kind: Article.Kind | None = None  # type: ignore[assignment]
    title: str | None = Field(None, min_length=1, max_length=200)  # type: ignore[assignment]
    slug: str | None = Field(None, pattern=r"^[-a-z0-9]+$")  # type: ignore[assignment]
    summary: str | None = Field(None, min_length=1, max_length=300)  # type: ignore[assignment]
    body: str | None = Field(None, min_length=1)  # type: ignore[assignment]


class ArticleFilters(Schema):
    kind: Article.Kind | None = None
    status: Article.Status | None = None
    q: str = Field("", max_length=200)


class MarkdownFile(Schema):
    name: str = Field(min_length=1, max_length=200)
    text: str = Field(max_length=1_000_000)


class ImportIn(Schema):
    files: list[MarkdownFile] = Field(min_length=1, max_length=500)


class ImportOut(Schema):
    imported: bool
    report: list[str]


def _articles_for(request: HttpRequest) -> QuerySet[Article]:
    if request.user.has_perm("knowledge.view_unpublished"):
        return Article.objects.all()
    return Article.objects.filter(status=Article.Status.PUBLISHED)


def _article_or_404(request: HttpRequest, article_id: int) -> Article:
    article = _articles_for(request).filter(pk=article_id).first()
    if article is None:
        raise Http404
    return article


@articles_router.get("", response={200: list[ArticleOut], **ERRORS}, auth=read_auth)
@paginate(PageNumberPagination)
def list_articles(request: HttpRequest, filters: Query[ArticleFilters]) -> Any:
    """Published articles (editorial staff also see drafts); filter by kind, status and a
    word in title or summary (the German full-text search is `/api/v1/search`)."""
    articles = _articles_for(request).order_by("title")
    if filters.kind:
        articles = articles.filter(kind=filters.kind)
    if filters.status:
        articles = articles.filter(status=filters.status)
    if filters.q:
        articles = articles.filter(Q(title__icontains=filters.q) | Q(summary__icontains=filters.q))
    return articles


@articles_router.post("/import", response={200: ImportOut, **ERRORS})
def import_articles(request: HttpRequest, payload: ImportIn) -> Any:
    """A batch of Markdown files with front matter (as `quartier import-articles`): all are
    imported, or none when any file has a problem; the report names file and problem."""
    from quartier.api.api import api

    if not acting_user(request).has_perm("knowledge.add_article"):
        return error_response(api, request, 403, "permission_denied")
    report = services.import_articles([(f.name, f.text) for f in payload.files])
    if not report.ok:
        details = [
            {"field": f.name, "message": {"de": str(p), "en": str(p)}}
            for f in report.faulty
            for p in f.problems
        ]
        return error_response(api, request, 422, "validation_error", details=details)
    return {"imported": report.imported, "report": report.lines()}


@articles_router.get("/{article_id}", response={200: ArticleOut, **ERRORS}, auth=read_auth)
def get_article(request: HttpRequest, article_id: ObjectId) -> Article:
    return _article_or_404(request, article_id)


@articles_router.post("", response={201: ArticleOut, **ERRORS})
def create_article(request: HttpRequest, payload: ArticleIn) -> Status:
    """Editorial staff only."""
    article = services.save_article(Article(**body_values(payload)), by=acting_user(request))
    return Status(201, article)


@articles_router.patch("/{article_id}", response={200: ArticleOut, **ERRORS})
def update_article(request: HttpRequest, article_id: ObjectId, payload: ArticlePatch) -> Article:
    article = _article_or_404(request, article_id)
    apply_changes(article, body_values(payload, partial=True))
    return services.save_article(article, by=acting_user(request))


@articles_router.delete("/{article_id}", response={204: None, **ERRORS})
def delete_article(request: HttpRequest, article_id: ObjectId) -> Status:
    services.delete_article(_article_or_404(request, article_id), by=acting_user(request))
    return Status(204, None)
