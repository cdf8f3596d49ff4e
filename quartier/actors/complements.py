"""Complement search: for an actor's needs, the offers of other actors that fit, nearest
first, each with a reason in plain language ("bietet Raum im Talviertel, 120 m²")."""

import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Actor, Resource
from quartier.actors.selectors import visible_actors

EARTH_RADIUS_KM = 6371.0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(a))


def position(actor: Actor) -> tuple[float, float] | None:
    if actor.latitude is None or actor.longitude is None:
        return None
    return actor.latitude, actor.longitude


@dataclass
class Complement:
    need: Resource
    offer: Resource
    actor: Actor
    distance_km: float | None
    shared_neighbourhood: bool
    reason: str


def _reason(offer: Resource) -> str:
    parts = [_("offers %(kind)s") % {"kind": offer.get_kind_display()}]
    if offer.topic:
        parts[0] += f" ({offer.topic})"
    if offer.neighbourhood:
        parts[0] += " " + _("in %(place)s") % {"place": offer.neighbourhood.name}
    if offer.area_m2:
        parts.append(f"{offer.area_m2} m²")
    if offer.note:
        parts.append(offer.note)
    return ", ".join(parts)


def complements_for(actor: Actor, viewer: Viewer, limit: int = 50) -> list[Complement]:
    needs = list(actor.resources.filter(direction=Resource.Direction.NEED))
    if not needs:
        return []
    own_neighbourhoods = set(actor.neighbourhoods.values_list("pk", flat=True))
    offers = (
        Resource.objects.filter(
            direction=Resource.Direction.OFFER,
            kind__in={n.kind for n in needs},
            actor__in=visible_actors(viewer).exclude(pk=actor.pk),
        )
        .select_related("actor", "neighbourhood")
        .prefetch_related("actor__neighbourhoods")
    )
    results = []
    for offer in offers:
        for need in needs:
            if need.kind != offer.kind:
                continue
            if need.topic and offer.topic and need.topic.lower() != offer.topic.lower():
                continue
            if need.area_m2 and offer.area_m2 and offer.area_m2 < need.area_m2:
                continue
            distance = None
            here, there = position(actor), position(offer.actor)
            if here and there:
                distance = distance_km(*here, *there)
            offer_places = {n.pk for n in offer.actor.neighbourhoods.all()}
            if offer.neighbourhood_id:
                offer_places.add(offer.neighbourhood_id)
            results.append(
                Complement(
                    need=need,
                    offer=offer,
                    actor=offer.actor,
                    distance_km=distance,
                    shared_neighbourhood=bool(own_neighbourhoods & offer_places),
                    reason=_reason(offer),
                )
            )
            break
    results.sort(
        key=lambda c: (
            not c.shared_neighbourhood,
            c.distance_km if c.distance_km is not None else math.inf,
            c.actor.name,
        )
    )
    return results[:limit]
