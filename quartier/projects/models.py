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
        from quartier.knowledge.models import Topic

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
