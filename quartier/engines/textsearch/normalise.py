"""From raw German text to plain words: Unicode, case, umlauts, ß, hyphens, numbers.

Every word leaves this module as lowercase ASCII letters and digits, so that the terms built
from it mean the same to SQLite FTS5 (unicode61 tokenizer) and to PostgreSQL ('simple'
configuration) and need no escaping in either.

- Unicode NFKC first (ligatures, full-width letters, superscripts: "m²" → "m2"), then
  `str.casefold` (which already turns "ß" and "ẞ" into "ss").
- Umlauts are written out as German does without them: ä → ae, ö → oe, ü → ue, so that
  "Mueller" finds "Müller" and "Strasse" finds "Straße". The Snowball stemmer (from version 3)
  reads "ae", "oe" and "ue" as umlauts itself, so "Läden" and "Laden" still meet in "lad".
- Other accents are dropped ("Café" → "cafe", Turkish "ş" → "s", "ı" → "i").
- Words in scripts without a Latin transliteration here (Cyrillic, Arabic, CJK, …) stay
  findable by exact word: they are written as "u" followed by five hex digits per character.
- A hyphenated word ("Kreativ-Workshop") is kept as its parts; the analysis adds the joined
  form. A soft hyphen inside a word is removed. "Schüler- und Studierendeninitiativen" is
  marked (`Token.suspended`) so that the analysis can complete "Schüler-" from the next word.
- Numbers stay: "2024" → "2024", "50.000" → "50000", "120 m²" → "120", "m2".
- Gender forms: "AkteurInnen" (capital I) becomes "akteurinnen"; "Akteur*innen" and
  "Akteur:innen" fall apart into "akteur" and "innen", a stop word. `fold_gender` turns
  "schuelerinnen" into "schueler".
- Two abbreviations the domain uses everywhere are written out: "e. V." (eingetragener
  Verein) and "…str." (Straße).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

__all__ = ["MAX_WORD_LENGTH", "Token", "fold_gender", "fold_word", "tokenise"]

MAX_WORD_LENGTH = 64
"""Longer words are cut to this length on both sides (PostgreSQL refuses lexemes over 2 KB)."""

_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"}
    | dict.fromkeys("\u00ad\u200b\u200c\u200d\u2060\ufeff", "")  # invisible in words
)
_LATIN_LETTERS = str.maketrans(
    {
        "æ": "ae",
        "œ": "oe",
        "ø": "oe",
        "ł": "l",
        "đ": "d",
        "ð": "d",
        "þ": "th",
        "ı": "i",
        "ħ": "h",
        "ŀ": "l",
        "ŋ": "n",
        "ĸ": "k",
        "ʼ": "",
    }
)

# Combining marks and joiners that belong inside a word (Python's \w does not match them).
_MARKS = (
    "\u00ad\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7"
    "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed"
    "\u0900-\u0903\u093a-\u094f\u0951-\u0957\u0962\u0963\u0981-\u0983\u09bc-\u09d7"
    "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff"
    "\u3099\u309a\ufe20-\ufe2f"
)
_WORD = rf"(?:[^\W_]|[{_MARKS}])+"
_HYPHENS = "-\u2010\u2011"
_HYPHENS_SET = frozenset(_HYPHENS)
_RUN = re.compile(rf"{_WORD}(?:[{_HYPHENS}]{_WORD})*")
_EV_TAIL = re.compile(r"\.\s?V\b\.?")  # after "e": e. V. = eingetragener Verein
_THOUSANDS = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+(?![\w]|\.[0-9])")  # 50.000
_CACHE_SIZE = 100_000
_BINNEN_I = re.compile(r"(?<=[a-zäöüß])I(nnen)?$")
_HYPHEN_SPLIT = re.compile(rf"[{_HYPHENS}]")
_ASCII_WORDS = re.compile(r"[a-z0-9]+")
_UNICODE_WORDS = re.compile(_WORD)
_STREET = "str"
_GENDER_STEMS = ("er", "eur", "ent", "ant", "ist", "or", "ar", "og", "eg", "at", "kt", "zt", "ier")


class Token(NamedTuple):
    """A word of the text: where it stands and the plain words it consists of.

    `words` has one entry for a simple word and several for a hyphenated one
    ("Kreativ-Workshop" → ("kreativ", "workshop")). `suspended` is true for a word that ends
    with a hyphen before a space, as in "Schüler- und Studierendeninitiativen".
    """

    start: int
    end: int
    words: tuple[str, ...]
    suspended: bool = False


def fold_word(raw: str) -> list[str]:
    """Fold one raw word (no spaces) into plain ASCII words; usually exactly one.

    >>> fold_word("Straße"), fold_word("Läden"), fold_word("Café"), fold_word("½")
    (['strasse'], ['laeden'], ['cafe'], ['1', '2'])
    """
    text = unicodedata.normalize("NFKC", raw).casefold().translate(_UMLAUTS)
    if text.isascii():
        words = _ASCII_WORDS.findall(text)
    else:
        words = [_encode(word) for word in _UNICODE_WORDS.findall(_strip_accents(text))]
    return [word[:MAX_WORD_LENGTH] for word in words if word]


def fold_gender(word: str) -> str:
    """Reduce a feminine or gender-inclusive form to the base word.

    "schuelerinnen" → "schueler", "studentin" → "student", "akteurinnen" → "akteur". Words
    like "termin", "berlin" or "beginnen" stay: the base must be long enough and end like a
    person noun.
    """
    if word.endswith("innen"):
        base = word[:-5]
    elif word.endswith("in"):
        base = word[:-2]
    else:
        return word
    if len(base) >= 4 and base.endswith(_GENDER_STEMS):
        return base
    return word


def tokenise(text: str) -> Iterator[Token]:
    """The tokens of a text in order, with their character offsets in `text`."""
    skip_until = -1
    for match in _RUN.finditer(text):
        start, end = match.span()
        if start < skip_until:
            continue
        raw = match.group()
        if raw == "e" and (tail := _EV_TAIL.match(text, end)):
            yield Token(start, tail.end(), ("eingetragener",))
            yield Token(start, tail.end(), ("verein",))
            skip_until = tail.end()
            continue
        if (
            text.startswith(".", end)
            and len(raw) <= 3
            and raw.isascii()
            and raw.isdigit()
            and (start == 0 or text[start - 1] != ".")
            and (number := _THOUSANDS.match(text, start))
        ):
            yield Token(start, number.end(), (number.group().replace(".", ""),))
            skip_until = number.end()
            continue
        words = _fold_token(raw)
        if not words:
            continue
        following = text[end : end + 2]
        if following[:1] == "." and words[-1].endswith(_STREET) and words[-1].isalpha():
            words = (*words[:-1], (words[-1] + "asse")[:MAX_WORD_LENGTH])
        suspended = following[:1] in _HYPHENS_SET and (
            len(following) == 1 or following[1].isspace()
        )
        yield Token(start, end, words, suspended)


_folded: dict[str, tuple[str, ...]] = {}


def _fold_token(raw: str) -> tuple[str, ...]:
    """The folded words of one raw token (cached: texts repeat their words)."""
    words = _folded.get(raw)
    if words is None:
        folded: list[str] = []
        for piece in _HYPHEN_SPLIT.split(raw):
            folded.extend(fold_word(_BINNEN_I.sub(_small_i, piece)))
        words = tuple(folded)
        if len(_folded) >= _CACHE_SIZE:
            _folded.clear()
        _folded[raw] = words
    return words


def _small_i(match: re.Match[str]) -> str:
    return "i" + (match.group(1) or "")


def _strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        _decimal(char) for char in decomposed if unicodedata.category(char) != "Mn"
    ).translate(_LATIN_LETTERS)
    return unicodedata.normalize("NFC", kept)


def _decimal(char: str) -> str:
    if char.isascii() or not char.isdecimal():
        return char
    return str(unicodedata.decimal(char))


def _encode(word: str) -> str:
    """Words still outside ASCII (other scripts) become "u" and five hex digits a character."""
    if word.isascii():
        return word
    return "u" + "".join(f"{ord(char):05x}" for char in word)
