"""The independent evaluation set of the German search (issue 17, scope 4a).

`search_eval_holdout/articles.txt` holds German articles on neighbourhood development written
fresh for this set, and `search_eval_holdout/queries.tsv` realistic queries with the articles
that answer them, sorted into the classes of misses the issue names (compound parts, umlaut
plurals and inflections, feminine forms, partial matches, synonyms). Both were written before
any tuning of the engine and no tuning step reads them: only this module does, for
`search_quality.py`, which imports the articles through the knowledge app's import service
into a fresh demo (after measuring the development set) and reports the figures apart from the
development set's.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent / "search_eval_holdout"


@dataclass(frozen=True)
class Article:
    slug: str
    kind: str
    title: str
    summary: str
    body: str

    def markdown(self) -> str:
        """The article as an import file of the knowledge toolbox."""
        return (
            f"---\ntitle: {self.title}\nslug: {self.slug}\nkind: {self.kind}\n"
            f"summary: {self.summary}\nstatus: published\n---\n{self.body}\n"
        )


@dataclass(frozen=True)
class HoldoutQuery:
    query: str
    slugs: tuple[str, ...]
    category: str


def articles(path: Path = HERE / "articles.txt") -> list[Article]:
    found: list[Article] = []
    head: list[str] | None = None
    lines: list[str] = []

    def close() -> None:
        if head is not None:
            slug, kind, title = head
            summary, *body = lines
            found.append(Article(slug, kind, title, summary, "\n".join(body).strip()))

    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("=== "):
            close()
            head = [part.strip() for part in line[4:].split("|", 2)]
            lines = []
        elif head is not None:
            lines.append(line)
    close()
    return found


def queries(path: Path = HERE / "queries.tsv") -> list[HoldoutQuery]:
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, query, slugs = line.split("\t")
        found.append(HoldoutQuery(query, tuple(slugs.split(",")), category))
    return found


def import_articles() -> int:
    """Imports the articles into the current database (indexed like any imported article)."""
    from quartier.knowledge.services import import_articles as import_files

    items = articles()
    report = import_files([(f"{a.slug}.md", a.markdown()) for a in items])
    if not report.ok:
        raise SystemExit(f"holdout articles do not import: {report}")
    return len(items)


def add_distractors(per_article: int = 3, seed: int = 17) -> int:
    """For each article, entries whose titles share its title words (shuffled, with words of
    other entries), and whose summaries and bodies are those of synthetic entries: what a
    large index holds beside the article a user wants."""
    import random

    from django.utils import timezone

    from quartier.search.indexing import entry_for
    from quartier.search.models import SearchEntry
    from quartier.search.registry import Document

    rng = random.Random(seed)
    others = list(
        SearchEntry.objects.filter(url__startswith="/bench/")
        .order_by("id")
        .values_list("title", "summary", "words")[:5000]
    )
    if not others:
        return 0
    SearchEntry.objects.filter(url__startswith="/distractor/").delete()
    now = timezone.now()
    entries = []
    for number, article in enumerate(articles()):
        words = [w for w in article.title.split() if len(w) > 3]
        for copy in range(per_article):
            title, summary, text = rng.choice(others)
            mixed = rng.sample(words, k=max(1, len(words) - 1)) + title.split()[:3]
            rng.shuffle(mixed)
            oid = 2_000_000_000 + number * 10 + copy
            entries.append(
                entry_for(
                    Document(
                        "article",
                        oid,
                        " ".join(mixed),
                        summary,
                        text[:2000],
                        f"/distractor/{oid}/",
                        now,
                    )
                )
            )
    SearchEntry.objects.bulk_create(entries, batch_size=500)
    return len(entries)
