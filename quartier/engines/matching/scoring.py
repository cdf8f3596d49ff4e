"""How good a feasible pair is: a score from 0 to 100 and its explanation in German.

Each criterion gives a fit between 0 and 1; the score is the sum of fit × weight, the weights
summing to 100 (defaults in `model.DEFAULT_WEIGHTS`):

  use           shared uses / requested uses
  size          1 at the middle of [area_m2_min, area_m2_max], falling linearly to 0 at its
                ends (1 when min = max)
  price         1 - rent / budget (1 when the budget is 0, which needs a rent of 0)
  distance      1 - distance / radius_km (1 when the radius is 0)
  nice_to_have  nice-to-haves among the features / nice-to-haves (1 when none are asked)
  waiting       the waiting time: days the place stands free before the request starts
                (start - available_from, never negative in a feasible pair), capped at
                WAITING_HORIZON_DAYS and divided by it: a place that has waited longer for a
                use is preferred, so that long vacancies end first.

Scores are rounded half up to tenths of a point (`score_tenths`); the assignment optimises
these published values. The explanation lists every criterion's contribution, the
contributions rounded so that they add up to the published score.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .feasibility import Evaluation, FloatMatrix, IntMatrix
from .model import CRITERIA, Place, Request, Weights

WAITING_HORIZON_DAYS = 365
"""From this many days of waiting on, the waiting criterion is fully met."""


def _ratio_or_one(numerator: FloatMatrix, denominator: FloatMatrix) -> FloatMatrix:
    """numerator / denominator where the denominator is positive, else 1 (no division by 0)."""
    positive = denominator > 0
    safe = np.where(positive, denominator, 1.0)
    result: FloatMatrix = np.where(positive, numerator / safe, 1.0)
    return result


def _clip_array(values: FloatMatrix) -> FloatMatrix:
    result: FloatMatrix = np.clip(values, 0.0, 1.0)
    return result


def score_tenths(
    places: Sequence[Place],
    requests: Sequence[Request],
    evaluation: Evaluation,
    weights: Weights,
) -> IntMatrix:
    """The score of every pair in tenths of a point (0–1000); 0 for infeasible pairs.

    Computed for the feasible pairs only, element by element with numpy, in exactly the
    arithmetic of `score_of`."""
    rows, columns = np.nonzero(evaluation.feasible)
    tenths: IntMatrix = np.zeros(evaluation.feasible.shape, dtype=np.int64)
    tenths[rows, columns] = pair_tenths(
        RequestArrays.of(requests),
        PlaceArrays.of(places),
        rows,
        columns,
        uses_shared=evaluation.uses_shared[rows, columns],
        distance_km=evaluation.distance_km[rows, columns],
        nice_met=evaluation.nice_met[rows, columns],
        days_free_before_start=evaluation.days_free_before_start[rows, columns],
        weights=weights,
    )
    return tenths


@dataclass(frozen=True)
class RequestArrays:
    """The numbers of the requests that scoring needs, as float64 arrays in request order."""

    n_uses: FloatMatrix
    area_min: FloatMatrix
    area_max: FloatMatrix
    budget: FloatMatrix
    radius: FloatMatrix
    n_nice: FloatMatrix

    @classmethod
    def of(cls, requests: Sequence[Request]) -> RequestArrays:
        def array(values: Sequence[float]) -> FloatMatrix:
            return np.asarray(values, dtype=np.float64)

        return cls(
            n_uses=array([len(r.uses) for r in requests]),
            area_min=array([r.area_m2_min for r in requests]),
            area_max=array([r.area_m2_max for r in requests]),
            budget=array([r.budget_eur_month for r in requests]),
            radius=array([r.radius_km for r in requests]),
            n_nice=array([len(r.nice_to_have) for r in requests]),
        )


@dataclass(frozen=True)
class PlaceArrays:
    """The numbers of the places that scoring needs, as float64 arrays in place order."""

    area: FloatMatrix
    rent: FloatMatrix

    @classmethod
    def of(cls, places: Sequence[Place]) -> PlaceArrays:
        return cls(
            area=np.asarray([p.area_m2 for p in places], dtype=np.float64),
            rent=np.asarray([p.rent_eur_month for p in places], dtype=np.float64),
        )


def pair_tenths(
    request_arrays: RequestArrays,
    place_arrays: PlaceArrays,
    rows: npt.NDArray[np.int64],
    columns: npt.NDArray[np.int64],
    *,
    uses_shared: npt.NDArray[np.int32],
    distance_km: FloatMatrix,
    nice_met: npt.NDArray[np.int32],
    days_free_before_start: npt.NDArray[np.int32],
    weights: Weights,
) -> IntMatrix:
    """The scores in tenths (0–1000) of the feasible pairs (request `rows[k]`, place
    `columns[k]`), element by element; the dense and the sparse path both score here."""
    score: FloatMatrix = weights.use * (uses_shared / request_arrays.n_uses[rows])

    area = place_arrays.area[columns]
    low = request_arrays.area_min[rows]
    high = request_arrays.area_max[rows]
    middle, half = (low + high) / 2, (high - low) / 2
    size = np.where(half > 0, _clip_array(1 - _ratio_or_one(np.abs(area - middle), half)), 1.0)
    score = score + weights.size * size

    rent = place_arrays.rent[columns]
    budget = request_arrays.budget[rows]
    price = np.where(budget > 0, _clip_array(1 - _ratio_or_one(rent, budget)), 1.0)
    score = score + weights.price * price

    radius = request_arrays.radius[rows]
    near = np.where(radius > 0, _clip_array(1 - _ratio_or_one(distance_km, radius)), 1.0)
    score = score + weights.distance * near

    n_nice = request_arrays.n_nice[rows]
    nice = _ratio_or_one(nice_met.astype(np.float64), n_nice)
    score = score + weights.nice_to_have * nice

    waited = np.clip(days_free_before_start, 0, WAITING_HORIZON_DAYS)
    score = score + weights.waiting * (waited / WAITING_HORIZON_DAYS)

    result: IntMatrix = np.clip(np.floor(score * 10 + 0.5), 0, 1000).astype(np.int64)
    return result


def criterion_fits(place: Place, request: Request, distance_km: float) -> dict[str, float]:
    """The fit (0–1) of one pair in each criterion; the same arithmetic as `score_tenths`."""
    middle = (request.area_m2_min + request.area_m2_max) / 2
    half = (request.area_m2_max - request.area_m2_min) / 2
    days = (request.start - place.available_from).days
    return {
        "use": len(request.uses & place.uses) / len(request.uses),
        "size": _clip(1 - abs(place.area_m2 - middle) / half) if half > 0 else 1.0,
        "price": (
            _clip(1 - place.rent_eur_month / request.budget_eur_month)
            if request.budget_eur_month > 0
            else 1.0
        ),
        "distance": _clip(1 - distance_km / request.radius_km) if request.radius_km > 0 else 1.0,
        "nice_to_have": (
            len(request.nice_to_have & place.features) / len(request.nice_to_have)
            if request.nice_to_have
            else 1.0
        ),
        "waiting": min(max(days, 0), WAITING_HORIZON_DAYS) / WAITING_HORIZON_DAYS,
    }


def score_of(place: Place, request: Request, distance_km: float, weights: Weights) -> int:
    """The score of one pair in tenths of a point, as `score_tenths` computes it."""
    fits = criterion_fits(place, request, distance_km)
    total = 0.0
    for name in CRITERIA:
        total = total + getattr(weights, name) * fits[name]
    return min(1000, max(0, math.floor(total * 10 + 0.5)))


def _clip(value: float) -> float:
    return min(1.0, max(0.0, value))


def apportion_tenths(contributions: Sequence[float], total_tenths: int) -> list[int]:
    """Rounds the contributions to tenths so that they add up to `total_tenths` (largest
    remainder; on equal remainders the earlier criterion first)."""
    scaled = [max(0.0, c) * 10 for c in contributions]
    tenths = [math.floor(s) for s in scaled]
    order = sorted(range(len(scaled)), key=lambda i: (-(scaled[i] - tenths[i]), i))
    missing = total_tenths - sum(tenths)
    step = 0
    while missing > 0 and order:
        tenths[order[step % len(order)]] += 1
        missing -= 1
        step += 1
    for i in reversed(order):  # only when float noise overshoots: take from the smallest
        while missing < 0 and tenths[i] > 0:
            tenths[i] -= 1
            missing += 1
    return tenths


def de_number(value: float, decimals: int = 1, *, trim: bool = False) -> str:
    """German number format: 1.234,5 (thousands dot, decimal comma)."""
    text = f"{value:,.{decimals}f}".replace(",", "\0").replace(".", ",").replace("\0", ".")
    if trim and decimals and text.endswith("," + "0" * decimals):
        text = text[: -(decimals + 1)]
    return text


def _points(tenths: int) -> str:
    return "+" + de_number(tenths / 10)


def explain(
    place: Place, request: Request, distance_km: float, weights: Weights, total_tenths: int
) -> tuple[str, ...]:
    """The German explanation of a feasible pair: one line per criterion with its points
    (adding up to the score), and the priority of a displaced request."""
    fits = criterion_fits(place, request, distance_km)
    points = dict(
        zip(
            CRITERIA,
            apportion_tenths([getattr(weights, n) * fits[n] for n in CRITERIA], total_tenths),
            strict=True,
        )
    )
    shared = len(request.uses & place.uses)
    nice = len(request.nice_to_have & place.features)
    days = (request.start - place.available_from).days
    area = de_number(place.area_m2, trim=True)
    low = de_number(request.area_m2_min, trim=True)
    high = de_number(request.area_m2_max, trim=True)
    rent = de_number(place.rent_eur_month, 2, trim=True)
    budget = de_number(request.budget_eur_month, 2, trim=True)
    reasons = [
        f"Nutzung passt ({shared} von {len(request.uses)}): {_points(points['use'])}",
        f"Größe {area} m² bei gewünscht {low}–{high} m²: {_points(points['size'])}",
        f"Miete {rent} € bei Budget {budget} €: {_points(points['price'])}",
        f"Entfernung {de_number(distance_km)} km bei Umkreis"
        f" {de_number(request.radius_km, trim=True)} km: {_points(points['distance'])}",
        (
            f"Wünsche erfüllt ({nice} von {len(request.nice_to_have)}):"
            if request.nice_to_have
            else "Wünsche erfüllt (keine angegeben):"
        )
        + f" {_points(points['nice_to_have'])}",
        f"Wartezeit: Ort ist {days} {'Tag' if days == 1 else 'Tage'} vor Beginn frei:"
        f" {_points(points['waiting'])}",
    ]
    if request.displaced:
        reasons.append("Vorrang: der bisherige Ort der Nutzung geht verloren (Verdrängungsschutz)")
    return tuple(reasons)
