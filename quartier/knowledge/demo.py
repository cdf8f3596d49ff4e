"""The paper's six examples, as the paper describes them (see demo_examples.py)."""

from django.db import transaction

from quartier.knowledge.demo_examples import PAPER_EXAMPLES
from quartier.knowledge.models import Article


@transaction.atomic
def load_paper_examples() -> list[Article]:
    articles = []
    for example in PAPER_EXAMPLES:
        article, _ = Article.objects.update_or_create(
            slug=example["slug"],
            defaults={
                "kind": Article.Kind.EXAMPLE,
                "title": example["title"],
                "summary": example["summary"],
                "body": example["body"],
                "place": example["place"],
                "source": f"Handlungsempfehlungen „Gemeinsam für das Quartier“ (2020), "
                f"{example['paper_sections']}",
                "status": Article.Status.PUBLISHED,
            },
        )
        articles.append(article)
    return articles
