"""Properties over arbitrary text: nothing raises, terms are plain, expressions are valid."""

from __future__ import annotations

import re
import sqlite3

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.engines.textsearch import (
    Vocabulary,
    analyse,
    analyse_query,
    highlight_spans,
    matches,
    rank,
    to_fts5_match,
    to_tsquery,
)

from . import tsquery

PLAIN = re.compile(r"[a-z0-9]+")
GERMAN = st.sampled_from(
    [
        *("Straße", "Läden", "Zwischennutzung", "leerstehende", "Schüler-", "und"),
        *("Studierendeninitiativen", "Kreativ-Workshop", "e. V.", "50.000", "m²", "Marktstr."),
        *("ẞ", "Ä", "ö", "ü", "ß", "-", "–", "'", '"', "*", ":", "(", ")", "^", ""),
        *("AND", "OR", "NOT", "NEAR", "Zwischennutzng", "AkteurInnen", "Straßenf"),
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=12), GERMAN), max_size=12).map(" ".join)
VOCABULARY = Vocabulary.from_texts(
    ["Zwischennutzung von Leerstand", "Straßenfest im Quartier", "Kooperationsvereinbarung"]
)

relaxed = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@relaxed
@given(TEXT)
def test_analysis_never_raises_and_gives_lowercase_ascii_letters_and_digits(text):
    for terms in (analyse(text), analyse(text, VOCABULARY)):
        assert all(PLAIN.fullmatch(term) for term in terms), terms


@relaxed
@given(TEXT, st.booleans())
def test_every_query_term_is_plain_and_expressions_are_valid_in_sqlite(text, prefix):
    query = analyse_query(text, VOCABULARY, prefix=prefix)
    assert all(PLAIN.fullmatch(term.text) for term in query.terms())
    expression = to_fts5_match(query)
    assert (expression is None) == query.is_empty
    if expression is not None:
        connection = sqlite3.connect(":memory:")
        connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
        connection.execute("SELECT * FROM t WHERE t MATCH ?", (expression,)).fetchall()
        tsquery.parse(to_tsquery(query) or "")


@relaxed
@given(TEXT, TEXT, st.booleans())
def test_fts5_tsquery_and_python_agree_on_any_document(document, text, prefix):
    query = analyse_query(text, VOCABULARY, prefix=prefix)
    expression = to_fts5_match(query)
    terms = analyse(document, VOCABULARY)
    expected = matches(query, terms)
    if expression is None:
        assert not expected
        return
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    connection.execute("INSERT INTO t VALUES (?)", (" ".join(terms),))
    found = connection.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()
    assert bool(found[0]) == expected
    assert tsquery.parse(to_tsquery(query) or "")(frozenset(terms)) == expected


@relaxed
@given(TEXT, TEXT)
def test_a_document_always_matches_a_query_made_of_its_own_text(document, extra):
    query = analyse_query(document)
    if not query.is_empty:
        assert matches(query, analyse(document + " " + extra))


@relaxed
@given(TEXT, TEXT)
def test_ranking_and_highlighting_never_raise(document, text):
    query = analyse_query(text, VOCABULARY, prefix=True)
    fields = {"title": analyse(document), "body": " ".join(analyse(document))}
    ((_, value),) = rank(query, [("d", fields, 3.0)])
    assert value >= 0
    for start, end in highlight_spans(document, query):
        assert 0 <= start < end <= len(document)
