"""An import job: the uploaded table (parsed rows kept as JSON), how its columns map onto the
fields of actors, neighbourhoods or places, the validation report and the progress of the
import. A place imported with an identifier of its own list remembers it (PlaceKey), so that
importing the list again updates the place instead of adding it twice."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TaskProgress, TimeStampedModel


class ImportKind(models.TextChoices):
    ACTORS = "actors", _("actors")
    NEIGHBOURHOODS = "neighbourhoods", _("neighbourhoods")
    PLACES = "places", _("places (vacancy list)")
    STATISTICS = "statistics", _("official statistics (values per area and year)")


class ImportJob(TimeStampedModel):
    class Status(models.TextChoices):
        READING = "reading", _("file being read")
        UNREADABLE = "unreadable", _("file could not be read")
        UPLOADED = "uploaded", _("uploaded, columns not assigned yet")
        CHECKED = "checked", _("checked")
        QUEUED = "queued", _("waiting for import")
        RUNNING = "running", _("importing")
        DONE = "done", _("imported")
        FAILED = "failed", _("not imported")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("owner"),
    )
    kind = models.CharField(_("content"), max_length=20, choices=ImportKind.choices)
    filename = models.CharField(_("file name"), max_length=255)
    file_format = models.CharField(_("file format"), max_length=10)
    language = models.CharField(_("language"), max_length=10, default="de")
    content = models.BinaryField(
        _("uploaded file"),
        default=b"",
        blank=True,
        help_text=_("The uploaded file until the background task has read it."),
    )
    headers = models.JSONField(_("column headers"), default=list)
    rows = models.JSONField(_("rows"), default=list)
    row_numbers = models.JSONField(
        _("row numbers"),
        default=list,
        help_text=_("For each row, its number in the file (the header is row 1)."),
    )
    row_count = models.PositiveIntegerField(_("number of rows"), default=0)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.UPLOADED
    )
    report = models.JSONField(_("validation report"), default=dict, blank=True)
    imported_count = models.PositiveIntegerField(_("records imported"), default=0)
    progress = models.ForeignKey(
        TaskProgress,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("progress"),
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_kind_display()})"

    def get_absolute_url(self) -> str:
        return reverse("imports:detail", args=[self.pk])

    @property
    def error_count(self) -> int:
        return int(self.report.get("error_count", 0)) if self.report else 0

    @property
    def can_commit(self) -> bool:
        return self.status == self.Status.CHECKED and self.error_count == 0


class PlaceKey(models.Model):
    """The identifier a vacancy list gives a place (its "Kennung"), unique within the
    neighbourhood the place was imported for (or among places imported without one)."""

    place = models.OneToOneField(
        "places.Place", on_delete=models.CASCADE, related_name="import_key", verbose_name=_("place")
    )
    neighbourhood = models.ForeignKey(
        "neighbourhoods.Neighbourhood",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("neighbourhood"),
    )
    key = models.CharField(_("identifier in the imported list"), max_length=100)

    class Meta:
        verbose_name = _("identifier of an imported place")
        verbose_name_plural = _("identifiers of imported places")
        constraints = [
            models.UniqueConstraint(
                fields=["neighbourhood", "key"],
                condition=models.Q(neighbourhood__isnull=False),
                name="one_place_per_key_and_neighbourhood",
            ),
            models.UniqueConstraint(
                fields=["key"],
                condition=models.Q(neighbourhood__isnull=True),
                name="one_place_per_key_without_neighbourhood",
            ),
        ]

    def __str__(self) -> str:
        return self.key
