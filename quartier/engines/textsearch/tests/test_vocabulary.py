"""The vocabulary of the indexed texts."""

from __future__ import annotations

import json

import pytest

from quartier.engines.textsearch import Vocabulary, analyse, analyse_query, analyser_for


def test_it_counts_folded_words_without_stop_words_numbers_or_single_letters():
    vocabulary = Vocabulary.from_texts(["Die Läden, die Läden! 2024 a Kreativ-Workshop"])
    assert dict(vocabulary.items()) == {
        "laeden": 2,
        "kreativ": 1,
        "workshop": 1,
        "kreativworkshop": 1,
    }


def test_it_survives_json():
    vocabulary = Vocabulary.from_texts(["Zwischennutzung im Quartier", "Quartier"])
    again = Vocabulary.from_dict(json.loads(json.dumps(vocabulary.to_dict())))
    assert dict(again.items()) == dict(vocabulary.items())
    with pytest.raises(ValueError, match="format"):
        Vocabulary.from_dict({"format": 99, "words": {}})


def test_the_analyser_follows_new_words():
    # "Zwurbel" is in no dictionary: only the vocabulary can make it a part
    vocabulary = Vocabulary.from_texts(["Ein Bolzplatz"])
    assert analyse("Zwurbelbolzplatz", vocabulary)[:1] == ["zwurbelbolzplatz"]
    assert "zwurbel" not in analyse("Zwurbelbolzplatz", vocabulary)
    version = vocabulary.version
    vocabulary.add_text("Am Zwurbel")
    assert vocabulary.version > version
    assert analyse("Zwurbelbolzplatz", vocabulary)[:3] == [
        "zwurbelbolzplatz",
        "zwurbel",
        "bolzplatz",
    ]
    assert analyse_query("Zwurbelbolzplaz", vocabulary).corrections == {}  # not a known word
    vocabulary.add_text("Der Zwurbelbolzplatz")
    assert analyse_query("Zwurbelbolzplaz", vocabulary).corrections == {
        "Zwurbelbolzplaz": ("zwurbelbolzplatz",)
    }


def test_one_analyser_per_vocabulary():
    vocabulary = Vocabulary()
    assert analyser_for(vocabulary) is analyser_for(vocabulary)
    assert analyser_for(None) is analyser_for(None)


def test_words_can_be_merged():
    vocabulary = Vocabulary({"quartier": 2})
    vocabulary.add_words({"quartier": 1, "fest": 1, "und": 5, "x": 1})
    assert dict(vocabulary.items()) == {"quartier": 3, "fest": 1}
