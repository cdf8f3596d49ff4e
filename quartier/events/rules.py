"""Who may see and change events.

- A public event is seen by everybody; a members-only event by its members: the members of
  its alliance (those who see inside it) for an alliance event, otherwise the members of its
  organising actors. Organisers and platform administrators always see it.
- An event is organised (edited, cancelled, minutes written, registrations seen) by the
  members of its organising actors, by the steering of its alliance and by administrators.
- The minutes and action items of an alliance event are for the alliance's members only;
  those of another event are seen by whoever sees the event.
- The owner of an action item marks it done; so may the event's organisers.
- Every logged-in person who sees an event may register while registration is open."""

from typing import Any

import rules
from django.db.models import Q
from django.utils import timezone

from quartier.alliances.models import Alliance, AllianceMember
from quartier.alliances.rules import (
    active_members_q,
    can_see_inside,
    can_steer,
    member_alliance_ids,
)
from quartier.core.rules import is_admin
from quartier.events.models import Audience


def inside_alliance_ids(user: Any) -> set[int]:
    """The alliances whose inside the user sees: member actors and steering managers."""
    if not user.is_authenticated:
        return set()
    managed = Alliance.objects.filter(neighbourhoods__managers=user).values_list("pk", flat=True)
    return member_alliance_ids(user) | set(managed)


def steered_alliance_ids(user: Any) -> set[int]:
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return set(Alliance.objects.values_list("pk", flat=True))

    led = AllianceMember.objects.filter(
        active_members_q(),
        role__in=AllianceMember.STEERING_ROLES,
        actor__memberships__user=user,
    ).values_list("alliance_id", flat=True)
    managed = Alliance.objects.filter(neighbourhoods__managers=user).values_list("pk", flat=True)
    return set(led) | set(managed)


@rules.predicate
def belongs_to_organiser(user: Any, event: Any) -> bool:
    if event is None or not user.is_authenticated or event.pk is None:
        return False
    return event.organisers.filter(memberships__user=user).exists()


@rules.predicate
def steers_alliance_of(user: Any, event: Any) -> bool:
    return bool(event is not None and event.alliance_id and can_steer.test(user, event.alliance))


@rules.predicate
def sees_inside_alliance_of(user: Any, event: Any) -> bool:
    return bool(
        event is not None and event.alliance_id and can_see_inside.test(user, event.alliance)
    )


@rules.predicate
def is_public(user: Any, event: Any) -> bool:
    return bool(event is not None and event.visibility == Audience.PUBLIC)


@rules.predicate
def is_alliance_event(user: Any, event: Any) -> bool:
    return bool(event is not None and event.alliance_id)


@rules.predicate
def registration_possible(user: Any, event: Any) -> bool:
    return bool(
        event is not None
        and event.registration_open
        and not event.cancelled
        and event.end >= timezone.now()
    )


can_organise = belongs_to_organiser | steers_alliance_of | is_admin
is_event_member = sees_inside_alliance_of | can_organise
can_view_event = is_public | is_event_member
# Minutes of an alliance event are for the alliance; of another event for who sees it.
can_view_minutes = (is_alliance_event & (sees_inside_alliance_of | is_admin)) | (
    ~is_alliance_event & can_view_event
)


@rules.predicate
def owns_item(user: Any, item: Any) -> bool:
    return bool(item is not None and user.is_authenticated and item.owner_id == user.pk)


@rules.predicate
def organises_event_of_item(user: Any, item: Any) -> bool:
    return bool(item is not None and can_organise.test(user, item.event))


@rules.predicate
def sees_minutes_of_item(user: Any, item: Any) -> bool:
    return bool(item is not None and can_view_minutes.test(user, item.event))


rules.add_perm("events.add_event", rules.is_authenticated)
rules.add_perm("events.view_event", can_view_event)
rules.add_perm("events.change_event", can_organise)
rules.add_perm("events.view_registrations", can_organise)
rules.add_perm("events.register", rules.is_authenticated & can_view_event & registration_possible)
rules.add_perm("events.view_minutes", can_view_minutes)
rules.add_perm("events.change_minutes", can_organise & can_view_minutes)
rules.add_perm("events.view_actionitem", owns_item | sees_minutes_of_item)
rules.add_perm("events.change_actionitem", owns_item | organises_event_of_item)


def visible_events_q(user: Any) -> Q:
    """The events the user may see, as a filter (the same rule as `events.view_event`)."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    q = Q(visibility=Audience.PUBLIC)
    if user.is_authenticated:
        q |= Q(alliance_id__in=inside_alliance_ids(user) | steered_alliance_ids(user))
        q |= Q(organisers__memberships__user=user)
    return q


def minutes_visible_q(user: Any, prefix: str = "") -> Q:
    """The events whose minutes the user may see (the rule of `events.view_minutes`)."""
    if user.is_authenticated and user.is_superuser:
        return Q()
    p = prefix
    inside = inside_alliance_ids(user) | steered_alliance_ids(user)
    q = Q(**{f"{p}alliance_id__in": inside})
    q |= Q(**{f"{p}alliance__isnull": True, f"{p}visibility": Audience.PUBLIC})
    if user.is_authenticated:
        q |= Q(**{f"{p}alliance__isnull": True, f"{p}organisers__memberships__user": user})
    return q
