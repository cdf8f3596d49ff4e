from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from quartier.core.pagination import paginate
from quartier.neighbourhoods.selectors import neighbourhoods_for_directory


@require_GET
def neighbourhood_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, neighbourhoods_for_directory())
    return render(request, "neighbourhoods/list.html", {"page": page})


@require_GET
def neighbourhood_detail(request: HttpRequest, slug: str) -> HttpResponse:
    neighbourhood = get_object_or_404(neighbourhoods_for_directory(), slug=slug)
    return render(request, "neighbourhoods/detail.html", {"neighbourhood": neighbourhood})
