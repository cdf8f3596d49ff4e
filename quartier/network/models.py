"""Network analysis kept per neighbourhood, municipality or alliance and per audience, warm
introductions between actors, and tandems (mentoring between organisations). Paper §4, §6, §7."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TimeStampedModel


class Scope(models.TextChoices):
    NEIGHBOURHOOD = "neighbourhood", _("neighbourhood")
    MUNICIPALITY = "municipality", _("municipality")
    ALLIANCE = "alliance", _("alliance")


class Audience(models.TextChoices):
    """Who the figures are for: computed only from what that audience may see."""

    PUBLIC = "public", _("everybody")
    NETWORK = "network", _("logged-in users")
    FULL = "full", _("managers and administrators")


class NetworkSnapshot(TimeStampedModel):
    """The engine's result for one scope and audience (docs/network.md), plus the names and
    sectors of the actors and the ties it was computed from. Marked stale by tie changes and
    recomputed in the background."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting to be computed")
        RUNNING = "running", _("being computed")
        DONE = "done", _("computed")
        FAILED = "failed", _("failed")

    scope = models.CharField(_("scope"), max_length=20, choices=Scope.choices)
    scope_id = models.PositiveIntegerField(_("scope id"))
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    stale = models.BooleanField(_("out of date"), default=True)
    computed_at = models.DateTimeField(_("computed"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=300, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    actor_ids = models.JSONField(_("actors"), default=list, blank=True)
    progress = models.ForeignKey(
        "core.TaskProgress",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("progress"),
    )

    class Meta:
        verbose_name = _("network snapshot")
        verbose_name_plural = _("network snapshots")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "scope_id", "audience"], name="one_snapshot_per_scope_audience"
            )
        ]

    def __str__(self) -> str:
        return f"{self.scope} {self.scope_id} ({self.audience})"


class IntroductionSettings(models.Model):
    """An actor that does not want to be introduced to others."""

    actor = models.OneToOneField(
        "actors.Actor", on_delete=models.CASCADE, related_name="introduction_settings"
    )
    opted_out = models.BooleanField(_("no introductions, please"), default=False)

    class Meta:
        verbose_name = _("introduction setting")
        verbose_name_plural = _("introduction settings")

    def __str__(self) -> str:
        return str(self.actor)


INTRODUCTION_PERIOD_DAYS = 180
FOLLOW_UP_WEEKS = 8


class Introduction(TimeStampedModel):
    """A warm introduction: a neighbourhood manager, an intermediary or an administrator of
    one side proposes that two actors meet. Both answer; contact details are shared only
    when both accepted; then a tie "angebahnt" connects them."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("waiting for answers")
        ACCEPTED = "accepted", _("accepted by both")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Answer(models.TextChoices):
        OPEN = "open", _("not answered yet")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    class Outcome(models.TextChoices):
        NONE = "", _("not asked yet")
        COOPERATION = "cooperation", _("a cooperation came of it")
        IN_CONTACT = "in_contact", _("still in contact")
        NOTHING = "nothing", _("nothing came of it")

    first = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("first actor")
    )
    second = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("second actor")
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("neighbourhood"),
    )
    note = models.TextField(_("why they should meet"))
    reasons = models.JSONField(_("reasons of the suggestion"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PROPOSED
    )
    first_answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.OPEN)
    second_answer = models.CharField(max_length=10, choices=Answer.choices, default=Answer.OPEN)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    tie = models.ForeignKey(
        "actors.Tie", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    follow_up_sent_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(
        _("what came of it"), max_length=12, choices=Outcome.choices, blank=True, default=""
    )
    # the pair in a fixed order, so that the database can refuse a second open proposal
    low = models.PositiveIntegerField(editable=False)
    high = models.PositiveIntegerField(editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(first=models.F("second")), name="introduction_two_actors"
            ),
            models.UniqueConstraint(
                fields=["low", "high"],
                condition=Q(status="proposed"),
                name="one_open_introduction_per_pair",
            ),
        ]
        indexes = [models.Index(fields=["low", "high", "created_at"])]

    def __str__(self) -> str:
        return f"{self.first} ↔ {self.second}"

    def side_of(self, actor_id: int) -> str | None:
        if actor_id == self.first_id:
            return "first"
        if actor_id == self.second_id:
            return "second"
        return None
