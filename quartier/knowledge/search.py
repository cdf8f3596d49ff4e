"""Published articles in the platform search (drafts and articles in review are not found)."""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from quartier.knowledge.models import TAG_CHOICES, Article, ArticleTag
from quartier.search.registry import Document, Source, register


def _tag_labels(article: Article) -> str:
    """The German labels of an article's tags (topic, actor group, neighbourhood type, phase),
    read afresh: they may have changed in the same request that reindexes the article."""
    labels = {kind: dict(choices.choices) for kind, choices in TAG_CHOICES.items()}
    return " ".join(
        str(labels[kind].get(value, ""))
        for kind, value in ArticleTag.objects.filter(article_id=article.pk).values_list(
            "kind", "value"
        )
        if kind in labels
    )


def article_document(article: Article) -> Document | None:
    if article.status != Article.Status.PUBLISHED:
        return None
    with translation.override("de"):  # labels in the index are German, as users type them
        return Document(
            "article",
            article.pk,
            article.title,
            article.summary,
            f"{article.get_kind_display()} {article.place} {_tag_labels(article)} {article.body}",
            article.get_absolute_url(),
            article.updated_at,
        )


def _published() -> Iterable[Article]:
    return Article.objects.filter(status=Article.Status.PUBLISHED).iterator()


register(Source("article", _("Knowledge"), 10, Article, article_document, _published))
