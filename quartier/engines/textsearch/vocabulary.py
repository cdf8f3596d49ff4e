"""The words of the indexed texts and how often they occur.

The vocabulary feeds the compound splitter (which words exist), the typo tolerance (what a
mistyped word may have meant) and the completion of a prefix. It holds folded words
(`fold_word`): no stop words, no numbers, no single letters.

Build it from all indexed texts (`Vocabulary.from_texts`), keep it current with `add_text`,
and store it between processes with `to_dict` / `from_dict`. Index terms of the whole word do
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
        if words:
            for word, count in words.items():
                if self._admits(word) and count > 0:
                    self._counts[word] += count
        self._analyser: Any = None  # the Analyser cached for this vocabulary

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
                self._counts[word] += count
                changed = True
        if changed:
            self.version += 1

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
