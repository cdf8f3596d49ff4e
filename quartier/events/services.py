"""Writes about events: permission, validation, transaction, history, search index.

Series are materialised on save: the occurrences from the first start (at most a year
back) up to a year ahead, or to the rule's COUNT/UNTIL, at most 60 per step. The daily
command `quartier extend_series` moves the horizon of open-ended series on. Editing a series
updates its future occurrences that have no minutes yet."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.alliances.models import Alliance, AllianceMember
from quartier.alliances.rules import active_members_q, can_steer
from quartier.core.history import diff, record_change, snapshot
from quartier.core.notifications import notify
from quartier.core.references import check_references
from quartier.events import recurrence
from quartier.events.models import (
    ActionItem,
    Event,
    FeedToken,
    Minutes,
    Registration,
    Series,
)
from quartier.events.search import index_event, index_series, remove_event

TEMPLATE_FIELDS = [
    "title",
    "format",
    "description",
    "agenda",
    "place",
    "address",
    "online_url",
    "neighbourhood",
    "alliance",
    "visibility",
    "capacity",
    "registration_open",
]
EVENT_FIELDS = [*TEMPLATE_FIELDS, "start", "end", "cancelled"]
SERIES_FIELDS = [*TEMPLATE_FIELDS, "rrule", "first_start", "duration"]
REMINDER_DAYS = 2


# --- organisers -------------------------------------------------------------------------


def allowed_organisers(user: Any, alliance: Alliance | None = None) -> QuerySet[Actor]:
    """The actors a person may name as organisers: the actors they belong to, and – for an
    alliance they steer – the alliance's current member actors."""
    if not user.is_authenticated:
        return Actor.objects.none()
    if user.is_superuser:
        return Actor.objects.all()
    q = Q(memberships__user=user)
    if alliance is not None and can_steer.test(user, alliance):
        q |= Q(
            pk__in=AllianceMember.objects.filter(active_members_q(), alliance=alliance).values(
                "actor_id"
            )
        )
    return Actor.objects.filter(pk__in=Actor.objects.filter(q).values("pk")).order_by("name")


def _check_organisers(
    record: Event | Series, organisers: list[Actor], before: set[int], by: User
) -> None:
    check_references(record)  # an unknown alliance or place id is a 422, not a server error
    if not organisers and not record.alliance_id:
        raise ValidationError(
            {"organisers": _("Name at least one organising actor, or an alliance.")}
        )
    if record.alliance_id and record.alliance is not None:
        stored_alliance = _stored_alliance_id(record)
        if stored_alliance != record.alliance_id and not can_steer.test(by, record.alliance):
            raise PermissionDenied  # only the alliance's steering holds events in its name
    allowed = set(allowed_organisers(by, record.alliance).values_list("pk", flat=True))
    if any(a.pk not in allowed and a.pk not in before for a in organisers):
        raise PermissionDenied  # nobody names an actor as organiser on its behalf


def _stored_alliance_id(record: Event | Series) -> int | None:
    if record.pk is None:
        return None
    return type(record).objects.filter(pk=record.pk).values_list("alliance_id", flat=True)[0]


# --- events -----------------------------------------------------------------------------


@transaction.atomic
def save_event(event: Event, *, organisers: Iterable[Actor], by: User) -> Event:
    """Creates or changes a single event (or one occurrence of a series)."""
    organisers = list(organisers)
    creating = event.pk is None
    stored = None if creating else Event.objects.select_related("alliance").get(pk=event.pk)
    if creating:
        if not by.has_perm("events.add_event"):
            raise PermissionDenied
        event.created_by = by
    elif not by.has_perm("events.change_event", stored):
        raise PermissionDenied
    before_organisers = set(stored.organisers.values_list("pk", flat=True)) if stored else set()
    _check_organisers(event, organisers, before_organisers, by)
    before = snapshot(stored, EVENT_FIELDS) if stored else {}
    event.full_clean()
    event.save()
    event.organisers.set(organisers)
    after = snapshot(event, EVENT_FIELDS)
    after["organisers"] = sorted(a.name for a in organisers)
    if stored is not None:
        before["organisers"] = sorted(stored.organisers.values_list("name", flat=True))
    record_change(
        event,
        by=by,
        action="created" if creating else "changed",
        changes=after if creating else diff(before, after),
    )
    if stored is not None and (event.capacity is None or (stored.capacity or 0) < event.capacity):
        _fill_free_seats(event)
    if stored is not None and event.cancelled and not stored.cancelled:
        _tell_registered(event, _("Cancelled: “%(title)s”"))
    index_event(event)
    return event


def _tell_registered(event: Event, title: Any) -> None:
    people = [
        r.user
        for r in event.registrations.exclude(status=Registration.Status.CANCELLED).select_related(
            "user"
        )
    ]
    notify(people, str(title) % {"title": event.title}, url=event.get_absolute_url())


# --- series -----------------------------------------------------------------------------


@transaction.atomic
def save_series(series: Series, *, organisers: Iterable[Actor], by: User) -> Series:
    """Creates or changes a series and brings its occurrences in line with it."""
    organisers = list(organisers)
    creating = series.pk is None
    stored = None if creating else Series.objects.select_related("alliance").get(pk=series.pk)
    if creating:
        if not by.has_perm("events.add_event"):
            raise PermissionDenied
        series.created_by = by
    elif not by.has_perm("events.change_event", stored):
        raise PermissionDenied
    before_organisers = set(stored.organisers.values_list("pk", flat=True)) if stored else set()
    _check_organisers(series, organisers, before_organisers, by)
    series.rrule = recurrence.normalise(series.rrule)
    try:
        recurrence.parse_rule(series.rrule, series.first_start)
    except ValidationError as error:
        raise ValidationError({"rrule": error.error_list}) from error
    if series.duration <= datetime.timedelta(0) or series.duration > datetime.timedelta(days=14):
        raise ValidationError({"duration": _("Give a duration between a minute and 14 days.")})
    before = snapshot(stored, SERIES_FIELDS) if stored else {}
    series.full_clean()
    series.save()
    series.organisers.set(organisers)
    after = snapshot(series, SERIES_FIELDS)
    record_change(
        series,
        by=by,
        action="created" if creating else "changed",
        changes=after if creating else diff(before, after),
    )
    if creating:
        materialise(series)
    else:
        _update_future_occurrences(series, organisers)
    index_series(series)
    return series


def _occurrence(series: Series, start: datetime.datetime) -> Event:
    event = Event(series=series, original_start=start, start=start, end=start + series.duration)
    _copy_template(series, event)
    event.created_by = series.created_by
    return event


def _copy_template(series: Series, event: Event) -> None:
    for name in TEMPLATE_FIELDS:
        field = Series._meta.get_field(name)
        attname = getattr(field, "attname", name)
        setattr(event, attname, getattr(series, attname))


def materialise(series: Series, now: datetime.datetime | None = None) -> int:
    """Creates the occurrences of the series that are missing in its window (see the module
    text); returns how many were created."""
    now = now or timezone.now()
    window_start = max(series.first_start, now - recurrence.PAST_WINDOW)
    horizon = now + recurrence.HORIZON
    known = set(series.occurrences.values_list("original_start", flat=True))
    past = recurrence.starts_between(
        series.rrule, series.first_start, window_start, now, limit=10_000
    )[-recurrence.MAX_OCCURRENCES :]
    future = recurrence.starts_between(series.rrule, series.first_start, now, horizon)
    starts = sorted({s for s in [*past, *future] if s not in known})
    organisers = list(series.organisers.all())
    created = 0
    for start in starts:
        event = _occurrence(series, start)
        event.full_clean(validate_constraints=False)
        event.save()
        event.organisers.set(organisers)
        created += 1
    series.materialised_until = horizon
    Series.objects.filter(pk=series.pk).update(materialised_until=horizon)
    return created


def _update_future_occurrences(series: Series, organisers: list[Actor]) -> None:
    """Future occurrences without minutes follow the edited series: they take the template
    fields and, in order, the new starts; those left over are cancelled (with
    registrations, who are told) or removed; missing ones are created."""
    now = timezone.now()
    editable = list(
        series.occurrences.filter(start__gt=now, minutes__isnull=True)
        .prefetch_related("registrations")
        .order_by("start")
    )
    fixed = set(
        series.occurrences.exclude(pk__in=[e.pk for e in editable]).values_list(
            "original_start", flat=True
        )
    )
    horizon = now + recurrence.HORIZON
    starts = [
        s
        for s in recurrence.starts_between(series.rrule, series.first_start, now, horizon)
        if s > now and s not in fixed
    ]
    for event, start in zip(editable, starts, strict=False):
        _copy_template(series, event)
        event.original_start, event.start, event.end = start, start, start + series.duration
        event.save()
        event.organisers.set(organisers)
    for event in editable[len(starts) :]:
        if any(r.status != Registration.Status.CANCELLED for r in event.registrations.all()):
            event.cancelled = True
            event.save(update_fields=["cancelled", "updated_at"])
            _tell_registered(event, _("Cancelled: “%(title)s”"))
        else:
            remove_event(event)
            event.delete()
    for start in starts[len(editable) :]:
        event = _occurrence(series, start)
        event.save()
        event.organisers.set(organisers)
    Series.objects.filter(pk=series.pk).update(materialised_until=horizon)


def extend_all_series(now: datetime.datetime | None = None) -> int:
    """The daily step: materialises what the moving horizon brings into reach; returns the
    number of occurrences created."""
    created = 0
    for series in Series.objects.all():
        with transaction.atomic():
            created += materialise(series, now)
            index_series(series)
    return created


# --- registration -----------------------------------------------------------------------


def _locked(event: Event) -> Event:
    return Event.objects.select_for_update(of=("self",)).get(pk=event.pk)


def waiting_position(registration: Registration) -> int | None:
    if registration.status != Registration.Status.WAITING:
        return None
    earlier = Registration.objects.filter(
        event_id=registration.event_id, status=Registration.Status.WAITING
    ).filter(
        Q(created_at__lt=registration.created_at)
        | Q(created_at=registration.created_at, pk__lt=registration.pk)
    )
    return earlier.count() + 1


@transaction.atomic
def register(event: Event, *, by: User, actor: Actor | None = None) -> Registration:
    """Registers the person – a seat if one is free, else a place on the waiting list.
    Registering twice returns the existing registration."""
    event = _locked(event)  # one registration at a time per event: seats are counted right
    if not by.has_perm("events.register", event):
        raise PermissionDenied
    if actor is not None and not actor.memberships.filter(user=by).exists():
        raise PermissionDenied  # registers only for an actor one belongs to
    existing = (
        event.registrations.filter(user=by).exclude(status=Registration.Status.CANCELLED).first()
    )
    if existing is not None:
        return existing
    taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
    full = event.capacity is not None and taken >= event.capacity
    registration = Registration.objects.create(
        event=event,
        user=by,
        actor=actor,
        status=Registration.Status.WAITING if full else Registration.Status.CONFIRMED,
    )
    record_change(registration, by=by, action="created", changes={"status": registration.status})
    return registration


@transaction.atomic
def cancel_registration(event: Event, *, by: User) -> Registration | None:
    """Cancels the person's registration; a freed seat goes to the first on the waiting
    list, who is told."""
    event = _locked(event)
    registration = (
        event.registrations.filter(user=by).exclude(status=Registration.Status.CANCELLED).first()
    )
    if registration is None:
        return None
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    record_change(registration, by=by, action="changed", changes={"status": "cancelled"})
    _fill_free_seats(event)
    return registration


def _fill_free_seats(event: Event) -> int:
    """Moves people up from the waiting list while seats are free (the caller holds the
    event's row lock or has just saved the event)."""
    waiting = event.registrations.filter(status=Registration.Status.WAITING).select_related("user")
    if event.capacity is None:
        moved = list(waiting)
    else:
        taken = event.registrations.filter(status=Registration.Status.CONFIRMED).count()
        moved = list(waiting.order_by("created_at", "pk")[: max(0, event.capacity - taken)])
    now = timezone.now()
    for registration in moved:
        registration.status = Registration.Status.CONFIRMED
        registration.moved_up_at = now
        registration.save(update_fields=["status", "moved_up_at"])
        record_change(registration, by=None, action="changed", changes={"status": "moved up"})
        notify(
            [registration.user],
            str(_("A seat has become free for you: “%(title)s”")) % {"title": event.title},
            body=str(_("You moved up from the waiting list and are now registered.")),
            url=event.get_absolute_url(),
        )
    return len(moved)


# --- minutes and action items -----------------------------------------------------------


@transaction.atomic
def save_minutes(event: Event, *, text: str, decisions: list[str], by: User) -> Minutes:
    if not by.has_perm("events.change_minutes", event):
        raise PermissionDenied
    decisions = [d.strip()[:500] for d in decisions if d.strip()]
    minutes, created = Minutes.objects.get_or_create(event=event, defaults={"written_by": by})
    before = {} if created else {"text": minutes.text, "decisions": minutes.decisions}
    minutes.text, minutes.decisions, minutes.written_by = text, decisions, by
    minutes.full_clean()
    minutes.save()
    after = {"text": text, "decisions": decisions}
    record_change(
        minutes,
        by=by,
        action="created" if created else "changed",
        changes=after if created else diff(before, after),
    )
    return minutes


def possible_owners(event: Event) -> QuerySet[User]:
    """Who may own an action item of the event: the members of its organising actors and,
    for an alliance event, of the alliance's current member actors."""
    return User.objects.filter(
        pk__in=User.objects.filter(
            Q(memberships__actor__in=event.organisers.all())
            | Q(memberships__actor__in=owner_actors(event))
        ).values("pk"),
        is_active=True,
    ).order_by("first_name", "last_name", "pk")


def owner_actors(event: Event) -> QuerySet[Actor]:
    q = Q(pk__in=event.organisers.values("pk"))
    if event.alliance_id:
        q |= Q(
            pk__in=AllianceMember.objects.filter(
                active_members_q(), alliance_id=event.alliance_id
            ).values("actor_id")
        )
    return Actor.objects.filter(q).order_by("name")


@transaction.atomic
def add_action_item(
    event: Event,
    *,
    title: str,
    owner: User,
    due_on: datetime.date | None,
    by: User,
    owner_actor: Actor | None = None,
) -> ActionItem:
    if not by.has_perm("events.change_minutes", event):
        raise PermissionDenied
    if not possible_owners(event).filter(pk=owner.pk).exists():
        raise ValidationError(
            {"owner": _("Choose a member of the organising actors or of the alliance.")}
        )
    if owner_actor is not None and not (
        owner_actors(event).filter(pk=owner_actor.pk).exists()
        and owner_actor.memberships.filter(user=owner).exists()
    ):
        raise ValidationError(
            {"owner_actor": _("The person must belong to this actor, and it to the event.")}
        )
    item = ActionItem(
        event=event,
        title=title.strip(),
        owner=owner,
        owner_actor=owner_actor,
        due_on=due_on,
        created_by=by,
    )
    item.full_clean()
    item.save()
    record_change(
        item,
        by=by,
        action="created",
        changes=snapshot(item, ["title", "owner", "owner_actor", "due_on", "status"]),
    )
    if owner.pk != by.pk:
        notify(
            [owner],
            str(_("A new task for you: “%(title)s”")) % {"title": item.title},
            body=event.title,
            url=reverse("events:tasks"),
        )
    return item


@transaction.atomic
def set_action_item_status(item: ActionItem, status: str, *, by: User) -> ActionItem:
    if not by.has_perm("events.change_actionitem", item):
        raise PermissionDenied
    if status not in ActionItem.Status.values:
        raise ValidationError({"status": _("Choose open or done.")})
    before = item.status
    item.status = status
    item.done_at = timezone.now() if status == ActionItem.Status.DONE else None
    item.save(update_fields=["status", "done_at", "updated_at"])
    record_change(item, by=by, action="changed", changes={"status": [before, status]})
    return item


def send_reminders(now: datetime.datetime | None = None) -> int:
    """Tells the owners of open action items due within two days, once per item; returns
    the number of items reminded of. Run daily (cron, next to `send_digests`)."""
    today = timezone.localdate(now or timezone.now())
    due = ActionItem.objects.filter(
        status=ActionItem.Status.OPEN,
        owner__isnull=False,
        reminded_at__isnull=True,
        due_on__isnull=False,
        due_on__lte=today + datetime.timedelta(days=REMINDER_DAYS),
    ).select_related("owner", "event")
    count = 0
    for item in due:
        assert item.owner is not None  # filtered above
        with transaction.atomic():
            notify(
                [item.owner],
                str(_("Task due on %(date)s: “%(title)s”"))
                % {
                    "date": item.due_on.strftime("%d.%m.%Y") if item.due_on else "",
                    "title": item.title,
                },
                body=item.event.title,
                url=reverse("events:tasks"),
            )
            ActionItem.objects.filter(pk=item.pk).update(reminded_at=now or timezone.now())
            count += 1
    return count


# --- feed tokens ------------------------------------------------------------------------


def feed_token_for(user: User) -> FeedToken:
    token, _created = FeedToken.objects.get_or_create(user=user)
    return token


@transaction.atomic
def renew_feed_token(user: User) -> FeedToken:
    FeedToken.objects.filter(user=user).delete()
    token = FeedToken.objects.create(user=user)
    record_change(token, by=user, action="changed", changes={"token": "renewed"})
    return token
