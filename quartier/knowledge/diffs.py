"""A readable comparison of two versions of an article: title, summary and text, each first
by lines (paragraphs), then by words inside the paragraphs that changed
(`quartier.core.diffs`). The template renders the segments as text inside <del> and <ins>,
so nothing of the articles' own Markdown becomes HTML."""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from quartier.core.diffs import Segment, diff_text
from quartier.knowledge.models import ArticleVersion

__all__ = ["FieldDiff", "compare_versions", "diff_text"]


@dataclass
class FieldDiff:
    label: str | Promise
    segments: list[Segment] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(s.op != "equal" for s in self.segments)


def compare_versions(old: ArticleVersion, new: ArticleVersion) -> list[FieldDiff]:
    return [
        FieldDiff(label, diff_text(getattr(old, name), getattr(new, name)))
        for name, label in [("title", _("Title")), ("summary", _("Summary")), ("body", _("Text"))]
    ]
