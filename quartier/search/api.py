from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from quartier.api.auth import read_auth
from quartier.search.registry import kind_values
from quartier.search.selectors import search

search_router = Router(tags=["search"])


class SearchParams(Schema):
    q: str = Field(max_length=200)
    type: str | None = Field(
        None,
        max_length=20,
        description="Only hits of this kind: article, actor, neighbourhood, place, event, or "
        "any other kind an app registers.",
    )


class HitOut(Schema):
    type: str
    id: int
    title: str
    summary: str
    url: str
    score: float


class SearchOut(Schema):
    total: int
    corrections: dict[str, str]
    results: list[HitOut]


@search_router.get("", response=SearchOut, auth=read_auth)
def search_all(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """German full-text search over articles, actors, neighbourhoods and places (what
    everybody may see): inflections, compounds and typos are understood. Best first within
    each type; the types in the order articles, actors, neighbourhoods, places."""
    if params.type and params.type not in kind_values():
        raise ValidationError(
            {"type": ValidationError(_("Unknown kind: %(kind)s."), params={"kind": params.type})}
        )
    result = search(params.q, params.type or "")
    return {
        "total": result.total,
        "corrections": dict(result.corrections),
        "results": [
            {
                "type": hit.entry.kind,
                "id": hit.entry.object_id,
                "title": hit.entry.title,
                "summary": hit.entry.summary,
                "url": hit.entry.url,
                "score": round(hit.score, 4),
            }
            for _kind, _label, hits in result.groups
            for hit in hits
        ],
    }
