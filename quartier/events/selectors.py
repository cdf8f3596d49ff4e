"""Reads about events, filtered by what the viewer may see (quartier.events.rules)."""

import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from quartier.accounts.models import User
from quartier.accounts.viewer import Viewer
from quartier.alliances.models import Alliance
from quartier.alliances.rules import can_see_inside
from quartier.core.access import access_object
from quartier.events.models import ActionItem, Audience, Event, Registration, Series
from quartier.events.rules import inside_alliance_ids, minutes_visible_q, visible_events_q


def _with_relations(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.select_related("place", "neighbourhood", "alliance", "series")


def visible_events(viewer: Viewer) -> QuerySet[Event]:
    q = visible_events_q(viewer)
    base = Event.objects.all()
    if q:  # a filter across memberships would repeat rows: keep each event once
        base = Event.objects.filter(pk__in=Event.objects.filter(q).values("pk"))
    return _with_relations(base)


def events_for_calendar(filters: dict[str, Any], viewer: Viewer) -> QuerySet[Event]:
    qs = visible_events(viewer)
    if filters.get("neighbourhood"):
        qs = qs.filter(neighbourhood=filters["neighbourhood"])
    if filters.get("format"):
        qs = qs.filter(format=filters["format"])
    if filters.get("alliance"):
        qs = qs.filter(alliance=filters["alliance"])
    if filters.get("start_from"):
        qs = qs.filter(end__gte=filters["start_from"])
    if filters.get("start_before"):
        qs = qs.filter(start__lt=filters["start_before"])
    return qs.order_by("start", "pk")


def month_bounds(year: int, month: int) -> tuple[datetime.datetime, datetime.datetime]:
    first = timezone.make_aware(datetime.datetime(year, month, 1))
    following = (
        datetime.datetime(year + 1, 1, 1) if month == 12 else datetime.datetime(year, month + 1, 1)
    )
    return first, timezone.make_aware(following)


def access_event(viewer: Viewer, pk: int, perm: str | None = None) -> Event:
    """One event the viewer may see (`visible_events`) with its organisers and seat counts;
    403 when `perm` is not allowed."""
    events = (
        visible_events(viewer)
        .prefetch_related("organisers")
        .annotate(
            seats_taken=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)
            ),
            waiting=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.WAITING)
            ),
        )
    )
    return access_object(events, viewer, perm=perm, pk=pk)


def access_series(viewer: Viewer, pk: int, perm: str | None = None) -> Series:
    """One series of events; a series is seen through its events (404 only when there is
    none), 403 when `perm` (asked of the series, as of an event) is not allowed."""
    return access_object(Series.objects.all(), viewer, perm=perm, pk=pk)


def registration_of(event: Event, user: Viewer) -> Registration | None:
    if not user.is_authenticated:
        return None
    return (
        event.registrations.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("actor")
        .first()
    )


def registrations_of(event: Event) -> QuerySet[Registration]:
    """The list for the organisers: registered first, then the waiting list in order."""
    return (
        event.registrations.exclude(status=Registration.Status.CANCELLED)
        .select_related("user", "actor")
        .order_by("-status", "created_at", "pk")  # "waiting" sorts after "confirmed"
    )


def action_items_of_event(event: Event) -> QuerySet[ActionItem]:
    return event.action_items.select_related("owner", "owner_actor").order_by("due_on", "pk")


def action_items_of_user(user: Viewer) -> QuerySet[ActionItem]:
    """The person's task list ("Meine Aufgaben"): open first, by due date."""
    if not user.is_authenticated:
        return ActionItem.objects.none()
    return (
        ActionItem.objects.filter(owner=user)
        .select_related("event__alliance", "owner_actor")
        .order_by("status", "due_on", "pk")
    )


def action_items_of_alliance(alliance: Alliance, viewer: Viewer) -> QuerySet[ActionItem]:
    """The action items from the minutes of the alliance's events, for its members only
    (empty for others); open first, by due date."""
    if not (
        viewer.is_authenticated and (viewer.is_superuser or can_see_inside.test(viewer, alliance))
    ):
        return ActionItem.objects.none()
    return (
        ActionItem.objects.filter(event__alliance=alliance)
        .select_related("event", "owner", "owner_actor")
        .order_by("status", "due_on", "pk")
    )


def visible_action_items(viewer: Viewer) -> QuerySet[ActionItem]:
    """The viewer's own action items and those of minutes the viewer may see (the rule
    `events.view_actionitem` as one query; the minutes of a public event are public)."""
    events = Event.objects.filter(minutes_visible_q(viewer)).values("pk")
    condition = Q(event__in=events)
    if viewer.is_authenticated:
        condition |= Q(owner=viewer)
    return (
        ActionItem.objects.filter(condition)
        .select_related("event__alliance", "owner", "owner_actor")
        .order_by("status", "due_on", "pk")
    )


def access_action_item(viewer: Viewer, pk: int, perm: str | None = None) -> ActionItem:
    """One action item the viewer may see (`visible_action_items`); 403 when `perm` is not
    allowed."""
    return access_object(visible_action_items(viewer), viewer, perm=perm, pk=pk)


# --- feeds --------------------------------------------------------------------------------


def events_for_neighbourhood_feed(neighbourhood_id: int) -> QuerySet[Event]:
    return _with_relations(
        Event.objects.filter(neighbourhood_id=neighbourhood_id, visibility=Audience.PUBLIC)
    )


def events_for_alliance_feed(alliance: Alliance, viewer: Viewer) -> QuerySet[Event]:
    """All the alliance's events for its members; only the public ones for others."""
    qs = Event.objects.filter(alliance=alliance)
    inside = viewer.is_authenticated and (
        viewer.is_superuser or alliance.pk in inside_alliance_ids(viewer)
    )
    if not inside:
        qs = qs.filter(visibility=Audience.PUBLIC)
    return _with_relations(qs)


def events_for_personal_feed(user: User) -> QuerySet[Event]:
    """The events the person registered for or organises, and the events of their
    alliances."""
    registered = Registration.objects.filter(user=user).exclude(
        status=Registration.Status.CANCELLED
    )
    mine = Q(pk__in=registered.values("event_id")) | Q(
        pk__in=Event.objects.filter(organisers__memberships__user=user).values("pk")
    )
    mine |= Q(alliance_id__in=inside_alliance_ids(user))
    return _with_relations(Event.objects.filter(mine))
