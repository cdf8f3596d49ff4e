"""Writes about municipalities and neighbourhoods. Each function checks permission, validates,
runs in a transaction and records the change."""

import math
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.core.history import (
    BULK_BATCH_SIZE,
    diff,
    record_change,
    record_imports,
    snapshot,
)
from quartier.neighbourhoods.models import Challenge, Municipality, Neighbourhood
from quartier.search.indexing import index_record, index_records, remove_record

MUNICIPALITY_FIELDS = ["name", "state", "official_key"]
NEIGHBOURHOOD_FIELDS = [
    "name",
    "slug",
    "municipality",
    "description",
    "situation_type",
    "context",
    "challenges",
    "possibilities",
    "restrictions",
    "latitude",
    "longitude",
    "boundary",
    "is_fictional",
]


# --- validation -------------------------------------------------------------------------


def challenge_errors(challenges: Any) -> list[ValidationError]:
    """Problems of a list of challenge keys (keys of `Challenge`)."""
    if not isinstance(challenges, list) or not all(isinstance(c, str) for c in challenges):
        return [ValidationError(_("Give the challenges as a list of keys."), code="invalid")]
    known = set(Challenge.values)
    unknown = [c for c in challenges if c not in known]
    if unknown:
        return [
            ValidationError(
                _("Unknown challenge: %(keys)s."),
                code="invalid_choice",
                params={"keys": ", ".join(unknown)},
            )
        ]
    return []


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _position_ok(position: Any) -> bool:
    if not isinstance(position, list | tuple) or len(position) not in (2, 3):
        return False
    if not all(_is_number(v) for v in position):
        return False
    lon, lat = position[0], position[1]
    return -180 <= lon <= 180 and -90 <= lat <= 90


def _polygon_ok(rings: Any) -> bool:
    if not isinstance(rings, list) or not rings:
        return False
    for ring in rings:
        if not isinstance(ring, list) or len(ring) < 4:
            return False
        if not all(_position_ok(p) for p in ring):
            return False
        if list(ring[0]) != list(ring[-1]):
            return False
    return True


def boundary_errors(boundary: Any) -> list[ValidationError]:
    """Problems of a boundary: a GeoJSON geometry of type Polygon or MultiPolygon with
    closed rings of at least four [longitude, latitude] positions."""
    if boundary is None:
        return []
    invalid = ValidationError(
        _(
            "The boundary must be a GeoJSON Polygon or MultiPolygon: closed rings of at "
            "least four [longitude, latitude] positions."
        ),
        code="invalid",
    )
    if not isinstance(boundary, dict):
        return [invalid]
    kind, coordinates = boundary.get("type"), boundary.get("coordinates")
    if kind == "Polygon" and _polygon_ok(coordinates):
        return []
    if (
        kind == "MultiPolygon"
        and isinstance(coordinates, list)
        and coordinates
        and all(_polygon_ok(polygon) for polygon in coordinates)
    ):
        return []
    return [invalid]


def position_errors(latitude: float | None, longitude: float | None) -> list[ValidationError]:
    if (latitude is None) != (longitude is None):
        return [ValidationError(_("Give both latitude and longitude, or neither."))]
    if latitude is not None and longitude is not None:
        if not (_is_number(latitude) and _is_number(longitude)):
            return [ValidationError(_("The position is outside the valid range."))]
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            return [ValidationError(_("The position is outside the valid range."))]
    return []


def _full_clean(instance: Any, extra: dict[str, list[ValidationError]]) -> None:
    """`full_clean` plus the given extra problems, raised together as one error."""
    errors: dict[str, list[ValidationError]] = {}
    try:
        instance.full_clean()
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    for field, problems in extra.items():
        if problems:
            errors.setdefault(field, []).extend(problems)
    if errors:
        raise ValidationError(errors)


def validate_neighbourhood(neighbourhood: Neighbourhood) -> None:
    if isinstance(neighbourhood.challenges, list):
        # The same challenge twice says nothing more; keep the first.
        neighbourhood.challenges = list(dict.fromkeys(neighbourhood.challenges))
    _full_clean(
        neighbourhood,
        {
            "challenges": challenge_errors(neighbourhood.challenges),
            "boundary": boundary_errors(neighbourhood.boundary),
            NON_FIELD_ERRORS: position_errors(neighbourhood.latitude, neighbourhood.longitude),
        },
    )


def validate_municipality(municipality: Municipality) -> None:
    key = municipality.official_key
    problems = []
    if key and not (len(key) == 8 and key.isascii() and key.isdigit()):
        problems.append(
            ValidationError(_("The official municipality key has eight digits."), code="invalid")
        )
    _full_clean(municipality, {"official_key": problems})


def unique_neighbourhood_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:180] or "quartier"
    slug, n = base, 2
    others = Neighbourhood.objects.all()
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


# --- municipalities ---------------------------------------------------------------------


@transaction.atomic
def create_municipality(municipality: Municipality, *, by: User) -> Municipality:
    if not by.has_perm("neighbourhoods.add_municipality"):
        raise PermissionDenied
    validate_municipality(municipality)
    municipality.save()
    record_change(
        municipality, by=by, action="created", changes=snapshot(municipality, MUNICIPALITY_FIELDS)
    )
    return municipality


@transaction.atomic
def update_municipality(municipality: Municipality, *, by: User) -> Municipality:
    if not by.has_perm("neighbourhoods.change_municipality", municipality):
        raise PermissionDenied
    before = snapshot(Municipality.objects.get(pk=municipality.pk), MUNICIPALITY_FIELDS)
    validate_municipality(municipality)
    municipality.save()
    changes = diff(before, snapshot(municipality, MUNICIPALITY_FIELDS))
    if changes:
        record_change(municipality, by=by, action="changed", changes=changes)
    return municipality


@transaction.atomic
def delete_municipality(municipality: Municipality, *, by: User) -> None:
    if not by.has_perm("neighbourhoods.delete_municipality", municipality):
        raise PermissionDenied
    if municipality.neighbourhoods.exists():
        raise ValidationError(
            _("The municipality still has neighbourhoods; delete or move them first."),
            code="protected",
        )
    record_change(municipality, by=by, action="deleted")
    municipality.delete()


# --- neighbourhoods ---------------------------------------------------------------------


@transaction.atomic
def create_neighbourhood(neighbourhood: Neighbourhood, *, by: User) -> Neighbourhood:
    if not by.has_perm("neighbourhoods.add_neighbourhood"):
        raise PermissionDenied
    neighbourhood.slug = neighbourhood.slug or unique_neighbourhood_slug(neighbourhood.name)
    validate_neighbourhood(neighbourhood)
    neighbourhood.save()
    record_change(
        neighbourhood,
        by=by,
        action="created",
        changes=snapshot(neighbourhood, NEIGHBOURHOOD_FIELDS),
    )
    index_record(neighbourhood)
    return neighbourhood


@transaction.atomic
def update_neighbourhood(neighbourhood: Neighbourhood, *, by: User) -> Neighbourhood:
    if not by.has_perm("neighbourhoods.change_neighbourhood", neighbourhood):
        raise PermissionDenied
    stored = Neighbourhood.objects.select_related("municipality").get(pk=neighbourhood.pk)
    before = snapshot(stored, NEIGHBOURHOOD_FIELDS)
    validate_neighbourhood(neighbourhood)
    neighbourhood.save()
    changes = diff(before, snapshot(neighbourhood, NEIGHBOURHOOD_FIELDS))
    if changes:
        record_change(neighbourhood, by=by, action="changed", changes=changes)
    index_record(neighbourhood)
    return neighbourhood


@transaction.atomic
def delete_neighbourhood(neighbourhood: Neighbourhood, *, by: User) -> None:
    """Deletes the neighbourhood; actors stay, they are no longer active in it."""
    if not by.has_perm("neighbourhoods.delete_neighbourhood", neighbourhood):
        raise PermissionDenied
    record_change(neighbourhood, by=by, action="deleted")
    remove_record(neighbourhood)
    neighbourhood.delete()


# --- many at once (imports) -------------------------------------------------------------

IMPORTED_FIELDS = [f for f in NEIGHBOURHOOD_FIELDS if f not in ("municipality", "boundary")]


@dataclass
class NewNeighbourhood:
    """One neighbourhood of a bulk creation: the unsaved neighbourhood (validated by the
    caller) and its municipality – a stored one, or (name, state, official key) of one to
    create with it."""

    neighbourhood: Neighbourhood
    municipality: Municipality | None = None
    new_municipality: tuple[str, str, str] | None = None


@transaction.atomic
def save_neighbourhoods(
    new: list[NewNeighbourhood], *, by: User, source: str, same_name: Any = str.casefold
) -> list[Neighbourhood]:
    """Creates many neighbourhoods at once (an import), and the new municipalities they name
    (once each: `same_name` says which names are one). Each neighbourhood without a short
    name gets a free one; each record an "imported" history entry naming `source`."""
    if not by.has_perm("neighbourhoods.add_neighbourhood"):
        raise PermissionDenied
    created: dict[tuple[str, str], Municipality] = {}
    for item in new:
        if item.new_municipality is None:
            continue
        name, state, key = item.new_municipality
        lookup = (same_name(name), state)
        if lookup not in created:
            created[lookup] = Municipality.objects.create(name=name, state=state, official_key=key)
        item.municipality = created[lookup]
    used = {item.neighbourhood.slug for item in new if item.neighbourhood.slug}
    for item in new:
        assert item.municipality is not None
        item.neighbourhood.municipality = item.municipality
        if not item.neighbourhood.slug:
            item.neighbourhood.slug = _free_slug(
                f"{item.municipality.name} {item.neighbourhood.name}", used
            )
    neighbourhoods = Neighbourhood.objects.bulk_create(
        [item.neighbourhood for item in new], batch_size=BULK_BATCH_SIZE
    )
    record_imports(list(created.values()), ["name", "state"], by=by, source=source)
    record_imports(neighbourhoods, IMPORTED_FIELDS, by=by, source=source)
    index_records(
        Neighbourhood.objects.filter(pk__in=[n.pk for n in neighbourhoods]).select_related(
            "municipality"
        )
    )
    return neighbourhoods


def _free_slug(text: str, used: set[str]) -> str:
    base = slugify(text)[:180] or "quartier"
    slug, number = base, 2
    while slug in used or Neighbourhood.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    used.add(slug)
    return slug
