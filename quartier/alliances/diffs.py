"""A readable comparison of two versions of an agreement, clause by clause, beside the
article comparison (`quartier.knowledge.diffs`): each clause's text word by word, each word
with the space after it, so that a changed phrase reads as one deletion and one insertion
(`quartier.core.diffs`). The template renders the segments as text inside <del> and <ins>
(`core/_diff.html`), so nothing of the clauses becomes HTML."""

from dataclasses import dataclass, field

from quartier.alliances.models import AgreementVersion
from quartier.core.diffs import WORDS_WITH_THEIR_SPACE, Segment, diff_words


def _words(old: str, new: str) -> list[Segment]:
    return diff_words(old, new, tokens=WORDS_WITH_THEIR_SPACE)


@dataclass
class ClauseChange:
    title: str
    change: str  # "same", "changed", "added", "removed"
    segments: list[Segment] = field(default_factory=list)


def compare_versions(old: AgreementVersion, new: AgreementVersion) -> list[ClauseChange]:
    """Clause by clause (matched by their key), what changed from one version to another."""
    before = {c["key"]: c for c in old.clauses}
    after_keys = {c["key"] for c in new.clauses}
    changes: list[ClauseChange] = []
    for clause in new.clauses:
        previous = before.get(clause["key"])
        if previous is None:
            changes.append(ClauseChange(clause["title"], "added", _words("", clause["text"])))
            continue
        same = previous["text"] == clause["text"] and previous["title"] == clause["title"]
        title = (
            clause["title"]
            if previous["title"] == clause["title"]
            else f"{previous['title']} → {clause['title']}"
        )
        segments = _words(previous["text"], clause["text"])
        changes.append(ClauseChange(title, "same" if same else "changed", segments))
    changes.extend(
        ClauseChange(clause["title"], "removed", _words(clause["text"], ""))
        for key, clause in before.items()
        if key not in after_keys
    )
    return changes
