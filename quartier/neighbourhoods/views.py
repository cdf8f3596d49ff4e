from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from quartier.accounts.viewer import signed_in, viewer
from quartier.actors.selectors import visible_actors
from quartier.core.pagination import paginate
from quartier.neighbourhoods import services
from quartier.neighbourhoods.forms import NeighbourhoodForm
from quartier.neighbourhoods.selectors import (
    access_neighbourhood,
    key_figures,
    neighbourhoods_for_directory,
    sector_coverage,
)

PROFILE_ACTORS = 25


@require_GET
def neighbourhood_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, neighbourhoods_for_directory())
    return render(request, "neighbourhoods/list.html", {"page": page})


@require_GET
def neighbourhood_detail(request: HttpRequest, slug: str) -> HttpResponse:
    neighbourhood = access_neighbourhood(viewer(request), slug)
    actors = visible_actors(viewer(request)).filter(neighbourhoods=neighbourhood).order_by("name")
    points = [
        {
            "name": a["name"],
            "url": f"/akteure/{a['slug']}/",
            "lat": a["latitude"],
            "lon": a["longitude"],
        }
        for a in actors.filter(latitude__isnull=False).values(
            "name", "slug", "latitude", "longitude"
        )[:1000]
    ]
    return render(
        request,
        "neighbourhoods/detail.html",
        {
            "neighbourhood": neighbourhood,
            "figures": key_figures(neighbourhood, viewer(request)),
            "coverage": sector_coverage(neighbourhood, viewer(request)),
            "actors": list(
                actors.only("name", "slug", "sector", "short_description")[:PROFILE_ACTORS]
            ),
            "points": points,
            "can_edit": viewer(request).has_perm(
                "neighbourhoods.change_neighbourhood", neighbourhood
            ),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def neighbourhood_edit(request: HttpRequest, slug: str) -> HttpResponse:
    neighbourhood = access_neighbourhood(
        viewer(request), slug, "neighbourhoods.change_neighbourhood"
    )
    form = NeighbourhoodForm(request.POST or None, instance=neighbourhood)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_neighbourhood(form.save(commit=False), by=signed_in(request))
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Your changes have been saved."))
            return redirect(neighbourhood)
    return render(
        request, "neighbourhoods/form.html", {"form": form, "neighbourhood": neighbourhood}
    )
