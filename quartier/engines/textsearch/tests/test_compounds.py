"""Compound splitting with linking elements, a minimum part length and a dictionary."""

from __future__ import annotations

import pytest

from quartier.engines.textsearch import Analyser, Vocabulary, analyse, default_analyser, stem


def parts(word: str, analyser: Analyser | None = None) -> list[str]:
    analyser = analyser or default_analyser()
    return [part.word for part in analyser.splitter.split(word)]


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("leerstandsmanagement", ["leerstand", "management"]),  # Fugen-s
        ("zwischennutzungen", ["zwischen", "nutzung"]),  # inflected last part: its lemma
        ("kooperationsvereinbarung", ["kooperation", "vereinbarung"]),
        ("schuelerinitiative", ["schueler", "initiative"]),
        ("generationenwechsel", ["generation", "wechsel"]),  # Fugen-en
        ("strassenfest", ["strasse", "fest"]),  # Fugen-n
        ("kinderbetreuung", ["kinder", "betreuung"]),  # Fugen-er as part of the word
        ("arbeitsplatz", ["arbeit", "platz"]),
        ("stadtteilfeste", ["stadtteil", "fest"]),
        ("quartiersraeume", ["quartier", "raeume"]),
        ("schulhof", ["schule", "hof"]),  # a three-letter part: a dictionary lemma
        ("schulgarten", ["schule", "garten"]),  # dropped e
        ("wohnraum", ["wohnen", "raum"]),  # dropped en
        ("foerdermittel", ["foerder", "mittel"]),
        ("nachbarschaftszentrum", ["nachbarschaft", "zentrum"]),
        ("wohnungsunternehmen", ["wohnung", "unternehmen"]),
    ],
)
def test_compounds_split_into_their_words(word, expected):
    assert parts(word) == expected


@pytest.mark.parametrize("word", ["unternehmen", "werkstatt", "innenstadt", "leerstand"])
def test_stop_words_are_no_parts_and_lexicon_words_stay_whole(word):
    analyser = Analyser(Vocabulary({"leer": 5, "stand": 5, "nehmen": 3, "werk": 3}))
    assert parts(word, analyser) == []


def test_a_lexicon_compound_splits_into_lexicon_words():
    assert parts("stadtentwicklung") == ["stadt", "entwicklung"]


def test_words_of_the_vocabulary_are_parts_too():
    analyser = Analyser(
        Vocabulary.from_texts(["Das Ladenlokal und der Bolzplatz am Deich, Bolzen"])
    )
    assert parts("deichbolzplatz", analyser) == ["deich", "bolzplatz"]
    assert [p.word for p in analyser.splitter.decompose("deichbolzplatz")] == [
        "deich",
        "bolzplatz",
        "bolzen",
        "platz",
    ]


def test_parts_are_at_least_four_letters_long_unless_dictionary_lemmas():
    analyser = Analyser(Vocabulary({"amt": 9, "haus": 9}), dictionary=None)
    assert parts("amtshaus", analyser) == []
    assert Analyser(
        Vocabulary({"amt": 9, "haus": 9}), min_part_length=3, dictionary=None
    ).splitter.split("amtshaus")
    # three letters from the vocabulary alone are not enough; a dictionary lemma is
    assert parts("qarhaus", Analyser(Vocabulary({"qar": 9}))) == []
    assert parts("amtshaus") == ["amt", "haus"]


def test_the_split_with_fewer_parts_wins():
    analyser = Analyser(Vocabulary({"leerstandsmanagement": 2, "konzept": 2}))
    assert parts("leerstandsmanagementkonzept", analyser) == ["leerstandsmanagement", "konzept"]
    terms = analyse("Leerstandsmanagementkonzept", analyser.vocabulary)
    assert {"leerstand", "management", "konzept", "leerstandsmanagement"} <= set(terms)


def test_index_terms_hold_the_whole_word_and_its_parts():
    assert analyse("Leerstandsmanagement") == ["leerstandsmanagement", "leerstand", "management"]
    assert analyse("Zwischennutzungen")[0] == stem("zwischennutzung")
    assert {"zwisch", "nutzung"} <= set(analyse("Zwischennutzungen"))


def test_a_suspended_compound_is_completed_from_the_next_word():
    terms = analyse("Schüler- und Studierendeninitiativen")
    assert analyse("Schülerinitiativen")[0] in terms
    assert stem("student") in terms


def test_a_hyphenated_word_gives_its_parts_and_the_joined_word():
    assert analyse("Kreativ-Workshop") == ["kreativ", "workshop", "kreativworkshop"]
