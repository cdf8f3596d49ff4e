"""An import job: the uploaded table (parsed rows kept as JSON), how its columns map onto the
fields of actors or neighbourhoods, the validation report and the progress of the import."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from quartier.core.models import TaskProgress, TimeStampedModel


class ImportKind(models.TextChoices):
    ACTORS = "actors", _("actors")
    NEIGHBOURHOODS = "neighbourhoods", _("neighbourhoods")


class ImportJob(TimeStampedModel):
    class Status(models.TextChoices):
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
