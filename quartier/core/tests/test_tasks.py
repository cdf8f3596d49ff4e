import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from quartier.accounts.privacy import start_personal_data_export
from quartier.accounts.tasks import build_personal_data_export
from quartier.core.models import TaskProgress
from quartier.core.progress import start_progress


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_the_database_worker_runs_a_queued_task_and_records_its_progress(user):
    progress = start_progress(user, "Export", total=1)
    build_personal_data_export.enqueue(str(progress.pk), user.pk)
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.QUEUED

    call_command("db_worker", batch=True, startup_delay=False, reload=False)

    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.DONE
    assert progress.result["user"]["email"] == user.email


@pytest.mark.django_db(transaction=True)
@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}})
def test_background_work_starts_with_the_commit_of_its_service(user):
    """`start_<work>` writes the progress and the task in the service's transaction: rolled
    back, neither exists and nothing runs; committed, the worker finds the task."""

    with pytest.raises(RuntimeError), transaction.atomic():
        start_personal_data_export(user)
        raise RuntimeError("the service failed after starting the work")
    assert not TaskProgress.objects.exists()
    assert not DBTaskResult.objects.exists()

    progress = start_personal_data_export(user)
    assert str(DBTaskResult.objects.get().pk) == progress.task_id
    call_command("db_worker", batch=True, startup_delay=False, reload=False)
    progress.refresh_from_db()
    assert progress.status == TaskProgress.Status.DONE
