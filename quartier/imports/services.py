"""The steps of an import: upload (parse and store the rows), assign columns and check every
row, queue the import, and run it as a background task – all or nothing."""

import logging
from datetime import datetime, timedelta
from functools import partial
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from quartier.accounts.models import User
from quartier.core.models import TaskProgress
from quartier.core.progress import fail_progress, finish_progress, report_progress, start_progress
from quartier.core.ratelimits import check_background_start
from quartier.core.tasking import enqueue_with_progress
from quartier.dashboard.statistics_import import StatisticsImporter
from quartier.imports.actor_import import ActorImporter
from quartier.imports.importers import CheckResult, Importer
from quartier.imports.models import ImportJob, PlaceKey
from quartier.imports.neighbourhood_import import NeighbourhoodImporter
from quartier.imports.parsing import TableError, parse_table, read_upload
from quartier.imports.vacancies import PlaceImporter

logger = logging.getLogger(__name__)

IMPORTERS: dict[str, type[Importer]] = {
    importer.kind: importer
    for importer in (ActorImporter, NeighbourhoodImporter, PlaceImporter, StatisticsImporter)
}
PROGRESS_EVERY = 250  # rows between two updates of the progress record
EDITABLE = (ImportJob.Status.UPLOADED, ImportJob.Status.CHECKED, ImportJob.Status.FAILED)


def can_import(user: Any, kind: str) -> bool:
    return kind in IMPORTERS and bool(user.has_perm(f"imports.import_{kind}"))


def importer_for(job: ImportJob) -> Importer:
    return IMPORTERS[job.kind](job.owner)


def create_job(owner: User, kind: str, upload: UploadedFile) -> ImportJob:
    """Takes an upload: the quick checks (size, format, an XLSX archive's unpacked size and
    compression) happen here and raise parsing.TableError with a message for the user; the
    file itself is read by a background task (read_job), whose progress the job links to."""
    from quartier.imports.tasks import read_upload_task  # noqa: PLC0415 – the task module imports this one

    if not can_import(owner, kind):
        raise PermissionDenied
    filename = PurePath(upload.name or "").name
    upload.seek(0)
    content, file_format = read_upload(upload, filename, upload.size)
    check_background_start(owner)
    with transaction.atomic():
        progress = start_progress(
            owner, _("Reading “%(file)s”") % {"file": filename[:150]}, total=1
        )
        job = ImportJob.objects.create(
            owner=owner,
            kind=kind,
            filename=filename[:255],
            file_format=file_format,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            content=content,
            status=ImportJob.Status.READING,
            progress=progress,
        )
        transaction.on_commit(partial(read_upload_task.enqueue, job.pk))
    # With a task backend that runs at once (tests, development) the rows are there now.
    job.refresh_from_db()
    return job


def read_job(job_id: int) -> None:
    """The background part of create_job: parses the stored file within the limits of
    parsing.py and keeps its rows with the suggested column mapping, or the reason why the
    file cannot be read."""
    job = ImportJob.objects.filter(pk=job_id, status=ImportJob.Status.READING).first()
    if job is None:
        return
    progress_id = str(job.progress_id)
    with translation.override(job.language):
        report_progress(progress_id, done=0, total=1, message=_("Reading the file …"))
        try:
            table = parse_table(bytes(job.content), job.file_format)
        except TableError as error:
            ImportJob.objects.filter(pk=job.pk).update(
                status=ImportJob.Status.UNREADABLE, content=b"", report={"unreadable": str(error)}
            )
            fail_progress(progress_id, str(error))
            return
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.UPLOADED,
            content=b"",
            headers=table.headers,
            rows=table.rows,
            row_numbers=table.row_numbers,
            row_count=len(table),
            mapping=IMPORTERS[job.kind].suggest_mapping(table.headers),
        )
        finish_progress(
            progress_id,
            result_url=reverse("imports:mapping", args=[job.pk]),
            message=ngettext("%(count)s row read.", "%(count)s rows read.", len(table))
            % {"count": len(table)},
        )


def check_job(job: ImportJob, mapping: dict[str, int], *, by: User) -> CheckResult:
    """Checks every row with the given column mapping and stores the report."""
    if job.owner_id != by.pk or not can_import(by, job.kind):
        raise PermissionDenied
    if job.status not in EDITABLE:
        raise ValidationError(_("This import has already been started."))
    result = importer_for(job).check(job.headers, job.rows, job.row_numbers, mapping)
    job.mapping = mapping
    job.report = result.as_report()
    job.status = ImportJob.Status.CHECKED
    job.language = translation.get_language() or job.language
    job.save(update_fields=["mapping", "report", "status", "language", "updated_at"])
    return result


def queue_import(job: ImportJob, *, by: User) -> TaskProgress:
    """Starts the import in the background; the returned progress record tells how far it is."""
    from quartier.imports.tasks import run_import  # noqa: PLC0415 – the task module imports this one

    if job.owner_id != by.pk or not can_import(by, job.kind):
        raise PermissionDenied
    if not job.can_commit:
        raise ValidationError(_("Only a checked file without problems can be imported."))
    check_background_start(by)
    progress = start_progress(
        by, _("Import of “%(file)s”") % {"file": job.filename}, total=2 * job.row_count
    )
    # Only one of two quick clicks on "import" starts the task.
    started = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.CHECKED).update(
        status=ImportJob.Status.QUEUED, progress=progress
    )
    if not started:
        progress.delete()
        raise ValidationError(_("This import has already been started."))
    job.status, job.progress = ImportJob.Status.QUEUED, progress
    enqueue_with_progress(progress, run_import, job.pk, str(progress.pk))
    return progress


def prepare_rerun(job_id: int, progress_id: str) -> None:
    """Its worker stopped (or "try again" was pressed): the import waits again. Nothing of it
    was saved, since it saves all rows in one transaction."""
    ImportJob.objects.filter(
        pk=job_id, status__in=[ImportJob.Status.RUNNING, ImportJob.Status.FAILED]
    ).update(status=ImportJob.Status.QUEUED, updated_at=timezone.now())


def give_up_import(job_id: int, progress_id: str) -> None:
    """Its worker stopped too often: the import failed (nothing was imported)."""
    ImportJob.objects.filter(
        pk=job_id, status__in=[ImportJob.Status.RUNNING, ImportJob.Status.QUEUED]
    ).update(status=ImportJob.Status.FAILED, updated_at=timezone.now())


def execute_import(job_id: int, progress_id: str) -> None:
    """The body of the background task."""
    job = ImportJob.objects.select_related("owner").filter(pk=job_id).first()
    if job is None:
        fail_progress(progress_id, _("The import no longer exists."))
        return
    with translation.override(job.language):
        claimed = ImportJob.objects.filter(pk=job.pk, status=ImportJob.Status.QUEUED).update(
            status=ImportJob.Status.RUNNING
        )
        if not claimed:
            return  # another worker runs it already
        try:
            _run(job, progress_id)
        except Exception:
            logger.exception("Import %s failed", job.pk)
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED)
            fail_progress(progress_id, _("The import failed unexpectedly. Nothing was imported."))


def _run(job: ImportJob, progress_id: str) -> None:
    rows = job.row_count
    total = 2 * rows  # first checking, then saving
    if not can_import(job.owner, job.kind):
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED)
        fail_progress(progress_id, _("You may not import this kind of data."))
        return
    importer = importer_for(job)

    def checked(done: int) -> None:
        report_progress(
            progress_id,
            done=done,
            total=total,
            message=_("%(done)s of %(rows)s rows checked") % {"done": done, "rows": rows},
        )

    checked(0)
    result = importer.check(
        job.headers,
        job.rows,
        job.row_numbers,
        job.mapping,
        on_progress=checked,
        every=PROGRESS_EVERY,
    )
    job.report = result.as_report()
    if result.error_count:
        job.status = ImportJob.Status.FAILED
        job.save(update_fields=["report", "status", "updated_at"])
        fail_progress(
            progress_id,
            ngettext(
                "Nothing was imported: the file has %(count)s problem. The import page lists it.",
                "Nothing was imported: the file has %(count)s problems. The import page "
                "lists them.",
                result.error_count,
            )
            % {"count": result.error_count},
        )
        return
    report_progress(progress_id, done=rows, total=total, message=_("Saving …"))
    with transaction.atomic():
        count = importer.save(result.items, f"{job.filename} (#{job.pk})")
        job.imported_count = count
        job.status = ImportJob.Status.DONE
        job.save(update_fields=["report", "status", "imported_count", "updated_at"])
    finish_progress(
        progress_id,
        result={"kind": job.kind, "imported": count, "job": job.pk},
        result_url=job.get_absolute_url(),
        message=imported_message(job.kind, count),
    )


def imported_message(kind: str, count: int) -> str:
    if kind == "statistics":
        return ngettext("%(count)s value imported.", "%(count)s values imported.", count) % {
            "count": count
        }
    if kind == "places":
        return ngettext("%(count)s place imported.", "%(count)s places imported.", count) % {
            "count": count
        }
    if kind == "neighbourhoods":
        return ngettext(
            "%(count)s neighbourhood imported.", "%(count)s neighbourhoods imported.", count
        ) % {"count": count}
    return ngettext("%(count)s actor imported.", "%(count)s actors imported.", count) % {
        "count": count
    }


KEEP_IMPORT_JOBS = timedelta(days=30)


def clean_up_jobs(now: datetime | None = None) -> int:
    """Deletes import jobs (with the file's rows they keep) older than 30 days, so uploaded
    lists with personal data do not stay forever; run daily. Returns the number deleted."""
    cutoff = (now or timezone.now()) - KEEP_IMPORT_JOBS
    deleted, _by_model = ImportJob.objects.filter(updated_at__lt=cutoff).delete()
    return deleted


def import_at_once(job: ImportJob, *, by: User) -> int:
    """Runs a checked import in this process instead of in the background, with the same
    checks and the same all-or-nothing save as the task (for the demo loader and scripts).
    Returns the number of rows imported; raises ValidationError with the report's problems
    when nothing was imported."""
    if job.owner_id != by.pk or not can_import(by, job.kind):
        raise PermissionDenied
    if not job.can_commit:
        raise ValidationError(str(job.report.get("errors")))
    progress = start_progress(by, job.filename, total=2 * job.row_count)
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED, progress=progress)
    execute_import(job.pk, str(progress.pk))
    job.refresh_from_db()
    if job.status != ImportJob.Status.DONE:
        raise ValidationError(str(job.report.get("errors")))
    return job.imported_count


def remember_place_key(place: Any, key: str, *, by: User) -> None:
    """Gives a place entered before (by hand or by an older list) the identifier a vacancy
    list uses for it, so that importing the list updates the place instead of adding it."""
    if not by.has_perm("places.change_place", place):
        raise PermissionDenied
    PlaceKey.objects.get_or_create(
        place=place, defaults={"neighbourhood": place.neighbourhood, "key": key}
    )
