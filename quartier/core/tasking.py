"""Background tasks that outlive a dead worker.

A task is enqueued with `enqueue_with_progress`, which remembers the task on its
`TaskProgress`. `quartier worker` writes a heartbeat (`WorkerHeartbeat`) every few seconds.
The sweeper (`sweep_stale_tasks`, run by the worker every half minute and by `quartier
daily`) finds tasks still marked running by a worker whose heartbeat stopped: their work is
all-or-nothing, so the task is put back into the queue; after `TASK_MAX_ATTEMPTS` tries it
fails with a message, and its progress page offers "try again" (`retry_progress`).

The owning app registers what a rerun needs (`register_rerun`), e.g. the import puts its job
back to "waiting" – the task body itself stays the one thin shape: load by id, call the
service."""

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Min
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from quartier.core.models import TaskProgress, WorkerHeartbeat

logger = logging.getLogger(__name__)

Hook = Callable[..., None]
_PREPARE: dict[str, Hook] = {}
_GIVE_UP: dict[str, Hook] = {}


class WorkerLost(Exception):
    """Recorded as the failure of a task whose worker stopped too often."""


def register_rerun(task: Any, *, prepare: Hook | None = None, give_up: Hook | None = None) -> None:
    """`prepare(*args, **kwargs)` runs before a task is queued again (by the sweeper or the
    "try again" button); `give_up(*args, **kwargs)` when it has failed for good. Both get
    the task's arguments and belong to the owning app's services."""
    if prepare:
        _PREPARE[task.module_path] = prepare
    if give_up:
        _GIVE_UP[task.module_path] = give_up


def enqueue_with_progress(progress: TaskProgress, task: Any, *args: Any, **kwargs: Any) -> None:
    """Enqueues the task and links it to its progress. The database backend writes the task
    in the caller's transaction, so a rolled-back service leaves no task behind."""
    result = task.enqueue(*args, **kwargs)
    # the immediate backend (tests) has finished the task here; its progress stays as it is
    TaskProgress.objects.filter(pk=progress.pk).update(task_id=result.id)
    progress.task_id = result.id


def _hook(registry: dict[str, Hook], task_path: str, args_kwargs: dict[str, Any]) -> None:
    try:
        import_string(task_path)  # the task's module registers its hooks on import
    except ImportError:
        return
    hook = registry.get(task_path)
    if hook:
        hook(*args_kwargs.get("args", []), **args_kwargs.get("kwargs", {}))


@dataclass
class SweepResult:
    requeued: int = 0
    failed: int = 0


def release_task(task_id: Any, worker_id: str, now: datetime | None = None) -> str:
    """Takes a running task away from a worker that stopped: back into the queue, or failed
    after the last attempt. Returns "requeued", "failed" or "" (someone else was quicker)."""
    now = now or timezone.now()
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        result = DBTaskResult.objects.select_for_update().filter(pk=task_id).first()
        if result is None or result.status != "RUNNING":
            return ""
        if (result.worker_ids or [""])[-1] != worker_id:
            return ""
        attempts = len(result.worker_ids)
        progress = TaskProgress.objects.filter(task_id=str(result.pk))
        if attempts < settings.TASK_MAX_ATTEMPTS:
            result.status = "READY"
            result.started_at = None
            result.save(update_fields=["status", "started_at"])
            _hook(_PREPARE, result.task_path, result.args_kwargs)
            progress.update(
                status=TaskProgress.Status.QUEUED,
                done=0,
                message=_(
                    "The background worker stopped; the task starts again "
                    "(attempt %(attempt)s of %(max)s)."
                )
                % {"attempt": attempts + 1, "max": settings.TASK_MAX_ATTEMPTS},
            )
            logger.warning("Task %s requeued: worker %s stopped", result.pk, worker_id)
            return "requeued"
        message = _(
            "The background worker stopped %(count)s times during this task. "
            "Nothing was saved; you can try again."
        ) % {"count": attempts}
        result.set_failed(WorkerLost(message))
        _hook(_GIVE_UP, result.task_path, result.args_kwargs)
        progress.update(status=TaskProgress.Status.FAILED, message=message, retryable=True)
        logger.error("Task %s failed: its worker stopped %s times", result.pk, attempts)
        return "failed"


def sweep_stale_tasks(now: datetime | None = None) -> SweepResult:
    """Releases every task whose worker's heartbeat is older than TASK_WORKER_STALE_SECONDS
    (or, for workers without a heartbeat, that runs longer than TASK_UNWATCHED_SECONDS)."""
    now = now or timezone.now()
    stale_before = now - timedelta(seconds=settings.TASK_WORKER_STALE_SECONDS)
    unwatched_before = now - timedelta(seconds=settings.TASK_UNWATCHED_SECONDS)
    beats = dict(WorkerHeartbeat.objects.values_list("worker_id", "beat_at"))
    outcome = SweepResult()
    for task_id, worker_ids, started_at in DBTaskResult.objects.running().values_list(
        "pk", "worker_ids", "started_at"
    ):
        worker_id = (worker_ids or [""])[-1]
        beat_at = beats.get(worker_id)
        if beat_at is not None and beat_at >= stale_before:
            continue
        if beat_at is None and started_at and started_at >= unwatched_before:
            continue
        released = release_task(task_id, worker_id, now)
        if released == "requeued":
            outcome.requeued += 1
        elif released == "failed":
            outcome.failed += 1
    return outcome


def release_own_tasks(worker_id: str) -> SweepResult:
    """A worker that lost its database connection while running a task puts that task back
    (it is not running it any more)."""
    outcome = SweepResult()
    for task_id, worker_ids in DBTaskResult.objects.running().values_list("pk", "worker_ids"):
        if (worker_ids or [""])[-1] == worker_id:
            released = release_task(task_id, worker_id)
            outcome.requeued += released == "requeued"
            outcome.failed += released == "failed"
    return outcome


def retry_progress(progress: TaskProgress, *, by: Any) -> TaskProgress:
    """ "Try again" on a task that failed because its worker stopped: the owning app prepares
    the rerun, the same task is queued again and the same progress page follows it."""
    if not by.has_perm("core.view_taskprogress", progress):
        raise PermissionDenied
    if progress.status != TaskProgress.Status.FAILED or not progress.retryable:
        raise ValidationError(_("Only a task that was interrupted can be tried again."))
    old = DBTaskResult.objects.filter(pk=progress.task_id).first() if progress.task_id else None
    if old is None:
        raise ValidationError(_("This task can no longer be tried again; please start it anew."))
    task = import_string(old.task_path)
    args, kwargs = old.args_kwargs.get("args", []), old.args_kwargs.get("kwargs", {})
    with transaction.atomic():
        reset = TaskProgress.objects.filter(
            pk=progress.pk, status=TaskProgress.Status.FAILED, retryable=True
        ).update(status=TaskProgress.Status.QUEUED, done=0, message="", retryable=False)
        if not reset:  # a second click
            raise ValidationError(_("This task has already been started again."))
        _hook(_PREPARE, old.task_path, old.args_kwargs)
        enqueue_with_progress(progress, task, *args, **kwargs)
    progress.refresh_from_db()
    return progress


# Heartbeats of `quartier worker`


def beat(worker_id: str, started_at: datetime, current_task: Any = None) -> None:
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "beat_at": timezone.now(),
            "started_at": started_at,
            "current_task": current_task,
            "hostname": socket.gethostname()[:200],
            "pid": os.getpid(),
        },
    )


def forget_worker(worker_id: str) -> None:
    """A worker that stops cleanly removes its heartbeat (its tasks are finished)."""
    WorkerHeartbeat.objects.filter(worker_id=worker_id).delete()


def prune_heartbeats(now: datetime | None = None) -> int:
    """Heartbeats of workers gone for a day are of no use any more."""
    cutoff = (now or timezone.now()) - timedelta(days=1)
    deleted, _by_model = WorkerHeartbeat.objects.filter(beat_at__lt=cutoff).delete()
    return deleted


@dataclass
class WorkerHealth:
    last_heartbeat: datetime | None
    heartbeat_age: float | None
    oldest_waiting_age: float | None
    stale: bool


def worker_health(now: datetime | None = None) -> WorkerHealth:
    """Whether background work gets done: the last heartbeat of any worker and the age of the
    oldest task waiting to run. Stale: the last heartbeat is older than
    TASK_WORKER_STALE_SECONDS, or no worker ever beat and a task waits longer than that."""
    now = now or timezone.now()
    limit = settings.TASK_WORKER_STALE_SECONDS
    last = WorkerHeartbeat.objects.order_by("-beat_at").values_list("beat_at", flat=True).first()
    oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
    heartbeat_age = (now - last).total_seconds() if last else None
    waiting_age = max(0.0, (now - oldest).total_seconds()) if oldest else None
    if heartbeat_age is not None:
        stale = heartbeat_age > limit
    else:
        stale = waiting_age is not None and waiting_age > limit
    return WorkerHealth(last, heartbeat_age, waiting_age, stale)
