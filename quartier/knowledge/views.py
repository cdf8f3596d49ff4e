from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from quartier.core.pagination import paginate
from quartier.knowledge.selectors import articles_for_list, published_articles


@require_GET
def article_list(request: HttpRequest) -> HttpResponse:
    page = paginate(request, articles_for_list())
    return render(request, "knowledge/list.html", {"page": page})


@require_GET
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(published_articles(), slug=slug)
    return render(request, "knowledge/detail.html", {"article": article})
