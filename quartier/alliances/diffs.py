"""A readable comparison of two versions of an agreement, clause by clause, beside the
article comparison (`quartier.knowledge.diffs`): each clause's text first by lines, then by
words inside the lines that changed (`quartier.core.diffs`). The template renders the
segments as text inside <del> and <ins> (`core/_diff.html`), so nothing of the clauses
becomes HTML."""

from dataclasses import dataclass, field

from quartier.alliances.models import AgreementVersion
from quartier.core.diffs import Segment, diff_text


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
            changes.append(ClauseChange(clause["title"], "added", diff_text("", clause["text"])))
            continue
        same = previous["text"] == clause["text"] and previous["title"] == clause["title"]
        title = (
            clause["title"]
            if previous["title"] == clause["title"]
            else f"{previous['title']} → {clause['title']}"
        )
        segments = diff_text(previous["text"], clause["text"])
        changes.append(ClauseChange(title, "same" if same else "changed", segments))
    changes.extend(
        ClauseChange(clause["title"], "removed", diff_text(clause["text"], ""))
        for key, clause in before.items()
        if key not in after_keys
    )
    return changes
