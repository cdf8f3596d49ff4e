"""iCalendar (RFC 5545) output with the `icalendar` library.

A series is written as one VEVENT with its RRULE; its cancelled occurrences become EXDATEs
and occurrences moved away from the rule get a VEVENT of their own with RECURRENCE-ID. A
single event, or an occurrence downloaded on its own, is one VEVENT."""

from collections.abc import Iterable

import icalendar
from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from quartier.events.models import Event, Series

PRODID = "-//Quartier//Termine//DE"


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _location(record: Event | Series) -> str:
    parts = []
    if record.place_id and record.place is not None:
        parts.append(record.place.name)
    if record.address:
        parts.append(record.address)
    if record.online_url:
        parts.append(record.online_url)
    return ", ".join(parts)


def _common(vevent: icalendar.Event, record: Event | Series) -> None:
    vevent.add("summary", record.title)
    if record.description:
        vevent.add("description", record.description)
    location = _location(record)
    if location:
        vevent.add("location", location)
    vevent.add("categories", [record.get_format_display()])
    vevent.add("dtstamp", record.updated_at)
    vevent.add("last-modified", record.updated_at)


def _event(event: Event, *, uid: str | None = None) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", uid or f"event-{event.pk}@quartier")
    vevent.add("dtstart", timezone.localtime(event.start))
    vevent.add("dtend", timezone.localtime(event.end))
    vevent.add("url", _absolute(event.get_absolute_url()))
    _common(vevent, event)
    if event.cancelled:
        vevent.add("status", "CANCELLED")
    return vevent


def _series(series: Series, occurrences: list[Event]) -> list[icalendar.Event]:
    uid = f"series-{series.pk}@quartier"
    master = icalendar.Event()
    master.add("uid", uid)
    master.add("dtstart", timezone.localtime(series.first_start))
    master.add("duration", series.duration)
    master.add("rrule", icalendar.vRecur.from_ical(series.rrule))
    _common(master, series)
    if occurrences:
        master.add("url", _absolute(occurrences[0].get_absolute_url()))
    cancelled = [
        timezone.localtime(o.original_start)
        for o in occurrences
        if o.cancelled and o.original_start
    ]
    if cancelled:
        master.add("exdate", cancelled)
    components = [master]
    for occurrence in occurrences:
        if occurrence.cancelled or occurrence.original_start is None:
            continue
        if occurrence.start != occurrence.original_start or (
            occurrence.end - occurrence.start != series.duration
        ):
            moved = _event(occurrence, uid=uid)
            moved.add("recurrence-id", timezone.localtime(occurrence.original_start))
            components.append(moved)
    return components


def calendar(events: Iterable[Event], name: str) -> bytes:
    """A calendar of the events, with each series written once as its rule when all its
    meetings belong to the calendar (otherwise its meetings one by one)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    by_series: dict[int, list[Event]] = {}
    series_of: dict[int, Series] = {}
    for event in events:
        if event.series_id and event.series is not None:
            by_series.setdefault(event.series_id, []).append(event)
            series_of[event.series_id] = event.series
        else:
            cal.add_component(_event(event))
    totals = dict(
        Event.objects.filter(series_id__in=by_series)
        .values("series_id")
        .annotate(n=Count("pk"))
        .values_list("series_id", "n")
    )
    for series_id, occurrences in by_series.items():
        if totals.get(series_id) != len(occurrences):
            # only some meetings belong here (e.g. the one a person registered for)
            for occurrence in occurrences:
                cal.add_component(_event(occurrence))
            continue
        for component in _series(series_of[series_id], occurrences):
            cal.add_component(component)
    cal.add_missing_timezones()
    return cal.to_ical()


def single(event: Event) -> bytes:
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add_component(_event(event))
    cal.add_missing_timezones()
    return cal.to_ical()
