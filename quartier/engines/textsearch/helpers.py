"""Small helpers of the analysis (`analysis.py`): sorted word lists, alternatives, parts."""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from .compounds import CompoundSplitter, Part
from .normalise import fold_gender, fold_word
from .query import Alternative, Query, Term
from .stemming import stem


def updated(words: list[str], changed: Iterable[str], present: Callable[[str], bool]) -> list[str]:
    """A copy of a sorted list of words with the changed words put in or taken out."""
    words = list(words)
    for word in changed:
        index = bisect.bisect_left(words, word)
        there = index < len(words) and words[index] == word
        if present(word) and not there:
            words.insert(index, word)
        elif there and not present(word):
            del words[index]
    return words


def without_umlauts(word: str) -> str:
    return word.replace("ae", "a").replace("oe", "o").replace("ue", "u")


def indexed(word: str) -> bool:
    """Single letters are not indexed (digits are)."""
    return len(word) > 1 or not word.isalpha()


def part_terms(parts: Sequence[Part]) -> tuple[Term, ...]:
    return tuple(dict.fromkeys(Term(stem(part.word)) for part in parts))


def leaves(splitter: CompoundSplitter, word: str) -> list[Part]:
    parts = splitter.split(word)
    if not parts:
        return []
    found: list[Part] = []
    for part in parts:
        found.extend(leaves(splitter, part.word) or [part])
    return found


def unique(alternatives: Iterable[Alternative]) -> Iterable[Alternative]:
    seen: set[tuple[Term, ...]] = set()
    for alternative in alternatives:
        if alternative.terms not in seen:
            seen.add(alternative.terms)
            yield alternative


def lemma_terms(dictionary: Mapping[str, str], word: str) -> list[str]:
    """The stems of a folded word's lemma and, for a feminine form, of the masculine one,
    where they differ from the word's own stem: "tuerme" → turm, "koechinnen" → koch,
    "aerztin" → arzt (from the dictionary's inflection tables)."""
    found: list[str] = []
    own = stem(word)
    lemma = dictionary.get(word) or dictionary.get(fold_gender(word))
    if lemma is not None:
        found.append(stem(lemma))
        if lemma.endswith("in") and len(lemma) > 5:
            base = lemma[:-2]
            for candidate in (base, without_umlauts(base)):
                if dictionary.get(candidate) == candidate:
                    found.append(stem(candidate))
                    break
    return [term for term in dict.fromkeys(found) if term != own]


def synonym_table(groups: Iterable[Iterable[str]]) -> dict[str, list[tuple[str, ...]]]:
    """The stem of each single-word entry of the thesaurus groups → the other entries of its
    groups, as folded words."""
    table: dict[str, list[tuple[str, ...]]] = {}
    for group in groups:
        entries = [tuple(w for w in fold_word(entry) if indexed(w)) for entry in group]
        entries = [words for words in entries if words]
        for words in entries:
            if len(words) == 1:
                related = table.setdefault(stem(words[0]), [])
                related.extend(other for other in entries if other != words)
    return table


class KnownWords(Mapping[str, int]):
    """The lexicon and the vocabulary of an analyser as one live mapping of frequencies."""

    def __init__(self, analyser: Any) -> None:  # an Analyser
        self._analyser = analyser

    def __getitem__(self, word: str) -> int:
        frequency = self._analyser._frequency(word)
        if not frequency:
            raise KeyError(word)
        return frequency

    def __iter__(self) -> Iterator[str]:
        yield from self._analyser.lexicon
        vocabulary = self._analyser.vocabulary
        if vocabulary is not None:
            # a snapshot (list() of a dict runs in C, all at once), as another thread may
            # change the vocabulary meanwhile
            words = list(vocabulary.counts())
            yield from (word for word in words if word not in self._analyser.lexicon)

    def __len__(self) -> int:
        return sum(1 for _ in self)


def marked_spans(
    marks: Iterable[tuple[int, int, tuple[str, ...]]], query: Query
) -> list[tuple[int, int]]:
    """The (start, end) of the marks (`Analyser.marks`) whose terms the query found: what
    `highlight_spans` gives for the text the marks were made of."""
    wanted = query.terms()
    exact = {term.text for term in wanted if not term.prefix}
    prefixes = tuple(term.text for term in wanted if term.prefix)
    return [
        (start, end)
        for start, end, terms in marks
        if any(term in exact or term.startswith(prefixes) for term in terms)
    ]
