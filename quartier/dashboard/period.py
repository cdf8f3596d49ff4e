"""The period a dashboard looks back over, and the figure types its panels are made of."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

MONTH_CHOICES = (3, 6, 12, 24)
DEFAULT_MONTHS = 12


def months_back(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` months earlier (the last day of a shorter month)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover – day 28 exists in every month


@dataclass(frozen=True)
class Period:
    """From `start` (inclusive) to `end` (inclusive, normally today)."""

    months: int
    start: datetime.date
    end: datetime.date

    @classmethod
    def last_months(cls, months: int | None, today: datetime.date | None = None) -> "Period":
        months = months if months in MONTH_CHOICES else DEFAULT_MONTHS
        end = today or timezone.localdate()
        return cls(months, months_back(end, months) + datetime.timedelta(days=1), end)

    @property
    def previous(self) -> "Period":
        """The period of the same length just before this one."""
        end = self.start - datetime.timedelta(days=1)
        return Period(self.months, months_back(end, self.months) + datetime.timedelta(days=1), end)

    def start_moment(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))

    def end_moment(self) -> datetime.datetime:
        """The first moment after the period."""
        following = self.end + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(following, datetime.time.min))

    def month_starts(self) -> list[datetime.date]:
        """The first day of each calendar month the period touches."""
        starts, day = [], self.start.replace(day=1)
        while day <= self.end:
            starts.append(day)
            day = (day + datetime.timedelta(days=32)).replace(day=1)
        return starts


@dataclass
class Figure:
    key: str
    label: str
    value: Any
    unit: str = ""


@dataclass
class Panel:
    """One area of the dashboard: a headline figure and its change over the period, further
    figures, a table (which the chart draws) and a link into the area. `available` is False
    when the area has nothing to show for the viewer (the note says why)."""

    key: str
    title: str
    headline: Figure
    change: int | float | None
    change_label: str
    link_url: str
    link_label: str
    figures: list[Figure] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    rows: list[list[Any]] = field(default_factory=list)
    chart_column: int = 1
    note: str = ""
    available: bool = True
    chart: str = ""
    items: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": str(self.title),
            "available": self.available,
            "headline": figure_dict(self.headline),
            "change": self.change,
            "change_label": str(self.change_label),
            "figures": [figure_dict(f) for f in self.figures],
            "table": {
                "columns": [str(c) for c in self.columns],
                "rows": [[plain(v) for v in row] for row in self.rows],
            },
            "items": self.items,
            "note": str(self.note),
            "link": self.link_url,
        }


def plain(value: Any) -> Any:
    if isinstance(value, int | float | str | bool) or value is None:
        return value
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        return float(value)
    except (TypeError, ValueError):
        return str(value)


def figure_dict(figure: Figure) -> dict[str, Any]:
    return {
        "key": figure.key,
        "label": str(figure.label),
        "value": plain(figure.value),
        "unit": figure.unit,
    }
