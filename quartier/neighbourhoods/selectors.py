from django.db.models import QuerySet

from quartier.neighbourhoods.models import Neighbourhood


def neighbourhoods_for_directory() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.select_related("municipality")


def neighbourhoods_for_home(limit: int = 10) -> list[Neighbourhood]:
    return list(neighbourhoods_for_directory()[:limit])
