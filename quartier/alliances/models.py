"""Alliances of actors (§6): members with roles, capacities and interests, joining and leaving
with dates; a shared strategy of goals and measures; agreements negotiated in versions and
signed when every party has approved the same version."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TimeStampedModel


class Alliance(TimeStampedModel):
    class Status(models.TextChoices):
        FORMING = "forming", _("forming")
        ACTIVE = "active", _("active")
        DORMANT = "dormant", _("dormant")
        ENDED = "ended", _("ended")

    name = models.CharField(_("name"), max_length=200)
    purpose = models.TextField(_("purpose"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.FORMING
    )
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhoods"),
        related_name="alliances",
        blank=True,
    )
    is_public = models.BooleanField(
        _("listed publicly"),
        default=True,
        help_text=_(
            "Name, purpose and members are public; strategy, agreements in negotiation, "
            "minutes and discussion are for alliance members only."
        ),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("alliance")
        verbose_name_plural = _("alliances")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alliances:detail", args=[self.pk])


class AllianceMember(models.Model):
    """An actor's membership of an alliance over time: leaving sets `left_on`, the row stays.

    A membership begins as an invitation (`accepted_at` empty) that an administrator of the
    actor accepts; until then it is seen only by the alliance's steering and the actor's
    administrators, never publicly. Declining or withdrawing an invitation deletes it."""

    class Role(models.TextChoices):
        INITIATOR = "initiator", _("initiator")
        LEAD = "lead", _("lead")
        PARTNER = "partner", _("partner")
        FUNDER = "funder", _("funder")
        INTERMEDIARY = "intermediary", _("intermediary")
        ADVISOR = "advisor", _("advisor")

    STEERING_ROLES = (Role.INITIATOR, Role.LEAD)

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="members")
    actor = models.ForeignKey(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="alliance_memberships",
        verbose_name=_("actor"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    responsibilities = models.TextField(_("responsibilities"), blank=True)
    interests = models.TextField(_("interests"), blank=True)
    capacity_hours = models.PositiveIntegerField(
        _("committed hours per month"), null=True, blank=True
    )
    capacity_money = models.DecimalField(
        _("committed money (EUR per year)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    capacity_rooms = models.CharField(_("committed rooms"), max_length=300, blank=True)
    joined_on = models.DateField(_("joined on"), default=date.today)
    left_on = models.DateField(_("left on"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)

    class Meta:
        ordering = ["joined_on", "pk"]
        verbose_name = _("alliance member")
        verbose_name_plural = _("alliance members")
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "actor"],
                condition=Q(left_on__isnull=True),
                name="alliance_member_once_active",
            ),
            models.CheckConstraint(
                condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                name="alliance_member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"

    @property
    def is_pending(self) -> bool:
        """An invitation the actor has not accepted yet."""
        return self.accepted_at is None

    @property
    def is_active(self) -> bool:
        return not self.is_pending and (self.left_on is None or self.left_on > timezone.localdate())


class Goal(models.Model):
    """A goal of the alliance's shared strategy (master plan)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("goal"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return self.title


class Measure(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        STALLED = "stalled", _("stalled")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="measures")
    title = models.CharField(_("measure"), max_length=200)
    owner = models.ForeignKey(
        "actors.Actor",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible actor"),
    )
    starts_on = models.DateField(_("start"), null=True, blank=True)
    due_on = models.DateField(_("due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.title


class Agreement(TimeStampedModel):
    """A letter of intent or cooperation agreement between actors of an alliance."""

    class Kind(models.TextChoices):
        LETTER_OF_INTENT = "letter_of_intent", _("letter of intent")
        COOPERATION = "cooperation", _("cooperation agreement")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        NEGOTIATION = "negotiation", _("in negotiation")
        SIGNED = "signed", _("signed")
        EXPIRED = "expired", _("expired")
        TERMINATED = "terminated", _("terminated")

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="agreements")
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    parties = models.ManyToManyField(
        "actors.Actor", verbose_name=_("parties"), related_name="agreements"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    signed_version = models.PositiveIntegerField(null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "pk"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alliances:agreement", args=[self.pk])


class AgreementVersion(models.Model):
    """One version of an agreement's clauses; every change makes a new version.

    `clauses` is a list of {"key", "title", "text"} in the order they appear."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    clauses = models.JSONField(default=list)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agreement", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "number"], name="agreement_version_once")
        ]

    def __str__(self) -> str:
        return f"{self.agreement} v{self.number}"


class Approval(models.Model):
    """A party's approval of one version, given by an authorised member of that party."""

    version = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="approvals"
    )
    party = models.ForeignKey("actors.Actor", on_delete=models.CASCADE, related_name="+")
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["approved_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "party"], name="approval_once_per_party")
        ]

    def __str__(self) -> str:
        return f"{self.party} – {self.version}"
