from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TimeStampedModel


class FederalState(models.TextChoices):
    BW = "BW", "Baden-Württemberg"
    BY = "BY", "Bayern"
    BE = "BE", "Berlin"
    BB = "BB", "Brandenburg"
    HB = "HB", "Bremen"
    HH = "HH", "Hamburg"
    HE = "HE", "Hessen"
    MV = "MV", "Mecklenburg-Vorpommern"
    NI = "NI", "Niedersachsen"
    NW = "NW", "Nordrhein-Westfalen"
    RP = "RP", "Rheinland-Pfalz"
    SL = "SL", "Saarland"
    SN = "SN", "Sachsen"
    ST = "ST", "Sachsen-Anhalt"
    SH = "SH", "Schleswig-Holstein"
    TH = "TH", "Thüringen"


class SituationType(models.TextChoices):
    """The three neighbourhood situations of §3 (centres split into city and district)."""

    PROBLEM_DISTRICT = "problem_district", _("socially or structurally problematic district")
    RURAL_TOWN = "rural_town", _("rural small or medium-sized town")
    CITY_CENTRE = "city_centre", _("centre: city centre")
    DISTRICT_CENTRE = "district_centre", _("centre: district centre")


class Context(models.TextChoices):
    """The two contexts of §1."""

    CENTRAL_GROWING = "central_growing", _("central and growing")
    PERIPHERAL_WEAK = "peripheral_weak", _("peripheral and structurally weak")


class Challenge(models.TextChoices):
    """The challenges of §1 and the summary of the paper."""

    POLARISATION = "polarisation", _("social and spatial polarisation")
    GENTRIFICATION = "gentrification", _("gentrification and displacement")
    VACANCY = "vacancy", _("vacancy")
    RETAIL_DECLINE = "retail_decline", _("decline of retail and services")
    DEMOGRAPHIC_CHANGE = "demographic_change", _("demographic change")
    YOUTH_EXODUS = "youth_exodus", _("loss of young people")
    PUBLIC_SERVICES = "public_services", _("securing services of general interest")
    LOCAL_ECONOMY = "local_economy", _("weak local economy")
    SOCIAL_EROSION = "social_erosion", _("social erosion")
    PANDEMIC = "pandemic", _("consequences of the pandemic")


class Municipality(TimeStampedModel):
    name = models.CharField(_("name"), max_length=200)
    state = models.CharField(_("federal state"), max_length=2, choices=FederalState.choices)
    official_key = models.CharField(
        _("official municipality key"),
        max_length=8,
        blank=True,
        help_text=_("Amtlicher Gemeindeschlüssel (8 digits), where known."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.name


class Neighbourhood(TimeStampedModel):
    """A Quartier. The actors issue adds situation type, challenges, geometry and managers."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True)
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="neighbourhoods",
        verbose_name=_("municipality"),
    )
    description = models.TextField(_("description"), blank=True)
    situation_type = models.CharField(
        _("situation type"), max_length=30, choices=SituationType.choices, blank=True
    )
    context = models.CharField(_("context"), max_length=30, choices=Context.choices, blank=True)
    challenges = models.JSONField(
        _("challenges"),
        default=list,
        blank=True,
        help_text=_("Keys of the controlled list of challenges."),
    )
    possibilities = models.TextField(_("possibilities"), blank=True)
    restrictions = models.TextField(_("restrictions"), blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    boundary = models.JSONField(_("boundary (GeoJSON polygon)"), null=True, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="managed_neighbourhoods",
        verbose_name=_("responsible managers"),
    )
    is_fictional = models.BooleanField(
        _("fictional demo neighbourhood"),
        default=False,
        help_text=_("Marks invented demo data so that nobody takes it for a real place."),
    )

    class Meta:
        ordering = ["municipality__name", "name"]
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")

    def __str__(self) -> str:
        return f"{self.municipality.name} – {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("neighbourhoods:detail", args=[self.slug])

    def get_challenges_display(self) -> list[str]:
        labels = dict(Challenge.choices)
        return [str(labels[key]) for key in self.challenges if key in labels]
