from typing import Any

from django.db.models import Q, QuerySet

from quartier.actors.selectors import visible_actors
from quartier.places.models import Place, SpaceRequest


def places_for_list(filters: dict[str, Any]) -> QuerySet[Place]:
    qs = Place.objects.select_related("neighbourhood", "owner").order_by("name")
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("status"):
        qs = qs.filter(status=filters["status"])
    if filters.get("place"):
        text = filters["place"]
        qs = qs.filter(
            Q(neighbourhood__name__icontains=text)
            | Q(city__icontains=text)
            | Q(neighbourhood__municipality__name__icontains=text)
        )
    return qs


def place_for_profile(pk: int) -> Place | None:
    return (
        Place.objects.select_related("neighbourhood", "owner", "parent")
        .prefetch_related("sub_spaces")
        .filter(pk=pk)
        .first()
    )


def visible_requests(viewer: Any) -> QuerySet[SpaceRequest]:
    return SpaceRequest.objects.filter(actor__in=visible_actors(viewer)).select_related("actor")
