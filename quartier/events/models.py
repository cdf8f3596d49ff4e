"""Formats and events (§5, §6, §8): events of the paper's formats, recurring series after
RFC 5545, registration with capacity and a waiting list, minutes with decisions and action
items that land on their owner's task list, and per-user secret tokens for calendar feeds.

A series keeps its recurrence rule and template fields; its occurrences are materialised as
ordinary events (see `quartier.events.recurrence`), each with its own registrations and
minutes."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TimeStampedModel


class Format(models.TextChoices):
    """The formats named in the paper (§5, §6, §8)."""

    ROUND_TABLE = "round_table", _("round table")
    CREATIVE_WORKSHOP = "creative_workshop", _("creative workshop")
    CREATIVE_DAY = "creative_day", _("creative day")
    WORKSHOP_FORMAT = "workshop_format", _("workshop format")
    LIVING_LAB = "living_lab", _("living lab")
    NEIGHBOURHOOD_FORUM = "neighbourhood_forum", _("neighbourhood forum")
    OFFICE_HOURS = "office_hours", _("office hours")
    TEMPORARY_USE = "temporary_use", _("temporary use")
    INFORMATION = "information", _("information event")


class Audience(models.TextChoices):
    PUBLIC = "public", _("public")
    MEMBERS = "members", _("members only")


class EventFields(TimeStampedModel):
    """What an event and a series (as the template of its occurrences) have in common."""

    title = models.CharField(_("title"), max_length=200)
    format = models.CharField(_("format"), max_length=24, choices=Format.choices)
    description = models.TextField(_("description"), blank=True)
    agenda = models.TextField(_("agenda"), blank=True, help_text=_("Markdown."))
    place = models.ForeignKey(
        "places.Place",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    alliance = models.ForeignKey(
        "alliances.Alliance",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("alliance"),
    )
    visibility = models.CharField(
        _("who may see it"),
        max_length=10,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_(
            "Members are the alliance's members for an alliance event, otherwise the members "
            "of the organising actors."
        ),
    )
    capacity = models.PositiveIntegerField(
        _("seats"), null=True, blank=True, help_text=_("Empty means no limit.")
    )
    registration_open = models.BooleanField(_("registration open"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True

    def clean(self) -> None:
        super().clean()
        if not (self.place_id or self.address.strip() or self.online_url.strip()):
            raise ValidationError(
                _("Give a venue: a place, an address or an online link (at least one)."),
                code="no_venue",
            )
        if self.capacity == 0:
            raise ValidationError({"capacity": _("Give at least one seat, or leave it empty.")})


class Series(EventFields):
    """A recurring event after RFC 5545: a recurrence rule (RRULE), the first start and the
    duration; the other fields are the template of each occurrence."""

    rrule = models.CharField(_("recurrence rule (RRULE)"), max_length=300)
    first_start = models.DateTimeField(_("first start"))
    duration = models.DurationField(_("duration"), default=timedelta(hours=2))
    organisers = models.ManyToManyField(
        "actors.Actor", verbose_name=_("organising actors"), related_name="+", blank=True
    )
    materialised_until = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("series")
        verbose_name_plural = _("series")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:series_edit", args=[self.pk])


class Event(EventFields):
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    organisers = models.ManyToManyField(
        "actors.Actor", verbose_name=_("organising actors"), related_name="events", blank=True
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    series = models.ForeignKey(
        Series,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="occurrences",
        verbose_name=_("series"),
    )
    original_start = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="For an occurrence of a series: its start according to the rule (RECURRENCE-ID).",
    )

    class Meta:
        ordering = ["start", "pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["start"])]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="event_ends"),
            models.UniqueConstraint(
                fields=["series", "original_start"],
                condition=Q(series__isnull=False),
                name="event_occurrence_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end must not be before the start.")})


class Registration(models.Model):
    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("registered")
        WAITING = "waiting", _("on the waiting list")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_registrations"
    )
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for actor"),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    moved_up_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=~Q(status="cancelled"),
                name="registration_once_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.event}"


class Minutes(TimeStampedModel):
    """The minutes of an event: text (Markdown) and decisions (a list of short texts)."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"), blank=True, help_text=_("Markdown."))
    decisions = models.JSONField(_("decisions"), default=list, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.event)


class ActionItem(TimeStampedModel):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        DONE = "done", _("done")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="action_items")
    title = models.CharField(_("task"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,  # a deleted account leaves the task unassigned
        null=True,
        related_name="action_items",
        verbose_name=_("responsible person"),
    )
    owner_actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("for actor"),
    )
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=5, choices=Status.choices, default=Status.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["status", "due_on", "pk"]
        verbose_name = _("action item")
        verbose_name_plural = _("action items")
        indexes = [models.Index(fields=["owner", "status"])]

    def __str__(self) -> str:
        return self.title


def new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class FeedToken(models.Model):
    """A secret in the address of a person's calendar feeds: calendar programs cannot log
    in, so the address itself is the key. A new token makes the old addresses invalid."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="event_feed_token"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"feed token of {self.user}"
