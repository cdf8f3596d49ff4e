"""Background tasks of the network area: load by id, call the service."""

from django_tasks import task

from quartier.network.services import compute_snapshot


@task()
def compute_network(snapshot_id: int) -> None:
    compute_snapshot(snapshot_id)
