"""The FTS5 and tsquery strings: quoting, prefixes, grouping, and their shape."""

from __future__ import annotations

import re
import sqlite3

import pytest

from quartier.engines.textsearch import (
    Alternative,
    Query,
    QueryWord,
    Term,
    analyse_query,
    matches,
    to_fts5_match,
    to_tsquery,
)

from . import tsquery

LEXEME = r"'(?:[^'\\]|''|\\.)*'(?::\*)?"


def is_tsquery_shape(text: str) -> bool:
    """Lexemes joined by & and |, in balanced parentheses, nothing else."""
    stripped = re.sub(LEXEME, "L", text)
    if not re.fullmatch(r"[L&|() ]+", stripped):
        return False
    depth = 0
    for char in stripped:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0 and re.search(r"L\s*L|[&|]\s*[&|)]|\(\s*[&|]", stripped) is None


def test_terms_are_quoted_prefixes_marked_and_groups_parenthesised():
    query = analyse_query("Leerstandsmanagement Strassenf", prefix=True)
    assert to_fts5_match(query) == (
        '("leerstandsmanagement" OR ("leerstand" AND "management"))'
        ' AND ("strassenf" OR "strassenf"*)'
    )
    assert to_tsquery(query) == (
        "('leerstandsmanagement' | ('leerstand' & 'management')) & ('strassenf' | 'strassenf':*)"
    )


def test_an_empty_query_gives_no_expression():
    assert to_fts5_match(analyse_query("")) is None
    assert to_tsquery(analyse_query("!")) is None


def test_quotes_and_backslashes_in_terms_are_escaped():
    odd = Query("x", (QueryWord("x", (Alternative((Term('a"b'), Term("c'd\\"))),)),))
    assert to_fts5_match(odd) == '("a""b" AND "c\'d\\")'
    assert to_tsquery(odd) == "('a\"b' & 'c''d\\\\')"
    reader = tsquery.parse(to_tsquery(odd) or "")
    assert reader(frozenset({'a"b', "c'd\\"}))
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    connection.execute("SELECT * FROM t WHERE t MATCH ?", (to_fts5_match(odd),)).fetchall()


@pytest.mark.parametrize(
    "text",
    [
        "Leerstandsmanagement",
        "Kooperationsvereinbarung mit Wohnungsunternehmen",
        "Über uns",
        "Kreativ-Workshop 2024",
        "AND OR NOT NEAR",
        "Straßenf",
    ],
)
def test_the_tsquery_has_the_shape_postgresql_reads(text):
    for prefix in (False, True):
        expression = to_tsquery(analyse_query(text, prefix=prefix))
        assert expression is not None and is_tsquery_shape(expression), expression


def test_operator_words_are_plain_terms_in_fts5():
    query = analyse_query("and or not near")
    assert query.stop_words_only or query.words
    expression = to_fts5_match(query)
    assert expression is not None
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(body)")
    connection.execute("INSERT INTO t VALUES ('and or not near')")
    assert connection.execute("SELECT count(*) FROM t WHERE t MATCH ?", (expression,)).fetchone()[
        0
    ] == int(matches(query, "and or not near"))
