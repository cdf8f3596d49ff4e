"""How the search stays fast: candidates chosen by field in the database, the vocabulary kept
by triggers and followed incrementally by each process."""

import json
from collections import Counter
from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone

import quartier.search.selectors as selectors
from quartier.engines.textsearch import Vocabulary, analyse
from quartier.knowledge.tests.factories import ArticleFactory
from quartier.search.indexing import index_record, remove_record
from quartier.search.models import SearchEntry, SearchIndexState, SearchWord
from quartier.search.selectors import search

pytestmark = pytest.mark.django_db


def entry(number: int, title: str, summary: str = "", body: str = "", kind: str = "article"):
    text = " ".join([title, summary, body])
    title_terms, summary_terms, body_terms = analyse(title), analyse(summary), analyse(body)
    return SearchEntry(
        kind=kind,
        object_id=number,
        title=title,
        summary=summary,
        url=f"/test/{number}/",
        title_terms=" ".join(title_terms),
        summary_terms=" ".join(summary_terms),
        body_terms=" ".join(body_terms),
        terms=" ".join([*title_terms, *summary_terms, *body_terms]),
        words=text,
        vocabulary=json.dumps(Vocabulary.count_words(text)),
        changed_at=timezone.now() - timedelta(days=number),
    )


def words_in_the_database() -> dict[str, int]:
    return dict(SearchWord.objects.filter(count__gt=0).values_list("word", "count"))


def words_of_the_entries() -> dict[str, int]:
    total: Counter[str] = Counter()
    for text in SearchEntry.objects.values_list("words", flat=True):
        total.update(Vocabulary.count_words(text))
    return dict(total)


def test_triggers_keep_the_word_counts_of_all_entries():
    SearchEntry.objects.bulk_create(
        [entry(1, "Gemeinschaftsgarten am Bach"), entry(2, "Garten und Bach", "Gießkannen")]
    )
    index_record(ArticleFactory(title="Ein Straßenfest", summary="Gießkannen und Bierbänke"))
    assert words_in_the_database() == words_of_the_entries()
    changed = SearchEntry.objects.get(object_id=1)
    changed.words = "Obstwiese am Bach"
    changed.vocabulary = json.dumps(Vocabulary.count_words(changed.words))
    changed.save()
    SearchEntry.objects.filter(object_id=2).delete()
    assert words_in_the_database() == words_of_the_entries()
    state = SearchIndexState.objects.get()
    assert state.word_total == sum(words_of_the_entries().values())


def test_the_vocabulary_follows_new_and_removed_words():
    article = ArticleFactory(title="Ein Bolzplatz am Deich")
    index_record(article)
    assert search("Bolzplaz").corrections == [("Bolzplaz", "bolzplatz")]
    before = SearchIndexState.objects.get().version
    other = ArticleFactory(title="Die Kulturscheune")
    index_record(other)
    assert SearchIndexState.objects.get().version > before
    assert search("Kulturscheunne").corrections == [("Kulturscheunne", "kulturscheune")]
    remove_record(other)
    assert search("Kulturscheunne").corrections == []
    assert "kulturscheune" not in selectors.vocabulary()


def test_words_seen_inside_a_rolled_back_transaction_do_not_stay():
    index_record(ArticleFactory(title="Ein Bolzplatz am Deich"))
    with pytest.raises(RuntimeError), transaction.atomic():
        index_record(ArticleFactory(title="Die Kulturscheune"))
        assert "kulturscheune" in selectors.vocabulary()
        raise RuntimeError("rolled back")
    index_record(ArticleFactory(title="Ein Gemeinschaftsgarten"))
    words = selectors.vocabulary()
    assert "kulturscheune" not in words
    assert "bolzplatz" in words and "gemeinschaftsgarten" in words


def test_with_more_matches_than_candidates_title_matches_come_first(monkeypatch):
    monkeypatch.setattr(selectors, "CANDIDATES", 3)
    SearchEntry.objects.bulk_create(
        [entry(n, f"Notiz {n}", body="Ein Garten") for n in range(1, 8)]
        + [entry(20, "Garten am Bach"), entry(21, "Notiz", "Ein Garten")]
    )
    result = search("Garten")
    hits = [hit.entry.title for _kind, _label, group in result.groups for hit in group]
    assert hits[:2] == ["Garten am Bach", "Notiz"]
    assert len(hits) == 3
    assert result.total == 9  # counted beyond the candidates


def test_the_type_filter_applies_before_the_candidates_are_capped(monkeypatch):
    monkeypatch.setattr(selectors, "CANDIDATES", 3)
    SearchEntry.objects.bulk_create(
        [entry(n, f"Garten {n}") for n in range(1, 8)]
        + [entry(30, "Gartenhaus Garten", kind="place")]
    )
    result = search("Garten", "place")
    assert [key for key, _label, _hits in result.groups] == ["place"]
    assert result.total == 1
