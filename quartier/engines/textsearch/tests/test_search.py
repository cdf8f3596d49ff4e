"""The acceptance queries of the search issue over a small German corpus, in a real SQLite
FTS5 index, and the PostgreSQL tsquery of each query read back with the same results."""

from __future__ import annotations

import pytest

from quartier.engines.textsearch import (
    analyse_query,
    matches,
    rank,
    to_fts5_match,
    to_tsquery,
)

from . import tsquery
from .corpus import DOCUMENTS, fts5_index, fts5_search, index_terms, vocabulary

VOCABULARY = vocabulary()
TERMS = {document.key: index_terms(document, VOCABULARY) for document in DOCUMENTS}
ALL_TERMS = {
    key: frozenset(t for field in fields.values() for t in field) for key, fields in TERMS.items()
}


@pytest.fixture(scope="module")
def fts5():
    connection = fts5_index(VOCABULARY)
    yield connection
    connection.close()


def search(fts5, text: str, *, prefix: bool = False) -> list[str]:
    """FTS5 finds the candidates, `rank` orders them: the Django side in miniature."""
    query = analyse_query(text, VOCABULARY, prefix=prefix)
    expression = to_fts5_match(query)
    if expression is None:
        return []
    found = fts5_search(fts5, expression)
    by_key = {document.key: document for document in DOCUMENTS}
    ranked = rank(query, [(key, TERMS[key], by_key[key].age_days) for key in found])
    return [key for key, _ in ranked]


ACCEPTANCE = [
    ("leerstehende Läden zwischennutzen", "ladenlokal"),
    ("Kooperationsvereinbarung mit Wohnungsunternehmen", "kooperation"),
    ("Förderung ohne eingetragenen Verein", "foerdermittel"),
    ("Schülerinitiative Nachfolge", "generationenwechsel"),
    ("Strassenfest", "strassenfest"),
    ("Zwischennutzng", "ladenlokal"),
    ("Leerstand", "leerstandsmanagement"),
    ("Management", "leerstandsmanagement"),
    ("Mueller", "mueller"),
    ("Hauptstraße", "mueller"),
    ("Runder Tisch", "runder-tisch"),
    ("Kreativworkshop", "kreativ"),
    ("Workshop für Kreative", "kreativ"),
    ("Studierendeninitiative", "generationenwechsel"),
    ("Künstlerin", "kreativ"),
]


@pytest.mark.parametrize(("text", "expected"), ACCEPTANCE)
def test_the_acceptance_queries_find_their_item_first_or_among_the_first(fts5, text, expected):
    found = search(fts5, text)
    assert expected in found[:3], (text, found)


def test_leerstehende_laeden_zwischennutzen_finds_the_guide_through_leerstand_and_ladenlokal(fts5):
    assert search(fts5, "leerstehende Läden zwischennutzen")[0] == "ladenlokal"


def test_a_prefix_finds_while_typing(fts5):
    assert "strassenfest" in search(fts5, "Straßenf", prefix=True)
    assert "kooperation" in search(fts5, "Kooperationsver", prefix=True)
    assert "generationenwechsel" in search(fts5, "Schülerini", prefix=True)


def test_a_query_of_stop_words_only_still_finds_the_page_that_has_them(fts5):
    assert search(fts5, "Über uns")[0] == "ueber-uns"


def test_nothing_is_found_for_an_empty_query(fts5):
    assert search(fts5, "  –  ") == []


QUERIES = [text for text, _ in ACCEPTANCE] + [
    "Über uns",
    "Straßenf",
    "Kreativ-Workshop Atelierhaus",
    "Fest OR NOT Tisch",
    'Raum "für" Kinder*',
    "e. V.",
    "Leerstandsmanagment Städte",
]


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("prefix", [False, True])
def test_fts5_and_tsquery_find_exactly_what_the_query_means(fts5, text, prefix):
    query = analyse_query(text, VOCABULARY, prefix=prefix)
    expected = {key for key, terms in ALL_TERMS.items() if matches(query, terms)}
    expression = to_fts5_match(query)
    assert expression is not None
    assert fts5_search(fts5, expression) == expected
    reader = tsquery.parse(to_tsquery(query) or "")
    assert {key for key, terms in ALL_TERMS.items() if reader(terms)} == expected


def test_the_any_word_fallback_is_the_same_in_both_expressions(fts5):
    query = analyse_query("Straßenfest Kooperationsvereinbarung", VOCABULARY)
    strict = to_fts5_match(query)
    assert strict is not None and fts5_search(fts5, strict) == set()
    loose = to_fts5_match(query, require_all=False)
    assert loose is not None
    assert fts5_search(fts5, loose) == {"strassenfest", "kooperation"}
    reader = tsquery.parse(to_tsquery(query, require_all=False) or "")
    assert {key for key, terms in ALL_TERMS.items() if reader(terms)} == {
        "strassenfest",
        "kooperation",
    }
