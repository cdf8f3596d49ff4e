"""Readable differences between two texts, for the version histories of articles and
agreements: segments that are equal, deleted or inserted. Templates or callers put deleted
and inserted text into <del> and <ins> and escape it, so no text of the users becomes HTML.

The work stays near-linear in the length of the texts: the common beginning and end are set
aside first, then tokens that occur exactly once in both texts anchor the comparison
(patience diff: their longest common order, in O(n log n)), and `difflib` compares only the
pieces between anchors, each at most `MAX_PAIRS` token pairs; a larger piece without anchors
counts as replaced as a whole."""

import bisect
import re
from collections import Counter
from collections.abc import Iterator, Sequence
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


MAX_PAIRS = 250_000  # token pairs difflib may compare at once (quadratic in its worst case)
Opcode = tuple[str, int, int, int, int]


def _anchors(a: Sequence[str], b: Sequence[str]) -> list[tuple[int, int]]:
    """Positions (i, j) of tokens unique in both, in their longest common order."""
    count_a, count_b = Counter(a), Counter(b)
    where_b = {token: j for j, token in enumerate(b) if count_b[token] == 1}
    pairs = [
        (i, where_b[token]) for i, token in enumerate(a) if count_a[token] == 1 and token in where_b
    ]
    # longest increasing subsequence of the j's (patience sorting)
    tails: list[int] = []
    tail_index: list[int] = []
    previous: list[int] = []
    for k, (_i, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_index.append(k)
        else:
            tails[pos] = j
            tail_index[pos] = k
        previous.append(tail_index[pos - 1] if pos else -1)
    chain = []
    k = tail_index[-1] if tail_index else -1
    while k >= 0:
        chain.append(pairs[k])
        k = previous[k]
    return chain[::-1]


def _opcodes(a: Sequence[str], b: Sequence[str], i0: int = 0, j0: int = 0) -> Iterator[Opcode]:
    """Opcodes like SequenceMatcher.get_opcodes, for a[i0:] against b[j0:] positions."""
    n, m = len(a), len(b)
    if n * m <= MAX_PAIRS:  # small enough: difflib's result, exactly as always
        matcher = SequenceMatcher(None, a, b, autojunk=False)
        for tag, x1, x2, y1, y2 in matcher.get_opcodes():
            yield (tag, i0 + x1, i0 + x2, j0 + y1, j0 + y2)
        return
    start = 0
    while start < n and start < m and a[start] == b[start]:
        start += 1
    end = 0
    while end < n - start and end < m - start and a[n - 1 - end] == b[m - 1 - end]:
        end += 1
    if start:
        yield ("equal", i0, i0 + start, j0, j0 + start)
    mid_a, mid_b = a[start : n - end], b[start : m - end]
    i1, j1 = i0 + start, j0 + start
    if not mid_a and not mid_b:
        pass
    elif not mid_a:
        yield ("insert", i1, i1, j1, j1 + len(mid_b))
    elif not mid_b:
        yield ("delete", i1, i1 + len(mid_a), j1, j1)
    elif len(mid_a) * len(mid_b) <= MAX_PAIRS:
        matcher = SequenceMatcher(None, mid_a, mid_b, autojunk=False)
        for tag, x1, x2, y1, y2 in matcher.get_opcodes():
            yield (tag, i1 + x1, i1 + x2, j1 + y1, j1 + y2)
    else:
        anchors = _anchors(mid_a, mid_b)
        if not anchors:
            yield ("replace", i1, i1 + len(mid_a), j1, j1 + len(mid_b))
        else:
            x, y = 0, 0
            for ax, ay in [*anchors, (len(mid_a), len(mid_b))]:
                yield from _opcodes(mid_a[x:ax], mid_b[y:ay], i1 + x, j1 + y)
                if ax < len(mid_a):
                    yield ("equal", i1 + ax, i1 + ax + 1, j1 + ay, j1 + ay + 1)
                x, y = ax + 1, ay + 1
    if end:
        yield ("equal", i0 + n - end, i0 + n, j0 + m - end, j0 + m)


def opcodes(a: Sequence[str], b: Sequence[str]) -> list[Opcode]:
    """The changes from `a` to `b` as (tag, i1, i2, j1, j2), neighbouring equal runs joined."""
    result: list[Opcode] = []
    for op in _opcodes(a, b):
        if op[1] == op[2] and op[3] == op[4]:
            continue
        if result and result[-1][0] == op[0] == "equal":
            last = result[-1]
            result[-1] = ("equal", last[1], op[2], last[3], op[4])
        else:
            result.append(op)
    return result


def diff_words(
    old: str,
    new: str,
    tokens: re.Pattern[str] = WORDS_AND_SPACES,
    segments: list[Segment] | None = None,
) -> list[Segment]:
    """Word by word; appends to `segments` when given."""
    segments = [] if segments is None else segments
    a, b = tokens.findall(old), tokens.findall(new)
    for tag, i1, i2, j1, j2 in opcodes(a, b):
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
    for tag, i1, i2, j1, j2 in opcodes(a, b):
        if tag == "equal":
            _append(segments, "equal", "".join(a[i1:i2]))
        elif tag == "replace":
            diff_words("".join(a[i1:i2]), "".join(b[j1:j2]), segments=segments)
        else:
            _append(segments, "delete", "".join(a[i1:i2]))
            _append(segments, "insert", "".join(b[j1:j2]))
    return segments
