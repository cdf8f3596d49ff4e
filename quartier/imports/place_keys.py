"""The identifiers places have in the vacancy lists they were imported from (PlaceKey): a
place imported again with its identifier is updated instead of entered twice."""

from django.db import transaction

from quartier.imports.models import PlaceKey
from quartier.places.models import Place

BATCH_SIZE = 500


@transaction.atomic
def remember_place_keys(keys: list[tuple[Place, int | None, str]]) -> None:
    """Stores (place, neighbourhood id, identifier) for each new place that has one."""
    PlaceKey.objects.bulk_create(
        [
            PlaceKey(place=place, neighbourhood_id=scope, key=key)
            for place, scope, key in keys
            if key
        ],
        batch_size=BATCH_SIZE,
    )
