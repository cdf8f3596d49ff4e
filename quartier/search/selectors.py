"""German full-text search over the index, with one ranking for SQLite and PostgreSQL: the
database finds the candidates (FTS5 MATCH or tsvector @@ tsquery), the pure engine ranks them
(title over summary over body, and freshness), so both databases return the same order.

The candidates are at most CANDIDATES entries, chosen the same way on both databases: the
newest (highest id) entries with every word in the title, then those with every word in the
title or summary, then those with the words anywhere. Below CANDIDATES matches that is all of
them, and the Python ranking orders exactly what the database found; above, the ranking sees
the entries it would put first for where the words stand, newest first. See
docs/textsearch.md ("Speed")."""

import json
import threading
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from quartier.engines.textsearch import (
    Mark,
    Query,
    Vocabulary,
    analyse_query,
    highlight_spans,
    marked_spans,
    rank,
    to_fts5_match,
    to_tsquery,
)
from quartier.search.models import SearchEntry, SearchWord
from quartier.search.registry import kind_values
from quartier.search.registry import kinds as registered_kinds

CANDIDATES = 100
"""How many entries the Python ranking sees at most."""
PARTIAL_CANDIDATES = 40
"""How many entries with only some of the query words it sees at most, besides those with all."""
PARTIAL_BELOW = 20
"""Entries with only some of the words are looked for while fewer entries than this have all of
them: with more, they would rank below a full page anyway, and the wider query costs time."""
COUNTED = 1000
"""Matches are counted up to this number (the "… hits" line)."""
PER_KIND = 10

# (FTS5 column filter, PostgreSQL tsvector column) of each round of candidates
TIERS = (
    ("{title_terms} : ", "title_document"),
    ("{title_terms summary_terms} : ", "head_document"),
    ("", "document"),
)


@dataclass
class Hit:
    entry: SearchEntry
    score: float
    title_html: SafeString
    summary_html: SafeString
    partial: bool = False
    """The entry has only some of the query words ("Auch Treffer mit einem Teil der Wörter")."""


@dataclass
class SearchResult:
    query: Query | None
    groups: list[tuple[str, str, list[Hit]]] = field(default_factory=list)
    total: int = 0
    corrections: list[tuple[str, str]] = field(default_factory=list)
    some_words_only: bool = False


# ---- the vocabulary (typo correction, compound parts, completions) -------------------------


@dataclass
class _Kept:
    version: int
    total: int
    words: Vocabulary


_KEPT: _Kept | None = None  # per process: the analyser it carries is costly to build
_KEPT_LOCK = threading.Lock()


def _state() -> tuple[int, int]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT version, word_total FROM search_searchindexstate")
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, 0)


def vocabulary() -> Vocabulary:
    """The words of all indexed texts, kept in this process and brought up to date from the
    word counts the database triggers keep (`SearchWord`): one small query per search, and
    after a change only the changed words. It is loaded whole at the first search of a
    process, or when its counts do not add up to the database's total (after a rollback)."""
    global _KEPT
    version, total = _state()
    kept = _KEPT
    if kept is not None and kept.version == version:
        return kept.words
    with _KEPT_LOCK:
        kept = _KEPT
        if kept is not None and kept.version < version:
            changed = SearchWord.objects.filter(version__gt=kept.version)
            kept.words.set_counts(dict(changed.values_list("word", "count")))
            kept.version, kept.total = version, kept.words.total()
        if kept is None or kept.version != version or kept.total != total:
            counts = SearchWord.objects.filter(count__gt=0).values_list("word", "count")
            words = Vocabulary(dict(counts))
            kept = _Kept(version, words.total(), words)
        _KEPT = kept
        return kept.words


def forget_vocabulary() -> None:
    """Drop this process's vocabulary (the next search loads it anew)."""
    global _KEPT
    _KEPT = None


# ---- candidates ----------------------------------------------------------------------------


def _matching(query: Query, kind: str, *, require_all: bool = True) -> list[int]:
    """Up to CANDIDATES entry ids, by the rounds of TIERS (see the module doc); entries with
    only some of the words in one round over all fields, by the database's relevance."""
    expression = _expression(query, require_all)
    found: dict[int, None] = {}
    with connection.cursor() as cursor:
        for field_filter, column in TIERS if require_all else TIERS[-1:]:
            sql, params = _select(expression, kind, field_filter, column)
            cursor.execute(f"{sql} LIMIT %s", [*params, CANDIDATES])
            found.update(dict.fromkeys(row[0] for row in cursor.fetchall()))
            if len(found) >= CANDIDATES:
                break
    return list(found)[:CANDIDATES]


def _count(query: Query, kind: str, *, require_all: bool = True) -> int:
    """How many entries match, counted up to COUNTED."""
    sql, params = _select(_expression(query, require_all), kind, "", "document", newest=False)
    with connection.cursor() as cursor:
        counted = f"SELECT count(*) FROM ({sql} LIMIT %s) AS found"  # noqa: S608 - our SQL
        cursor.execute(counted, [*params, COUNTED])
        return int(cursor.fetchone()[0])


def _expression(query: Query, require_all: bool) -> str:
    if connection.vendor == "postgresql":
        return to_tsquery(query, require_all=require_all) or ""
    return to_fts5_match(query, require_all=require_all) or ""


def _select(
    expression: str, kind: str, field_filter: str, column: str, *, newest: bool = True
) -> tuple[str, list[str | int]]:
    """The ids of the entries whose fields (an FTS5 column filter, or a PostgreSQL tsvector
    column) match, of one kind if given, newest first unless told otherwise."""
    params: list[str | int]
    if connection.vendor == "postgresql":
        # the GIN index finds the matches; the most relevant are taken by the database's own
        # ranking (ts_rank_cd: how often and how close together the terms stand), newest first
        # among equals
        sql = f"SELECT id FROM search_searchentry WHERE {column} @@ to_tsquery('simple', %s)"  # noqa: S608 - a column of TIERS
        params = [expression]
        if kind:
            sql += " AND kind = %s"
            params.append(kind)
        if not newest:
            return sql, params
        order = f" ORDER BY ts_rank_cd({column}, to_tsquery('simple', %s)) DESC, id DESC"
        return sql + order, [*params, expression]
    sql = "SELECT f.rowid FROM search_fields f"
    if kind:
        sql += " JOIN search_searchentry e ON e.id = f.rowid"
    sql += " WHERE search_fields MATCH %s"
    params = [f"{field_filter}({expression})"]
    if kind:
        sql += " AND e.kind = %s"
        params.append(kind)
    # FTS5's bm25() with the field weights of the ranking (title, summary, body)
    order = " ORDER BY bm25(search_fields, 3.0, 2.0, 1.0), f.rowid DESC"
    return (sql + order if newest else sql), params


# ---- search --------------------------------------------------------------------------------


def _highlight(text: str, marks: list[Mark] | None, query: Query) -> SafeString:
    # the words whose index terms the query found, from the marks stored with the entry (or,
    # for an entry without them, by analysing the text as the index does: without the
    # vocabulary)
    spans = marked_spans(marks, query) if marks is not None else highlight_spans(text, query)
    parts, last = [], 0
    for start, end in spans:
        parts += [escape(text[last:start]), f"<mark>{escape(text[start:end])}</mark>"]
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


def _hit(entry: SearchEntry, score: float, query: Query, *, partial: bool = False) -> Hit:
    marks = json.loads(entry.marks) if entry.marks else {}
    return Hit(
        entry,
        score,
        _highlight(entry.title, marks.get("title"), query),
        _highlight(entry.summary, marks.get("summary"), query),
        partial,
    )


def _age(now: datetime, changed_at: datetime) -> int:
    return (now - changed_at).days


def search(text: str, kind: str = "", *, prefix: bool = False) -> SearchResult:
    text = text.strip()[:200]
    if not text:
        return SearchResult(query=None)
    query = analyse_query(text, vocabulary(), prefix=prefix)
    result = SearchResult(
        query=query, corrections=[(word, found[0]) for word, found in query.corrections.items()]
    )
    if query.is_empty:
        return result
    kind = kind if kind in kind_values() else ""
    require_all = True
    ids = _matching(query, kind)
    complete = set(ids)
    # Entries with only some of the words are ranked too (below those with all, by the
    # coordination factor of the ranking), not dropped; without any entry that has all
    # words, they are all there is.
    room = CANDIDATES - len(ids) if not complete else min(CANDIDATES - len(ids), PARTIAL_CANDIDATES)
    if room > 0 and len(query.words) > 1 and len(ids) < PARTIAL_BELOW:
        some = _matching(query, kind, require_all=False)
        ids += [pk for pk in some if pk not in complete][:room]
        if not complete:
            require_all = False
            result.some_words_only = bool(ids)
    if not ids:
        return result
    # only what the ranking needs, as plain tuples
    rows = SearchEntry.objects.filter(pk__in=ids).values_list(
        "pk", "kind", "changed_at", "title_terms", "summary_terms", "body_terms"
    )
    now = timezone.now()
    kinds: dict[int, str] = {}
    documents = []
    for pk, entry_kind, changed_at, title_terms, summary_terms, body_terms in rows:
        kinds[pk] = entry_kind
        fields = {"title": title_terms, "summary": summary_terms, "body": body_terms}
        documents.append((pk, fields, _age(now, changed_at)))
    ranked = rank(query, documents)
    result.total = (
        len(ranked) if len(ranked) < CANDIDATES else _count(query, kind, require_all=require_all)
    )
    shown: dict[str, list[tuple[int, float]]] = {}
    listed = kind_values()
    for pk, score in ranked:
        if kinds[pk] not in listed:
            continue
        hits = shown.setdefault(kinds[pk], [])
        if len(hits) < PER_KIND:
            hits.append((pk, score))
    entries = SearchEntry.objects.only(
        "kind", "object_id", "title", "summary", "url", "marks", "changed_at"
    ).in_bulk([pk for hits in shown.values() for pk, _score in hits])
    groups = {
        entry_kind: [
            _hit(entries[pk], score, query, partial=bool(complete) and pk not in complete)
            for pk, score in hits
        ]
        for entry_kind, hits in shown.items()
    }
    result.groups = [(k, label, groups[k]) for k, label in registered_kinds() if k in groups]
    return result
