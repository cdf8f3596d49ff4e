"""Splitting German compounds into the words they are made of, with a dictionary.

"Leerstandsmanagement" is leer­stand + s + management, "Kooperationsvereinbarung" is
kooperation + s + vereinbarung, "Zwischennutzungen" is zwischen + nutzungen. The splitter
knows words from two sources: `LEXICON`, common words of neighbourhood development written
here, and the vocabulary of the indexed texts (see `Vocabulary`), each with how often it
occurs.

Rules:
- every part is at least `min_part_length` letters long (4 by default);
- between two parts a linking element (Fugenelement) may stand: s, es, n, en, e, er, ens;
- a part before the last may also be a dictionary word without its final "e" or "n"/"en"
  ("Schulhof": schul[e] + hof, "Wohnraum": wohn[en] + raum, "Fördermittel": förder[n]);
- the last part, which carries the inflection, may be any form of a dictionary word: it
  counts when its stem is the stem of a dictionary word ("…nutzungen" for "Nutzung");
- a stop word is no part ("Unternehmen" is not unter + nehmen, "Werkstatt" not werk +
  statt) unless it is in `LEXICON` ("zwischen");
- of all ways to split, the one with the fewest parts wins, then the one whose parts are
  more frequent (geometric mean, as Koehn and Knight, 2003). Its parts are split again, so
  "Leerstandsmanagementkonzept" gives leerstandsmanagement, konzept, leerstand, management
  when "Leerstandsmanagement" is a known word.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .stopwords import STOP_WORDS

__all__ = ["LEXICON", "LINKING_ELEMENTS", "CompoundSplitter", "Part"]

LINKING_ELEMENTS: tuple[str, ...] = ("", "s", "es", "n", "en", "e", "er", "ens")
_TRUNCATIONS: tuple[str, ...] = ("", "e", "n", "en")

# fmt: off
LEXICON: tuple[str, ...] = (
    # places, buildings, space
    "Quartier", "Viertel", "Stadt", "Innenstadt", "Stadtteil", "Bezirk", "Kiez", "Dorf",
    "Gemeinde", "Kommune", "Region", "Land", "Kreis", "Straße", "Platz", "Markt", "Park", "Garten",
    "Haus", "Gebäude", "Immobilie", "Grundstück", "Fläche", "Raum", "Räume", "Laden", "Lokal",
    "Geschäft", "Werkstatt", "Atelier", "Büro", "Halle", "Saal", "Keller", "Erdgeschoss",
    "Schaufenster", "Brache", "Zentrum", "Treffpunkt", "Bühne", "Galerie", "Café", "Kiosk",
    "Küche", "Lager", "Hof", "Wohnung", "Leerstand", "Ort", "Bahnhof", "Kirche", "Bibliothek",
    "Museum", "Theater", "Schule", "Hochschule", "Universität", "Campus", "Labor", "Spiel",
    "Sport", "Grün", "Umwelt", "Klima", "Energie", "Verkehr", "Mobilität", "Fahrrad",
    # uses and activities
    "Nutzung", "Zwischen", "Nutzer", "Miete", "Mieter", "Vermieter", "Eigentümer", "Vertrag",
    "Pacht", "Sanierung", "Erneuerung", "Umbau", "Neubau", "Bau", "Planung", "Entwicklung",
    "Management", "Verwaltung", "Beratung", "Betreuung", "Bildung", "Arbeit", "Ausbildung",
    "Praktikum", "Lernen", "Unterricht", "Kultur", "Kunst", "Musik", "Design", "Medien", "Kreativ",
    "Fest", "Festival", "Feier", "Ausstellung", "Veranstaltung", "Workshop", "Treffen",
    "Begegnung", "Versammlung", "Sitzung", "Tagung", "Konferenz", "Runde", "Tisch", "Forum",
    "Wettbewerb", "Aktion", "Angebot", "Bedarf", "Hilfe", "Pflege", "Integration", "Inklusion",
    "Teilhabe", "Beteiligung", "Engagement", "Ehrenamt", "Freiwillige", "Spende", "Gründung",
    "Gründer", "Handel", "Gewerbe", "Gastronomie", "Wirtschaft", "Tourismus", "Wohnen",
    "Nachbarschaft",
    # actors and organisation
    "Akteur", "Bürger", "Nachbar", "Mensch", "Familie", "Kinder", "Jugend", "Senioren", "Schüler",
    "Student", "Studierende", "Lehrer", "Künstler", "Verein", "Initiative", "Gruppe", "Team",
    "Netzwerk", "Verband", "Stiftung", "Genossenschaft", "Gesellschaft", "Unternehmen", "Betrieb",
    "Firma", "Start", "Träger", "Partner", "Allianz", "Kooperation", "Bündnis", "Politik", "Rat",
    "Ausschuss", "Bürgermeister", "Behörde", "Amt", "Kammer", "Wohlfahrt", "Kirchen", "Mitglied",
    "Vorstand", "Leitung", "Koordination", "Moderation", "Generation", "Wechsel", "Nachfolge",
    "Person", "Kontakt",
    # money, law, process
    "Förderung", "Förder", "Mittel", "Programm", "Fonds", "Zuschuss", "Kredit", "Darlehen",
    "Budget", "Geld", "Kosten", "Finanzierung", "Haushalt", "Antrag", "Abrechnung", "Nachweis",
    "Verwendung", "Zweck", "Recht", "Satzung", "Vereinbarung", "Genehmigung", "Versicherung",
    "Haftung", "Steuer", "Gemeinnützigkeit", "Konzept", "Strategie", "Format", "Projekt",
    "Prozess", "Phase", "Schritt", "Plan", "Idee", "Ziel", "Wirkung", "Erfolg", "Ergebnis",
    "Erfahrung", "Bericht", "Beispiel", "Praxis", "Leitfaden", "Handreichung", "Checkliste",
    "Liste", "Vorlage", "Dokument", "Argument", "Wissen", "Forschung", "Studie", "Daten", "Karte",
    "Zukunft", "Qualität", "Sicherheit", "Brandschutz", "Schlüssel", "Übergabe", "Zugang",
    "Verstetigung", "Nachhaltigkeit", "Kommunikation", "Öffentlichkeit", "Presse", "Werbung",
    "Plattform", "Internet", "Digital", "Sozial", "Stadtentwicklung", "Quartiersmanagement",
)
# fmt: on
"""Common words of neighbourhood development, in normal German spelling."""


@dataclass(frozen=True, slots=True)
class Part:
    """One part of a compound: the text as it stands in the word (without linking element)
    and the dictionary word it stands for ("schul" stands for "schule")."""

    surface: str
    word: str


_Split = tuple[int, float, tuple[Part, ...]]
"""(number of parts, mean −log frequency of the parts, the parts): smaller is better."""


class CompoundSplitter:
    """Splits folded words with a dictionary of folded words and their frequencies.

    `frequency(word)` gives how often a word was seen (0: unknown), `stem_known(stem)`
    whether some dictionary word has that stem. A word of `lexicon` is split only into
    lexicon words ("Stadtentwicklung" is stadt + entwicklung, but "Leerstand" stays whole even
    when the texts know "leer" and "stand").
    """

    def __init__(
        self,
        frequency: Callable[[str], int],
        stem_known: Callable[[str], bool],
        stem: Callable[[str], str],
        *,
        lexicon: frozenset[str] = frozenset(),
        min_part_length: int = 4,
        dictionary: Mapping[str, str] | None = None,
        min_dictionary_part_length: int = 3,
    ) -> None:
        self._frequency = frequency
        self._stem_known = stem_known
        self._stem = stem
        self._lexicon = lexicon
        self._lexicon_stems = frozenset(stem(word) for word in lexicon)
        self.min_part_length = min_part_length
        self._dictionary: Mapping[str, str] = dictionary or {}
        self._short = (
            min(min_dictionary_part_length, min_part_length) if dictionary else min_part_length
        )
        """Dictionary lemmas may be shorter parts than other words ("Hof", "Amt")."""

    def split(self, word: str) -> tuple[Part, ...]:
        """The best split of a folded word into at least two parts, or () if it has none.

        >>> from quartier.engines.textsearch import default_analyser
        >>> [p.word for p in default_analyser().splitter.split("leerstandsmanagement")]
        ['leerstand', 'management']
        """
        if not word.isalpha() or len(word) < 2 * self._short:
            return ()
        memo: dict[int, _Split | None] = {}
        best = self._best_from(word, 0, word in self._lexicon, memo)
        if best is None or len(best[2]) < 2:
            return ()
        return best[2]

    def decompose(self, word: str) -> tuple[Part, ...]:
        """All parts of a folded word, its parts' parts included (first the top split)."""
        top = self.split(word)
        parts = list(top)
        for part in top:
            parts.extend(self.decompose(part.word))
        return tuple(parts)

    def _best_from(
        self, word: str, start: int, lexical: bool, memo: dict[int, _Split | None]
    ) -> _Split | None:
        """Best split of word[start:] as (number of parts, mean −log frequency, parts)."""
        if start in memo:
            return memo[start]
        best: _Split | None = None
        minimum = self._short
        length = len(word)
        if start > 0:
            final = self._final_part(word[start:], lexical)
            if final is not None:
                best = (1, -math.log(final[1] + 1), (final[0],))
        for end in range(start + minimum, length - minimum + 1):
            head = self._inner_part(word[start:end], lexical)
            if head is None:
                continue
            part, frequency = head
            for link in LINKING_ELEMENTS:
                if not word.startswith(link, end):
                    continue
                rest_start = end + len(link)
                if length - rest_start < minimum:
                    continue
                rest = self._best_from(word, rest_start, lexical, memo)
                if rest is None:
                    continue
                count = rest[0] + 1
                cost = (rest[1] * rest[0] - math.log(frequency + 1)) / count
                candidate: _Split = (count, cost, (part, *rest[2]))
                if best is None or candidate[:2] < best[:2]:
                    best = candidate
        memo[start] = best
        return best

    def _usable(self, word: str, lexical: bool) -> int:
        if lexical and word not in self._lexicon:
            return 0
        if word in STOP_WORDS and word not in self._lexicon:
            return 0
        return self._frequency(word)

    def _short_ok(self, candidate: str) -> bool:
        """A part shorter than `min_part_length` must be a dictionary lemma."""
        return len(candidate) >= self.min_part_length or (
            self._dictionary.get(candidate) == candidate and candidate not in STOP_WORDS
        )

    def _inner_part(self, surface: str, lexical: bool) -> tuple[Part, int] | None:
        for ending in _TRUNCATIONS:
            candidate = surface + ending
            if not self._short_ok(candidate):
                continue
            frequency = self._usable(candidate, lexical)
            if frequency:
                return Part(surface, self._lemma(candidate, lexical)), frequency
        return None

    def _lemma(self, word: str, lexical: bool) -> str:
        """The dictionary lemma of a part ("kinder" stands for "kind"), unless it is a word
        of the built-in lexicon."""
        if lexical or word in self._lexicon:
            return word
        return self._dictionary.get(word, word)

    def _final_part(self, surface: str, lexical: bool) -> tuple[Part, int] | None:
        if not self._short_ok(surface):
            return None
        frequency = self._usable(surface, lexical)
        if frequency:
            return Part(surface, self._lemma(surface, lexical)), frequency
        if surface in STOP_WORDS:
            return None
        stem = self._stem(surface)
        if stem in self._lexicon_stems or (not lexical and self._stem_known(stem)):
            return Part(surface, surface), 1
        return None
