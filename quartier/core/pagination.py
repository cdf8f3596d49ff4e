from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

DEFAULT_PER_PAGE = 25


def paginate(
    request: HttpRequest,
    queryset: QuerySet,
    per_page: int = DEFAULT_PER_PAGE,
    param: str = "seite",
) -> Page:
    """The requested page of a list; a missing, malformed or too large page number gives the
    nearest valid page instead of an error. A second list on a page uses its own `param`."""
    return Paginator(queryset, per_page).get_page(request.GET.get(param))


def query_without(request: HttpRequest, *params: str) -> str:
    """The request's query string without the page number (and any other `params`): what the
    page links of a filtered list append their `seite=N` to. Built here for every list."""
    query = request.GET.copy()
    for param in ("seite", *params):
        query.pop(param, None)
    return query.urlencode()
