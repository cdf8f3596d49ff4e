"""API of events and action items, with the permissions of the pages: members-only events
and the minutes and action items of alliance events are seen by members only (an invisible
record is a 404); writes go through `quartier.events.services`."""

import datetime
from typing import Any

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from quartier.accounts.viewer import viewer
from quartier.actors.models import Actor
from quartier.alliances.models import Alliance
from quartier.alliances.rules import can_see_inside
from quartier.api.auth import acting_user, read_auth
from quartier.api.pagination import PageNumberPagination
from quartier.api.schemas import ERRORS, IdField, ObjectId, apply_changes, body_values
from quartier.events import selectors, services
from quartier.events.models import ActionItem, Audience, Event, Format, Minutes, Registration

events_router = Router(tags=["events"])
action_items_router = Router(tags=["events"])


# --- schemas ----------------------------------------------------------------------------


class MinutesOut(Schema):
    text: str
    decisions: list[str]
    updated_at: datetime.datetime


class EventOut(Schema):
    id: int
    title: str
    format: str
    description: str
    agenda: str
    start: datetime.datetime
    end: datetime.datetime
    place: int | None = Field(None, alias="place_id")
    address: str
    online_url: str
    neighbourhood: int | None = Field(None, alias="neighbourhood_id")
    alliance: int | None = Field(None, alias="alliance_id")
    series: int | None = Field(None, alias="series_id")
    organisers: list[int]
    visibility: str
    capacity: int | None
    registration_open: bool
    cancelled: bool
    url: str

    @staticmethod
    def resolve_organisers(event: Event) -> list[int]:
        return [a.pk for a in event.organisers.all()]

    @staticmethod
    def resolve_url(event: Event) -> str:
        return event.get_absolute_url()


class EventDetailOut(EventOut):
    seats_taken: int
    waiting: int
    minutes: MinutesOut | None = Field(None, alias="visible_minutes")
    my_registration: "RegistrationOut | None" = None


class RegistrationOut(Schema):
    event: int = Field(alias="event_id")
    status: str
    actor: int | None = Field(None, alias="actor_id")
    waiting_position: int | None = None

    @staticmethod
    def resolve_waiting_position(registration: Registration) -> int | None:
        return services.waiting_position(registration)


EventDetailOut.model_rebuild()


class EventIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    format: Format
    description: str = ""
    agenda: str = ""
    start: datetime.datetime
    end: datetime.datetime
    place_id: IdField | None = None
    address: str = Field("", max_length=300)
    online_url: str = Field("", max_length=200)
    neighbourhood_id: IdField | None = None
    alliance_id: IdField | None = None
    organisers: list[IdField] = Field(default_factory=list, max_length=50)
    visibility: Audience = Audience.PUBLIC
    capacity: int | None = Field(None, ge=1, le=1_000_000)
    registration_open: bool = True


class EventPatch(EventIn):
    """Only the fields sent are changed."""

    title: str | None = Field(None, min_length=1, max_length=200)  # type: ignore[assignment]
    format: Format | None = None  # type: ignore[assignment]
    start: datetime.datetime | None = None  # type: ignore[assignment]
    end: datetime.datetime | None = None  # type: ignore[assignment]
    organisers: list[IdField] | None = Field(None, max_length=50)  # type: ignore[assignment]
    cancelled: bool | None = None


class EventFilters(Schema):
    neighbourhood: IdField | None = None
    format: Format | None = None
    alliance: IdField | None = None
    start_from: datetime.date | None = Field(None, alias="from")
    start_before: datetime.date | None = Field(None, alias="to")


class RegisterIn(Schema):
    actor: IdField | None = None


class ActionItemOut(Schema):
    id: int
    title: str
    event: int = Field(alias="event_id")
    alliance: int | None = None
    owner: int | None = Field(None, alias="owner_id")
    owner_actor: int | None = Field(None, alias="owner_actor_id")
    due_on: datetime.date | None
    status: str

    @staticmethod
    def resolve_alliance(item: ActionItem) -> int | None:
        return item.event.alliance_id


class ActionItemFilters(Schema):
    alliance: IdField | None = None
    event: IdField | None = None
    status: ActionItem.Status | None = None


class ActionItemPatch(Schema):
    status: ActionItem.Status


# --- events -----------------------------------------------------------------------------


def _aware(value: datetime.datetime | None) -> datetime.datetime | None:
    """A time without a zone is local time (Europe/Berlin)."""
    if value is not None and timezone.is_naive(value):
        return timezone.make_aware(value)
    return value


def _day_start(day: datetime.date | None) -> datetime.datetime | None:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time())) if day else None


def _detail(request: HttpRequest, event_id: int) -> Event:
    event = selectors.access_event(viewer(request), event_id)
    minutes = None
    if viewer(request).has_perm("events.view_minutes", event):
        minutes = Minutes.objects.filter(event=event).first()
    event.visible_minutes = minutes  # type: ignore[attr-defined]
    event.my_registration = selectors.registration_of(event, viewer(request))  # type: ignore[attr-defined]
    return event


def _organisers(ids: list[int]) -> list[Actor]:
    actors = list(Actor.objects.filter(pk__in=ids))
    if len(actors) != len(set(ids)):
        raise Http404
    return actors


@events_router.get("", response={200: list[EventOut], **ERRORS}, auth=read_auth)
@paginate(PageNumberPagination)
def list_events(request: HttpRequest, filters: Query[EventFilters]) -> Any:
    """The events the caller may see, by start; filter by neighbourhood, format, alliance and
    a period (`from`, `to`: dates)."""
    values = filters.model_dump()
    values["start_from"] = _day_start(values.get("start_from"))
    values["start_before"] = _day_start(values.get("start_before"))
    return selectors.events_for_calendar(values, viewer(request)).prefetch_related("organisers")


@events_router.get("/{event_id}", response={200: EventDetailOut, **ERRORS}, auth=read_auth)
def get_event(request: HttpRequest, event_id: ObjectId) -> Event:
    """One event with its seats, the caller's registration and – for who may see them – its
    minutes."""
    return _detail(request, event_id)


@events_router.post("", response={201: EventDetailOut, **ERRORS})
def create_event(request: HttpRequest, payload: EventIn) -> Status:
    """Organisers must be actors the caller belongs to; alliance events are created by the
    alliance's steering (who may name its member actors as organisers)."""
    values = body_values(payload)
    organisers = _organisers(values.pop("organisers"))
    values["start"], values["end"] = _aware(values["start"]), _aware(values["end"])
    event = services.save_event(Event(**values), organisers=organisers, by=acting_user(request))
    return Status(201, _detail(request, event.pk))


@events_router.patch("/{event_id}", response={200: EventDetailOut, **ERRORS})
def update_event(request: HttpRequest, event_id: ObjectId, payload: EventPatch) -> Event:
    visible = selectors.access_event(viewer(request), event_id)
    event = Event.objects.get(pk=visible.pk)
    changes = body_values(payload, partial=True)
    organiser_ids = changes.pop("organisers", None)
    organisers = (
        list(event.organisers.all()) if organiser_ids is None else _organisers(organiser_ids)
    )
    for name in ("start", "end"):
        if name in changes:
            changes[name] = _aware(changes[name])
    apply_changes(event, changes)
    services.save_event(event, organisers=organisers, by=acting_user(request))
    return _detail(request, event.pk)


@events_router.post("/{event_id}/registration", response={200: RegistrationOut, **ERRORS})
def register(request: HttpRequest, event_id: ObjectId, payload: RegisterIn) -> Registration:
    """Registers the caller: a seat, or a place on the waiting list when the event is full."""
    event = selectors.access_event(viewer(request), event_id)
    actor = Actor.objects.filter(pk=payload.actor).first() if payload.actor else None
    if payload.actor and actor is None:
        raise Http404
    return services.register(event, by=acting_user(request), actor=actor)


@events_router.delete("/{event_id}/registration", response={200: RegistrationOut, **ERRORS})
def cancel_registration(request: HttpRequest, event_id: ObjectId) -> Registration:
    """Cancels the caller's registration; the first on the waiting list moves up."""
    registration = services.cancel_registration(
        selectors.access_event(viewer(request), event_id), by=acting_user(request)
    )
    if registration is None:
        raise Http404
    return registration


# --- action items -------------------------------------------------------------------------


@action_items_router.get("", response={200: list[ActionItemOut], **ERRORS})
@paginate(PageNumberPagination)
def list_action_items(request: HttpRequest, filters: Query[ActionItemFilters]) -> Any:
    """The caller's own action items; with `alliance` those of an alliance the caller is a
    member of; with `event` those of an event whose minutes the caller may see."""
    user = acting_user(request)
    if filters.alliance:
        alliance = Alliance.objects.filter(pk=filters.alliance).first()
        if alliance is None or not (user.is_superuser or can_see_inside.test(user, alliance)):
            raise Http404
        items = selectors.action_items_of_alliance(alliance, user)
    elif filters.event:
        event = selectors.access_event(viewer(request), filters.event)
        if not user.has_perm("events.view_minutes", event):
            raise Http404
        items = selectors.action_items_of_event(event).select_related("event")
    else:
        items = selectors.action_items_of_user(user)
    if filters.status:
        items = items.filter(status=filters.status)
    return items


@action_items_router.get("/{item_id}", response={200: ActionItemOut, **ERRORS})
def get_action_item(request: HttpRequest, item_id: ObjectId) -> ActionItem:
    return selectors.access_action_item(viewer(request), item_id)


@action_items_router.patch("/{item_id}", response={200: ActionItemOut, **ERRORS})
def update_action_item(
    request: HttpRequest, item_id: ObjectId, payload: ActionItemPatch
) -> ActionItem:
    """The owner (or the event's organisers) marks it done or open again."""
    item = selectors.access_action_item(viewer(request), item_id)
    return services.set_action_item_status(item, payload.status.value, by=acting_user(request))
