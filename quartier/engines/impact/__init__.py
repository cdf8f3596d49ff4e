"""Periods and achieved values of impact indicators (pure Python, no Django).

A period is identified by its first day: the 1st of a month, of a quarter's first month or
of January. A measurement holds the value *of its period*; what counts against a target is
that value for a per-period indicator and the running sum up to the period for a cumulative
one."""

import datetime
import functools
from collections.abc import Iterable, Mapping
from decimal import Decimal

PERIODS = ("month", "quarter", "year")

# (period start, the period's own value, what counts against the target, the target)
Point = tuple[datetime.date, Decimal | None, Decimal | None, Decimal | None]
MONTHS = {"month": 1, "quarter": 3, "year": 12}


def period_start(day: datetime.date, period: str) -> datetime.date:
    if period == "month":
        return day.replace(day=1)
    if period == "quarter":
        return datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    if period == "year":
        return datetime.date(day.year, 1, 1)
    raise ValueError(f"unknown period {period!r}")


def is_period_start(day: datetime.date, period: str) -> bool:
    return period_start(day, period) == day


def next_period(start: datetime.date, period: str) -> datetime.date:
    month = start.month - 1 + MONTHS[period]
    return datetime.date(start.year + month // 12, month % 12 + 1, 1)


def period_end(start: datetime.date, period: str) -> datetime.date:
    """The last day of the period."""
    return next_period(start, period) - datetime.timedelta(days=1)


def periods_between(first: datetime.date, last: datetime.date, period: str) -> list[datetime.date]:
    """The starts of every period from the one containing `first` to the one containing
    `last` (empty when last < first)."""
    current, end = period_start(first, period), period_start(last, period)
    result = []
    while current <= end:
        result.append(current)
        current = next_period(current, period)
    return result


@functools.lru_cache(maxsize=4096)
def period_label(start: datetime.date, period: str) -> str:
    if period == "month":
        return f"{start.month:02d}/{start.year}"
    if period == "quarter":
        return f"Q{(start.month - 1) // 3 + 1}/{start.year}"
    return str(start.year)


def parse_period(text: str, period: str) -> datetime.date:
    """ "2026-03", "2026-03-01", "Q1/2026", "03/2026" or "2026" → the start of that period.
    Raises ValueError for anything else or a day that does not start a period."""
    text = text.strip()
    try:
        if text.upper().startswith("Q") and "/" in text:
            quarter, year = text[1:].split("/")
            day = datetime.date(int(year), 3 * (int(quarter) - 1) + 1, 1)
        elif len(text) == 4 and text.isdigit():
            day = datetime.date(int(text), 1, 1)
        elif len(text) == 7 and text[4] == "-":
            day = datetime.date(int(text[:4]), int(text[5:]), 1)
        elif len(text) == 7 and text[2] == "/":
            day = datetime.date(int(text[3:]), int(text[:2]), 1)
        else:
            day = datetime.date.fromisoformat(text)
    except (ValueError, IndexError) as error:
        raise ValueError(f"not a period: {text!r}") from error
    if not is_period_start(day, period):
        raise ValueError(f"{text!r} does not start a {period}")
    return day


def achieved(
    values: Iterable[tuple[datetime.date, Decimal]], aggregation: str
) -> dict[datetime.date, Decimal]:
    """What counts against the target in each period that has a value: the value itself
    (per period) or the running sum of all values up to and including it (cumulative)."""
    ordered = sorted(values)
    if aggregation == "per_period":
        return dict(ordered)
    if aggregation != "cumulative":
        raise ValueError(f"unknown aggregation {aggregation!r}")
    total, result = Decimal(0), {}
    for start, value in ordered:
        total += value
        result[start] = total
    return result


def attainment(
    value: Decimal, target: Decimal, baseline: Decimal | None, direction: str
) -> float | None:
    """How far from the baseline towards the target a value got (1.0 = reached); None when
    target and baseline are the same."""
    base = baseline if baseline is not None else Decimal(0)
    span = target - base
    if span == 0:
        return None
    progress = (value - base) / span
    return float(progress)


def series(
    values: Mapping[datetime.date, Decimal],
    targets: Mapping[datetime.date, Decimal],
    aggregation: str,
) -> list[Point]:
    """Every period that has a value or a target, in order. A target without a value: a
    cumulative total carries over, a per-period indicator has reached nothing there."""
    reached = achieved(values.items(), aggregation)
    carries = aggregation == "cumulative"
    points: list[Point] = []
    running: Decimal | None = None
    for start in sorted(values.keys() | targets.keys()):
        current = reached.get(start)
        if current is not None:
            running = current
        elif carries:
            current = running
        points.append((start, values.get(start), current, targets.get(start)))
    return points


def add_up(many: Iterable[Iterable[Point]]) -> list[Point]:
    """Several indicators measured alike, added up period by period: value, achieved and
    target each the sum of those that have one (None where none has)."""
    sums: dict[datetime.date, list[Decimal | None]] = {}
    for points in many:
        for start, *numbers in points:
            slot = sums.get(start)
            if slot is None:
                sums[start] = list(numbers)
                continue
            for index, number in enumerate(numbers):
                if number is not None:
                    total = slot[index]
                    slot[index] = number if total is None else total + number
    return [(start, v[0], v[1], v[2]) for start, v in sorted(sums.items())]
