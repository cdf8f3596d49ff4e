"""Which request may go to which place: the exact rule set of docs/matching.md.

A pair of request and place is feasible exactly when
  use        the request's uses and the place's uses share at least one use,
  area       area_m2_min <= area_m2 <= area_m2_max,
  rent       rent_eur_month <= budget_eur_month,
  distance   the great-circle distance (haversine, R = 6371.0088 km) <= radius_km,
  period     available_from <= start and (available_until is null or available_until >= end),
             end = start + months calendar months (day clamped to the month's end),
  must_have  every must-have of the request is among the place's features.

`violations` checks one pair and names the rules it breaks; `evaluate` checks all pairs at
once with numpy and keeps what scoring needs.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .model import Place, Request

EARTH_RADIUS_KM = 6371.0088
"""The mean Earth radius (IUGG)."""

RULES: tuple[str, ...] = ("use", "area", "rent", "distance", "period", "must_have")

_OPEN_END = np.iinfo(np.int32).max  # date ordinals stay below 3,652,060

FloatMatrix = npt.NDArray[np.float64]
IntMatrix = npt.NDArray[np.int64]
CountMatrix = npt.NDArray[np.int32]
BoolMatrix = npt.NDArray[np.bool_]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2) - math.radians(lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, max(0.0, h))))


def haversine_km_array(
    lat1: npt.ArrayLike, lon1: npt.ArrayLike, lat2: npt.ArrayLike, lon2: npt.ArrayLike
) -> FloatMatrix:
    """Great-circle distances in km, element by element (numpy broadcasting)."""
    phi1 = np.radians(np.asarray(lat1, dtype=np.float64))
    phi2 = np.radians(np.asarray(lat2, dtype=np.float64))
    lambda1 = np.radians(np.asarray(lon1, dtype=np.float64))
    lambda2 = np.radians(np.asarray(lon2, dtype=np.float64))
    h = (
        np.sin((phi2 - phi1) / 2) ** 2
        + np.cos(phi1) * np.cos(phi2) * np.sin((lambda2 - lambda1) / 2) ** 2
    )
    result: FloatMatrix = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    return result


def violations(place: Place, request: Request, distance_km: float | None = None) -> list[str]:
    """The rules (names from `RULES`) that the pair breaks; empty when it is feasible."""
    if distance_km is None:
        distance_km = haversine_km(request.lat, request.lon, place.lat, place.lon)
    broken = []
    if not request.uses & place.uses:
        broken.append("use")
    if not request.area_m2_min <= place.area_m2 <= request.area_m2_max:
        broken.append("area")
    if place.rent_eur_month > request.budget_eur_month:
        broken.append("rent")
    if distance_km > request.radius_km:
        broken.append("distance")
    if place.available_from > request.start or (
        place.available_until is not None and place.available_until < request.end
    ):
        broken.append("period")
    if not request.must_have <= place.features:
        broken.append("must_have")
    return broken


@dataclass(frozen=True)
class Evaluation:
    """All pairs at once; rows are requests, columns places, both in id order.

    `feasible` says which pairs are allowed; the other matrices hold what scoring needs and
    are meaningful only where `feasible` is true (`distance_km` is NaN where another rule
    already fails)."""

    feasible: BoolMatrix
    distance_km: FloatMatrix
    uses_shared: CountMatrix
    nice_met: CountMatrix
    days_free_before_start: CountMatrix


def _vocabulary_matrix(
    sets: Sequence[frozenset[str]], index: dict[str, int]
) -> npt.NDArray[np.float32]:
    """One row per set, one 0/1 column per word; float32 so that the products run in BLAS
    (the counts stay exact)."""
    matrix = np.zeros((len(sets), max(1, len(index))), dtype=np.float32)
    for row, values in enumerate(sets):
        for value in values:
            matrix[row, index[value]] = 1
    return matrix


def evaluate(places: Sequence[Place], requests: Sequence[Request]) -> Evaluation:
    """Checks every pair with the rules above, vectorised with numpy."""
    vocabulary = sorted(
        {u for p in places for u in p.uses}
        | {u for r in requests for u in r.uses}
        | {f for p in places for f in p.features}
        | {f for r in requests for f in r.must_have | r.nice_to_have}
    )
    index = {value: i for i, value in enumerate(vocabulary)}
    request_uses = _vocabulary_matrix([r.uses for r in requests], index)
    place_uses = _vocabulary_matrix([p.uses for p in places], index)
    place_features = _vocabulary_matrix([p.features for p in places], index)
    must_have = _vocabulary_matrix([r.must_have for r in requests], index)
    nice_to_have = _vocabulary_matrix([r.nice_to_have for r in requests], index)

    uses_shared: CountMatrix = (request_uses @ place_uses.T).astype(np.int32)
    must_missing = must_have @ (1 - place_features).T
    nice_met: CountMatrix = (nice_to_have @ place_features.T).astype(np.int32)

    def column(values: Sequence[float]) -> FloatMatrix:
        return np.asarray(values, dtype=np.float64)[:, None]

    def row(values: Sequence[float]) -> FloatMatrix:
        return np.asarray(values, dtype=np.float64)[None, :]

    area = row([p.area_m2 for p in places])
    candidates = (column([r.area_m2_min for r in requests]) <= area) & (
        area <= column([r.area_m2_max for r in requests])
    )
    candidates &= row([p.rent_eur_month for p in places]) <= column(
        [r.budget_eur_month for r in requests]
    )
    candidates &= uses_shared > 0
    candidates &= must_missing == 0

    start = np.asarray([r.start.toordinal() for r in requests], dtype=np.int32)[:, None]
    end = np.asarray([r.end.toordinal() for r in requests], dtype=np.int32)[:, None]
    free_from = np.asarray([p.available_from.toordinal() for p in places], dtype=np.int32)
    free_until = np.asarray(
        [_OPEN_END if p.available_until is None else p.available_until.toordinal() for p in places],
        dtype=np.int32,
    )
    days_free: CountMatrix = start - free_from[None, :]
    candidates &= (days_free >= 0) & (free_until[None, :] >= end)

    # the distance only where every other rule holds: the trigonometry is the costly part
    rows, columns = np.nonzero(candidates)
    request_lat = np.asarray([r.lat for r in requests], dtype=np.float64)
    request_lon = np.asarray([r.lon for r in requests], dtype=np.float64)
    place_lat = np.asarray([p.lat for p in places], dtype=np.float64)
    place_lon = np.asarray([p.lon for p in places], dtype=np.float64)
    near = haversine_km_array(
        request_lat[rows], request_lon[rows], place_lat[columns], place_lon[columns]
    )
    radius = np.asarray([r.radius_km for r in requests], dtype=np.float64)
    distance: FloatMatrix = np.full(candidates.shape, np.nan)
    distance[rows, columns] = near
    feasible: BoolMatrix = candidates
    feasible[rows, columns] = near <= radius[rows]
    return Evaluation(
        feasible=feasible,
        distance_km=distance,
        uses_shared=uses_shared,
        nice_met=nice_met,
        days_free_before_start=days_free,
    )
