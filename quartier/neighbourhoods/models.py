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
