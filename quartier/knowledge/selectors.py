from django.db.models import QuerySet

from quartier.knowledge.models import Article


def published_articles() -> QuerySet[Article]:
    return Article.objects.filter(status=Article.Status.PUBLISHED)


def articles_for_list() -> QuerySet[Article]:
    """Published articles without their body, which lists do not show."""
    return published_articles().defer("body")


def latest_examples(limit: int = 6) -> list[Article]:
    return list(articles_for_list().filter(kind=Article.Kind.EXAMPLE)[:limit])
