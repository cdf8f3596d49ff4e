"""Reads of official statistics: the values of a neighbourhood's areas beside the mean of
its municipality, and the status and dynamics classes of the social monitoring
(`quartier.engines.monitoring`) – a fixed number of queries."""

from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.db.models import Max, Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quartier.accounts.viewer import Viewer
from quartier.dashboard.models import Annotation, StatisticalArea, StatisticValue
from quartier.dashboard.period import Figure, Panel, Period
from quartier.engines.monitoring import classify, dynamics_class, status_class
from quartier.neighbourhoods.models import Neighbourhood

STATUS_LABELS = {
    1: gettext_lazy("high"),
    2: gettext_lazy("medium"),
    3: gettext_lazy("low"),
    4: gettext_lazy("very low"),
}
DYNAMICS_LABELS = {
    1: gettext_lazy("positive"),
    2: gettext_lazy("stable"),
    3: gettext_lazy("negative"),
}


def valid_in(year: int, prefix: str = "") -> Q:
    return (
        Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": year})
    ) & (Q(**{f"{prefix}valid_until__isnull": True}) | Q(**{f"{prefix}valid_until__gte": year}))


def mean(values: list[float]) -> float | None:
    return sum(values) / len(values) if values else None


def neighbourhood_statistics(neighbourhood: Neighbourhood) -> dict[str, Any]:
    """The latest year with values for the neighbourhood's areas, a row per indicator
    (neighbourhood mean, year before, municipality mean), and the classes."""
    own = StatisticalArea.objects.filter(neighbourhood=neighbourhood)
    year = StatisticValue.objects.filter(area__in=own).aggregate(y=Max("year"))["y"]
    if year is None:
        return {"year": None, "rows": [], "status": None, "dynamics": None, "breaks": []}
    base = year - 1
    values = list(
        StatisticValue.objects.filter(
            area__municipality_id=neighbourhood.municipality_id, year__in=[base, year]
        )
        .filter(valid_in(base, "area__") | valid_in(year, "area__"))
        .select_related("indicator")
        .values_list(
            "area_id",
            "area__neighbourhood_id",
            "area__valid_from",
            "indicator__key",
            "indicator__title",
            "indicator__unit",
            "indicator__direction",
            "indicator__counts_for_status",
            "year",
            "value",
        )
    )
    series: dict[str, dict[int, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    meta: dict[str, tuple[str, str]] = {}
    directions: dict[str, str] = {}
    mine: set[int] = set()
    breaks: set[int] = set()
    broken: set[int] = set()  # areas drawn anew since the year before: no dynamics
    for area, hood, since, key, title, unit, direction, status, y, value in values:
        meta[key] = (title, unit)
        if hood == neighbourhood.pk:
            mine.add(area)
            if since is not None and since > base:
                breaks.add(since)
                broken.add(area)
        if status:
            directions[key] = direction
        series[key][y][area] = float(value)
    rows = []
    for key, (title, unit) in sorted(meta.items(), key=lambda item: item[1][0]):
        now = series[key].get(year, {})
        before = series[key].get(base, {})
        rows.append(
            [
                title,
                rounded(mean([v for a, v in now.items() if a in mine])),
                rounded(mean([v for a, v in before.items() if a in mine])),
                rounded(mean(list(now.values()))),
                unit,
                key,
            ]
        )
    status_series = {k: v for k, v in series.items() if k in directions}
    classes = classify(status_series, directions, year, base) if status_series else {}
    status_index = mean([float(c["status_index"] or 0) for a, c in classes.items() if a in mine])
    dynamics_index = mean(
        [
            float(c["dynamics_index"])
            for a, c in classes.items()
            if a in mine and a not in broken and c["dynamics_index"] is not None
        ]
    )

    return {
        "year": year,
        "rows": rows,
        "status": status_class(status_index) if status_index is not None else None,
        "dynamics": dynamics_class(dynamics_index) if dynamics_index is not None else None,
        "status_index": status_index,
        "dynamics_index": dynamics_index,
        "breaks": sorted(breaks),
    }


def rounded(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(round(value, 2)))


def annotations_for(neighbourhood: Neighbourhood, viewer: Viewer) -> QuerySet[Annotation]:
    """The visible annotations; the managers (and administrators) also see the hidden ones."""
    annotations = Annotation.objects.filter(neighbourhood=neighbourhood).select_related("author")
    if not viewer.has_perm(
        "dashboard.moderate_annotation", Annotation(neighbourhood=neighbourhood)
    ):
        annotations = annotations.filter(status=Annotation.Status.VISIBLE)
    return annotations.order_by("-created_at", "-pk")


def statistics_panel(neighbourhood: Neighbourhood, viewer: Viewer, period: Period) -> Panel:
    stats = neighbourhood_statistics(neighbourhood)
    status, dynamics = stats["status"], stats["dynamics"]
    note = ""
    if stats["year"] is None:
        note = _("No official statistics have been imported for this neighbourhood yet.")
    elif stats["breaks"]:
        note = _(
            "Break in the series: areas were redrawn in %(years)s; dynamics leave them out."
        ) % {"years": ", ".join(str(y) for y in stats["breaks"])}
    return Panel(
        key="statistics",
        title=_("Official statistics"),
        headline=Figure(
            "status_class",
            _("status class (social monitoring)"),
            f"{status} – {STATUS_LABELS[status]}" if status else None,
        ),
        change=None,
        change_label="",
        figures=[
            Figure(
                "dynamics_class",
                _("dynamics class"),
                f"{dynamics} – {DYNAMICS_LABELS[dynamics]}" if dynamics else None,
            ),
            Figure("year", _("latest year"), stats["year"]),
        ],
        columns=[_("Indicator"), _("Neighbourhood"), _("Year before"), _("Municipality")],
        rows=[row[:4] for row in stats["rows"]],
        chart_column=0,
        note=note,
        items=[{"key": row[5], "unit": row[4]} for row in stats["rows"]],
        link_url=f"/api/v1/statistics?neighbourhood={neighbourhood.pk}",
        link_label=_("The values as data (API)"),
    )


def classes_of_municipality(municipality_id: int) -> dict[int, tuple[int | None, int | None]]:
    """The status and dynamics class of every neighbourhood of a municipality that has
    statistical areas, from the latest year with values (two queries)."""
    values = StatisticValue.objects.filter(
        area__municipality_id=municipality_id, indicator__counts_for_status=True
    )
    year = values.aggregate(y=Max("year"))["y"]
    if year is None:
        return {}
    series: dict[str, dict[int, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    directions: dict[str, str] = {}
    hoods: dict[int, int] = {}
    broken: set[int] = set()
    for area, hood, since, key, direction, y, value in values.filter(
        year__in=[year - 1, year]
    ).values_list(
        "area_id",
        "area__neighbourhood_id",
        "area__valid_from",
        "indicator__key",
        "indicator__direction",
        "year",
        "value",
    ):
        series[key][y][area] = float(value)
        directions[key] = direction
        if hood is not None:
            hoods[area] = hood
        if since is not None and since > year - 1:
            broken.add(area)
    classes = classify(series, directions, year, year - 1)
    by_hood: dict[int, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for area, c in classes.items():
        if area not in hoods:
            continue
        statuses, dynamics = by_hood[hoods[area]]
        statuses.append(float(c["status_index"] or 0))
        if c["dynamics_index"] is not None and area not in broken:
            dynamics.append(float(c["dynamics_index"]))
    result: dict[int, tuple[int | None, int | None]] = {}
    for hood, (statuses, dynamics) in by_hood.items():
        s, d = mean(statuses), mean(dynamics)
        result[hood] = (
            status_class(s) if s is not None else None,
            dynamics_class(d) if d is not None else None,
        )
    return result
