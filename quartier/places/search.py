"""Places in the platform search (every place page is public)."""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from quartier.places.models import Place
from quartier.search.registry import Document, Source, register


def place_document(place: Place) -> Document:
    with translation.override("de"):  # labels in the index are German, as users type them
        extras = [
            place.get_kind_display(),
            place.get_status_display(),
            place.street,
            place.city,
            *place.get_uses_display(),
        ]
        return Document(
            "place",
            place.pk,
            place.name,
            place.description,
            " ".join(extras),
            place.get_absolute_url(),
            place.updated_at,
        )


def _all() -> Iterable[Place]:
    return Place.objects.iterator()


register(Source("place", _("Places"), 40, Place, place_document, _all))
