from typing import Any

from django.db.models import Count, Q, QuerySet

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Sector, Tie
from quartier.actors.selectors import visible_actors
from quartier.core.access import access_object, key_lookup
from quartier.neighbourhoods.models import Municipality, Neighbourhood


def neighbourhoods_for_directory() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.select_related("municipality")


def neighbourhoods_for_home(limit: int = 10) -> list[Neighbourhood]:
    return list(neighbourhoods_for_directory()[:limit])


def access_neighbourhood(viewer: Viewer, key: int | str, perm: str | None = None) -> Neighbourhood:
    """One neighbourhood by id (API) or slug (pages) with its managers; neighbourhoods are
    public (404 only when there is none), 403 when `perm` is not allowed."""
    neighbourhoods = Neighbourhood.objects.select_related("municipality").prefetch_related(
        "managers"
    )
    return access_object(neighbourhoods, viewer, perm=perm, **key_lookup(key))


def access_municipality(viewer: Viewer, pk: int, perm: str | None = None) -> Municipality:
    """One municipality (public); 403 when `perm` is not allowed."""
    return access_object(Municipality.objects.all(), viewer, perm=perm, pk=pk)


def sector_coverage(neighbourhood: Neighbourhood, viewer: Viewer) -> list[dict[str, Any]]:
    """Each sector with the number of visible actors active in the neighbourhood, so that a
    Quartiersmanagerin sees at a glance which groups are present and which are missing."""

    counts = dict(
        visible_actors(viewer)
        .filter(neighbourhoods=neighbourhood)
        .values_list("sector")
        .annotate(n=Count("pk"))
        .values_list("sector", "n")
    )
    return [
        {"key": key, "label": label, "count": counts.get(key, 0)} for key, label in Sector.choices
    ]


def key_figures(neighbourhood: Neighbourhood, viewer: Viewer) -> dict[str, int]:

    actors = visible_actors(viewer).filter(neighbourhoods=neighbourhood)
    figures = actors.aggregate(
        actors=Count("pk", distinct=True),
        established=Count("pk", filter=Q(is_established=True), distinct=True),
    )
    figures["new"] = figures["actors"] - figures["established"]
    figures["ties"] = Tie.objects.filter(
        status=Tie.Status.CONFIRMED, source__in=actors, target__in=actors
    ).count()
    return figures
