"""Readable differences between two texts, for the version histories of articles and
agreements: segments that are equal, deleted or inserted. Templates or callers put deleted
and inserted text into <del> and <ins> and escape it, so no text of the users becomes HTML."""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

WORDS_AND_SPACES = re.compile(r"\s+|[^\s]+")  # a space between two words stays equal
WORDS_WITH_THEIR_SPACE = re.compile(r"\s+|\S+\s*")  # a changed word takes its space along


@dataclass
class Segment:
    op: str  # "equal", "delete" or "insert"
    text: str


def _append(segments: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1].text += text
    else:
        segments.append(Segment(op, text))


def diff_words(
    old: str,
    new: str,
    tokens: re.Pattern[str] = WORDS_AND_SPACES,
    segments: list[Segment] | None = None,
) -> list[Segment]:
    """Word by word; appends to `segments` when given."""
    segments = [] if segments is None else segments
    a, b = tokens.findall(old), tokens.findall(new)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _append(segments, "equal", "".join(a[i1:i2]))
        else:
            _append(segments, "delete", "".join(a[i1:i2]))
            _append(segments, "insert", "".join(b[j1:j2]))
    return segments


def diff_text(old: str, new: str) -> list[Segment]:
    """First by lines (paragraphs), then by words inside the lines that changed."""
    segments: list[Segment] = []
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _append(segments, "equal", "".join(a[i1:i2]))
        elif tag == "replace":
            diff_words("".join(a[i1:i2]), "".join(b[j1:j2]), segments=segments)
        else:
            _append(segments, "delete", "".join(a[i1:i2]))
            _append(segments, "insert", "".join(b[j1:j2]))
    return segments
