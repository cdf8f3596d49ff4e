from typing import Any

from django.db.models import Count, Q, QuerySet

from quartier.neighbourhoods.models import Neighbourhood


def neighbourhoods_for_directory() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.select_related("municipality")


def neighbourhoods_for_home(limit: int = 10) -> list[Neighbourhood]:
    return list(neighbourhoods_for_directory()[:limit])


def neighbourhood_for_profile(slug: str) -> Neighbourhood | None:
    return (
        Neighbourhood.objects.select_related("municipality")
        .prefetch_related("managers")
        .filter(slug=slug)
        .first()
    )


def sector_coverage(neighbourhood: Neighbourhood, viewer: Any) -> list[dict[str, Any]]:
    """Each sector with the number of visible actors active in the neighbourhood, so that a
    Quartiersmanagerin sees at a glance which groups are present and which are missing."""
    from quartier.actors.models import Sector
    from quartier.actors.selectors import visible_actors

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


def key_figures(neighbourhood: Neighbourhood, viewer: Any) -> dict[str, int]:
    from quartier.actors.models import Tie
    from quartier.actors.selectors import visible_actors

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
