"""API of the neighbourhood dashboard: every panel's figures with their period, with the
same visibility as the page."""

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from quartier.accounts.viewer import viewer
from quartier.api.auth import read_auth
from quartier.api.schemas import ERRORS
from quartier.dashboard.period import DEFAULT_MONTHS, MONTH_CHOICES, Period
from quartier.dashboard.selectors import dashboard_panels
from quartier.neighbourhoods.selectors import access_neighbourhood

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
