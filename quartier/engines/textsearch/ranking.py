"""Ranking of the documents a query matched, the same for SQLite and PostgreSQL.

The databases only find the candidates (`to_fts5_match`, `to_tsquery`); the order comes from
this pure function of the query, the index terms of each field of a document and its age, so
both databases put the same documents first.

The score is BM25F: per query word, the best of its alternatives counts, with the term
frequencies of the fields weighted (title 3, summary 2, body 1 by default) and damped when a
field is longer than usual, saturated with k1, times the alternative's weight (the exact word
over its compound parts, parts over a typo correction) and, when `TermStatistics` are given,
the inverse document frequency. A coordination factor (the share of the query words found,
to the power `coordination`) puts documents with all words above those with most of them,
which are still ranked. Freshness multiplies: a document of age 0 gets
`1 + freshness_weight`, one of the half-life age `1 + freshness_weight / 2`, an old one 1.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from .query import Alternative, Query, QueryWord, Term

if TYPE_CHECKING:
    from _typeshed import SupportsRichComparison

__all__ = [
    "DEFAULT_FIELD_WEIGHTS",
    "FieldTerms",
    "Ranker",
    "RankingSettings",
    "TermStatistics",
    "rank",
    "score",
]

DEFAULT_FIELD_WEIGHTS: Mapping[str, float] = {"title": 3.0, "summary": 2.0, "body": 1.0}
_DEFAULT_LENGTHS: Mapping[str, float] = {"title": 8.0, "summary": 40.0, "body": 400.0}

FieldTerms = Sequence[str] | str | Mapping[str, int]
"""The index terms of a field: a list, the stored space-separated string, or term counts."""

Key = TypeVar("Key", bound="SupportsRichComparison")


@dataclass(frozen=True)
class RankingSettings:
    field_weights: Mapping[str, float] = field(default_factory=lambda: DEFAULT_FIELD_WEIGHTS)
    """Fields not named here do not count."""
    half_life_days: float = 365.0
    freshness_weight: float = 0.25
    k1: float = 1.2
    b: float = 0.75
    average_field_length: Mapping[str, float] = field(default_factory=lambda: _DEFAULT_LENGTHS)
    """Typical number of terms per field (when no statistics say otherwise)."""
    coordination: float = 1.0
    """A document that has only some of the query words is ranked, not dropped: its score is
    multiplied by (words found / query words) ** coordination (0: no coordination)."""


@dataclass(frozen=True)
class TermStatistics:
    """How many documents there are and how many contain each term."""

    document_count: int
    document_frequency: Mapping[str, int]
    average_field_length: Mapping[str, float] = field(default_factory=dict)

    @classmethod
    def from_documents(cls, documents: Iterable[Mapping[str, FieldTerms]]) -> TermStatistics:
        count = 0
        frequency: Counter[str] = Counter()
        lengths: Counter[str] = Counter()
        for fields in documents:
            count += 1
            seen: set[str] = set()
            for name, terms in fields.items():
                counts = _counts(terms)
                lengths[name] += sum(counts.values())
                seen.update(counts)
            frequency.update(seen)
        averages = {name: total / count for name, total in lengths.items()} if count else {}
        return cls(count, dict(frequency), averages)

    def idf(self, term: Term) -> float:
        if term.prefix:
            frequency = sum(
                count
                for candidate, count in self.document_frequency.items()
                if candidate.startswith(term.text)
            )
        else:
            frequency = self.document_frequency.get(term.text, 0)
        frequency = min(frequency, self.document_count)
        return math.log(1 + (self.document_count - frequency + 0.5) / (frequency + 0.5))


class Ranker:
    """A query prepared for scoring many documents."""

    def __init__(
        self,
        query: Query,
        settings: RankingSettings | None = None,
        statistics: TermStatistics | None = None,
    ) -> None:
        self.settings = settings or RankingSettings()
        self.query = query
        lengths = dict(self.settings.average_field_length)
        if statistics is not None:
            lengths.update(statistics.average_field_length)
        self._lengths = lengths
        self._words: list[list[tuple[Alternative, float]]] = []
        for word in query.words:
            prepared = []
            for alternative in word.alternatives:
                idf = (
                    min(statistics.idf(term) for term in alternative.terms)
                    if statistics is not None
                    else 1.0
                )
                prepared.append((alternative, alternative.weight * idf))
            self._words.append(prepared)
        self._terms = frozenset(term for word in query.words for term in _terms_of(word))

    def score(self, fields: Mapping[str, FieldTerms], age_days: float | None = None) -> float:
        settings = self.settings
        weighted: list[tuple[float, float, dict[Term, int]]] = []
        for name, terms in fields.items():
            weight = settings.field_weights.get(name, 0.0)
            if weight <= 0:
                continue
            length, counts = self._count(terms)
            average = self._lengths.get(name) or max(length, 1)
            # longer than usual fields are damped, shorter ones are not lifted above their
            # weight (so a title always counts more than a short summary)
            norm = max(1.0, (1 - settings.b) + settings.b * length / average)
            weighted.append((weight, norm, counts))
        total = 0.0
        found_words = 0
        for alternatives in self._words:
            best = 0.0
            for alternative, factor in alternatives:
                frequency = 0.0
                for weight, norm, counts in weighted:
                    found = min(counts[term] for term in alternative.terms)
                    frequency += weight * found / norm
                if frequency > 0:
                    saturated = frequency * (settings.k1 + 1) / (frequency + settings.k1)
                    best = max(best, factor * saturated)
            total += best
            found_words += best > 0
        if settings.coordination and found_words < len(self._words):
            total *= (found_words / len(self._words)) ** settings.coordination
        if age_days is not None and settings.freshness_weight:
            decay = 0.5 ** (max(age_days, 0.0) / settings.half_life_days)
            total *= 1 + settings.freshness_weight * decay
        return total

    def _count(self, terms: FieldTerms) -> tuple[int, dict[Term, int]]:
        """The length of a field and how often each term of the query is in it."""
        if isinstance(terms, Mapping):
            length = sum(terms.values())
            return length, {term: _frequency(term, terms) for term in self._terms}
        if isinstance(terms, str):
            # the stored string: count in C with str.count, each term between its own
            # spaces (" a  b  a "), so that " a " is found twice and the prefix " a" too
            listed = terms.split()
            padded = " " + "  ".join(listed) + " "
            return len(listed), {
                term: padded.count(f" {term.text}" if term.prefix else f" {term.text} ")
                for term in self._terms
            }
        counts = {}
        for term in self._terms:
            if term.prefix:
                counts[term] = sum(1 for item in terms if item.startswith(term.text))
            else:
                counts[term] = terms.count(term.text)
        return len(terms), counts


def score(
    query: Query,
    fields: Mapping[str, FieldTerms],
    *,
    age_days: float | None = None,
    settings: RankingSettings | None = None,
    statistics: TermStatistics | None = None,
) -> float:
    """The score of one document (see module doc); 0 when no query word is found in it."""
    return Ranker(query, settings, statistics).score(fields, age_days)


def rank(
    query: Query,
    documents: Iterable[tuple[Key, Mapping[str, FieldTerms], float | None]],
    *,
    settings: RankingSettings | None = None,
    statistics: TermStatistics | None = None,
) -> list[tuple[Key, float]]:
    """(key, score) of (key, fields, age in days) documents, best first, ties by key."""
    ranker = Ranker(query, settings, statistics)
    scored = [(key, ranker.score(fields, age)) for key, fields, age in documents]
    scored.sort(key=lambda item: (-item[1], item[0]))
    return scored


def _terms_of(word: QueryWord) -> Iterable[Term]:
    return (term for alternative in word.alternatives for term in alternative.terms)


def _counts(terms: FieldTerms) -> Mapping[str, int]:
    if isinstance(terms, str):
        return Counter(terms.split())
    if isinstance(terms, Mapping):
        return terms
    return Counter(terms)


def _frequency(term: Term, counts: Mapping[str, int]) -> int:
    if not term.prefix:
        return counts.get(term.text, 0)
    return sum(count for candidate, count in counts.items() if candidate.startswith(term.text))
