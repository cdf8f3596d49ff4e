from django_tasks import task

from quartier.imports.services import execute_import


@task()
def run_import(job_id: int, progress_id: str) -> None:
    """Checks every row again and saves them all in one transaction, or nothing."""
    execute_import(job_id, progress_id)
