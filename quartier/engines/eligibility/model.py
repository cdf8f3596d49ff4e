"""The data of the eligibility engine and the parsing of its JSON (docs/funding.md).

A programme's conditions are plain data; `parse_programme` and `parse_profile` turn decoded
JSON into frozen dataclasses, or raise `EligibilityInputError` naming every fault in German
and English."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypedDict

from .money import to_cents

DEADLINE_KINDS = ("fixed", "rolling", "yearly")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Problem(TypedDict):
    path: str
    de: str
    en: str


class EligibilityInputError(ValueError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__(self.describe())

    def describe(self) -> str:
        lines = ["Die Eingabe ist ungültig / The input is invalid:"]
        lines += [f"- {p['path']}: {p['de']} / {p['en']}" for p in self.problems]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Deadline:
    """`fixed`: the dates of the calls; `yearly`: the same day every year (month, day);
    `rolling`: applications at any time."""

    kind: str = "rolling"
    dates: tuple[date, ...] = ()
    month: int = 0
    day: int = 0

    def next_on(self, today: date) -> date | None:
        """The next deadline on or after today; None when rolling or all fixed dates passed."""
        if self.kind == "fixed":
            return next((d for d in self.dates if d >= today), None)
        if self.kind == "yearly":
            for year in (today.year, today.year + 1):
                day = _safe_date(year, self.month, self.day)
                if day >= today:
                    return day
        return None


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:  # 29 February in a common year
        return date(year, month, 28)


@dataclass(frozen=True, slots=True)
class Programme:
    """A funding programme as the engine sees it. `None` in a condition means "no condition".
    Percentages are basis points (10 % = 1000); amounts are cents."""

    id: str
    title: str
    legal_forms: frozenset[str] | None = None
    non_profit_required: bool = False
    seat_regions: tuple[str, ...] | None = None
    min_age_months: int = 0
    topics: frozenset[str] | None = None
    regions: tuple[str, ...] | None = None
    phases: frozenset[str] | None = None
    min_amount: int | None = None
    max_amount: int | None = None
    own_share_bp: int = 0
    volunteer_counts: bool = False
    in_kind_counts: bool = False
    trustee_allowed: bool = False
    deadline: Deadline = Deadline()


@dataclass(frozen=True, slots=True)
class Profile:
    """A project and its applicant as the engine sees them. `None` means "not stated"
    (the check then answers "Angabe fehlt" for a condition that needs it)."""

    id: str = ""
    legal_form: str | None = None
    non_profit: bool | None = None
    seat_region: str | None = None
    founded_on: date | None = None
    topics: frozenset[str] | None = None
    region: str | None = None
    phase: str | None = None
    total_costs: int | None = None
    requested: int | None = None
    own_funds: int | None = None
    volunteer_value: int = 0
    in_kind_value: int = 0

    @property
    def requested_amount(self) -> int | None:
        """The amount asked for: stated, or the total costs less own funds."""
        if self.requested is not None:
            return self.requested
        if self.total_costs is None:
            return None
        return self.total_costs - (self.own_funds or 0)


def region_covers(region: str, wanted: str) -> bool:
    """Regions are hierarchical codes: ``DE`` covers ``DE-SN`` and ``DE-SN-14713000``;
    ``EU`` covers every German region."""
    if region == "EU" or region == wanted:
        return True
    return wanted.startswith(region + "-")


class _Reader:
    def __init__(self, base: str) -> None:
        self.base = base
        self.problems: list[Problem] = []

    def fail(self, key: str, de: str, en: str) -> None:
        self.problems.append(
            {"path": f"{self.base}.{key}" if key else self.base, "de": de, "en": en}
        )

    def strings(self, data: Mapping[str, Any], key: str) -> tuple[str, ...] | None:
        value = data.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(key, "Liste von Texten erwartet", "a list of strings expected")
            return None
        return tuple(value)

    def cents(self, data: Mapping[str, Any], key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.fail(
                key, "ganze Zahl von Cent ≥ 0 erwartet", "a whole number of cents ≥ 0 expected"
            )
            return None
        return value

    def euros(self, data: Mapping[str, Any], key: str) -> int | None:
        """An amount given as `<key>_cents` (int) or `<key>` (euros, number or string)."""
        if data.get(f"{key}_cents") is not None:
            return self.cents(data, f"{key}_cents")
        value = data.get(key)
        if value is None:
            return None
        try:
            cents = to_cents(value)
        except ValueError:
            self.fail(key, "Betrag in Euro erwartet", "an amount in euros expected")
            return None
        if cents < 0:
            self.fail(key, "Betrag darf nicht negativ sein", "the amount must not be negative")
            return None
        return cents

    def flag(self, data: Mapping[str, Any], key: str) -> bool | None:
        value = data.get(key)
        if value is None or isinstance(value, bool):
            return value
        self.fail(key, "true oder false erwartet", "true or false expected")
        return None

    def number(self, data: Mapping[str, Any], key: str, low: int, high: int) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self.fail(
                key,
                f"ganze Zahl von {low} bis {high} erwartet",
                f"an integer {low}–{high} expected",
            )
            return None
        return value

    def day(self, data: Mapping[str, Any], key: str) -> date | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, str) and _ISO_DATE.match(value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        self.fail(key, "Datum JJJJ-MM-TT erwartet", "a date YYYY-MM-DD expected")
        return None

    def percent_bp(self, data: Mapping[str, Any], key: str) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        try:
            bp = to_cents(value)  # percent with two decimals = basis points
        except ValueError:
            bp = -1
        if not 0 <= bp <= 10_000:
            self.fail(key, "Prozentsatz von 0 bis 100 erwartet", "a percentage 0–100 expected")
            return None
        return bp


def _mapping(value: Any, reader: _Reader, key: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        reader.fail(key, "Objekt erwartet", "an object expected")
        return {}
    return value


def _parse_programme(data: Any, reader: _Reader) -> Programme | None:
    if not isinstance(data, Mapping):
        reader.fail("", "Objekt erwartet", "an object expected")
        return None
    pid = data.get("id")
    if not isinstance(pid, (str, int)) or isinstance(pid, bool) or pid == "":
        reader.fail("id", "Kennung fehlt", "the id is missing")
        pid = ""
    title = data.get("title") or str(pid)
    conditions = _mapping(data.get("conditions"), reader, "conditions")
    applicant = _mapping(conditions.get("applicant"), reader, "conditions.applicant")
    project = _mapping(conditions.get("project"), reader, "conditions.project")
    a = _Reader(f"{reader.base}.conditions.applicant")
    p = _Reader(f"{reader.base}.conditions.project")
    legal_forms = a.strings(applicant, "legal_forms")
    seat_regions = a.strings(applicant, "seat_regions")
    topics = p.strings(project, "topics")
    phases = p.strings(project, "phases")
    deadline_data = _mapping(data.get("deadline"), reader, "deadline")
    d = _Reader(f"{reader.base}.deadline")
    kind = deadline_data.get("kind", "rolling")
    deadline = Deadline()
    if kind not in DEADLINE_KINDS:
        d.fail("kind", "fixed, rolling oder yearly erwartet", "fixed, rolling or yearly expected")
    elif kind == "fixed":
        raw = deadline_data.get("dates")
        if not isinstance(raw, list) or not raw:
            d.fail("dates", "Liste von Daten erwartet", "a list of dates expected")
        else:
            days = [d.day({"d": v}, "d") for v in raw]
            deadline = Deadline("fixed", tuple(sorted(x for x in days if x)))
    elif kind == "yearly":
        month = d.number(deadline_data, "month", 1, 12)
        day = d.number(deadline_data, "day", 1, 31)
        if month is None or day is None:
            d.fail("", "Monat und Tag erwartet", "month and day expected")
        else:
            deadline = Deadline("yearly", month=month, day=day)
    programme = Programme(
        id=str(pid),
        title=str(title),
        legal_forms=frozenset(legal_forms) if legal_forms is not None else None,
        non_profit_required=bool(a.flag(applicant, "non_profit")),
        seat_regions=seat_regions,
        min_age_months=a.number(applicant, "min_age_months", 0, 1200) or 0,
        topics=frozenset(topics) if topics is not None else None,
        regions=p.strings(project, "regions"),
        phases=frozenset(phases) if phases is not None else None,
        min_amount=p.euros(project, "min_amount"),
        max_amount=p.euros(project, "max_amount"),
        own_share_bp=p.percent_bp(project, "own_share_percent") or 0,
        volunteer_counts=bool(p.flag(project, "volunteer_hours_count")),
        in_kind_counts=bool(p.flag(project, "in_kind_counts")),
        trustee_allowed=bool(a.flag(applicant, "trustee_allowed")),
        deadline=deadline,
    )
    reader.problems += a.problems + p.problems + d.problems
    return programme


def parse_programme(data: Any, path: str = "programme") -> Programme:
    reader = _Reader(path)
    programme = _parse_programme(data, reader)
    if reader.problems or programme is None:
        raise EligibilityInputError(reader.problems)
    return programme


def parse_programmes(data: Any) -> list[Programme]:
    """A list of programmes, or an object with a `programmes` list."""
    if isinstance(data, Mapping):
        data = data.get("programmes")
    if not isinstance(data, list):
        raise EligibilityInputError(
            [
                {
                    "path": "programmes",
                    "de": "Liste von Programmen erwartet",
                    "en": "a list of programmes expected",
                }
            ]
        )
    problems: list[Problem] = []
    programmes = []
    for index, item in enumerate(data):
        reader = _Reader(f"programmes[{index}]")
        programme = _parse_programme(item, reader)
        problems += reader.problems
        if programme is not None:
            programmes.append(programme)
    if problems:
        raise EligibilityInputError(problems)
    return programmes


def parse_profile(data: Any, path: str = "project") -> Profile:
    """A project profile: `{"id", "applicant": {…}, "project": {…}}` (docs/funding.md)."""
    reader = _Reader(path)
    if not isinstance(data, Mapping):
        raise EligibilityInputError(
            [{"path": path, "de": "Objekt erwartet", "en": "an object expected"}]
        )
    applicant = _mapping(data.get("applicant"), reader, "applicant")
    project = _mapping(data.get("project"), reader, "project")
    a = _Reader(f"{path}.applicant")
    p = _Reader(f"{path}.project")
    legal_form = applicant.get("legal_form")
    if legal_form is not None and not isinstance(legal_form, str):
        a.fail("legal_form", "Text erwartet", "a string expected")
        legal_form = None
    seat = applicant.get("seat_region")
    if seat is not None and not isinstance(seat, str):
        a.fail("seat_region", "Text erwartet", "a string expected")
        seat = None
    region = project.get("region")
    if region is not None and not isinstance(region, str):
        p.fail("region", "Text erwartet", "a string expected")
        region = None
    phase = project.get("phase")
    if phase is not None and not isinstance(phase, str):
        p.fail("phase", "Text erwartet", "a string expected")
        phase = None
    topics = p.strings(project, "topics")
    profile = Profile(
        id=str(data.get("id", "")),
        legal_form=legal_form or None,
        non_profit=a.flag(applicant, "non_profit"),
        seat_region=seat or None,
        founded_on=a.day(applicant, "founded_on"),
        topics=frozenset(topics) if topics is not None else None,
        region=region or None,
        phase=phase or None,
        total_costs=p.euros(project, "total_costs"),
        requested=p.euros(project, "requested"),
        own_funds=p.euros(project, "own_funds"),
        volunteer_value=p.euros(project, "volunteer_value") or 0,
        in_kind_value=p.euros(project, "in_kind_value") or 0,
    )
    problems = reader.problems + a.problems + p.problems
    if problems:
        raise EligibilityInputError(problems)
    return profile
