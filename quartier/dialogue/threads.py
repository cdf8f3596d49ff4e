"""A thread is the discussion of one alliance or one event. This module says who takes part
in it: they read it, write to it and are notified of it."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from quartier.accounts.models import User
from quartier.alliances.models import Alliance
from quartier.alliances.rules import active_members_q
from quartier.events.models import Event, Registration


@dataclass(frozen=True)
class Thread:
    alliance: Alliance | None = None
    event: Event | None = None

    @property
    def subject(self) -> Alliance | Event:
        subject = self.alliance or self.event
        assert subject is not None
        return subject

    def filter(self) -> dict[str, Any]:
        return {"alliance": self.alliance} if self.alliance else {"event": self.event}

    def url(self) -> str:
        return self.subject.get_absolute_url() + "#diskussion"

    def post_url(self) -> str:
        if self.alliance:
            return reverse("dialogue:alliance", args=[self.alliance.pk])
        assert self.event is not None
        return reverse("dialogue:event", args=[self.event.pk])

    def may_take_part(self, user: Any) -> bool:
        if not user.is_authenticated:
            return False
        if self.alliance is not None:
            return bool(user.has_perm("alliances.view_internal", self.alliance))
        assert self.event is not None
        event = self.event
        return bool(
            user.has_perm("events.change_event", event)  # organisers and alliance steering
            or (event.alliance_id and user.has_perm("alliances.view_internal", event.alliance))
            or event.registrations.filter(user=user)
            .exclude(status=Registration.Status.CANCELLED)
            .exists()
        )

    def participants(self) -> QuerySet[User]:
        """Everybody who takes part: the members of the alliance's current member actors, or
        the members of an event's organisers (and its alliance) and its registered people."""
        if self.alliance is not None:
            actor_ids = self.alliance.members.filter(active_members_q()).values("actor_id")
            return User.objects.filter(memberships__actor__in=actor_ids, is_active=True).distinct()
        event = self.event
        assert event is not None
        query = Q(memberships__actor__in=event.organisers.values("pk")) | Q(
            event_registrations__event=event,
            event_registrations__status__in=[
                Registration.Status.CONFIRMED,
                Registration.Status.WAITING,
            ],
        )
        if event.alliance_id:
            actor_ids = event.alliance.members.filter(active_members_q()).values("actor_id")  # type: ignore[union-attr]
            query |= Q(memberships__actor__in=actor_ids)
        return User.objects.filter(query, is_active=True).distinct()
