"""Synonyms and related words of the field, kept as data that editors extend.

`thesaurus.txt` beside this module holds one group per line (comma-separated words in normal
German spelling; "#" starts a comment line). A query word that is a form of a single-word entry
of a group also finds the other entries of the group (`Analyser.analyse_query`), ranked below
the word itself. Only queries use it, so a changed file needs no re-indexing.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

__all__ = ["THESAURUS_PATH", "Thesaurus", "default_thesaurus"]

THESAURUS_PATH = Path(__file__).with_name("thesaurus.txt")


class Thesaurus:
    """Groups of entries; an entry is one word or several (all of which must be found)."""

    def __init__(self, groups: Iterable[Iterable[str]]) -> None:
        self.groups: tuple[tuple[str, ...], ...] = tuple(
            entries
            for entries in (
                tuple(dict.fromkeys(entry.strip() for entry in group if entry.strip()))
                for group in groups
            )
            if len(entries) > 1
        )

    @classmethod
    def from_text(cls, text: str) -> Thesaurus:
        return cls(
            line.split(",")
            for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")
        )

    @classmethod
    def from_file(cls, path: Path) -> Thesaurus:
        return cls.from_text(path.read_text(encoding="utf-8"))

    def __len__(self) -> int:
        return len(self.groups)


@functools.cache
def default_thesaurus() -> Thesaurus:
    """The thesaurus of `thesaurus.txt`, read once per process."""
    return Thesaurus.from_file(THESAURUS_PATH)
