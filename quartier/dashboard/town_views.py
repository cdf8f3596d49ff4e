"""Pages across towns: the overview of municipalities and neighbourhoods with filters, and
the comparison of neighbourhoods side by side."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from quartier.accounts.viewer import viewer
from quartier.core.pagination import paginate, query_without
from quartier.dashboard.period import Period
from quartier.dashboard.towns import (
    COMPARED_FIGURES,
    MAX_COMPARED,
    OverviewFilters,
    key_figures,
    neighbourhoods_for_overview,
    with_classes,
)
from quartier.neighbourhoods.models import FederalState, Neighbourhood, SituationType


@require_GET
def overview(request: HttpRequest) -> HttpResponse:
    state = request.GET.get("state", "")
    situation = request.GET.get("situation_type", "")
    filters = OverviewFilters(
        state=state if state in FederalState.values else "",
        situation_type=situation if situation in SituationType.values else "",
        q=request.GET.get("q", "").strip()[:200],
    )
    page = paginate(request, neighbourhoods_for_overview(filters))
    period = Period.last_months(None)
    figures = key_figures(list(page.object_list), viewer(request), period)
    rows = [(n, figures[n.pk]) for n in page.object_list]
    return render(
        request,
        "dashboard/overview.html",
        {
            "page": page,
            "rows": rows,
            "filters": filters,
            "states": FederalState.choices,
            "situations": SituationType.choices,
            "query": query_without(request),
            "period": period,
        },
    )


@require_GET
def comparison(request: HttpRequest) -> HttpResponse:
    slugs = [s for s in request.GET.getlist("quartier") if s][:MAX_COMPARED]
    found = {
        n.slug: n
        for n in Neighbourhood.objects.filter(slug__in=slugs).select_related("municipality")
    }
    neighbourhoods = [found[s] for s in dict.fromkeys(slugs) if s in found]
    period = Period.last_months(None)
    figures = key_figures(neighbourhoods, viewer(request), period)
    with_classes(neighbourhoods, figures)
    rows = [
        (label, [figures[n.pk][key] for n in neighbourhoods]) for key, label in COMPARED_FIGURES
    ]
    return render(
        request,
        "dashboard/comparison.html",
        {
            "neighbourhoods": neighbourhoods,
            "rows": rows,
            "period": period,
            "missing": [s for s in slugs if s not in found],
            "max_compared": MAX_COMPARED,
        },
    )
