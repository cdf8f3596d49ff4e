"""Public actors in the platform search (actors visible to the network only are not found)."""

from collections.abc import Iterable

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from quartier.actors.models import Actor
from quartier.core.models import Visibility
from quartier.search.registry import Document, Source, register


def actor_document(actor: Actor) -> Document | None:
    if actor.visibility != Visibility.PUBLIC:
        return None
    with translation.override("de"):  # labels in the index are German, as users type them
        extras = [
            actor.get_sector_display(),
            actor.department,
            actor.city,
            *[t.name for t in actor.topics.all()],
            *[
                f"{r.get_direction_display()} {r.get_kind_display()} {r.topic} {r.note}"
                for r in actor.resources.all()
            ],
        ]
        return Document(
            "actor",
            actor.pk,
            actor.name,
            actor.short_description,
            " ".join([actor.goals, *extras]),
            actor.get_absolute_url(),
            actor.updated_at,
        )


def _public() -> Iterable[Actor]:
    return (
        Actor.objects.filter(visibility=Visibility.PUBLIC)
        .prefetch_related("topics", "resources")
        .iterator(chunk_size=500)
    )


register(Source("actor", _("Actors"), 20, Actor, actor_document, _public))
