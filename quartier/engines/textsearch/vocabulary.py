"""The words of the indexed texts and how often they occur.

The vocabulary feeds the compound splitter (which words exist), the typo tolerance (what a
mistyped word may have meant) and the completion of a prefix. It holds folded words
(`fold_word`): no stop words, no numbers, no single letters.

Build it from all indexed texts (`Vocabulary.from_texts`), keep it current with `add_text`,
or from word counts kept elsewhere (`count_words` of each text, summed, e.g. by database
triggers) with `Vocabulary(counts)` and `set_counts` for the words whose counts changed; store
it between processes with `to_dict` / `from_dict`. Index terms of the whole word do
not depend on it; only the additional compound parts do, so a document indexed with an older
vocabulary is still found by its words.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from .normalise import tokenise
from .stopwords import STOP_WORDS

__all__ = ["Vocabulary"]


class Vocabulary:
    """Folded words with their frequencies; `version` grows with every change."""

    def __init__(self, words: Mapping[str, int] | None = None) -> None:
        self._counts: Counter[str] = Counter()
        self.version = 0
        self._changed: list[str] = []
        """Every word that came or went, in order (so an analyser can follow incrementally)."""
        if words:
            for word, count in words.items():
                if self._admits(word) and count > 0:
                    self._counts[word] += count
            self._changed.extend(self._counts)
        self._analyser: Any = None  # the Analyser cached for this vocabulary

    @staticmethod
    def count_words(text: str) -> dict[str, int]:
        """The words of a text that a vocabulary counts, with their counts.

        >>> Vocabulary.count_words("Die Läden, die Läden! Kreativ-Workshop")
        {'laeden': 2, 'kreativ': 1, 'workshop': 1, 'kreativworkshop': 1}
        """
        return {
            word: count
            for word, count in Counter(_words_of(text)).items()
            if Vocabulary._admits(word)
        }

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Vocabulary:
        vocabulary = cls()
        for text in texts:
            vocabulary.add_text(text)
        return vocabulary

    def add_text(self, text: str) -> None:
        """Count the words of one more text."""
        self.add_words(Counter(_words_of(text)))

    def add_words(self, words: Mapping[str, int]) -> None:
        """Count folded words (e.g. merged from another vocabulary)."""
        changed = False
        for word, count in words.items():
            if self._admits(word) and count > 0:
                if word not in self._counts:
                    self._changed.append(word)
                self._counts[word] += count
                changed = True
        if changed:
            self.version += 1

    def set_counts(self, words: Mapping[str, int]) -> None:
        """Set the counts of these words; a count of 0 or less removes the word."""
        changed = False
        for word, count in words.items():
            if not self._admits(word):
                continue
            old = self._counts.get(word, 0)
            if count > 0 and count != old:
                self._counts[word] = count
            elif count <= 0 and old:
                del self._counts[word]
            else:
                continue
            changed = True
            if (old > 0) != (count > 0):
                self._changed.append(word)
        if changed:
            self.version += 1

    def changed_since(self, position: int) -> tuple[list[str], int]:
        """The words that came or went since `position` in the list of changes (possibly
        repeated; whether a word is there now tells which), and the new position."""
        return self._changed[position:], len(self._changed)

    def total(self) -> int:
        """The sum of all counts."""
        return sum(self._counts.values())

    def frequency(self, word: str) -> int:
        return self._counts.get(word, 0)

    def __contains__(self, word: object) -> bool:
        return word in self._counts

    def __len__(self) -> int:
        return len(self._counts)

    def __iter__(self) -> Iterator[str]:
        return iter(self._counts)

    def items(self) -> Iterable[tuple[str, int]]:
        return self._counts.items()

    def counts(self) -> Mapping[str, int]:
        """The words and their frequencies (read-only use)."""
        return self._counts

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready form: {"format": 1, "words": {word: count}}."""
        return {"format": 1, "words": dict(sorted(self._counts.items()))}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Vocabulary:
        if data.get("format") != 1:
            raise ValueError("unknown vocabulary format")
        words = data.get("words") or {}
        return cls({str(word): int(count) for word, count in words.items()})

    @staticmethod
    def _admits(word: str) -> bool:
        return len(word) > 1 and word.isascii() and word.isalpha() and word not in STOP_WORDS


def _words_of(text: str) -> Iterator[str]:
    for token in tokenise(text):
        yield from token.words
        if len(token.words) > 1:
            yield "".join(token.words)
