"""Queries: AND across words, OR within a word's alternatives, stop words, prefix, typos."""

from __future__ import annotations

from quartier.engines.textsearch import (
    Term,
    Vocabulary,
    analyse,
    analyse_query,
    matches,
)

VOCABULARY = Vocabulary.from_texts(
    [
        "Ein Ladenlokal zwischennutzen in zehn Schritten",
        "Zwischennutzung von Leerstand im Quartier",
        "Das Straßenfest in der Marktstraße",
        "Eine Kooperationsvereinbarung mit dem Wohnungsunternehmen",
        "Nachbarschaftszentrum und Nachbarschaftshilfe",
    ]
)


def alternatives(text: str, **options) -> list[list[set[tuple[str, bool]]]]:
    query = analyse_query(text, VOCABULARY, **options)
    return [
        [{(term.text, term.prefix) for term in alt.terms} for alt in word.alternatives]
        for word in query.words
    ]


def test_each_word_becomes_a_group_of_alternatives():
    assert alternatives("Leerstandsmanagement Innenstadt") == [
        [{("leerstandsmanagement", False)}, {("leerstand", False), ("management", False)}],
        [{("innenstadt", False)}],
    ]


def test_a_document_must_match_every_word_and_any_alternative_of_it():
    query = analyse_query("Leerstandsmanagement Innenstadt")
    assert matches(query, analyse("Leerstandsmanagement in der Innenstadt"))
    assert matches(query, analyse("Management von Leerstand in der Innenstadt"))
    assert not matches(query, analyse("Management in der Innenstadt"))
    assert not matches(query, analyse("Leerstandsmanagement im Dorf"))


def test_leerstandsmanagement_finds_leerstand_and_management_and_back():
    document = analyse("Leerstandsmanagement für kleine Städte")
    assert matches(analyse_query("Leerstand"), document)
    assert matches(analyse_query("Management"), document)
    assert matches(analyse_query("Leerstandsmanagement"), analyse("Leerstand braucht Management"))


def test_zwischennutzungen_finds_zwischennutzung():
    assert matches(analyse_query("Zwischennutzungen"), analyse("Eine Zwischennutzung planen"))
    assert matches(analyse_query("Zwischennutzung"), analyse("Zwischennutzungen in Läden"))


def test_strassenfest_finds_strassenfest_with_sharp_s():
    assert matches(analyse_query("Strassenfest"), analyse("Das Straßenfest im Quartier"))
    assert matches(analyse_query("Straßenfeste"), analyse("Ein Strassenfest"))


def test_leerstehende_laeden_zwischennutzen_finds_leerstand_and_ladenlokal():
    query = analyse_query("leerstehende Läden zwischennutzen")
    guide = "Ein Ladenlokal zwischennutzen: Leerstand in der Innenstadt als Chance"
    assert matches(query, analyse(guide))
    assert not matches(query, analyse("Ein Ladenlokal zwischennutzen"))


def test_stop_words_are_left_out_of_a_query():
    query = analyse_query("Förderung ohne einen eingetragenen Verein")
    assert [word.text for word in query.words] == ["Förderung", "eingetragenen", "Verein"]


def test_a_query_of_only_stop_words_keeps_them_unstemmed():
    query = analyse_query("Über uns")
    assert query.stop_words_only
    assert [[alt.terms for alt in word.alternatives] for word in query.words] == [
        [(Term("ueber"),)],
        [(Term("uns"),)],
    ]
    assert matches(query, analyse("Über uns: wer wir sind"))


def test_an_empty_query_has_no_words():
    assert analyse_query("").is_empty
    assert analyse_query(" … – !").is_empty


def test_the_last_word_is_a_prefix_when_asked_for():
    query = analyse_query("Förderung Strassenf", prefix=True)
    assert Term("strassenf", prefix=True) in query.terms()
    assert matches(query, analyse("Förderung für das Straßenfest"))
    assert all(not term.prefix for term in analyse_query("Strassenf").terms())


def test_no_prefix_after_a_trailing_space():
    assert all(not t.prefix for t in analyse_query("Strassenf ", prefix=True).terms())


def test_a_prefix_is_completed_from_the_vocabulary_across_umlauts_and_stems():
    query = analyse_query("Läd", VOCABULARY, prefix=True)
    assert matches(query, analyse("Läden und Geschäfte"))
    query = analyse_query("Nachbarschaftsz", VOCABULARY, prefix=True)
    assert matches(query, analyse("Das Nachbarschaftszentrum", VOCABULARY))


def test_a_typo_is_corrected_against_the_vocabulary():
    query = analyse_query("Zwischennutzng", VOCABULARY)
    assert query.corrections == {"Zwischennutzng": ("zwischennutzung",)}
    assert matches(query, analyse("Eine Zwischennutzung", VOCABULARY))


def test_short_words_get_one_typo_and_long_words_two():
    assert analyse_query("Ldenlokal", VOCABULARY).corrections  # 9 letters, 1 edit
    assert analyse_query("Kooperatinsvereinbarnug", VOCABULARY).corrections  # 2 edits
    assert not analyse_query("Qartir", VOCABULARY).corrections  # 6 letters, 2 edits
    assert analyse_query("Qartier", VOCABULARY).corrections == {"Qartier": ("quartier",)}


def test_known_words_and_their_forms_are_not_corrected():
    assert not analyse_query("Zwischennutzungen Läden Quartiere", VOCABULARY).corrections
    assert not analyse_query("Ladenzwischennutzung", VOCABULARY).corrections  # splits


def test_without_a_vocabulary_nothing_is_corrected():
    assert not analyse_query("Zwischennutzng").corrections


def test_a_hyphenated_query_word_finds_the_joined_and_the_separate_words():
    query = analyse_query("Kreativ-Workshop")
    assert matches(query, analyse("Ein Kreativworkshop"))
    assert matches(query, analyse("Workshop für Kreative"))


def test_repeated_words_count_once():
    assert len(analyse_query("Fest Feste Fest").words) == 1


def test_a_long_query_is_cut_to_twelve_words():
    assert len(analyse_query(" ".join(f"wort{i}" for i in range(30))).words) == 12


def test_a_word_being_typed_is_not_corrected_to_a_shorter_word():
    query = analyse_query("Förderung Strassenf", VOCABULARY, prefix=True)
    assert not query.corrections
    query = analyse_query("Zwischennutzng", VOCABULARY, prefix=True)
    assert query.corrections == {"Zwischennutzng": ("zwischennutzung",)}
