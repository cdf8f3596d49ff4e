"""A readable comparison of two versions of an article: first by lines (paragraphs), then by
words inside the paragraphs that changed. The template renders the segments as text inside
<del> and <ins>, so nothing of the articles' own Markdown becomes HTML."""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quartier.knowledge.models import ArticleVersion

TOKEN = re.compile(r"\s+|[^\s]+")


@dataclass
class Segment:
    op: str  # "equal", "delete" or "insert"
    text: str


@dataclass
class FieldDiff:
    label: str | Promise
    segments: list[Segment] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(s.op != "equal" for s in self.segments)


def _append(segments: list[Segment], op: str, text: str) -> None:
    if not text:
        return
    if segments and segments[-1].op == op:
        segments[-1].text += text
    else:
        segments.append(Segment(op, text))


def _words(old: str, new: str, segments: list[Segment]) -> None:
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _append(segments, "equal", "".join(a[i1:i2]))
        else:
            _append(segments, "delete", "".join(a[i1:i2]))
            _append(segments, "insert", "".join(b[j1:j2]))


def diff_text(old: str, new: str) -> list[Segment]:
    segments: list[Segment] = []
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            _append(segments, "equal", "".join(a[i1:i2]))
        elif tag == "replace":
            _words("".join(a[i1:i2]), "".join(b[j1:j2]), segments)
        else:
            _append(segments, "delete", "".join(a[i1:i2]))
            _append(segments, "insert", "".join(b[j1:j2]))
    return segments


def compare_versions(old: ArticleVersion, new: ArticleVersion) -> list[FieldDiff]:
    return [
        FieldDiff(label, diff_text(getattr(old, name), getattr(new, name)))
        for name, label in [("title", _("Title")), ("summary", _("Summary")), ("body", _("Text"))]
    ]
