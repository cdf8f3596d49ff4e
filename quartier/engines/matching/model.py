"""The data of the matching engine: places, requests, weights, the input and the result.

The JSON input is read by `parsing.parse_input`; docs/matching.md is the contract.
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypedDict

Id = str | int
"""A place or request id as given in the input: a non-empty string or an integer."""

CRITERIA: tuple[str, ...] = ("use", "size", "price", "distance", "nice_to_have", "waiting")
"""The scoring criteria, in the order in which explanations list them."""

DEFAULT_WEIGHTS: Mapping[str, float] = {
    "use": 25.0,
    "size": 20.0,
    "price": 20.0,
    "distance": 15.0,
    "nice_to_have": 10.0,
    "waiting": 10.0,
}
"""Points each criterion contributes at a perfect fit; they sum to 100."""

MAX_MONTHS = 1200


class Problem(TypedDict):
    """One thing wrong with the input: where (`path`, e.g. ``requests[2].start``) and what,
    in German (`de`) and English (`en`)."""

    path: str
    de: str
    en: str


class MatchingInputError(ValueError):
    """The input is not a valid matching problem; `problems` lists every fault found."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = ["Die Eingabe ist ungültig / The input is invalid:"]
        lines += [f"- {p['path']}: {p['de']} / {p['en']}" for p in self.problems]
        return "\n".join(lines)


def id_sort_key(value: Id) -> tuple[int, int, str]:
    """Sorts integers numerically before strings; gives one order whatever the input order."""
    if isinstance(value, int):
        return (0, value, "")
    return (1, 0, value)


def add_months(start: date, months: int) -> date:
    """Calendar months: the same day `months` months later, clamped to the end of that month
    (31 January + 1 month = 28 or 29 February)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Place:
    """A place on offer (Ort)."""

    id: Id
    area_m2: float
    rent_eur_month: float
    lat: float
    lon: float
    available_from: date
    available_until: date | None
    uses: frozenset[str]
    features: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Request:
    """A space request (Raumgesuch)."""

    id: Id
    uses: frozenset[str]
    area_m2_min: float
    area_m2_max: float
    budget_eur_month: float
    lat: float
    lon: float
    radius_km: float
    start: date
    months: int
    must_have: frozenset[str] = frozenset()
    nice_to_have: frozenset[str] = frozenset()
    displaced: bool = False

    @property
    def end(self) -> date:
        """The day the requested period ends: `start` plus `months` calendar months."""
        return add_months(self.start, self.months)


@dataclass(frozen=True)
class Weights:
    """Points per criterion at a perfect fit, scaled so that they sum to 100."""

    use: float = DEFAULT_WEIGHTS["use"]
    size: float = DEFAULT_WEIGHTS["size"]
    price: float = DEFAULT_WEIGHTS["price"]
    distance: float = DEFAULT_WEIGHTS["distance"]
    nice_to_have: float = DEFAULT_WEIGHTS["nice_to_have"]
    waiting: float = DEFAULT_WEIGHTS["waiting"]

    @classmethod
    def from_mapping(cls, given: Mapping[str, float]) -> Weights:
        """Given weights replace the defaults criterion by criterion; then all are scaled to
        sum to 100. The caller has checked that the values are non-negative with a positive
        sum."""
        raw = {name: float(given.get(name, DEFAULT_WEIGHTS[name])) for name in CRITERIA}
        total = sum(raw.values())
        return cls(**{name: value * 100.0 / total for name, value in raw.items()})

    def as_dict(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in CRITERIA}


@dataclass(frozen=True)
class MatchingInput:
    """A matching problem. Places and requests are kept sorted by id, however they are given,
    so that the result does not depend on their order."""

    places: tuple[Place, ...]
    requests: tuple[Request, ...]
    weights: Weights = field(default_factory=Weights)
    owner_rankings: Mapping[Id, tuple[Id, ...]] | None = None

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "places", tuple(sorted(self.places, key=lambda p: id_sort_key(p.id)))
        )
        object.__setattr__(
            self, "requests", tuple(sorted(self.requests, key=lambda r: id_sort_key(r.id)))
        )


@dataclass(frozen=True)
class Pair:
    """A feasible pair of request and place with its score (0–100, one decimal) and the
    German explanation of every criterion's contribution."""

    request: Id
    place: Id
    score: float
    reasons: tuple[str, ...]

    def as_json(self) -> dict[str, Any]:
        return {
            "request": self.request,
            "place": self.place,
            "score": self.score,
            "reasons": list(self.reasons),
        }


@dataclass(frozen=True)
class Result:
    """The outcome of a matching run; `as_json` gives the documented output."""

    assignment: tuple[Pair, ...]
    unassigned: tuple[Id, ...]
    total_score: float
    pairs: tuple[Pair, ...] | None = None
    stable: Result | None = None
    pairs_total: int | None = None

    def as_json(self) -> dict[str, Any]:
        output: dict[str, Any] = {
            "assignment": [pair.as_json() for pair in self.assignment],
            "unassigned": list(self.unassigned),
            "total_score": self.total_score,
        }
        if self.pairs is not None:
            output["pairs"] = [pair.as_json() for pair in self.pairs]
            output["pairs_total"] = (
                len(self.pairs) if self.pairs_total is None else self.pairs_total
            )
        if self.stable is not None:
            output["stable"] = self.stable.as_json()
        return output
