"""Projects: what the network does together (M10), with phases after the paper (§5, §7).

The first cut: the project record that the funding area builds on (a grant belongs to a
project). The projects issue completes it: participants with roles, phase dates, places,
succession, impact."""

from django.conf import settings
from django.db import models
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

    class Meta:
        ordering = ["title", "pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.title
