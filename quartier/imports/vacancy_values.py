"""How the cells of a vacancy list become values: dates, amounts, rents, areas, and the
neighbourhood whose boundary contains a position."""

import re
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import timezone

from quartier.imports.importers import (
    Problem,
    normalise,
)
from quartier.imports.parsing import parse_decimal
from quartier.neighbourhoods.models import Neighbourhood

FREE = {
    normalise(word)
    for word in (
        "kostenfrei",
        "kostenlos",
        "mietfrei",
        "frei",
        "gegen Nebenkosten",
        "nur Nebenkosten",
        "Nebenkosten",
        "free",
        "running costs",
        "free against running costs",
    )
}
IMMEDIATELY = {normalise(word) for word in ("sofort", "ab sofort", "immediately", "now")}
DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y")
CURRENCY = re.compile(r"(€|\beuro?\b|/\s*monat\b|\bmtl\.?|\bmonatlich\b)", re.IGNORECASE)
SQUARE_METRES = re.compile(r"(m²|m2|qm)\s*$", re.IGNORECASE)
MAX_AREA = 10_000_000
MAX_RENT = 9_999_999


# --- turning texts into values ---------------------------------------------------------------


def a_date(value: str) -> date | None:
    """31.12.2025, 31.12.25, 2025-12-31 (also with a time, as Excel cells come), "sofort"."""
    value = value.strip()
    if not value:
        return None
    if normalise(value) in IMMEDIATELY:
        return timezone.localdate()
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]\d", value):
        value = value[:10]
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise Problem("not_a_date", value=value)


THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3})+$")


def amount(value: str) -> float:
    """A number as in parse_decimal, except that dots grouping thousands ("1.800", as German
    lists write areas and rents) are not a decimal point."""
    value = value.strip().replace(" ", "").replace("\u00a0", "")
    if THOUSANDS.match(value):
        value = value.replace(".", "")
    return parse_decimal(value)


def rent(value: str) -> Decimal | None:
    """An amount in euros ("450", "1.200,50 €"), or None for "kostenfrei" / "gegen
    Nebenkosten", which is how a place free against running costs is stored."""
    value = value.strip()
    if not value or normalise(value) in FREE:
        return None
    try:
        number = amount(CURRENCY.sub("", value))
    except ValueError:
        raise Problem("rent", value=value) from None
    if not 0 <= number <= MAX_RENT:
        raise Problem("out_of_range", value=value, low=0, high=MAX_RENT)
    return Decimal(str(number)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def area(value: str) -> int | None:
    """Square metres, German or English ("1.234,5", "85 m²"), rounded to whole m²."""
    value = value.strip()
    if not value:
        return None
    try:
        number = amount(SQUARE_METRES.sub("", value))
    except ValueError:
        raise Problem("area", value=value) from None
    whole = int(Decimal(str(number)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))
    if not 1 <= whole <= MAX_AREA:
        raise Problem("out_of_range", value=value, low=1, high=MAX_AREA)
    return whole


def contains(geometry: Any, lat: float, lon: float) -> bool:
    """Whether a GeoJSON Polygon or MultiPolygon ([lon, lat] pairs) contains the point."""
    if not isinstance(geometry, dict):
        return False
    if geometry.get("type") == "Polygon":
        polygons = [geometry.get("coordinates") or []]
    elif geometry.get("type") == "MultiPolygon":
        polygons = geometry.get("coordinates") or []
    else:
        return False
    for rings in polygons:
        if (
            rings
            and _in_ring(rings[0], lat, lon)
            and not any(_in_ring(hole, lat, lon) for hole in rings[1:])
        ):
            return True
    return False


def _in_ring(ring: list[list[float]], lat: float, lon: float) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < (x2 - x1) * (lat - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


class NeighbourhoodAreas:
    """The neighbourhoods with a boundary, to find the one a position lies in."""

    def __init__(self) -> None:
        self.areas: list[tuple[int, tuple[float, float, float, float], Any]] = []
        for pk, boundary in (
            Neighbourhood.objects.filter(boundary__isnull=False)
            .order_by("pk")
            .values_list("pk", "boundary")
        ):
            points = list(_points(boundary))
            if points:
                lons, lats = [p[0] for p in points], [p[1] for p in points]
                self.areas.append((pk, (min(lats), max(lats), min(lons), max(lons)), boundary))

    def at(self, lat: float, lon: float) -> int | None:
        for pk, (south, north, west, east), boundary in self.areas:
            if south <= lat <= north and west <= lon <= east and contains(boundary, lat, lon):
                return pk
        return None


def _points(geometry: Any) -> Any:
    if not isinstance(geometry, dict):
        return
    coordinates = geometry.get("coordinates") or []
    polygons = coordinates if geometry.get("type") == "MultiPolygon" else [coordinates]
    for rings in polygons:
        for ring in rings or []:
            for point in ring or []:
                if isinstance(point, list | tuple) and len(point) >= 2:
                    yield float(point[0]), float(point[1])
