"""Case, umlauts, ß, Unicode, hyphens, numbers and gender forms become plain ASCII words."""

from __future__ import annotations

import pytest

from quartier.engines.textsearch import fold_gender, fold_word, tokenise


def words(text: str) -> list[tuple[str, ...]]:
    return [token.words for token in tokenise(text)]


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Straße", "strasse"),
        ("STRASSE", "strasse"),
        ("Müller", "mueller"),
        ("Mueller", "mueller"),
        ("Läden", "laeden"),
        ("Öffentlichkeit", "oeffentlichkeit"),
        ("GROẞSTADT", "grossstadt"),
        ("Café", "cafe"),
        ("İstanbul", "istanbul"),
        ("Kadıköy", "kadikoey"),
        ("Ærø", "aeroe"),
        ("Łódź", "lodz"),
        ("ﬁnanzieren", "finanzieren"),  # ligature
        ("Ｋｉｅｚ", "kiez"),  # full width
        ("Mu\u0308ller", "mueller"),  # decomposed umlaut
    ],
)
def test_a_word_is_folded_to_lowercase_ascii_with_umlauts_written_out(raw, folded):
    assert fold_word(raw) == [folded]


def test_strasse_and_strasse_with_sharp_s_are_the_same_word():
    assert fold_word("Straße") == fold_word("Strasse") == fold_word("STRASSE")


def test_numbers_are_kept_and_superscripts_become_digits():
    assert words("120 m² im Jahr 2024") == [("120",), ("m2",), ("im",), ("jahr",), ("2024",)]
    assert words("Fördersumme 50.000 Euro") == [("foerdersumme",), ("50000",), ("euro",)]
    assert words("am 12.05.2024") == [("am",), ("12",), ("05",), ("2024",)]
    assert fold_word("٣") == ["3"]


def test_a_hyphenated_word_keeps_its_parts_together():
    (token,) = tokenise("Kreativ-Workshop")
    assert token.words == ("kreativ", "workshop")
    assert not token.suspended


def test_a_hyphen_before_und_marks_a_suspended_compound():
    tokens = list(tokenise("Schüler- und Studierendeninitiativen"))
    assert [token.words for token in tokens] == [
        ("schueler",),
        ("und",),
        ("studierendeninitiativen",),
    ]
    assert tokens[0].suspended


def test_a_soft_hyphen_inside_a_word_is_ignored():
    assert words("Zwischen\u00adnutzung") == [("zwischennutzung",)]


def test_offsets_point_into_the_original_text():
    text = "Das Straßenfest"
    token = list(tokenise(text))[1]
    assert text[token.start : token.end] == "Straßenfest"


def test_punctuation_and_gender_signs_separate_words():
    assert words("Akteur*innen, Akteur:innen; (Initiative)") == [
        ("akteur",),
        ("innen",),
        ("akteur",),
        ("innen",),
        ("initiative",),
    ]


def test_a_capital_i_for_gender_is_read_as_a_small_one():
    assert words("AkteurInnen StudentIn") == [("akteurinnen",), ("studentin",)]


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("schuelerinnen", "schueler"),
        ("studentin", "student"),
        ("akteurinnen", "akteur"),
        ("nachbarin", "nachbar"),
        ("kuenstlerin", "kuenstler"),
        ("termin", "termin"),
        ("berlin", "berlin"),
        ("beginnen", "beginnen"),
        ("medizin", "medizin"),
    ],
)
def test_feminine_forms_are_reduced_to_the_base_word_but_other_words_are_not(word, base):
    assert fold_gender(word) == base


def test_e_v_and_street_abbreviations_are_written_out():
    assert words("Kulturverein e. V.") == [("kulturverein",), ("eingetragener",), ("verein",)]
    assert words("Marktstr. 5") == [("marktstrasse",), ("5",)]


def test_words_of_other_scripts_stay_findable_as_ascii():
    (folded,) = fold_word("Москва")
    assert folded.isascii() and folded.isalnum() and folded == folded.lower()
    assert fold_word("МОСКВА") == [folded]


def test_very_long_words_are_cut():
    (folded,) = fold_word("a" * 500)
    assert len(folded) == 64
