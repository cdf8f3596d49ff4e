"""The paper's six examples, as the paper describes them (see demo_examples.py), and the
platform's own guides, checklists and arguments from content/*.md."""

from pathlib import Path

from django.db import transaction

from quartier.knowledge.demo_examples import PAPER_EXAMPLES
from quartier.knowledge.models import Article
from quartier.knowledge.services import import_articles

CONTENT_DIR = Path(__file__).resolve().parent / "content"


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


def toolbox_files() -> list[tuple[str, str]]:
    """The shipped toolbox articles as (file name, text) pairs, in file name order."""
    return [
        (path.name, path.read_text(encoding="utf-8")) for path in sorted(CONTENT_DIR.glob("*.md"))
    ]


def load_toolbox_articles() -> list[Article]:
    """Imports content/*.md through the same service as `quartier import-articles`
    (idempotent); a problem in a shipped file is a bug and stops the demo."""
    report = import_articles(toolbox_files())
    if not report.ok:
        raise ValueError(str(report))
    return report.articles
