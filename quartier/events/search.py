"""Events in the platform search: only what everybody may see is indexed – public events
that are not cancelled. Of a series only the next occurrence is indexed (or the last one,
when all lie in the past), so that a monthly round table is one hit, not sixty.

Registered with the search below: the kind "event", with its own `index` (an occurrence
indexes its series' one entry) and `rebuild`."""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from quartier.events.models import Audience, Event, Series
from quartier.search.indexing import store
from quartier.search.models import SearchEntry
from quartier.search.registry import Document, Source, register

EVENT_KIND = "event"


def event_document(event: Event) -> Document | None:
    """The searchable text of an event, or None when it must not be found."""
    if event.visibility != Audience.PUBLIC or event.cancelled:
        return None
    with translation.override("de"):
        when = timezone.localtime(event.start).strftime("%d.%m.%Y %H:%M")
        extras = [
            event.get_format_display(),
            when,
            event.address,
            event.place.name if event.place_id and event.place else "",
            event.neighbourhood.name if event.neighbourhood_id and event.neighbourhood else "",
            event.agenda,
        ]
        return Document(
            EVENT_KIND,
            event.pk,
            event.title,
            event.description[:600],
            " ".join(e for e in extras if e),
            event.get_absolute_url(),
            event.updated_at,
        )


def _store(event: Event) -> None:
    document = event_document(event)
    if document is None:
        SearchEntry.objects.filter(kind=EVENT_KIND, object_id=event.pk).delete()
        return
    store(document)


def representative(occurrences: QuerySet[Event]) -> Event | None:
    """The occurrence that stands for a series in the search: the next one not cancelled,
    or else the latest."""
    live = occurrences.filter(cancelled=False).select_related("place", "neighbourhood")
    return live.filter(end__gte=timezone.now()).order_by("start").first() or (
        live.order_by("-start").first()
    )


def index_event(event: Event) -> None:
    """Keeps the event's entry current (for an occurrence: its series' one entry)."""
    if event.series_id:
        index_series(event.series_id)
        return
    _store(event)


def index_series(series: Series | int) -> None:
    series_id = series if isinstance(series, int) else series.pk
    occurrences = Event.objects.filter(series_id=series_id)
    keep = representative(occurrences)
    SearchEntry.objects.filter(
        kind=EVENT_KIND, object_id__in=occurrences.values_list("pk", flat=True)
    ).exclude(object_id=keep.pk if keep else 0).delete()
    if keep is not None:
        _store(keep)


def remove_event(event: Event) -> None:
    SearchEntry.objects.filter(kind=EVENT_KIND, object_id=event.pk).delete()


def reindex_events() -> int:
    """Indexes every searchable event anew (after `rebuild_index`); returns the entries."""
    SearchEntry.objects.filter(kind=EVENT_KIND).delete()
    for event in Event.objects.filter(series__isnull=True).select_related("place", "neighbourhood"):
        _store(event)
    for series_id in Series.objects.values_list("pk", flat=True):
        index_series(series_id)
    return SearchEntry.objects.filter(kind=EVENT_KIND).count()


def _representatives() -> Iterable[Event]:
    yield from Event.objects.filter(series__isnull=True).select_related("place", "neighbourhood")
    for series_id in Series.objects.values_list("pk", flat=True):
        event = representative(Event.objects.filter(series_id=series_id))
        if event is not None:
            yield event


register(
    Source(
        EVENT_KIND,
        _("Events"),
        50,
        Event,
        event_document,
        _representatives,
        index=index_event,
        rebuild=reindex_events,
    )
)
