from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from quartier.search.registry import kind_values, kinds
from quartier.search.selectors import search


@require_GET
def search_page(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:200]
    kind = request.GET.get("kind", "")
    result = search(text, kind if kind in kind_values() else "")
    return render(
        request,
        "search/results.html",
        {
            "q": text,
            "kind": kind,
            "kinds": kinds(),
            "result": result,
        },
    )
