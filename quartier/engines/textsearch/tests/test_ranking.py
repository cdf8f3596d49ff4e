"""Ranking: field weights, alternative weights, freshness, statistics; deterministic."""

from __future__ import annotations

import pytest

from quartier.engines.textsearch import (
    RankingSettings,
    TermStatistics,
    analyse,
    analyse_query,
    rank,
    score,
)


def fields(title: str = "", summary: str = "", body: str = "") -> dict[str, list[str]]:
    return {"title": analyse(title), "summary": analyse(summary), "body": analyse(body)}


QUERY = analyse_query("Zwischennutzung")


def test_a_hit_in_the_title_counts_more_than_in_the_summary_more_than_in_the_body():
    title = score(QUERY, fields(title="Zwischennutzung"))
    summary = score(QUERY, fields(summary="Zwischennutzung"))
    body = score(QUERY, fields(body="Zwischennutzung"))
    assert title > summary > body > 0


def test_a_document_without_the_words_scores_zero():
    assert score(QUERY, fields(title="Straßenfest")) == 0


def test_the_whole_word_ranks_above_its_parts():
    whole = score(analyse_query("Leerstandsmanagement"), fields(title="Leerstandsmanagement"))
    parts = score(analyse_query("Leerstandsmanagement"), fields(title="Management, Leerstand"))
    assert whole > parts > 0


def test_fresher_documents_rank_higher_and_the_half_life_halves_the_bonus():
    settings = RankingSettings(half_life_days=100, freshness_weight=0.5)
    document = fields(title="Zwischennutzung")
    base = score(QUERY, document, settings=settings)
    assert score(QUERY, document, age_days=0, settings=settings) == pytest.approx(base * 1.5)
    assert score(QUERY, document, age_days=100, settings=settings) == pytest.approx(base * 1.25)
    assert score(QUERY, document, age_days=10_000, settings=settings) == pytest.approx(base)


def test_field_weights_can_be_changed():
    settings = RankingSettings(field_weights={"title": 1.0, "body": 5.0})
    assert score(QUERY, fields(body="Zwischennutzung"), settings=settings) > score(
        QUERY, fields(title="Zwischennutzung"), settings=settings
    )


def test_rare_words_weigh_more_with_statistics():
    documents = [fields(body="Quartier Fest")] + [fields(body="Quartier")] * 20
    statistics = TermStatistics.from_documents(documents)
    query = analyse_query("Quartier Fest")
    only_rare = score(query, fields(body="Fest"), statistics=statistics)
    only_common = score(query, fields(body="Quartier"), statistics=statistics)
    assert only_rare > only_common


def test_stored_term_strings_and_lists_score_alike():
    document = fields(title="Zwischennutzung", body="Leerstand und Zwischennutzung")
    as_strings = {name: " ".join(terms) for name, terms in document.items()}
    assert score(QUERY, as_strings) == score(QUERY, document)


def test_rank_orders_by_score_and_then_by_key():
    documents = [
        ("b", fields(body="Zwischennutzung"), 10.0),
        ("a", fields(body="Zwischennutzung"), 10.0),
        ("c", fields(title="Zwischennutzung"), 10.0),
    ]
    assert [key for key, _ in rank(QUERY, documents)] == ["c", "a", "b"]
