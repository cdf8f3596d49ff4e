"""API of the neighbourhood dashboard: every panel's figures with their period, with the
same visibility as the page."""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from quartier.accounts.viewer import viewer
from quartier.api.auth import read_auth
from quartier.api.pagination import PageNumberPagination
from quartier.api.schemas import ERRORS, ObjectId
from quartier.dashboard.models import StatisticalArea, StatisticIndicator, StatisticValue
from quartier.dashboard.period import DEFAULT_MONTHS, MONTH_CHOICES, Period
from quartier.dashboard.selectors import dashboard_panels
from quartier.dashboard.towns import COMPARED_FIGURES, key_figures, with_classes
from quartier.neighbourhoods.selectors import access_municipality, access_neighbourhood

dashboard_router = Router(tags=["dashboard"])


class PeriodOut(Schema):
    months: int
    start: date
    end: date


class DashboardOut(Schema):
    neighbourhood: str = Field(description="short name (slug)")
    name: str
    period: PeriodOut
    panels: list[dict[str, Any]] = Field(
        description="key, title, headline {key, label, value, unit}, change over the period, "
        "change_label, figures, table {columns, rows}, items, note, link"
    )


class DashboardFilters(Schema):
    months: int = Field(
        DEFAULT_MONTHS, description=f"length of the period in months: {MONTH_CHOICES}"
    )


@dashboard_router.get("/{slug}/dashboard", response={200: DashboardOut, **ERRORS}, auth=read_auth)
def neighbourhood_dashboard(
    request: HttpRequest, slug: str, filters: Query[DashboardFilters]
) -> dict[str, Any]:
    """The dashboard of a neighbourhood (by its short name, or its id): every panel's figures
    over the last `months` months up to today; only what the caller may see is counted."""
    key: int | str = int(slug) if slug.isdigit() else slug
    neighbourhood = access_neighbourhood(viewer(request), key)
    period = Period.last_months(filters.months)
    panels = dashboard_panels(neighbourhood, viewer(request), period, charts=False)
    return {
        "neighbourhood": neighbourhood.slug,
        "name": neighbourhood.name,
        "period": {"months": period.months, "start": period.start, "end": period.end},
        "panels": [panel.as_dict() for panel in panels],
    }


# --- official statistics ---------------------------------------------------------------------

statistics_router = Router(tags=["statistics"])


class StatisticIndicatorOut(Schema):
    key: str
    title: str
    definition: str
    unit: str
    source: str
    licence: str
    direction: str
    counts_for_status: bool


class AreaOut(Schema):
    key: str
    name: str
    municipality: int
    neighbourhood: int | None
    valid_from: int | None
    valid_until: int | None

    @staticmethod
    def resolve_municipality(obj: StatisticalArea) -> int:
        return obj.municipality_id

    @staticmethod
    def resolve_neighbourhood(obj: StatisticalArea) -> int | None:
        return obj.neighbourhood_id


class ValueOut(Schema):
    area: AreaOut
    indicator: StatisticIndicatorOut
    year: int
    value: float


class StatisticsFilters(Schema):
    neighbourhood: int | None = Field(None, description="id of a neighbourhood")
    municipality: int | None = Field(None, description="id of a municipality")
    indicator: str = Field("", max_length=60, description="key of an indicator")
    year: int | None = Field(None, ge=1950, le=2100)


@statistics_router.get("", response=list[ValueOut], auth=read_auth)
@paginate(PageNumberPagination)
def list_statistics(
    request: HttpRequest, filters: Query[StatisticsFilters]
) -> QuerySet[StatisticValue]:
    """Official values per statistical area, indicator and year (open data: everybody reads
    them), each with its indicator's definition, source and licence."""
    values = StatisticValue.objects.select_related("area", "indicator").order_by(
        "indicator__key", "area__key", "year", "pk"
    )
    if filters.neighbourhood:
        values = values.filter(area__neighbourhood_id=filters.neighbourhood)
    if filters.municipality:
        values = values.filter(area__municipality_id=filters.municipality)
    if filters.indicator:
        values = values.filter(indicator__key=filters.indicator)
    if filters.year:
        values = values.filter(year=filters.year)
    return values


@statistics_router.get("/indicators", response=list[StatisticIndicatorOut], auth=read_auth)
@paginate(PageNumberPagination)
def list_indicators(request: HttpRequest) -> QuerySet[StatisticIndicator]:
    """The indicators with definition, unit, source, licence and direction."""
    return StatisticIndicator.objects.order_by("key", "pk")


# --- comparison across a municipality ----------------------------------------------------------

comparison_router = Router(tags=["dashboard"])
COMPARISON_LIMIT = 200


class ComparedNeighbourhood(Schema):
    id: int
    slug: str
    name: str
    situation_type: str
    figures: dict[str, Any]


class ComparisonOut(Schema):
    municipality: int
    name: str
    state: str
    period: PeriodOut
    figures: dict[str, str] = Field(description="key and German label of each figure")
    neighbourhoods: list[ComparedNeighbourhood]
    truncated: bool = Field(description=f"more than {COMPARISON_LIMIT} neighbourhoods")


@comparison_router.get(
    "/{municipality_id}/comparison", response={200: ComparisonOut, **ERRORS}, auth=read_auth
)
def municipality_comparison(
    request: HttpRequest, municipality_id: ObjectId, filters: Query[DashboardFilters]
) -> dict[str, Any]:
    """The neighbourhoods of a municipality side by side: the key figures of each over the
    last `months` months, with the status and dynamics classes; only what the caller may
    see is counted. A fixed number of queries, at most 200 neighbourhoods."""
    municipality = access_municipality(viewer(request), municipality_id)
    period = Period.last_months(filters.months)
    hoods = list(
        municipality.neighbourhoods.select_related("municipality").order_by("name", "pk")[
            : COMPARISON_LIMIT + 1
        ]
    )
    truncated = len(hoods) > COMPARISON_LIMIT
    hoods = hoods[:COMPARISON_LIMIT]
    figures = key_figures(hoods, viewer(request), period)
    with_classes(hoods, figures)
    return {
        "municipality": municipality.pk,
        "name": municipality.name,
        "state": municipality.state,
        "period": {"months": period.months, "start": period.start, "end": period.end},
        "figures": {key: str(label) for key, label in COMPARED_FIGURES},
        "neighbourhoods": [
            {
                "id": n.pk,
                "slug": n.slug,
                "name": n.name,
                "situation_type": n.situation_type,
                "figures": figures[n.pk],
            }
            for n in hoods
        ],
        "truncated": truncated,
    }
