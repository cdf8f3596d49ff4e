"""Snowball German after the umlaut decision: inflected forms meet in one stem."""

from __future__ import annotations

import pytest

from quartier.engines.textsearch import analyse, stem
from quartier.engines.textsearch.normalise import fold_word


def term(word: str) -> str:
    (folded,) = fold_word(word)
    return stem(folded)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Läden", "Laden"),
        ("Laeden", "Läden"),
        ("Zwischennutzungen", "Zwischennutzung"),
        ("Straßenfest", "Strassenfest"),
        ("Straßenfeste", "Strassenfest"),
        ("Müller", "Mueller"),
        ("Initiativen", "Initiative"),
        ("Vereine", "Verein"),
        ("Vereins", "Verein"),
        ("Räume", "Raum"),
        ("Häuser", "Haus"),
        ("Leerstände", "Leerstand"),
        ("Projekten", "Projekt"),
        ("Schülerinnen", "Schüler"),
        ("Akteurinnen", "Akteur"),
        ("Vereinbarungen", "Vereinbarung"),
        ("Förderungen", "Förderung"),
    ],
)
def test_forms_of_a_word_meet_in_one_term(one, other):
    assert term(one) == term(other)


@pytest.mark.parametrize(
    ("derived", "noun"),
    [
        ("leerstehende", "Leerstand"),
        ("leerstehenden", "Leerstand"),
        ("zwischennutzen", "Zwischennutzung"),
        ("fördern", "Förderung"),
        ("gefördert", "Förderung"),
        ("Studierende", "Student"),
        ("Studierenden", "Studenten"),
        ("kooperieren", "Kooperation"),
    ],
)
def test_derived_words_of_the_domain_are_searched_as_their_noun(derived, noun):
    assert term(derived) == term(noun)


def test_unrelated_words_stay_apart():
    assert term("Studie") != term("Student")
    assert term("Grund") != term("Gründung")
    assert term("Nachbar") != term("Nachbarschaft")


def test_numbers_are_not_stemmed():
    assert stem("2024") == "2024"
    assert analyse("Räume 120 m²") == ["raum", "120", "m2"]
