"""Reads about import jobs."""

from quartier.accounts.viewer import Viewer
from quartier.core.access import access_object
from quartier.imports.models import ImportJob


def access_import_job(
    viewer: Viewer, pk: int, perm: str | None = None, *, rows: bool = True
) -> ImportJob:
    """The job if it belongs to the viewer (`imports.view_importjob`); anybody else gets 404,
    as if it did not exist. `rows=False` leaves the stored rows unread."""
    jobs = ImportJob.objects.defer("content")  # the uploaded file, read only by the task
    if not rows:
        jobs = jobs.defer("rows", "row_numbers")
    return access_object(
        jobs.select_related("progress"), viewer, view="imports.view_importjob", perm=perm, pk=pk
    )
