"""The German lexicon (german-nouns) and the thesaurus, for texts the corpus has never seen:
each class of miss of issue 17 with words that are in no vocabulary, no built-in lexicon and no
other test text here."""

from __future__ import annotations

import pytest

from quartier.engines.textsearch import (
    Analyser,
    Vocabulary,
    analyse,
    analyse_query,
    matches,
    rank,
    stem,
)
from quartier.engines.textsearch.lexicon import Lexicon, german_lexicon, lexicon_path
from quartier.engines.textsearch.thesaurus import Thesaurus, default_thesaurus


def found(query_text: str, document: str) -> bool:
    return matches(analyse_query(query_text), analyse(document))


def test_the_lexicon_comes_from_the_installed_package():
    assert lexicon_path() is not None
    lexicon = german_lexicon()
    assert len(lexicon.lemmas) > 80_000
    assert lexicon.lemma("tuerme") == "turm"
    assert lexicon.lemma("koechinnen") == "koechin"
    assert lexicon.lemma("berlin") is None  # names are left out


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("Brunnen", "Die Marktbrunnensanierung kostete mehr als geplant."),
        ("Turm", "Der Wasserturmverein lädt zur Führung ein."),
        ("Glocken", "Ein Rundgang durch die Glockenstuben der Altstadt."),
        ("Schaukel", "Die neue Nestschaukel ist barrierefrei."),
        ("Honig", "Der Stadthonig wird am Samstag verkauft."),
        ("Flohmarkt", "Der Hofflohmarkt findet im Mai statt."),  # a three-letter first part
    ],
)
def test_a_compound_part_the_corpus_has_never_seen_is_found(query, document):
    assert found(query, document)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("Kirchturm", "Drei Kirchtürme werden nachts geöffnet."),
        ("Dach", "Solarzellen auf allen Dächern der Schulen."),
        ("Volk", "Sechs Bienenvölker auf dem Rathaus."),
    ],
)
def test_umlaut_plurals_meet_their_singular(query, document):
    assert found(query, document)


@pytest.mark.parametrize(
    ("query", "document"),
    [
        ("Koch", "Drei Köchinnen betreiben den Mittagstisch."),
        ("Köchin", "Ein Koch aus dem Viertel kocht mittwochs."),
        ("Tischler", "Zwei Tischlerinnen leiten die Werkstatt."),
        ("Arzt", "Einmal im Monat kommt eine Kinderärztin."),
    ],
)
def test_feminine_forms_meet_the_masculine(query, document):
    assert found(query, document)


def test_a_document_with_most_query_words_is_ranked_not_dropped():
    query = analyse_query("Imkerei Rathausdach Stadthonig Wildblumen")
    documents = [
        (1, {"title": analyse("Imkerei auf dem Rathausdach"), "body": analyse("Stadthonig")}, 0),
        (
            2,
            {
                "title": analyse("Imkerei und Wildblumen"),
                "body": analyse("Stadthonig vom Rathausdach"),
            },
            0,
        ),
        (3, {"title": analyse("Ein Kiosk"), "body": analyse("Zeitungen")}, 0),
    ]
    ranked = rank(query, documents)
    assert [key for key, _score in ranked][:2] == [2, 1]
    assert ranked[1][1] > 0 and ranked[2][1] == 0
    assert matches(query, documents[0][1]["title"] + documents[0][1]["body"], require_all=False)


def test_synonyms_of_the_thesaurus_are_found_below_the_word():
    thesaurus = Thesaurus.from_text("# a comment\nKiez, Nachbarschaft\nDachgarten, Gründach\n")
    analyser = Analyser(Vocabulary(), thesaurus=thesaurus)
    query = analyser.analyse_query("Kiez")
    assert matches(query, analyser.analyse("Die Nachbarschaft feiert"))
    ranked = rank(
        query,
        [
            (1, {"title": analyser.analyse("Nachbarschaft")}, None),
            (2, {"title": analyser.analyse("Kiez")}, None),
        ],
    )
    assert [key for key, _score in ranked] == [2, 1]
    assert matches(analyser.analyse_query("Gründach"), analyser.analyse("Ein Dachgarten"))


def test_the_default_thesaurus_is_the_documented_data_file():
    assert len(default_thesaurus()) > 20
    assert found("Freiwilligenarbeit", "Ehrenamt im Sportverein")


def test_the_splitter_keeps_field_words_over_rare_dictionary_words():
    assert [p.word for p in Analyser().splitter.split("foerdermittel")] == ["foerder", "mittel"]


def test_a_small_lexicon_can_be_given():
    lexicon = Lexicon.from_entries([("Zwurbel", ["Zwurbels", "Zwürbel"])])
    analyser = Analyser(Vocabulary(), dictionary=lexicon)
    assert lexicon.lemma("zwuerbel") == "zwurbel"
    assert stem("zwurbel") in analyser.analyse("Zwürbel")
    assert "zwurbel" in [p.word for p in analyser.splitter.split("zwurbelhaus")] or not (
        analyser.splitter.split("zwurbelhaus")
    )


def test_the_folded_forms_are_cached_for_the_next_process(tmp_path, monkeypatch):
    from quartier.engines.textsearch import lexicon as module

    monkeypatch.setenv("QUARTIER_CACHE_DIR", str(tmp_path))
    source = lexicon_path()
    assert source is not None
    first = module._load()
    assert module.cache_path(source).exists()
    again = module._load()  # from the cache file
    assert dict(again.items()) == dict(first.items())
    module.cache_path(source).write_text("not json", encoding="ascii")
    assert len(module._load()) == len(first)  # a broken cache is read anew
