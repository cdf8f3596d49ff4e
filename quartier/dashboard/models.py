"""Official small-area statistics beside the platform's own figures: indicator definitions,
statistical areas (assigned to neighbourhoods), values per area and year, and the notes of
people on the ground on what is behind a number."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TimeStampedModel


class Direction(models.TextChoices):
    HIGHER_IS_BETTER = "higher_is_better", _("more is better")
    LOWER_IS_BETTER = "lower_is_better", _("less is better")


class StatisticIndicator(TimeStampedModel):
    key = models.SlugField(_("key"), max_length=60, unique=True)
    title = models.CharField(_("indicator"), max_length=200)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=300)
    licence = models.CharField(_("licence"), max_length=100, default="dl-de/by-2-0")
    direction = models.CharField(_("direction"), max_length=20, choices=Direction.choices)
    counts_for_status = models.BooleanField(
        _("counts for status and dynamics"),
        default=True,
        help_text=_("Status indicators of the social monitoring; context indicators do not."),
    )

    class Meta:
        ordering = ["title"]
        verbose_name = _("statistical indicator")
        verbose_name_plural = _("statistical indicators")

    def __str__(self) -> str:
        return self.title


class StatisticalArea(TimeStampedModel):
    """A small area of the municipal statistics (e.g. a planning area). An area that was
    redrawn ends with `valid_until` and its successor starts with `valid_from`: the series
    breaks there."""

    municipality = models.ForeignKey(
        "neighbourhoods.Municipality",
        on_delete=models.CASCADE,
        related_name="statistical_areas",
        verbose_name=_("municipality"),
    )
    key = models.CharField(_("area key"), max_length=40)
    name = models.CharField(_("name"), max_length=200)
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statistical_areas",
        verbose_name=_("neighbourhood"),
    )
    valid_from = models.PositiveSmallIntegerField(_("valid from (year)"), null=True, blank=True)
    valid_until = models.PositiveSmallIntegerField(_("valid until (year)"), null=True, blank=True)

    class Meta:
        ordering = ["municipality", "key"]
        verbose_name = _("statistical area")
        verbose_name_plural = _("statistical areas")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "key"], name="one_area_per_key")
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.name}"


class StatisticValue(models.Model):
    area = models.ForeignKey(StatisticalArea, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(
        StatisticIndicator, on_delete=models.CASCADE, related_name="values"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=4)
    imported_from = models.CharField(_("imported from"), max_length=300, blank=True)

    class Meta:
        ordering = ["indicator", "area", "year"]
        verbose_name = _("statistical value")
        verbose_name_plural = _("statistical values")
        constraints = [
            models.UniqueConstraint(
                fields=["area", "indicator", "year"], name="one_value_per_area_indicator_year"
            )
        ]
        indexes = [models.Index(fields=["indicator", "year"])]

    def __str__(self) -> str:
        return f"{self.area} {self.indicator} {self.year}: {self.value}"


class Annotation(TimeStampedModel):
    """ "What is behind this number": a note of a member on one figure of a neighbourhood,
    shown with name and date; the neighbourhood's managers hide what does not belong."""

    class Status(models.TextChoices):
        VISIBLE = "visible", _("visible")
        HIDDEN = "hidden", _("hidden by the management")

    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood", on_delete=models.CASCADE, related_name="annotations"
    )
    figure = models.CharField(
        _("figure"),
        max_length=80,
        help_text=_("A panel figure (e.g. places.vacant) or stat:<indicator key>."),
    )
    text = models.TextField(_("what is behind this number"), max_length=2000)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.VISIBLE
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("annotation")
        verbose_name_plural = _("annotations")
        indexes = [models.Index(fields=["neighbourhood", "status"])]

    def __str__(self) -> str:
        return f"{self.figure}: {self.text[:40]}"
