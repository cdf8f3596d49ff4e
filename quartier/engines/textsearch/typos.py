"""Typo tolerance: the known words nearest to a word that is not known.

A word of 4 to 7 letters may be one edit away, a longer one two (an edit is inserting,
deleting or replacing a letter, or swapping two neighbouring letters: the optimal string
alignment variant of the Damerau–Levenshtein distance). "zwischennutzng" finds
"zwischennutzung".

The known words are kept sorted by length, so a look-up compares the word only with words of
a length within the allowed distance, with rapidfuzz's bit-parallel distance in C. With
50,000 words that is about 1–3 ms a word and no memory beyond the word list (a
symmetric-delete index for distance 2 needed 200 MB and 10 s to build for the same list).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping

from rapidfuzz import process
from rapidfuzz.distance import OSA

__all__ = ["TypoCorrector", "allowed_distance"]


def allowed_distance(word: str) -> int:
    """How many edits a word of this length may contain: 0, 1 (4–7 letters) or 2 (8+)."""
    if len(word) < 4:
        return 0
    return 1 if len(word) < 8 else 2


class TypoCorrector:
    """Finds the nearest known words; built once per vocabulary."""

    def __init__(self, frequencies: Mapping[str, int]) -> None:
        words = sorted((word for word in frequencies if word.isalpha()), key=_order)
        self._words = words
        self._lengths = [len(word) for word in words]
        self._frequencies = frequencies

    def __len__(self) -> int:
        return len(self._words)

    def updated(self, changed: Iterable[str]) -> TypoCorrector:
        """A corrector for the same (live) frequencies after these words came or went: a
        copy of the word list with them put in or taken out, instead of sorting anew."""
        fresh = TypoCorrector.__new__(TypoCorrector)
        fresh._frequencies = self._frequencies
        fresh._words, fresh._lengths = list(self._words), list(self._lengths)
        for word in changed:
            if not word.isalpha():
                continue
            index = bisect.bisect_left(fresh._words, (len(word), word), key=_order)
            there = index < len(fresh._words) and fresh._words[index] == word
            present = self._frequencies.get(word, 0) > 0
            if present and not there:
                fresh._words.insert(index, word)
                fresh._lengths.insert(index, len(word))
            elif there and not present:
                del fresh._words[index]
                del fresh._lengths[index]
        return fresh

    def corrections(self, word: str, limit: int = 3) -> list[str]:
        """Up to `limit` known words at the smallest distance found, most frequent first.

        Empty when the word is too short, or no known word is near enough.
        """
        distance = allowed_distance(word)
        if distance == 0 or not word.isalpha():
            return []
        low = bisect.bisect_left(self._lengths, len(word) - distance)
        high = bisect.bisect_right(self._lengths, len(word) + distance)
        matches = process.extract(
            word,
            self._words[low:high],
            scorer=OSA.distance,
            score_cutoff=distance,
            limit=None,
        )
        found = [(str(candidate), int(edits)) for candidate, edits, _ in matches]
        found = [(candidate, edits) for candidate, edits in found if candidate != word]
        if not found:
            return []
        nearest = min(edits for _, edits in found)
        best = sorted(
            (candidate for candidate, edits in found if edits == nearest),
            key=lambda candidate: (-self._frequencies.get(candidate, 0), candidate),
        )
        return best[:limit]


def _order(word: str) -> tuple[int, str]:
    return len(word), word
