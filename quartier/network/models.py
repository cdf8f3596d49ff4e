"""Network analysis kept per neighbourhood, municipality or alliance and per audience, warm
introductions between actors, and tandems (mentoring between organisations). Paper §4, §6, §7."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
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


# ---------------------------------------------------------------- tandems

TANDEM_REQUEST_REMINDER_DAYS = 7
TANDEM_QUIET_WEEKS = 6
TANDEM_CHECK_IN_MONTHS = 3
SESSION_STEP_MINUTES = 15


class MentoringOffer(TimeStampedModel):
    """An established actor offers to accompany new actors: topics, how many tandems at
    once, languages and the period in which it has time."""

    actor = models.OneToOneField(
        "actors.Actor",
        on_delete=models.CASCADE,
        related_name="mentoring_offer",
        verbose_name=_("actor"),
    )
    topics = models.CharField(
        _("topics"), max_length=300, help_text=_("Separated by commas, e.g. funding, events")
    )
    capacity = models.PositiveSmallIntegerField(
        _("tandems at the same time"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    languages = models.CharField(_("languages"), max_length=100, default="Deutsch")
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    note = models.TextField(_("what you offer"), blank=True)
    active = models.BooleanField(_("open for requests"), default=True)

    class Meta:
        ordering = ["actor__name"]
        verbose_name = _("mentoring offer")
        verbose_name_plural = _("mentoring offers")
        constraints = [
            models.CheckConstraint(
                condition=Q(capacity__gte=1) & Q(capacity__lte=10), name="offer_capacity_1_10"
            ),
        ]

    def __str__(self) -> str:
        return str(self.actor)

    @property
    def topic_list(self) -> list[str]:
        return [t.strip() for t in self.topics.split(",") if t.strip()]


class Tandem(TimeStampedModel):
    """Mentoring between two organisations: an established actor (mentor) accompanies a new
    one (mentee) for 3–12 months under an agreement (goals, meeting rhythm). Asked for by the
    mentee, or proposed by a coordinator and confirmed by both sides."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("waiting for an answer")
        ACTIVE = "active", _("running")
        DECLINED = "declined", _("declined")
        WITHDRAWN = "withdrawn", _("withdrawn")
        COMPLETED = "completed", _("completed")

    class Answer(models.TextChoices):
        OPEN = "open", _("not answered yet")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    class Rhythm(models.TextChoices):
        WEEKLY = "weekly", _("every week")
        FORTNIGHTLY = "fortnightly", _("every two weeks")
        MONTHLY = "monthly", _("every month")

    class DeclineReason(models.TextChoices):
        NO_CAPACITY = "no_capacity", _("no capacity at the moment")
        TOPICS = "topics", _("the topics do not fit")
        TIMING = "timing", _("the timing does not fit")
        ALREADY = "already", _("already accompanied elsewhere")
        OTHER = "other", _("another reason")

    class Outcome(models.TextChoices):
        NONE = "", _("not ended yet")
        GOALS_MET = "goals_met", _("goals reached")
        PARTLY = "partly", _("goals partly reached")
        NOT_MET = "not_met", _("goals not reached")

    OPEN_STATUSES = (Status.REQUESTED, Status.ACTIVE)

    mentor = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        "actors.Actor", on_delete=models.CASCADE, related_name="+", verbose_name=_("mentee")
    )
    offer = models.ForeignKey(
        MentoringOffer,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tandems",
        verbose_name=_("mentoring offer"),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("asked for by"),
    )
    coordinated = models.BooleanField(_("proposed by a coordinator"), default=False)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tandems",
        verbose_name=_("neighbourhood"),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    mentor_answer = models.CharField(
        _("mentor's answer"), max_length=10, choices=Answer.choices, default=Answer.OPEN
    )
    mentee_answer = models.CharField(
        _("mentee's answer"), max_length=10, choices=Answer.choices, default=Answer.OPEN
    )
    decline_reason = models.CharField(
        _("reason for declining"), max_length=12, choices=DeclineReason.choices, blank=True
    )
    decline_note = models.CharField(_("note on declining"), max_length=300, blank=True)
    # the agreement
    goals = models.TextField(_("goals"))
    months = models.PositiveSmallIntegerField(
        _("duration in months"), default=6, validators=[MinValueValidator(3), MaxValueValidator(12)]
    )
    rhythm = models.CharField(
        _("meeting rhythm"), max_length=12, choices=Rhythm.choices, default=Rhythm.MONTHLY
    )
    started_on = models.DateField(_("started"), null=True, blank=True)
    ends_on = models.DateField(_("planned end"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    ended_early = models.BooleanField(_("ended early"), default=False)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, blank=True, default=""
    )
    mentor_review = models.TextField(_("review by the mentor"), blank=True)
    mentee_review = models.TextField(_("review by the mentee"), blank=True)
    # reminders sent by `quartier daily`
    request_reminded_at = models.DateTimeField(null=True, blank=True)
    quiet_reminded_at = models.DateTimeField(null=True, blank=True)
    check_in_sent_at = models.DateTimeField(null=True, blank=True)
    # the pair in a fixed order, so that the database refuses a second open tandem
    low = models.PositiveIntegerField(editable=False)
    high = models.PositiveIntegerField(editable=False)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tandem")
        verbose_name_plural = _("tandems")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=models.F("mentee")), name="tandem_two_actors"
            ),
            models.CheckConstraint(
                condition=Q(months__gte=3) & Q(months__lte=12), name="tandem_3_to_12_months"
            ),
            models.UniqueConstraint(
                fields=["low", "high"],
                condition=Q(status__in=["requested", "active"]),
                name="one_open_tandem_per_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.mentee}"

    def side_of(self, actor_id: int) -> str | None:
        if actor_id == self.mentor_id:
            return "mentor"
        if actor_id == self.mentee_id:
            return "mentee"
        return None


class TandemSession(models.Model):
    """One meeting of a tandem, logged in 15-minute steps."""

    tandem = models.ForeignKey(
        Tandem, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("tandem")
    )
    held_on = models.DateField(_("date"))
    minutes = models.PositiveSmallIntegerField(
        _("duration in minutes"), validators=[MinValueValidator(15), MaxValueValidator(480)]
    )
    note = models.TextField(_("what you talked about"), blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("logged by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("tandem session")
        verbose_name_plural = _("tandem sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=15) & Q(minutes__lte=480), name="session_15_to_480"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tandem} {self.held_on}"
