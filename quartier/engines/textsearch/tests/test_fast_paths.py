"""The shortcuts taken for speed give the same answers as the plain way."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quartier.engines.textsearch import (
    Query,
    Ranker,
    Vocabulary,
    analyse,
    analyse_query,
    analyser_for,
    default_analyser,
    highlight_spans,
    marked_spans,
    tokenise,
)

from .corpus import DOCUMENTS, vocabulary

TEXTS = [text for document in DOCUMENTS for text in document.texts().values()]
WORDS = sorted({text[t.start : t.end] for text in TEXTS for t in tokenise(text)})


def plain_highlight(text: str, query: Query, vocab: Vocabulary | None) -> list[tuple[int, int]]:
    """Every word analysed, as highlight_spans did before it skipped words."""
    analyser = analyser_for(vocab)
    wanted = query.terms()
    exact = {term.text for term in wanted if not term.prefix}
    prefixes = tuple(term.text for term in wanted if term.prefix)
    tokens = list(tokenise(text))
    spans = []
    for index, token in enumerate(tokens):
        following = tokens[index + 1 : index + 3] if token.suspended else ()
        terms = analyser.token_terms(token, following)
        if any(term in exact or term.startswith(prefixes) for term in terms):
            spans.append((token.start, token.end))
    return spans


def test_highlighting_skips_only_words_that_cannot_match():
    vocab = vocabulary()
    queries = [
        *WORDS,
        "leerstehende Läden",
        "gefördert",
        "Studierende",
        "Schülerinitiative",
        "Strassenf",
        "Zwischennutzng",
        "Vernetzung",
    ]
    for text in queries:
        for prefix in (False, True):
            query = analyse_query(text, vocab, prefix=prefix)
            for document in TEXTS:
                for used in (None, vocab):
                    assert highlight_spans(document, query, used) == plain_highlight(
                        document, query, used
                    ), (text, document)


def test_stored_marks_highlight_as_the_text_and_carry_its_index_terms():
    vocab = vocabulary()
    for document in TEXTS:
        marks = default_analyser().marks(document)
        assert [term for _s, _e, terms in marks for term in terms] == analyse(document)
        for text in [*WORDS, "leerstehende Läden", "Strassenf", "Zwischennutzng"]:
            query = analyse_query(text, vocab, prefix=True)
            assert marked_spans(marks, query) == highlight_spans(document, query), text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join),
    st.sampled_from(TEXTS),
    st.lists(st.sampled_from(TEXTS), min_size=1, max_size=3).map(" ".join),
)
def test_ranking_a_stored_string_equals_ranking_its_list(query_text, title, body):
    query = analyse_query(query_text, vocabulary(), prefix=True)
    ranker = Ranker(query)
    as_lists = {"title": analyse(title), "body": analyse(body)}
    as_strings = {name: " ".join(terms) for name, terms in as_lists.items()}
    assert ranker.score(as_strings, 10) == ranker.score(as_lists, 10)


def test_repeated_terms_are_all_counted():
    query = analyse_query("Laden", None)
    ranker = Ranker(query)
    assert ranker.score({"body": "lad lad lad"}) == ranker.score({"body": ["lad"] * 3})
    assert ranker.score({"body": "lad lad lad"}) > ranker.score({"body": "lad"})


def test_the_analyser_follows_counts_set_from_outside():
    """An analyser whose vocabulary changed by set_counts answers as a fresh one."""
    vocab = Vocabulary({"zwischennutzung": 3, "bolzplatz": 1, "quartier": 2})
    analyser = analyser_for(vocab)
    for text in ("Zwischennutzng", "Bolzplaz", "Quart"):  # builds typo and completion lists
        analyse_query(text, vocab, prefix=True)
    version = vocab.version
    vocab.set_counts({"bolzplatz": 0, "deichbolzplatz": 2, "quartier": 5, "deich": 1})
    assert vocab.version > version
    assert "bolzplatz" not in vocab and vocab.frequency("quartier") == 5
    fresh = Vocabulary(dict(vocab.items()))
    for text in ("Bolzplaz", "Deichbolzplaz", "Zwischennutzng", "Quart", "Deichb"):
        for prefix in (False, True):
            assert analyse_query(text, vocab, prefix=prefix) == analyse_query(
                text, fresh, prefix=prefix
            ), text
    assert analyser_for(vocab) is analyser


def test_word_counts_of_a_text_are_what_a_vocabulary_counts():
    text = " ".join(TEXTS)
    assert Vocabulary.count_words(text) == dict(Vocabulary.from_texts([text]).items())
