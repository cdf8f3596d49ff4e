"""Projects: what the network does together (M10), with phases after the paper (§5, §7).

A project has owners (actors and/or an alliance), participants with roles (who brings what),
places, topics, a budget summary, a phase history with dates (the timeline), milestones,
succession (who takes over, when, with which handover checklist) and, when it ends as
"beendet – gelernt", its lessons – which may become a draft case report in the toolbox."""

import datetime

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TimeStampedModel
from quartier.knowledge.models import Topic


class Phase(models.TextChoices):
    IDEA = "idea", _("Idea")
    PHASE_ZERO = "phase_zero", _("Phase zero / concept")
    TRIAL = "trial", _("Trial")
    IMPLEMENTATION = "implementation", _("Implementation")
    CONSOLIDATION = "consolidation", _("Consolidation")
    HANDOVER = "handover", _("Handover")
    COMPLETED = "completed", _("Completed")
    ENDED_LEARNED = "ended_learned", _("Ended – learned")


class Project(TimeStampedModel):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=220, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    owners = models.ManyToManyField(
        "actors.Actor", verbose_name=_("owners"), related_name="owned_projects", blank=True
    )
    alliance = models.ForeignKey(
        "alliances.Alliance",
        verbose_name=_("alliance"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects",
    )
    neighbourhoods = models.ManyToManyField(
        "neighbourhoods.Neighbourhood",
        verbose_name=_("neighbourhoods"),
        related_name="projects",
        blank=True,
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.IDEA)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    is_public = models.BooleanField(_("listed publicly"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # the additions (M10)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    places = models.ManyToManyField(
        "places.Place", verbose_name=_("places used"), related_name="projects", blank=True
    )
    budget_total_eur = models.DecimalField(
        _("total budget in EUR"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    budget_summary = models.TextField(
        _("budget summary"),
        blank=True,
        help_text=_("Where the money comes from and what it is for (own funds, grants, in kind)."),
    )
    # "beendet – gelernt" (§7: failure must be allowed)
    lessons_worked = models.TextField(_("what worked"), blank=True)
    lessons_failed = models.TextField(_("what did not work"), blank=True)
    lessons_for_others = models.TextField(_("what others should know"), blank=True)
    case_report = models.ForeignKey(
        "knowledge.Article",
        verbose_name=_("case report"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # succession (§7: pupils and students move on)
    successor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("successor"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="projects_taken_over",
    )
    handover_on = models.DateField(_("handover date"), null=True, blank=True)
    handover_note = models.TextField(_("what is handed over"), blank=True)
    handover_run = models.ForeignKey(
        "knowledge.ChecklistRun",
        verbose_name=_("handover checklist"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handover_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    # links
    events = models.ManyToManyField(
        "events.Event", verbose_name=_("events"), related_name="projects", blank=True
    )
    agreements = models.ManyToManyField(
        "alliances.Agreement", verbose_name=_("agreements"), related_name="projects", blank=True
    )
    checklist_runs = models.ManyToManyField(
        "knowledge.ChecklistRun",
        verbose_name=_("checklist runs"),
        related_name="projects",
        blank=True,
    )
    articles = models.ManyToManyField(
        "knowledge.Article", verbose_name=_("articles"), related_name="projects", blank=True
    )
    # the impact model after the Social Reporting Standard (SRS)
    problem = models.TextField(_("problem"), blank=True)
    approach = models.TextField(_("approach"), blank=True)
    inputs = models.TextField(_("inputs"), blank=True, help_text=_("Money, time, rooms, know-how."))
    outputs = models.TextField(_("outputs"), blank=True, help_text=_("What the project delivers."))
    outcomes = models.TextField(
        _("outcomes"), blank=True, help_text=_("What changes for the target groups.")
    )
    impact = models.TextField(
        _("impact"), blank=True, help_text=_("What changes in the neighbourhood.")
    )
    target_groups = models.TextField(_("target groups"), blank=True)
    outlook = models.TextField(_("outlook"), blank=True)

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        indexes = [models.Index(fields=["phase", "is_public"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:detail", args=[self.pk])

    @property
    def has_ended(self) -> bool:
        return self.phase in ENDED_PHASES

    def get_topics_display(self) -> list[str]:

        labels = dict(Topic.choices)
        return [str(labels[t]) for t in self.topics if t in labels]


ENDED_PHASES = (Phase.COMPLETED, Phase.ENDED_LEARNED)


class Participant(models.Model):
    """An actor that takes part (co-creation): in which role, and what it brings."""

    class Role(models.TextChoices):
        LEAD = "lead", _("lead")
        PARTNER = "partner", _("partner")
        CONTRIBUTOR = "contributor", _("contributor")
        FUNDER = "funder", _("funder")
        HOST = "host", _("host of a place")
        ADVISOR = "advisor", _("advisor")
        TARGET_GROUP = "target_group", _("target group represented")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="participants")
    actor = models.ForeignKey(
        "actors.Actor",
        verbose_name=_("actor"),
        on_delete=models.CASCADE,
        related_name="project_participations",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    contribution = models.CharField(
        _("what it brings"),
        max_length=300,
        blank=True,
        help_text=_("E.g. rooms, money, know-how, working hours, contacts."),
    )
    joined_on = models.DateField(_("since"), null=True, blank=True)
    left_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["role", "actor__name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["project", "actor"], name="project_participant_once")
        ]

    def __str__(self) -> str:
        return f"{self.actor} ({self.get_role_display()})"


class PhaseChange(models.Model):
    """One step of the timeline: the project entered `phase` on `started_on`."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="phase_changes")
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices)
    started_on = models.DateField(_("since"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["started_on", "pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")

    def __str__(self) -> str:
        return f"{self.project}: {self.get_phase_display()} ({self.started_on})"


class Milestone(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("milestone"), max_length=200)
    due_on = models.DateField(_("planned for"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    @cached_property
    def is_overdue(self) -> bool:
        return self.reached_on is None and self.due_on < datetime.date.today()


# ---------------------------------------------------------------------------------------------
# Impact (M11): the SRS chain per project, indicators, targets, measurements with evidence.


class Indicator(models.Model):
    """What a project measures, at one level of the SRS chain. Quantitative indicators have a
    unit, a direction, a baseline and targets per period; qualitative ones a narrative."""

    class Level(models.TextChoices):
        OUTPUT = "output", _("output")
        OUTCOME = "outcome", _("outcome")
        IMPACT = "impact", _("impact")

    class Kind(models.TextChoices):
        QUANTITATIVE = "quantitative", _("quantitative")
        QUALITATIVE = "qualitative", _("qualitative")

    class Direction(models.TextChoices):
        ASCENDING = "ascending", _("more is better")
        DESCENDING = "descending", _("less is better")

    class Aggregation(models.TextChoices):
        PER_PERIOD = "per_period", _("per period")
        CUMULATIVE = "cumulative", _("cumulative (adds up over the periods)")

    class Period(models.TextChoices):
        MONTH = "month", _("month")
        QUARTER = "quarter", _("quarter")
        YEAR = "year", _("year")

    class Source(models.TextChoices):
        MANUAL = "", _("entered by people")
        REACTIVATED_AREA = "reactivated_area", _("m² brought into use through brokering")
        VACANT_DAYS = "vacant_days", _("days the places stood empty before")
        NEW_TIES = "new_ties", _("confirmed ties between established and new actors")
        EVENTS_HELD = "events_held", _("events held")
        REGISTRATIONS = "registrations", _("registrations for the events")
        ACTION_ITEMS_DONE = "action_items_done", _("action items done")
        CHECKLIST_PROGRESS = "checklist_progress", _("checklist progress in %")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators")
    library_key = models.SlugField(_("from the library"), max_length=60, blank=True)
    title = models.CharField(_("indicator"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    kind = models.CharField(
        _("kind"), max_length=12, choices=Kind.choices, default=Kind.QUANTITATIVE
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.ASCENDING
    )
    baseline_value = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    baseline_on = models.DateField(_("baseline date"), null=True, blank=True)
    aggregation = models.CharField(
        _("counting"), max_length=10, choices=Aggregation.choices, default=Aggregation.PER_PERIOD
    )
    period = models.CharField(_("period"), max_length=7, choices=Period.choices, default="month")
    disaggregation = models.CharField(
        _("broken down by"), max_length=60, blank=True, help_text=_("E.g. age group.")
    )
    categories = models.JSONField(_("categories"), default=list, blank=True)
    iris_id = models.CharField(_("IRIS+ metric"), max_length=12, blank=True)
    source = models.CharField(
        _("source"), max_length=20, choices=Source.choices, default=Source.MANUAL, blank=True
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["project", "position", "pk"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self) -> str:
        return self.title

    @property
    def is_quantitative(self) -> bool:
        return self.kind == self.Kind.QUANTITATIVE

    @property
    def is_automatic(self) -> bool:
        return bool(self.source)


class Target(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    period_start = models.DateField(_("period"))
    value = models.DecimalField(_("target"), max_digits=14, decimal_places=2)

    class Meta:
        ordering = ["period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="one_target_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period_start} → {self.value}"


class Measurement(models.Model):
    """The value (or narrative) of an indicator for one period, with evidence; it goes
    draft → submitted → approved, or back to draft with a comment ("returned")."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        RETURNED = "returned", _("returned")
        APPROVED = "approved", _("approved")

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements")
    period_start = models.DateField(_("period"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=2, null=True, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)
    breakdown = models.JSONField(_("broken down"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    comment = models.TextField(_("comment of the approver"), blank=True)
    is_automatic = models.BooleanField(_("filled by the platform"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["indicator", "period_start"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_start"], name="one_measurement_per_period"
            )
        ]
        indexes = [models.Index(fields=["status"])]

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period_start}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        FILE = "file", _("file")
        PHOTO = "photo", _("photo")
        LINK = "link", _("link")

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=5, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to="projects/evidence/", blank=True)
    url = models.URLField(_("link"), blank=True)
    description = models.CharField(
        _("description"),
        max_length=300,
        blank=True,
        help_text=_("For a photo: what it shows, for people who cannot see it."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.description or self.url or self.file.name


class MeasurementStep(models.Model):
    """The review trail of a measurement: submitted, returned (with comment), approved."""

    measurement = models.ForeignKey(Measurement, on_delete=models.CASCADE, related_name="steps")
    status = models.CharField(_("step"), max_length=10, choices=Measurement.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    comment = models.TextField(blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.measurement}: {self.status}"


class PeriodLock(models.Model):
    """An approved period of a project that nobody changes any more."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="locks")
    period_start = models.DateField(_("period"))
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    locked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "period_start"], name="one_lock_per_period")
        ]

    def __str__(self) -> str:
        return f"{self.project}: {self.period_start}"
