"""Background tasks of the places area: the global assignment of a neighbourhood."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tasks import task

from quartier.core.progress import fail_progress, finish_progress, report_progress
from quartier.engines.matching import MatchingInputError, match_json
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places import services
from quartier.places.matching import matchable_places, open_requests, place_input, request_input


@task()
def assign_neighbourhood(progress_id: str, neighbourhood_id: int) -> None:
    """The optimal one-to-one assignment of the open requests to the available places of a
    neighbourhood (displaced requests first), kept on the progress record for review."""
    neighbourhood = Neighbourhood.objects.filter(pk=neighbourhood_id).first()
    if neighbourhood is None:
        fail_progress(progress_id, _("The neighbourhood no longer exists."))
        return
    report_progress(progress_id, done=0, total=2, message=_("Collecting places and requests"))
    places = {p.pk: p for p in matchable_places().filter(neighbourhood=neighbourhood)}
    requests = {r.pk: r for r in open_requests().filter(actor__neighbourhoods=neighbourhood)}
    report_progress(progress_id, done=1, total=2, message=_("Computing the best assignment"))
    try:
        output = match_json(
            {
                "places": [place_input(p) for p in places.values()],
                "requests": [request_input(r) for r in requests.values()],
            }
        )
    except MatchingInputError as error:
        fail_progress(progress_id, str(error))
        return
    pairs = [
        {
            "request": pair["request"],
            "request_title": requests[pair["request"]].title,
            "actor": requests[pair["request"]].actor.name,
            "place": pair["place"],
            "place_name": places[pair["place"]].name,
            "score": pair["score"],
            "reasons": pair["reasons"],
            "displaced": requests[pair["request"]].displaced,
        }
        for pair in output["assignment"]
    ]
    finish_progress(
        progress_id,
        result={
            "neighbourhood": neighbourhood.pk,
            "pairs": pairs,
            "unassigned": [requests[r].title for r in output["unassigned"]],
            "total_score": output["total_score"],
        },
        result_url=reverse("places:assignment_review", args=[progress_id]),
        message=_("%(pairs)s of %(requests)s requests placed.")
        % {"pairs": len(pairs), "requests": len(requests)},
    )


@task()
def run_matching_request(progress_id: str) -> None:
    """A matching run of the API too large to answer within the request."""
    services.compute_matching_run(progress_id)
