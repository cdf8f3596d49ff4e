"""Background tasks of the places area: the global assignment of a neighbourhood."""

from django.utils.translation import gettext as _
from django_tasks import task

from quartier.core.progress import fail_progress
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places import matching_runs
from quartier.places.services import compute_neighbourhood_assignment


@task()
def assign_neighbourhood(progress_id: str, neighbourhood_id: int) -> None:
    """Loads the neighbourhood and runs `services.compute_neighbourhood_assignment`."""
    neighbourhood = Neighbourhood.objects.filter(pk=neighbourhood_id).first()
    if neighbourhood is None:
        fail_progress(progress_id, _("The neighbourhood no longer exists."))
        return
    compute_neighbourhood_assignment(progress_id, neighbourhood)


@task()
def run_matching_request(progress_id: str) -> None:
    """A matching run of the API too large to answer within the request."""
    matching_runs.compute_matching_run(progress_id)
