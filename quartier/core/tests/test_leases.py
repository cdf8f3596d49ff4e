"""Background tasks outlive a dead worker: the sweeper puts a task of a stopped worker back
into the queue, fails it after the last attempt with a "try again" button, and the health
endpoint tells when no worker is alive."""

import threading
import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from quartier.accounts.tasks import build_personal_data_export
from quartier.actors.models import Actor
from quartier.core.models import TaskProgress, WorkerHeartbeat
from quartier.core.progress import start_progress
from quartier.core.tasking import enqueue_with_progress, sweep_stale_tasks
from quartier.imports import services as imports
from quartier.imports.models import ImportJob
from quartier.imports.tests.conftest import ACTOR_HEADER, actor_row, csv_bytes, upload
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.tasks import assign_neighbourhood

DB_TASKS = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    TASK_WORKER_STALE_SECONDS=60,
    TASK_MAX_ATTEMPTS=3,
)


def _queued_import(user):
    user.is_superuser = True
    user.save()
    rows = [actor_row(f"Verein {i}") for i in range(5)]
    job = imports.create_job(user, "actors", upload(csv_bytes([ACTOR_HEADER, *rows])))
    imports.read_job(job.pk)  # what the reading task does once the upload is committed
    job.refresh_from_db()
    imports.check_job(job, job.mapping, by=user)
    job.refresh_from_db()
    return job, imports.queue_import(job, by=user)


def _die_while_running(task_id, worker_id: str, *, seconds_ago: int = 120) -> None:
    """What a worker killed by the operating system leaves behind: the task claimed and
    running, the job "importing", and a heartbeat that stopped."""
    result = DBTaskResult.objects.get(pk=task_id)
    result.claim(worker_id)
    WorkerHeartbeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "started_at": timezone.now() - timedelta(hours=1),
            "beat_at": timezone.now() - timedelta(seconds=seconds_ago),
        },
    )


def _run_worker():
    call_command("worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.mark.django_db(transaction=True)
@DB_TASKS
def test_an_import_whose_worker_died_is_requeued_and_then_imported_once(client, user):
    job, progress = _queued_import(user)
    _die_while_running(progress.task_id, "killed-worker")
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)

    # a fresh heartbeat keeps the task its worker's
    WorkerHeartbeat.objects.filter(worker_id="killed-worker").update(beat_at=timezone.now())
    assert sweep_stale_tasks().requeued == 0
    # one minute without a heartbeat: back into the queue
    WorkerHeartbeat.objects.filter(worker_id="killed-worker").update(
        beat_at=timezone.now() - timedelta(seconds=61)
    )
    assert sweep_stale_tasks().requeued == 1
    progress.refresh_from_db()
    job.refresh_from_db()
    assert progress.status == TaskProgress.Status.QUEUED
    assert "Versuch 2 von 3" in progress.message
    assert job.status == ImportJob.Status.QUEUED
    client.force_login(user)
    page = client.get(reverse("core:task_progress", args=[progress.pk])).content.decode()
    assert "Der Hintergrunddienst wurde unterbrochen" in page
    assert "hx-get" in page  # still waiting for a worker: the page goes on polling

    _run_worker()
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.DONE
    assert Actor.objects.filter(name__startswith="Verein ").count() == 5


@pytest.mark.django_db(transaction=True)
@DB_TASKS
def test_after_the_last_attempt_the_page_stops_polling_and_offers_to_try_again(client, user):
    job, progress = _queued_import(user)
    for attempt in range(3):
        _die_while_running(progress.task_id, f"killed-{attempt}")
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
        sweep_stale_tasks()
    progress.refresh_from_db()
    job.refresh_from_db()
    assert progress.status == TaskProgress.Status.FAILED and progress.retryable
    assert job.status == ImportJob.Status.FAILED
    assert DBTaskResult.objects.get(pk=progress.task_id).status == "FAILED"

    client.force_login(user)
    url = reverse("core:task_progress", args=[progress.pk])
    page = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-get" not in page  # polling stopped
    assert "3-mal unterbrochen" in page and "Nichts wurde gespeichert" in page
    assert "Erneut versuchen" in page

    # someone else cannot retry it
    from quartier.accounts.tests.factories import UserFactory

    client.force_login(UserFactory())
    assert client.post(reverse("core:task_retry", args=[progress.pk])).status_code == 404
    client.force_login(user)
    response = client.post(reverse("core:task_retry", args=[progress.pk]))
    assert response["Location"] == url
    progress.refresh_from_db()
    job.refresh_from_db()
    assert progress.status == TaskProgress.Status.QUEUED and not progress.retryable
    assert job.status == ImportJob.Status.QUEUED
    # a second click does not start it twice
    client.post(reverse("core:task_retry", args=[progress.pk]))
    imports_waiting = DBTaskResult.objects.filter(status="READY", task_path__endswith=".run_import")
    assert imports_waiting.count() == 1

    _run_worker()
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.DONE
    assert Actor.objects.filter(name__startswith="Verein ").count() == 5


@pytest.mark.django_db(transaction=True)
@DB_TASKS
@pytest.mark.parametrize("which", ["export", "matching"])
def test_the_data_download_and_the_matching_are_requeued_too(user, which):
    progress = start_progress(user, "Aufgabe", total=2)
    if which == "export":
        enqueue_with_progress(progress, build_personal_data_export, str(progress.pk), user.pk)
    else:
        neighbourhood = NeighbourhoodFactory()
        enqueue_with_progress(progress, assign_neighbourhood, str(progress.pk), neighbourhood.pk)
    _die_while_running(progress.task_id, "killed")
    assert sweep_stale_tasks().requeued == 1
    _run_worker()
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.DONE


@pytest.mark.django_db(transaction=True)
@DB_TASKS
def test_a_worker_without_heartbeat_keeps_its_task_until_the_long_limit(user):
    progress = start_progress(user, "Export", total=1)
    enqueue_with_progress(progress, build_personal_data_export, str(progress.pk), user.pk)
    DBTaskResult.objects.get(pk=progress.task_id).claim("plain-db-worker")
    assert sweep_stale_tasks().requeued == 0
    later = timezone.now() + timedelta(minutes=31)
    assert sweep_stale_tasks(now=later).requeued == 1


@pytest.mark.django_db(transaction=True)
@DB_TASKS
def test_the_daily_command_sweeps_too(user):
    progress = start_progress(user, "Export", total=1)
    enqueue_with_progress(progress, build_personal_data_export, str(progress.pk), user.pk)
    _die_while_running(progress.task_id, "killed")
    call_command("sweep_tasks", verbosity=0)
    assert DBTaskResult.objects.get(pk=progress.task_id).status == "READY"


@pytest.mark.django_db(transaction=True)
@DB_TASKS
def test_health_reports_the_worker_and_answers_503_when_it_is_stale(client, user):
    body = client.get("/api/v1/health").json()
    assert body["worker"]["last_heartbeat"] is None
    assert body["worker"]["oldest_waiting_task_age_seconds"] is None

    progress = start_progress(user, "Export", total=1)
    enqueue_with_progress(progress, build_personal_data_export, str(progress.pk), user.pk)
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=5))
    response = client.get("/api/v1/health")  # no worker, and a task waits for 5 minutes
    assert response.status_code == 503
    assert response.json()["worker"]["oldest_waiting_task_age_seconds"] >= 300

    WorkerHeartbeat.objects.create(
        worker_id="w1", started_at=timezone.now(), beat_at=timezone.now()
    )
    response = client.get("/api/v1/health")
    assert response.status_code == 200 and response.json()["worker"]["status"] == "ok"
    assert response.json()["worker"]["heartbeat_age_seconds"] < 5

    WorkerHeartbeat.objects.update(beat_at=timezone.now() - timedelta(seconds=90))
    response = client.get("/api/v1/health")
    assert response.status_code == 503
    assert response.json()["worker"]["status"] == "stale"


@pytest.mark.django_db(transaction=True)
@DB_TASKS
def test_the_worker_beats_and_removes_its_heartbeat_when_it_stops(user):
    progress = start_progress(user, "Export", total=1)
    enqueue_with_progress(progress, build_personal_data_export, str(progress.pk), user.pk)
    _run_worker()
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.DONE
    assert not WorkerHeartbeat.objects.exists()  # a clean stop


# --- the worker survives its database connection being terminated (PostgreSQL) ----------


def _terminate_other_backends() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def _wait_for(predicate, seconds: float = 30) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


@pytest.mark.django_db(transaction=True)
@override_settings(
    TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
    TASK_HEARTBEAT_SECONDS=0.2,
)
def test_the_worker_survives_pg_terminate_backend_and_runs_the_next_task(user):
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend is PostgreSQL")
    from quartier.core.management.commands.worker import ResilientWorker

    worker = ResilientWorker(
        queue_names=["default"],
        interval=0.1,
        batch=False,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="survivor",
        excluded_queue_names=[],
    )

    def run() -> None:
        try:
            worker.run()
        finally:
            connection.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    try:

        def export() -> TaskProgress:
            progress = start_progress(user, "Export", total=1)
            enqueue_with_progress(progress, build_personal_data_export, str(progress.pk), user.pk)
            return progress

        def done(progress: TaskProgress):
            return lambda: TaskProgress.objects.get(pk=progress.pk).status == "done"

        first = export()
        assert _wait_for(done(first))
        assert _wait_for(lambda: WorkerHeartbeat.objects.filter(worker_id="survivor").exists())
        assert _terminate_other_backends() >= 1  # the worker's and its heartbeat's
        second = export()
        assert _wait_for(done(second))  # the worker reconnected and went on
        assert thread.is_alive()
        beat = WorkerHeartbeat.objects.get(worker_id="survivor").beat_at
        assert _wait_for(
            lambda: WorkerHeartbeat.objects.get(worker_id="survivor").beat_at > beat, 5
        )
    finally:
        worker.running = False
        thread.join(timeout=10)
    assert not thread.is_alive()
