"""Services for TaskProgress: a task reports here, the progress page reads it."""

from typing import TYPE_CHECKING, Any

from django.db.models import F

from quartier.core.models import TaskProgress

if TYPE_CHECKING:
    from quartier.accounts.models import User


def start_progress(owner: "User", title: str, total: int = 0) -> TaskProgress:
    return TaskProgress.objects.create(owner=owner, title=title, total=total)


def report_progress(progress_id: str, done: int, total: int, message: str = "") -> None:
    TaskProgress.objects.filter(pk=progress_id).update(
        status=TaskProgress.Status.RUNNING, done=done, total=total, message=message
    )


def finish_progress(
    progress_id: str, *, result: Any = None, result_url: str = "", message: str = ""
) -> None:
    TaskProgress.objects.filter(pk=progress_id).update(
        status=TaskProgress.Status.DONE,
        done=F("total"),
        result=result,
        result_url=result_url,
        message=message,
    )


def fail_progress(progress_id: str, message: str) -> None:
    TaskProgress.objects.filter(pk=progress_id).update(
        status=TaskProgress.Status.FAILED, message=message
    )
