"""German text to index terms, and a German query to a structured query over those terms.

Index side (`Analyser.analyse`): every word of the text gives
- its stem (`stemming.stem`: folded, gender form reduced, Snowball, derivation table), or
  the folded word itself for stop words and numbers;
- the stems of its compound parts (`compounds.CompoundSplitter.decompose`);
- for a hyphenated word the stems of its parts and of the joined word;
- for "Schüler- und Studierendeninitiativen" also the completed "Schülerinitiativen".

Query side (`Analyser.analyse_query`): every word that is not a stop word becomes a
`QueryWord` with alternatives; a document matches when it matches every word (AND), and a
word when any of its alternatives is there (OR), an alternative when all its terms are there:

    "Leerstandsmanagement"  →  leerstandsmanagement  OR  (leerstand AND management)
    "Zwischennutzng"        →  zwischennutzng  OR  zwischennutz  OR  (zwisch AND nutzung)
    "Strassenf" (prefix)    →  strassenf  OR  strassenf*  OR  strassenfest (completed) …

A query made only of stop words keeps them unstemmed (they are in the index that way).
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from .compounds import LEXICON, CompoundSplitter, Part
from .helpers import KnownWords, lemma_terms, marked_spans, synonym_table
from .helpers import indexed as _indexed
from .helpers import leaves as _leaves
from .helpers import part_terms as _part_terms
from .helpers import unique as _unique
from .helpers import updated as _updated
from .helpers import without_umlauts as _without_umlauts
from .lexicon import german_lexicon
from .normalise import Token, fold_gender, fold_word, tokenise
from .query import Alternative, AlternativeKind, Query, QueryWord, Term
from .stemming import stem
from .stopwords import STOP_WORDS
from .thesaurus import Thesaurus, default_thesaurus
from .typos import TypoCorrector
from .vocabulary import Vocabulary

__all__ = [
    "Analyser",
    "Mark",
    "analyse",
    "analyse_query",
    "analyser_for",
    "default_analyser",
    "highlight_spans",
    "marked_spans",
]

Mark = tuple[int, int, tuple[str, ...]]
"""(start, end, index terms) of a word of a text."""


_LEXICON_FREQUENCY = 10
_CONJUNCTIONS = frozenset({("und",), ("oder",), ("bzw",), ("sowie",)})
_WEIGHTS: dict[AlternativeKind, float] = {
    "word": 1.0,
    "parts": 0.9,
    "prefix": 0.9,
    "completion": 0.9,
    "compound": 0.8,
    "correction": 0.7,
    "synonym": 0.6,
}


@dataclass
class _State:
    """What the analyser derived from one version of its vocabulary."""

    version: int
    splitter: CompoundSplitter
    stems: Counter[str]
    """The stems of the known words, with how many known words have each."""
    seen_changes: int
    """How far the vocabulary's list of changed words has been followed."""
    cache: dict[str, tuple[str, ...]] = field(default_factory=dict)
    typos: TypoCorrector | None = None
    sorted_words: list[str] | None = None


class Analyser:
    """German analysis with an optional vocabulary of the indexed texts (see module doc).

    One analyser per vocabulary (`analyser_for`); it follows the vocabulary's changes. Safe to
    share between threads.
    """

    def __init__(
        self,
        vocabulary: Vocabulary | None = None,
        *,
        lexicon: Iterable[str] = LEXICON,
        min_part_length: int = 4,
        max_corrections: int = 3,
        max_completions: int = 8,
        min_prefix_length: int = 3,
        max_query_words: int = 12,
        cache_size: int = 200_000,
        dictionary: Mapping[str, str] | Literal["german"] | None = "german",
        thesaurus: Thesaurus | None = None,
    ) -> None:
        self.vocabulary = vocabulary
        self.lexicon = frozenset(folded for word in lexicon for folded in fold_word(word))
        self.dictionary: Mapping[str, str] = (
            german_lexicon() if dictionary == "german" else (dictionary or {})
        )
        """Folded word forms → their lemma (`lexicon.german_lexicon`): compound parts and
        lemmas. `None` for none (the built-in lexicon and the vocabulary only)."""
        self.thesaurus = default_thesaurus() if thesaurus is None else thesaurus
        self._synonyms: dict[str, list[tuple[str, ...]]] | None = None
        self.min_part_length = min_part_length
        self.max_corrections = max_corrections
        self.max_completions = max_completions
        self.min_prefix_length = min_prefix_length
        self.max_query_words = max_query_words
        self.cache_size = cache_size
        self._lock = threading.Lock()
        self._state = self._new_state()
        self._last_parts_answer: tuple[Query, bool] | None = None

    # ---- vocabulary -------------------------------------------------------------------

    def _frequency(self, word: str) -> int:
        known = self.vocabulary.frequency(word) if self.vocabulary is not None else 0
        return known + (1 if word in self.lexicon else 0)

    def _part_frequency(self, word: str) -> int:
        """How likely a word is a compound part: how often the texts have it, plus 10 for a
        word of the built-in lexicon of the field and 1 for a dictionary word (so that
        "Fördermittel" is förder + mittel, not Förde + mittel)."""
        known = self.vocabulary.frequency(word) if self.vocabulary is not None else 0
        return (
            known
            + (_LEXICON_FREQUENCY if word in self.lexicon else 0)
            + (1 if word in self.dictionary else 0)
        )

    def _new_state(self) -> _State:
        stems = Counter(stem(word) for word in self.lexicon)
        splitter = CompoundSplitter(
            self._part_frequency,
            self._stem_known,
            stem,
            lexicon=self.lexicon,
            min_part_length=self.min_part_length,
            dictionary=self.dictionary,
        )
        state = _State(-1, splitter, stems, 0)
        self._update_stems(state)
        return state

    def _stem_known(self, term: str) -> bool:
        return self._state.stems[term] > 0

    def _update_stems(self, state: _State) -> list[str]:
        """Stems the words that came since the state last looked; returns the words that
        came or went."""
        if self.vocabulary is None:
            state.version = 0
            return []
        changed, state.seen_changes = self.vocabulary.changed_since(state.seen_changes)
        for word, flips in Counter(changed).items():
            if flips % 2:  # (an even number of changes: it is back where it was)
                state.stems[stem(word)] += 1 if word in self.vocabulary else -1
        state.version = self.vocabulary.version
        return changed

    def _current(self) -> _State:
        state = self._state
        if self.vocabulary is None or state.version == self.vocabulary.version:
            return state
        with self._lock:
            state = self._state
            if state.version != self.vocabulary.version:
                # follow the vocabulary incrementally: new stems, and the typo and completion
                # lists updated with the words that came or went (copies: the old state may
                # still be in use by another thread)
                fresh = _State(-1, state.splitter, Counter(state.stems), state.seen_changes)
                changed = set(self._update_stems(fresh))
                if state.typos is not None:
                    fresh.typos = state.typos.updated(changed)
                if state.sorted_words is not None:
                    fresh.sorted_words = _updated(state.sorted_words, changed, self._is_word)
                self._state = state = fresh
        return state

    def _is_word(self, word: str) -> bool:
        return self._frequency(word) > 0

    @property
    def splitter(self) -> CompoundSplitter:
        return self._current().splitter

    def _typos(self, state: _State) -> TypoCorrector:
        if state.typos is None:
            state.typos = TypoCorrector(KnownWords(self))
        return state.typos

    def _sorted_words(self, state: _State) -> list[str]:
        if state.sorted_words is None:
            words = set(self.lexicon)
            if self.vocabulary is not None:
                words.update(self.vocabulary)
            state.sorted_words = sorted(words)
        return state.sorted_words

    def is_known(self, word: str) -> bool:
        """Whether a folded word, a form of it or its parts are known."""
        state = self._current()
        base = fold_gender(word)
        return (
            self._frequency(word) > 0
            or self._frequency(base) > 0
            or word in self.dictionary
            or base in self.dictionary
            or state.stems[stem(word)] > 0
            or bool(state.splitter.split(base))
        )

    # ---- index side -------------------------------------------------------------------

    def word_terms(self, word: str) -> tuple[str, ...]:
        """The index terms of one folded word: its stem, then the stems of its parts."""
        return self._cached_terms(word, self._current())

    def _cached_terms(self, word: str, state: _State) -> tuple[str, ...]:
        cached = state.cache.get(word)
        if cached is None:
            cached = self._word_terms(word, state)
            if len(state.cache) >= self.cache_size:
                state.cache.clear()
            state.cache[word] = cached
        return cached

    def _word_terms(self, word: str, state: _State) -> tuple[str, ...]:
        if not word.isalpha():
            return (word,)
        if len(word) < 2:
            return ()
        if word in STOP_WORDS:
            return (word,)
        terms = [stem(word), *self.lemma_terms(word)]
        for part in self._decompose(word, state):
            terms.append(stem(part.word))
            terms.extend(self.lemma_terms(part.word))
        return tuple(dict.fromkeys(terms))

    @staticmethod
    def _decompose(word: str, state: _State) -> tuple[Part, ...]:
        """The parts of a word without its feminine ending, or else with it
        ("Kinderärztin": kinder + aerztin, whose masculine lemma is "arzt")."""
        base = fold_gender(word)
        parts = state.splitter.decompose(base)
        if not parts and base != word:
            parts = state.splitter.decompose(word)
        return parts

    def lemma_terms(self, word: str) -> list[str]:
        """Stems of the word's lemma and masculine form (`helpers.lemma_terms`)."""
        return lemma_terms(self.dictionary, word)

    def token_terms(self, token: Token, following: Sequence[Token] = ()) -> list[str]:
        """The index terms of one token; `following` are the next two tokens, if any."""
        words = token.words
        if len(words) == 1:
            terms = list(self.word_terms(words[0]))
        else:
            terms = [term for word in words for term in self.word_terms(word)]
            joined = "".join(words)
            if joined.isalpha():
                terms.extend(self.word_terms(joined)[:1])
        if token.suspended:
            completed = self._complete_suspended(words[-1], following)
            if completed:
                terms.extend(self.word_terms(completed))
        return list(dict.fromkeys(terms))

    def _complete_suspended(self, word: str, following: Sequence[Token]) -> str | None:
        """ "schueler" before "und studierendeninitiativen" → "schuelerinitiativen"."""
        if len(following) < 2 or following[0].words not in _CONJUNCTIONS:
            return None
        nxt = following[1].words
        if len(nxt) > 1:
            head = nxt[-1]
        else:
            parts = self.splitter.split(fold_gender(nxt[0]))
            if not parts:
                return None
            head = parts[-1].surface
        return (word + head) if (word + head).isalpha() else None

    def analyse(self, text: str) -> list[str]:
        """The index terms of a text, in text order, with repetitions (for term frequency).

        >>> analyse("Ein Straßenfest im Quartier")
        ['ein', 'strassenf', 'strass', 'fest', 'im', 'quarti']
        """
        state = self._current()
        tokens = list(tokenise(text))
        terms: list[str] = []
        for index, token in enumerate(tokens):
            if len(token.words) == 1 and not token.suspended:
                terms.extend(self._cached_terms(token.words[0], state))
            else:
                terms.extend(self.token_terms(token, tokens[index + 1 : index + 3]))
        return terms

    # ---- query side -------------------------------------------------------------------

    def analyse_query(self, text: str, *, prefix: bool = False, correct: bool = True) -> Query:
        """The structured query for what a user typed.

        With `prefix`, the last word is also taken as the beginning of a word (autocomplete),
        unless the text ends with a space. With `correct`, words unknown to the vocabulary get
        their nearest known words as alternatives.
        """
        state = self._current()
        every = list(tokenise(text))
        prefix_token = every[-1] if prefix and every and every[-1].end == len(text) else None
        tokens = every[: self.max_query_words]
        content = [
            token
            for token in tokens
            if any(_indexed(word) and word not in STOP_WORDS for word in token.words)
        ]
        stop_words_only = not content and bool(tokens)
        if stop_words_only:
            content = [token for token in tokens if any(_indexed(w) for w in token.words)]
            stop_words_only = bool(content)
        words: list[QueryWord] = []
        seen: set[tuple[Alternative, ...]] = set()
        for token in content:
            is_prefix = token is prefix_token
            word = self._query_word(text, token, state, stop_words_only, is_prefix, correct)
            if word is not None and word.alternatives not in seen:
                seen.add(word.alternatives)
                words.append(word)
        return Query(text, tuple(words), stop_words_only)

    def _query_word(
        self,
        text: str,
        token: Token,
        state: _State,
        stop_words_only: bool,
        is_prefix: bool,
        correct: bool,
    ) -> QueryWord | None:
        original = text[token.start : token.end]
        alternatives: list[Alternative] = []
        corrections: tuple[str, ...] = ()
        if stop_words_only:
            terms = tuple(Term(word) for word in token.words if _indexed(word))
            alternatives.append(Alternative(terms, "parts" if len(terms) > 1 else "word"))
        elif len(token.words) > 1:
            joined = "".join(token.words)
            if joined.isalpha():
                alternatives.extend(self._word_alternatives(joined, state))
            parts = [self.word_terms(word) for word in token.words]
            part_terms = tuple(Term(terms[0]) for terms in parts if terms)
            if part_terms:
                alternatives.append(Alternative(part_terms, "parts", _WEIGHTS["parts"]))
        else:
            word = token.words[0]
            alternatives.extend(self._word_alternatives(word, state))
            if not is_prefix:  # a word being typed is not yet the word of a group
                alternatives.extend(self._synonym_alternatives(word, state))
        last = token.words[-1]
        completable = False
        if is_prefix and len(token.words) == 1 and last.isalpha():
            completions = self._completions(last, state)
            alternatives.extend(self._prefix_alternatives(last, completions))
            completable = bool(completions)
        if (
            correct
            and not stop_words_only
            and len(token.words) == 1
            and last.isalpha()
            and not completable
            and self.vocabulary is not None
            and not self.is_known(last)
        ):
            found = self._typos(state).corrections(last, self.max_corrections * 4)
            if is_prefix:  # a word being typed is not corrected to a shorter one
                found = [candidate for candidate in found if len(candidate) >= len(last)]
            corrections = tuple(found[: self.max_corrections])
            for corrected in corrections:
                for alternative in self._word_alternatives(corrected, state):
                    alternatives.append(
                        Alternative(alternative.terms, "correction", alternative.weight * 0.7)
                    )
        unique = tuple(_unique(alternatives))
        if not unique:
            return None
        return QueryWord(original, unique, corrections)

    def _word_alternatives(self, word: str, state: _State) -> list[Alternative]:
        if len(word) < 2 and word.isalpha():
            return []
        if not word.isalpha() or word in STOP_WORDS:
            return [Alternative((Term(word),))]
        alternatives = [Alternative((Term(stem(word)),))]
        alternatives += [Alternative((Term(term),)) for term in self.lemma_terms(word)]
        base = fold_gender(word)
        top = state.splitter.split(base)
        if top:
            weight = _WEIGHTS["compound"]
            alternatives.append(Alternative(_part_terms(top), "compound", weight))
            leaves = _leaves(state.splitter, base)
            if len(leaves) > len(top):
                alternatives.append(Alternative(_part_terms(leaves), "compound", weight))
        return alternatives

    def synonyms(self, word: str) -> list[tuple[str, ...]]:
        """The thesaurus entries (as folded words) related to a folded word: those of the
        groups that have an entry with the word's stem or lemma stem."""
        if self._synonyms is None:
            self._synonyms = synonym_table(self.thesaurus.groups)
        keys = [stem(word), *self.lemma_terms(word)]
        found = [entry for key in keys for entry in self._synonyms.get(key, ())]
        return list(dict.fromkeys(found))

    def _synonym_alternatives(self, word: str, state: _State) -> list[Alternative]:
        if not word.isalpha() or word in STOP_WORDS:
            return []
        weight = _WEIGHTS["synonym"]
        alternatives: list[Alternative] = []
        for entry in self.synonyms(word):
            if len(entry) == 1:
                for alternative in self._word_alternatives(entry[0], state):
                    alternatives.append(
                        Alternative(alternative.terms, "synonym", alternative.weight * weight)
                    )
            else:
                terms = tuple(dict.fromkeys(Term(stem(w)) for w in entry if w not in STOP_WORDS))
                if terms:
                    alternatives.append(Alternative(terms, "synonym", weight))
        return alternatives

    def _prefix_alternatives(self, word: str, completions: list[str]) -> list[Alternative]:
        if len(word) < self.min_prefix_length:
            return []
        weight = _WEIGHTS["prefix"]
        alternatives = [Alternative((Term(word, prefix=True),), "prefix", weight)]
        stemmed = stem(word)
        if stemmed != word and len(stemmed) >= self.min_prefix_length:
            alternatives.append(Alternative((Term(stemmed, prefix=True),), "prefix", weight))
        for candidate in completions[: self.max_completions]:
            term = self.word_terms(candidate)[0]
            if not term.startswith(word):
                alternatives.append(
                    Alternative((Term(term),), "completion", _WEIGHTS["completion"])
                )
        return alternatives

    def _completions(self, word: str, state: _State) -> list[str]:
        """Known words that begin with `word` (itself excluded), most frequent first."""
        if len(word) < self.min_prefix_length:
            return []
        words = self._sorted_words(state)
        found: list[str] = []
        for candidate in itertools.islice(words, bisect.bisect_right(words, word), None):
            if not candidate.startswith(word):
                break
            found.append(candidate)
        found.sort(key=lambda candidate: (-self._frequency(candidate), candidate))
        return found

    # ---- highlighting -----------------------------------------------------------------

    def marks(self, text: str) -> list[Mark]:
        """Where each word of `text` stands and its index terms, for highlighting later
        without analysing the text again (`marked_spans`). Its terms, in order, are
        `analyse(text)`.

        >>> default_analyser().marks("Ein Straßenfest")
        [(0, 3, ('ein',)), (4, 15, ('strassenf', 'strass', 'fest'))]
        """
        tokens = list(tokenise(text))
        marks: list[Mark] = []
        for index, token in enumerate(tokens):
            following = tokens[index + 1 : index + 3] if token.suspended else ()
            terms = self.token_terms(token, following)
            if terms:
                marks.append((token.start, token.end, tuple(terms)))
        return marks

    def _parts_may_match(self, query: Query, exact: set[str], prefixes: tuple[str, ...]) -> bool:
        """Whether a compound part of a word may be a term of the query. Without a
        vocabulary, a part's term is always the stem of a lexicon word (`CompoundSplitter`);
        if no query term is or begins one, a word is only found by its own stem, and the
        costly splitting can be left out."""
        if self.vocabulary is not None or self.dictionary:
            return True
        last = self._last_parts_answer
        if last is not None and last[0] is query:
            return last[1]
        stems = self._current().stems
        answer = any(known in exact or known.startswith(prefixes) for known in stems)
        self._last_parts_answer = (query, answer)
        return answer

    def _whole_word_term(self, word: str) -> str | None:
        """The first of `word_terms(word)`, without splitting the word."""
        if not word.isalpha():
            return word
        if len(word) < 2:
            return None
        return word if word in STOP_WORDS else stem(word)

    def highlight_spans(self, text: str, query: Query) -> list[tuple[int, int]]:
        """Character ranges (start, end) of the words in `text` that the query found."""
        wanted = query.terms()
        exact = {term.text for term in wanted if not term.prefix}
        prefixes = tuple(term.text for term in wanted if term.prefix)
        # Every term of a word (its stem, the stems of its parts, a derivation's noun) has
        # its first three letters somewhere in the word, read with or without umlauts
        # ("laeden" → "lad", "gefoerdert" → "forder"); words without any query term's first
        # letters are skipped before the costly analysis of compounds.
        beginnings = {term.text[:3] for term in wanted}
        parts = self._parts_may_match(query, exact, prefixes)
        tokens = list(tokenise(text))
        spans: list[tuple[int, int]] = []
        for index, token in enumerate(tokens):
            if not token.suspended:
                joined = "".join(token.words)
                plain = _without_umlauts(joined)
                if not any(b in joined or b in plain for b in beginnings):
                    continue
            if not parts and len(token.words) == 1 and not token.suspended:
                whole = self._whole_word_term(token.words[0])
                terms: Sequence[str] = (whole,) if whole else ()
            else:
                following = tokens[index + 1 : index + 3] if token.suspended else ()
                terms = self.token_terms(token, following)
            if any(term in exact or term.startswith(prefixes) for term in terms):
                spans.append((token.start, token.end))
        return spans


_default: Analyser | None = None
_default_lock = threading.Lock()


def default_analyser() -> Analyser:
    """The analyser without a vocabulary (built-in lexicon only)."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Analyser()
    return _default


def analyser_for(vocabulary: Vocabulary | None) -> Analyser:
    """The analyser of a vocabulary (made once, kept with the vocabulary)."""
    if vocabulary is None:
        return default_analyser()
    analyser = vocabulary._analyser
    if not isinstance(analyser, Analyser):
        analyser = vocabulary._analyser = Analyser(vocabulary)
    return analyser


def analyse(text: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """The index terms of a text (see `Analyser.analyse`)."""
    return analyser_for(vocabulary).analyse(text)


def analyse_query(
    text: str,
    vocabulary: Vocabulary | None = None,
    *,
    prefix: bool = False,
    correct: bool = True,
) -> Query:
    """The structured query for a text (see `Analyser.analyse_query`)."""
    return analyser_for(vocabulary).analyse_query(text, prefix=prefix, correct=correct)


def highlight_spans(
    text: str, query: Query, vocabulary: Vocabulary | None = None
) -> list[tuple[int, int]]:
    """Character ranges of the words of `text` that the query found."""
    return analyser_for(vocabulary).highlight_spans(text, query)
