"""A German lexicon for compound splitting and lemmatisation: the nouns of the German
Wiktionary with all their inflected forms, from the `german-nouns` package (PyPI, CC BY-SA,
about 92,000 nouns and 266,000 forms), read from the installed package – never downloaded.

`Lexicon` maps every folded form of a noun (`fold_word`: lowercase, ä → ae, ß → ss) to its
folded lemma: "tuerme" → "turm", "koechinnen" → "koechin", "glocken" → "glocke". The compound
splitter takes its words as the dictionary of parts (with the corpus vocabulary only as an
addition); the analysis adds the lemma's stem where the stem of a form differs from it.

Only common nouns count: names (first names, surnames, places), abbreviations, letters and
bound morphemes are left out, and so are multi-word entries. The file is read once per
process, on first use (`german_lexicon()`), and cached as a JSON file for the next
processes (`cache_path`); see docs/textsearch.md for its cost.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import threading
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

from .normalise import fold_word

__all__ = ["Lexicon", "cache_path", "german_lexicon", "lexicon_path"]

_KEPT_KINDS = frozenset({"substantiv", "substantiv,adjektivische deklination"})
_FIRST_FORM_COLUMN = 7  # lemma, pos, genus ×5, then the case forms


class Lexicon(Mapping[str, str]):
    """Folded noun forms → folded lemma (every lemma maps to itself)."""

    def __init__(self, forms: Mapping[str, str]) -> None:
        self._forms = dict(forms)
        self.lemmas = frozenset(self._forms.values())

    @classmethod
    def from_entries(cls, entries: Iterable[tuple[str, Iterable[str]]]) -> Lexicon:
        """From (lemma, forms) pairs in normal German spelling."""
        forms: dict[str, str] = {}
        for lemma, inflected in entries:
            folded_lemma = _folded(lemma) if lemma else None
            if folded_lemma is None:
                continue
            forms.setdefault(folded_lemma, folded_lemma)
            for form in inflected:
                folded = _folded(form) if form else None
                if folded is not None:
                    forms.setdefault(folded, folded_lemma)
        # a form that is also a lemma keeps its own lemma ("Garten" is no form of "Gärten")
        for lemma in list(forms.values()):
            forms[lemma] = lemma
        return cls(forms)

    def __getitem__(self, word: str) -> str:
        return self._forms[word]

    def __iter__(self) -> Iterator[str]:
        return iter(self._forms)

    def __len__(self) -> int:
        return len(self._forms)

    def lemma(self, word: str) -> str | None:
        return self._forms.get(word)


def _folded(word: str) -> str | None:
    """`fold_word` of a single word, quicker for what is already lowercase ASCII."""
    if not word.isalpha():
        return None
    if word.isascii() and word.islower():
        return word
    folded = fold_word(word)
    return folded[0] if len(folded) == 1 and folded[0].isalpha() else None


def lexicon_path() -> Path | None:
    """The nouns file of the installed `german-nouns` package, if installed."""
    spec = importlib.util.find_spec("german_nouns")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "nouns.csv"
        if path.exists():
            return path
    return None


def _entries(path: Path) -> Iterator[tuple[str, set[str]]]:
    # lowercased and with umlauts written out in one pass over the whole file (most forms
    # are then folded already); a row is split with csv only when it has quotes (a part of
    # speech with commas), which is rare
    text = path.read_text(encoding="utf-8").lower()
    for umlaut, written in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, written)
    lines = iter(text.splitlines())
    next(lines, None)
    for line in lines:
        row = next(csv.reader([line])) if '"' in line else line.split(",")
        if len(row) > _FIRST_FORM_COLUMN and row[1] in _KEPT_KINDS:
            yield row[0], set(row[_FIRST_FORM_COLUMN:])


_LOCK = threading.Lock()
_LOADED: list[Lexicon] = []


def german_lexicon() -> Lexicon:
    """The lexicon of the installed package, read once per process (empty without it).

    The folded forms are kept in a cache file (`cache_path`) after the first read, which
    makes later processes load in a fraction of the time; without a writable cache
    directory the package file is read each time."""
    if _LOADED:
        return _LOADED[0]
    with _LOCK:
        if not _LOADED:
            _LOADED.append(_load())
    return _LOADED[0]


def cache_path(source: Path) -> Path:
    """Where the folded forms of a nouns file are cached: QUARTIER_CACHE_DIR or
    ~/.cache/quartier, named by the file's size and modification time."""
    root = os.environ.get("QUARTIER_CACHE_DIR") or str(Path.home() / ".cache" / "quartier")
    stat = source.stat()
    return Path(root) / f"german-nouns-{stat.st_size}-{int(stat.st_mtime)}.json"


def _load() -> Lexicon:
    path = lexicon_path()
    if path is None:
        return Lexicon({})
    cached = cache_path(path)
    try:
        forms = json.loads(cached.read_text(encoding="ascii"))
        if isinstance(forms, dict):
            return Lexicon(forms)
    except (OSError, ValueError):
        pass
    lexicon = Lexicon.from_entries(_entries(path))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        temporary = cached.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps(dict(lexicon.items())), encoding="ascii")
        temporary.replace(cached)
    except OSError:
        pass
    return lexicon
