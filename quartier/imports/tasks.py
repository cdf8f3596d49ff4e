from django_tasks import task

from quartier.core.tasking import register_rerun
from quartier.imports.services import execute_import, give_up_import, prepare_rerun, read_job


@task()
def run_import(job_id: int, progress_id: str) -> None:
    """Checks every row again and saves them all in one transaction, or nothing."""
    execute_import(job_id, progress_id)


@task()
def read_upload_task(job_id: int) -> None:
    """Parses an uploaded table (see services.create_job)."""
    read_job(job_id)


register_rerun(run_import, prepare=prepare_rerun, give_up=give_up_import)
