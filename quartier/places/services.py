"""Writes about places and space requests: permission, validation, transaction, history."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from quartier.accounts.models import User
from quartier.core.history import diff, record_change, snapshot
from quartier.places.models import Place, SpaceRequest
from quartier.search.indexing import index_record

PLACE_FIELDS = [
    "name",
    "kind",
    "status",
    "owner",
    "parent",
    "street",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "neighbourhood",
    "area_m2",
    "rooms",
    "features",
    "condition",
    "rent_eur_month",
    "available_from",
    "available_until",
    "use_approved",
    "uses",
]
REQUEST_FIELDS = [
    "title",
    "uses",
    "area_m2_min",
    "area_m2_max",
    "budget_eur_month",
    "start",
    "months",
    "latitude",
    "longitude",
    "radius_km",
    "must_have",
    "nice_to_have",
    "urgency",
    "current_place_ends",
    "status",
]


@transaction.atomic
def save_place(place: Place, *, by: User) -> Place:
    """Creates or changes a place. An owner actor may only be set by its members."""
    creating = place.pk is None
    if creating:
        if not by.has_perm("places.add_place"):
            raise PermissionDenied
        place.created_by = by
    stored = None if creating else Place.objects.get(pk=place.pk)
    if stored is not None and not by.has_perm("places.change_place", stored):
        raise PermissionDenied
    owner_changed = place.owner_id != (stored.owner_id if stored else None)
    if place.owner_id and owner_changed and not by.has_perm("actors.change_actor", place.owner):
        raise PermissionDenied  # nobody names an actor as owner on its behalf
    parent_changed = place.parent_id != (stored.parent_id if stored else None)
    if place.parent_id and parent_changed and not by.has_perm("places.change_place", place.parent):
        raise PermissionDenied  # only who may change an anchor property adds sub-spaces
    before = snapshot(stored, PLACE_FIELDS) if stored else {}
    place.full_clean()
    place.save()
    after = snapshot(place, PLACE_FIELDS)
    record_change(
        place,
        by=by,
        action="created" if creating else "changed",
        changes=after if creating else diff(before, after),
    )
    index_record(place)
    return place


@transaction.atomic
def save_request(request: SpaceRequest, *, by: User) -> SpaceRequest:
    creating = request.pk is None
    if creating:
        if not by.has_perm("actors.change_actor", request.actor):
            raise PermissionDenied
        request.created_by = by
    elif not by.has_perm("places.change_spacerequest", SpaceRequest.objects.get(pk=request.pk)):
        raise PermissionDenied
    before = {} if creating else snapshot(SpaceRequest.objects.get(pk=request.pk), REQUEST_FIELDS)
    request.full_clean()
    request.save()
    after = snapshot(request, REQUEST_FIELDS)
    record_change(
        request,
        by=by,
        action="created" if creating else "changed",
        changes=after if creating else diff(before, after),
    )
    return request
