"""Neighbourhoods in the platform search (every profile is public)."""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from quartier.neighbourhoods.models import Neighbourhood
from quartier.search.registry import Document, Source, register


def neighbourhood_document(neighbourhood: Neighbourhood) -> Document:
    with translation.override("de"):  # labels in the index are German, as users type them
        return Document(
            "neighbourhood",
            neighbourhood.pk,
            str(neighbourhood),
            neighbourhood.description,
            " ".join([neighbourhood.possibilities, *neighbourhood.get_challenges_display()]),
            neighbourhood.get_absolute_url(),
            neighbourhood.updated_at,
        )


def _all() -> Iterable[Neighbourhood]:
    return Neighbourhood.objects.select_related("municipality").iterator()


register(
    Source("neighbourhood", _("Neighbourhoods"), 30, Neighbourhood, neighbourhood_document, _all)
)
