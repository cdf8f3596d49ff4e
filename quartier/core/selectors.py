"""Reads of what every app shares: the progress records of background tasks."""

from quartier.accounts.viewer import Viewer
from quartier.core.access import access_object
from quartier.core.models import TaskProgress


def access_progress(viewer: Viewer, pk: str, *, done: bool = False) -> TaskProgress:
    """The progress record of one of the viewer's own tasks (`core.view_taskprogress`);
    `done=True` only once the task has finished (a result to download or review). Anybody
    else gets 404, as if it did not exist."""
    records = TaskProgress.objects.all()
    if done:
        records = records.filter(status=TaskProgress.Status.DONE)
    return access_object(records, viewer, view="core.view_taskprogress", pk=pk)
