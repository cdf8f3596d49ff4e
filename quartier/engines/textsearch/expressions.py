"""An analysed query as a search expression for SQLite FTS5 and for PostgreSQL, and the same
semantics in Python (`matches`), which the tests hold both expressions to.

Both databases index the pre-analysed terms (`analyse`, joined with spaces), not the raw text:

- SQLite: an FTS5 table whose columns hold the terms, tokenised by `unicode61` (the terms are
  lowercase ASCII letters and digits, so the tokenizer changes nothing), queried with
  `... MATCH ?` and the string of `to_fts5_match`.
- PostgreSQL: a `tsvector` column `to_tsvector('simple', terms)` with a GIN index, queried
  with `... @@ to_tsquery('simple', %s)` and the string of `to_tsquery`. The 'simple'
  configuration only lowercases, so it, too, changes nothing.

Terms are quoted in both (FTS5: "term", tsquery: 'term'), prefixes marked (FTS5: "term"*,
tsquery: 'term':*), alternatives grouped in parentheses, words joined by AND (or by OR with
`require_all=False`, for a "some of the words" fallback).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from .query import Alternative, Query, QueryWord, Term

__all__ = ["matches", "to_fts5_match", "to_tsquery"]


def to_fts5_match(query: Query, *, require_all: bool = True) -> str | None:
    """The FTS5 MATCH expression of the query; None for an empty query (match nothing).

    >>> from quartier.engines.textsearch import analyse_query
    >>> to_fts5_match(analyse_query("Leerstandsmanagement"))
    '("leerstandsmanagement" OR ("leerstand" AND "management"))'
    """
    return _join(
        query,
        require_all,
        term=lambda t: '"' + t.text.replace('"', '""') + '"' + ("*" if t.prefix else ""),
        both=" AND ",
        either=" OR ",
    )


def to_tsquery(query: Query, *, require_all: bool = True) -> str | None:
    """The text for PostgreSQL's to_tsquery('simple', …); None for an empty query.

    >>> from quartier.engines.textsearch import analyse_query
    >>> to_tsquery(analyse_query("Leerstandsmanagement"))
    "('leerstandsmanagement' | ('leerstand' & 'management'))"
    """
    return _join(
        query,
        require_all,
        term=lambda t: (
            "'" + t.text.replace("\\", "\\\\").replace("'", "''") + "'" + (":*" if t.prefix else "")
        ),
        both=" & ",
        either=" | ",
    )


def matches(query: Query, terms: Iterable[str] | str, *, require_all: bool = True) -> bool:
    """Whether a document with these index terms (a list, or a space-separated string)
    matches the query, exactly as the FTS5 and tsquery expressions decide."""
    present = frozenset(terms.split() if isinstance(terms, str) else terms)
    if query.is_empty:
        return False
    found = (_word_matches(word, present) for word in query.words)
    return all(found) if require_all else any(found)


def _word_matches(word: QueryWord, present: frozenset[str]) -> bool:
    return any(
        all(_term_present(term, present) for term in alternative.terms)
        for alternative in word.alternatives
    )


def _term_present(term: Term, present: frozenset[str]) -> bool:
    if not term.prefix:
        return term.text in present
    return any(candidate.startswith(term.text) for candidate in present)


def _join(
    query: Query,
    require_all: bool,
    *,
    term: Callable[[Term], str],
    both: str,
    either: str,
) -> str | None:
    def group(items: list[str], operator: str) -> str:
        return items[0] if len(items) == 1 else "(" + operator.join(items) + ")"

    def alternative(alt: Alternative) -> str:
        return group([term(t) for t in alt.terms], both)

    words = [group([alternative(alt) for alt in word.alternatives], either) for word in query.words]
    if not words:
        return None
    return (both if require_all else either).join(words)
