"""What the analysis of a search query gives: the words of the query, each with its
alternative readings (the terms each needs in a document), as the ranking and the query
expressions of the index read them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

AlternativeKind = Literal[
    "word", "compound", "parts", "prefix", "completion", "correction", "synonym"
]


@dataclass(frozen=True, slots=True)
class Term:
    """An index term to look for; with `prefix`, any index term that begins with it."""

    text: str
    prefix: bool = False

    def matches(self, term: str) -> bool:
        return term.startswith(self.text) if self.prefix else term == self.text


@dataclass(frozen=True, slots=True)
class Alternative:
    """Terms that must all be in the document (AND); `weight` ranks how good a reading it is."""

    terms: tuple[Term, ...]
    kind: AlternativeKind = "word"
    weight: float = 1.0


@dataclass(frozen=True, slots=True)
class QueryWord:
    """One word of the query: matches when any alternative matches (OR)."""

    text: str
    alternatives: tuple[Alternative, ...]
    corrections: tuple[str, ...] = ()
    """Known words a mistyped word may have meant (folded), for "Meinten Sie …?"."""


@dataclass(frozen=True, slots=True)
class Query:
    """The analysed query: a document must match every word (AND)."""

    text: str
    words: tuple[QueryWord, ...]
    stop_words_only: bool = False

    @property
    def is_empty(self) -> bool:
        return not self.words

    def terms(self) -> frozenset[Term]:
        """Every term of every alternative (for highlighting)."""
        return frozenset(
            term for word in self.words for alt in word.alternatives for term in alt.terms
        )

    @property
    def corrections(self) -> dict[str, tuple[str, ...]]:
        """Mistyped words and what they were taken for."""
        return {word.text: word.corrections for word in self.words if word.corrections}
