"""German full-text search over the index, with one ranking for SQLite and PostgreSQL: the
database finds the candidates (FTS5 MATCH or tsvector @@ tsquery), the pure engine ranks them
(title over summary over body, and freshness), so both databases return the same order."""

from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from quartier.engines.textsearch import (
    Query,
    Vocabulary,
    analyse_query,
    highlight_spans,
    rank,
    to_fts5_match,
    to_tsquery,
)
from quartier.search.models import Kind, SearchEntry

CANDIDATES = 1000
PER_KIND = 10


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    title_html: SafeString
    summary_html: SafeString


@dataclass
class SearchResult:
    query: Query | None
    groups: list[tuple[str, str, list[Hit]]] = field(default_factory=list)
    total: int = 0
    corrections: list[tuple[str, str]] = field(default_factory=list)
    some_words_only: bool = False


_VOCABULARIES: dict[str, Vocabulary] = {}  # per process: the analyser it carries is costly


def vocabulary() -> Vocabulary:
    """The words of all indexed texts (for typo correction), kept in this process and in
    the shared cache until the index changes."""
    state = SearchEntry.objects.aggregate(n=Count("pk"), last=Max("id"))
    key = f"search:vocabulary:{state['n']}:{state['last']}"
    words = _VOCABULARIES.get(key)
    if words is not None:
        return words
    data = cache.get(key)
    if data is None:
        words = Vocabulary.from_texts(SearchEntry.objects.values_list("words", flat=True))
        cache.set(key, words.to_dict(), 3600)
    else:
        words = Vocabulary.from_dict(data)
    _VOCABULARIES.clear()  # only the current one is worth keeping
    _VOCABULARIES[key] = words
    return words


def _candidate_ids(query: Query, *, require_all: bool = True) -> list[int]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            expression = to_tsquery(query, require_all=require_all)
            cursor.execute(
                "SELECT id FROM search_searchentry WHERE document @@ to_tsquery('simple', %s) "
                "ORDER BY id LIMIT %s",
                [expression, CANDIDATES],
            )
        else:
            expression = to_fts5_match(query, require_all=require_all)
            cursor.execute(
                "SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid LIMIT %s",
                [expression, CANDIDATES],
            )
        return [row[0] for row in cursor.fetchall()]


def _highlight(text: str, query: Query, words: Vocabulary) -> SafeString:
    parts, last = [], 0
    for start, end in highlight_spans(text, query, words):
        parts += [escape(text[last:start]), f"<mark>{escape(text[start:end])}</mark>"]
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def search(text: str, kind: str = "", *, prefix: bool = False) -> SearchResult:
    text = text.strip()[:200]
    if not text:
        return SearchResult(query=None)
    words = vocabulary()
    query = analyse_query(text, words, prefix=prefix)
    result = SearchResult(
        query=query, corrections=[(word, found[0]) for word, found in query.corrections.items()]
    )
    if query.is_empty:
        return result
    ids = _candidate_ids(query)
    if not ids and len(query.words) > 1:
        # Nothing has every word: show what has some of them, best first.
        ids = _candidate_ids(query, require_all=False)
        result.some_words_only = bool(ids)
    entries = SearchEntry.objects.filter(pk__in=ids).defer("words", "terms")
    if kind in Kind.values:
        entries = entries.filter(kind=kind)
    now = timezone.now()
    by_id = {e.pk: e for e in entries}
    ranked = rank(
        query,
        [
            (
                e.pk,
                {"title": e.title_terms, "summary": e.summary_terms, "body": e.body_terms},
                (now - e.changed_at).days,
            )
            for e in by_id.values()
        ],
    )
    result.total = len(ranked)
    groups: dict[str, list[Hit]] = {}
    for pk, score in ranked:
        entry = by_id[pk]
        hits = groups.setdefault(entry.kind, [])
        if len(hits) < PER_KIND:
            hits.append(
                Hit(
                    entry,
                    score,
                    _highlight(entry.title, query, words),
                    _highlight(entry.summary, query, words),
                )
            )
    result.groups = [(k, str(label), groups[k]) for k, label in Kind.choices if k in groups]
    return result
