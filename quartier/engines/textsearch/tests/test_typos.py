"""Typo tolerance against a word list."""

from __future__ import annotations

from quartier.engines.textsearch import TypoCorrector
from quartier.engines.textsearch.typos import allowed_distance

WORDS = {"zwischennutzung": 5, "zwischennutzen": 2, "quartier": 9, "laden": 4, "leiden": 1}


def test_allowed_distance_grows_with_length():
    assert [allowed_distance("x" * n) for n in (3, 4, 7, 8, 20)] == [0, 1, 1, 2, 2]


def test_a_missing_letter_is_found():
    assert TypoCorrector(WORDS).corrections("zwischennutzng") == ["zwischennutzung"]


def test_swapped_letters_count_as_one_edit():
    assert TypoCorrector(WORDS).corrections("ladne") == ["laden"]
    assert TypoCorrector(WORDS).corrections("qaurteir") == ["quartier"]


def test_only_the_nearest_words_are_offered_most_frequent_first():
    corrector = TypoCorrector({"laden": 4, "lasen": 9, "leiden": 20, "ladenzeile": 1})
    assert corrector.corrections("ladxn") == ["laden"]  # lasen is two edits away
    assert corrector.corrections("lahen") == ["lasen", "laden"]
    assert corrector.corrections("lahen", limit=1) == ["lasen"]


def test_too_far_or_too_short_words_get_nothing():
    corrector = TypoCorrector(WORDS)
    assert corrector.corrections("lxdxn") == []
    assert corrector.corrections("lad") == []
    assert corrector.corrections("") == []
