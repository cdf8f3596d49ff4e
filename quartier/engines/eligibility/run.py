"""The engine on decoded JSON, as the command and the API call it."""

from __future__ import annotations

from datetime import date
from typing import Any

from .check import rank
from .model import parse_profile, parse_programmes


def check_json(
    programmes: Any, project: Any, today: date, *, include_not_eligible: bool = True
) -> dict[str, Any]:
    """{"project": id, "results": [check, …]} best first (docs/funding.md)."""
    parsed = parse_programmes(programmes)
    profile = parse_profile(project)
    results = rank(parsed, profile, today, include_not_eligible=include_not_eligible)
    return {
        "project": profile.id,
        "date": today.isoformat(),
        "results": [r.as_dict() for r in results],
    }
