from django.db.models import QuerySet

from quartier.knowledge.models import Article


def published_articles() -> QuerySet[Article]:
    return Article.objects.filter(status=Article.Status.PUBLISHED)


def latest_examples(limit: int = 6) -> list[Article]:
    return list(published_articles().filter(kind=Article.Kind.EXAMPLE)[:limit])
