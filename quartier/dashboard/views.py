"""The neighbourhood dashboard page ("Lage im Quartier")."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from quartier.accounts.viewer import viewer
from quartier.dashboard.period import MONTH_CHOICES, Period
from quartier.dashboard.selectors import dashboard_panels
from quartier.neighbourhoods.selectors import access_neighbourhood


def chosen_months(request: HttpRequest) -> int | None:
    value = request.GET.get("monate", "")
    return int(value) if value.isdigit() else None


@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    neighbourhood = access_neighbourhood(viewer(request), slug)
    period = Period.last_months(chosen_months(request))
    return render(
        request,
        "dashboard/dashboard.html",
        {
            "neighbourhood": neighbourhood,
            "period": period,
            "month_choices": MONTH_CHOICES,
            "panels": dashboard_panels(neighbourhood, viewer(request), period),
        },
    )
