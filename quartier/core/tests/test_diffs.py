"""The word diff stays near-linear: difflib never compares more than MAX_PAIRS token pairs at
once, however long the texts, and the result still marks exactly what changed."""

import random
from difflib import SequenceMatcher

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quartier.core import diffs
from quartier.core.diffs import MAX_PAIRS, WORDS_WITH_THEIR_SPACE, diff_text, diff_words

VOCABULARY = [
    "Quartier",
    "Leerstand",
    "Laden",
    "Allianz",
    "Stadt",
    "Verein",
    "Raum",
    "Nutzung",
    "und",
    "der",
    "die",
    "das",
    "mit",
]


def _long_text(seed: int, sentences: int = 900) -> str:
    """About 40 KB in one paragraph: numbered sentences of common words."""
    rng = random.Random(seed)
    return " ".join(
        f"Satz {n}: " + " ".join(rng.choice(VOCABULARY) for _ in range(6)) + "."
        for n in range(sentences)
    )


@pytest.fixture
def compared_pairs(monkeypatch):
    """The number of token pairs of every difflib comparison the diff makes."""
    sizes: list[int] = []

    def counting(isjunk, a, b, autojunk=True):
        sizes.append(len(a) * len(b))
        return SequenceMatcher(isjunk, a, b, autojunk=autojunk)

    monkeypatch.setattr(diffs, "SequenceMatcher", counting)
    return sizes


def _sides(segments):
    old = "".join(s.text for s in segments if s.op != "insert")
    new = "".join(s.text for s in segments if s.op != "delete")
    return old, new


def test_a_long_body_with_a_few_changed_words_is_compared_in_bounded_pieces(compared_pairs):
    old = _long_text(1)
    assert len(old) > 40_000 and "\n" not in old
    words = old.split(" ")
    for position, replacement in [(500, "Gemeinwohl"), (3000, "Zwischennutzung"), (6000, "Ende")]:
        words[position] = replacement
    new = " ".join(words)

    segments = diff_text(old, new)

    assert _sides(segments) == (old, new)
    assert [s.text for s in segments if s.op == "insert"] == [
        "Gemeinwohl",
        "Zwischennutzung",
        "Ende",
    ]
    assert len([s for s in segments if s.op == "delete"]) == 3
    assert compared_pairs and max(compared_pairs) <= MAX_PAIRS
    assert sum(compared_pairs) <= 20 * MAX_PAIRS


def test_two_unrelated_long_texts_are_one_replacement_without_a_quadratic_comparison(
    compared_pairs,
):
    old, new = _long_text(1), _long_text(2).replace("Satz", "Absatz")
    segments = diff_words(old, new, tokens=WORDS_WITH_THEIR_SPACE)
    assert _sides(segments) == (old, new)
    assert all(size <= MAX_PAIRS for size in compared_pairs)


def test_short_texts_keep_the_word_by_word_result():
    segments = diff_text("Der Laden ist leer.\nZweite Zeile.", "Der Laden ist voll.\nZweite Zeile.")
    assert [(s.op, s.text) for s in segments] == [
        ("equal", "Der Laden ist "),
        ("delete", "leer."),
        ("insert", "voll."),
        ("equal", "\nZweite Zeile."),
    ]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["a", "b", "c", "d", " ", "\n", "x y"]), max_size=60),
    st.lists(st.sampled_from(["a", "b", "c", "d", " ", "\n", "x y"]), max_size=60),
    st.integers(min_value=0, max_value=4),
)
def test_every_diff_rebuilds_both_texts(old_parts, new_parts, limit_power):
    old, new = "".join(old_parts), "".join(new_parts)
    original = diffs.MAX_PAIRS
    diffs.MAX_PAIRS = 10**limit_power  # small limits exercise the anchored path
    try:
        assert _sides(diff_text(old, new)) == (old, new)
        assert _sides(diff_words(old, new)) == (old, new)
    finally:
        diffs.MAX_PAIRS = original
