"""Ranked matches between places and space requests, computed by the pure matching engine
(quartier.engines.matching) from the records the viewer may see."""

import logging
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from quartier.engines.matching import match_json
from quartier.places.models import AVAILABLE_STATUSES, Place, SpaceRequest

logger = logging.getLogger(__name__)


def place_input(place: Place) -> dict[str, Any]:
    return {
        "id": place.pk,
        "area_m2": place.area_m2,
        "rent_eur_month": float(place.rent_eur_month or 0),
        "lat": place.latitude,
        "lon": place.longitude,
        "available_from": place.available_from.isoformat(),
        "available_until": place.available_until.isoformat() if place.available_until else None,
        "uses": list(place.uses),
        "features": list(place.features),
    }


def request_input(request: SpaceRequest) -> dict[str, Any]:
    return {
        "id": request.pk,
        "uses": list(request.uses),
        "area_m2_min": request.area_m2_min,
        "area_m2_max": request.area_m2_max,
        "budget_eur_month": float(request.budget_eur_month),
        "lat": request.latitude,
        "lon": request.longitude,
        "radius_km": request.radius_km,
        "start": request.start.isoformat(),
        "months": request.months,
        "must_have": list(request.must_have),
        "nice_to_have": list(request.nice_to_have),
        "displaced": request.displaced,
    }


def matchable_places() -> QuerySet[Place]:
    return Place.objects.filter(
        status__in=AVAILABLE_STATUSES, latitude__isnull=False, longitude__isnull=False
    ).select_related("neighbourhood", "owner")


def open_requests() -> QuerySet[SpaceRequest]:
    return SpaceRequest.objects.filter(status=SpaceRequest.Status.OPEN).select_related("actor")


@dataclass
class RankedMatch:
    score: float
    reasons: list[str]
    place: Place
    request: SpaceRequest
    match_id: int | None = None  # the brokered match of this pair, where one exists


def _ranked(places: list[Place], requests: list[SpaceRequest]) -> list[RankedMatch]:
    if not places or not requests:
        return []
    output = match_json(
        {
            "places": [place_input(p) for p in places],
            "requests": [request_input(r) for r in requests],
        },
        all_pairs=True,
    )
    places_by_id = {p.pk: p for p in places}
    requests_by_id = {r.pk: r for r in requests}
    ranked = [
        RankedMatch(
            pair["score"],
            pair["reasons"],
            places_by_id[pair["place"]],
            requests_by_id[pair["request"]],
        )
        for pair in output["pairs"]
    ]
    ranked.sort(key=lambda m: (-m.score, m.place.name, m.request.title))
    return ranked


def places_for_request(request: SpaceRequest, limit: int = 20) -> list[RankedMatch]:
    """The feasible places for one request, best first, with the engine's reasons."""
    if request.latitude is None or request.longitude is None:
        return []
    return _ranked(list(matchable_places()), [request])[:limit]


def requests_for_place(
    place: Place, visible_requests: QuerySet[SpaceRequest], limit: int = 20
) -> list[RankedMatch]:
    """The open requests (of those the viewer may see) that fit one place, best first."""
    if place.status not in AVAILABLE_STATUSES or place.latitude is None:
        return []
    candidates = visible_requests.filter(status=SpaceRequest.Status.OPEN)
    return _ranked([place], list(candidates.select_related("actor")))[:limit]
