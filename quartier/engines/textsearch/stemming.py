"""Snowball German stemming (PyStemmer) of folded words, plus a few derivations.

The stemmer is given words that are already folded (umlauts written as ae/oe/ue, ß as ss).
Snowball's German algorithm (version 3, bundled with PyStemmer 3) reads "ae", "oe" and "ue"
as umlauts and removes umlauts at the end, so "laeden" and "laden" both give "lad",
"strassenfest" and "straßenfest" both "strassenf".

Stemming alone does not bring a participle or adjective to its noun: "leerstehende Läden" is
about "Leerstand". `DERIVATIONS` is a small table of such pairs in the domain; a word whose
stem is in it gets the stem of the noun instead, on the index and on the query side alike.
"""

from __future__ import annotations

import threading

import Stemmer

from .normalise import fold_gender, fold_word

__all__ = ["DERIVATIONS", "snowball", "stem"]

DERIVATIONS: tuple[tuple[str, str], ...] = (
    ("leerstehend", "Leerstand"),
    ("leerstehen", "Leerstand"),
    ("zwischennutzen", "Zwischennutzung"),
    ("nutzen", "Nutzung"),
    ("fördern", "Förderung"),
    ("gefördert", "Förderung"),
    ("förderfähig", "Förderung"),
    ("Studierende", "Student"),
    ("ehrenamtlich", "Ehrenamt"),
    ("kooperieren", "Kooperation"),
    ("kooperativ", "Kooperation"),
    ("gemeinnützig", "Gemeinnützigkeit"),
    ("städtisch", "Stadt"),
    ("jugendlich", "Jugend"),
    ("Jugendliche", "Jugend"),
    ("beteiligen", "Beteiligung"),
    ("finanziell", "Finanzierung"),
    ("finanzieren", "Finanzierung"),
    ("vernetzen", "Netzwerk"),
    ("Vernetzung", "Netzwerk"),
    ("verstetigen", "Verstetigung"),
    ("nachhaltig", "Nachhaltigkeit"),
)
"""(derived word, noun it means): the word is indexed and searched as the noun."""

_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    # Stemmer objects are not safe to share between threads.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("german")
    return stemmer


def snowball(word: str) -> str:
    """The plain Snowball German stem of a folded word."""
    result: str = _stemmer().stemWord(word)
    return result


def _derivation_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for derived, noun in DERIVATIONS:
        (derived_word,) = fold_word(derived)
        (noun_word,) = fold_word(noun)
        source, target = snowball(fold_gender(derived_word)), snowball(noun_word)
        if source != target:
            table[source] = target
    return table


_DERIVED = _derivation_table()


def stem(word: str) -> str:
    """The index term of a folded, non-stop word: gender form reduced, stemmed, derived.

    >>> stem("laeden"), stem("strassenfest"), stem("leerstehende"), stem("schuelerinnen")
    ('lad', 'strassenf', 'leerstand', 'schul')
    """
    if not word.isalpha():
        return word
    stemmed = snowball(fold_gender(word))
    return _DERIVED.get(stemmed, stemmed)
