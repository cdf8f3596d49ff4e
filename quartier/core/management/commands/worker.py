"""`quartier worker`: the background worker that survives a database restart.

It is django-tasks-db's `db_worker` with three additions:
- a heartbeat thread (its own database connection) writes `WorkerHeartbeat` every
  TASK_HEARTBEAT_SECONDS and sweeps tasks of stopped workers every few beats;
- a lost database connection does not end the worker: it closes the connection, waits with
  exponential backoff (up to 30 s), puts back the task it was running, and goes on;
- a clean stop (SIGTERM/SIGINT after the current task) removes its heartbeat.
"""

import logging
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, close_old_connections
from django.db import connections as db_connections
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

from quartier.core import tasking
from quartier.core.mail import retry_due_mails

logger = logging.getLogger("quartier.worker")

MAX_BACKOFF = 30.0
SWEEP_EVERY_BEATS = 6


def _close_all() -> None:
    for conn in db_connections.all(initialized_only=True):
        try:
            conn.close()
        except Exception:
            conn.connection = None


class ResilientWorker(Worker):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.started_at = timezone.now()
        self.current_task: Any = None
        self._stop = threading.Event()
        self.reconnects = 0

    # the heartbeat thread
    def _heartbeat_loop(self) -> None:
        beats = 0
        while not self._stop.is_set():
            try:
                tasking.beat(self.worker_id, self.started_at, self.current_task)
                if beats % SWEEP_EVERY_BEATS == 0:
                    swept = tasking.sweep_stale_tasks()
                    retry_due_mails()
                    if swept.requeued or swept.failed:
                        logger.warning(
                            "Swept tasks of stopped workers: %s requeued, %s failed",
                            swept.requeued,
                            swept.failed,
                        )
                beats += 1
            except Exception:
                logger.warning("Heartbeat failed; retrying", exc_info=True)
                _close_all()
            self._stop.wait(settings.TASK_HEARTBEAT_SECONDS)
        _close_all()

    def run_task(self, db_task_result: Any) -> None:
        self.current_task = db_task_result.pk
        try:
            super().run_task(db_task_result)
        finally:
            self.current_task = None

    def run(self) -> None:
        heart = threading.Thread(target=self._heartbeat_loop, name="heartbeat", daemon=True)
        heart.start()
        backoff = 0.5
        try:
            while self.running:
                began = time.monotonic()
                try:
                    super().run()
                    return  # --batch or --max-tasks ended it
                except (OperationalError, InterfaceError, DatabaseError) as error:
                    if time.monotonic() - began > 60:
                        backoff = 0.5  # it ran fine for a while: start the backoff anew
                    self.reconnects += 1
                    logger.warning(
                        "Database connection lost (%s); reconnecting in %.1f s", error, backoff
                    )
                    _close_all()
                    time.sleep(backoff)
                    backoff = min(MAX_BACKOFF, backoff * 2)
                    self.startup_delay = False
                    try:
                        close_old_connections()
                        tasking.release_own_tasks(self.worker_id)
                    except Exception:
                        _close_all()
        finally:
            self._stop.set()
            heart.join(timeout=settings.TASK_HEARTBEAT_SECONDS + 5)
            if not self.running or self.batch or self.max_tasks:
                try:
                    tasking.forget_worker(self.worker_id)
                except Exception:
                    logger.warning("Could not remove the heartbeat of %s", self.worker_id)


class Command(DbWorkerCommand):
    help = (
        "Run the background worker: like db_worker, with a heartbeat, a sweeper for tasks of "
        "stopped workers, and reconnection with backoff when the database goes away."
    )

    def handle(self, **options: Any) -> None:
        import django_tasks_db.management.commands.db_worker as db_worker_module  # noqa: PLC0415 – patched only when the worker runs

        original = db_worker_module.Worker
        db_worker_module.Worker = ResilientWorker  # type: ignore[misc]
        try:
            super().handle(**options)
        finally:
            db_worker_module.Worker = original  # type: ignore[misc]
