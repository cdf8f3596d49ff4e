import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from quartier.accounts.viewer import Viewer
from quartier.actors.selectors import visible_actors
from quartier.core.access import access_object
from quartier.core.models import TaskProgress
from quartier.places.models import AVAILABLE_STATUSES, Match, Place, SpaceRequest, UseAgreement


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


def access_place(viewer: Viewer, pk: int, perm: str | None = None) -> Place:
    """One place with what its page shows; places are public, as a vacancy register is
    (404 only when there is none), 403 when `perm` is not allowed."""
    places = Place.objects.select_related("neighbourhood", "owner", "parent").prefetch_related(
        "sub_spaces"
    )
    return access_object(places, viewer, perm=perm, pk=pk)


def visible_requests(viewer: Viewer) -> QuerySet[SpaceRequest]:
    """The space requests of the actors the viewer may see (the rule
    `places.view_spacerequest` as one query)."""
    return SpaceRequest.objects.filter(actor__in=visible_actors(viewer)).select_related("actor")


def access_request(viewer: Viewer, pk: int, perm: str | None = None) -> SpaceRequest:
    """One space request the viewer may see; 403 when `perm` is not allowed."""
    return access_object(visible_requests(viewer), viewer, perm=perm, pk=pk)


def access_match(viewer: Viewer, pk: int, perm: str | None = None) -> Match:
    """One brokered match the viewer takes part in (`places.view_match`); 403 when `perm` is
    not allowed."""
    matches = Match.objects.select_related("request__actor", "place__owner")
    return access_object(matches, viewer, view="places.view_match", perm=perm, pk=pk)


VACANCY_WINDOW_DAYS = 180


def vacancy_statistics(filters: dict[str, Any]) -> list[dict[str, Any]]:
    """Per neighbourhood: vacant places, their m², the average days vacant, and the trend of
    the last six months (places that became vacant against places taken into use)."""
    today = timezone.localdate()
    window_start = today - datetime.timedelta(days=VACANCY_WINDOW_DAYS)
    vacant = places_for_list(filters).filter(status__in=AVAILABLE_STATUSES)
    rows = {
        row["neighbourhood"]: row
        for row in vacant.order_by()
        .values("neighbourhood", "neighbourhood__name")
        .annotate(
            count=Count("pk"),
            area=Sum("area_m2"),
            became_vacant=Count("pk", filter=Q(vacant_since__gte=window_start)),
        )
    }
    durations: dict[Any, list[int]] = {}
    for neighbourhood_id, since, created in vacant.values_list(
        "neighbourhood", "vacant_since", "created_at"
    ):
        start = since or timezone.localtime(created).date()
        durations.setdefault(neighbourhood_id, []).append((today - start).days)
    reused = dict(
        UseAgreement.objects.filter(start__gte=window_start, start__lte=today)
        .order_by()
        .values("place__neighbourhood")
        .annotate(n=Count("pk"))
        .values_list("place__neighbourhood", "n")
    )
    result = []
    for neighbourhood_id, row in rows.items():
        days = durations.get(neighbourhood_id, [])
        result.append(
            {
                "neighbourhood": row["neighbourhood__name"] or "",
                "count": row["count"],
                "area": row["area"] or 0,
                "average_days": round(sum(days) / len(days)) if days else 0,
                "became_vacant": row["became_vacant"],
                "taken_into_use": reused.get(neighbourhood_id, 0),
            }
        )
    result.sort(key=lambda r: (-r["count"], r["neighbourhood"]))
    return result


def matches_taken_part_in(user: Viewer) -> QuerySet[Match]:
    """The brokered matches the user sees (the rule `places.view_match` as one query): the
    requesting side (its members and the managers of its neighbourhoods), the place side
    (who entered the place, the owner's members and managers, the managers of the place's
    neighbourhood), and administrators everything."""
    matches = Match.objects.select_related("request__actor", "place__owner").order_by("-pk")
    if not user.is_authenticated:
        return matches.none()
    if user.is_superuser:
        return matches
    return matches.filter(
        Q(request__actor__memberships__user=user)
        | Q(request__actor__neighbourhoods__managers=user)
        | Q(place__created_by=user)
        | Q(place__owner__memberships__user=user)
        | Q(place__owner__neighbourhoods__managers=user)
        | Q(place__neighbourhood__managers=user)
    ).distinct()


def access_matching_run(viewer: Any, pk: Any) -> TaskProgress:
    """A background matching run of the API (see matching_runs.start_matching_run): only its
    owner sees it; anybody else, and any other kind of task, gets 404."""
    progress = TaskProgress.objects.filter(pk=pk).first()
    if (
        progress is None
        or not viewer.has_perm("core.view_taskprogress", progress)
        or not isinstance(progress.result, dict)
        or progress.result.get("kind") != "matching_run"
    ):
        raise Http404
    return progress
