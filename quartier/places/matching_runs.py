"""The matching engine on a caller's own data (POST /api/v1/matching/run): size limits, a
run answered at once, and a run too large for one request as a background task (README,
"Limits")."""

from functools import partial
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.core.models import TaskProgress
from quartier.core.progress import fail_progress, finish_progress, report_progress, start_progress
from quartier.core.ratelimits import check_background_start
from quartier.engines.matching import MatchingInputError, match_json

MATCHING_RUN_KIND = "matching_run"


def validate_matching_run_size(payload: dict[str, Any]) -> int:
    """The number of request × place pairs of a matching run; a ValidationError when there
    are more places or requests than MATCHING_API_MAX_ITEMS (README, "Limits")."""
    limit = settings.MATCHING_API_MAX_ITEMS
    sizes = {}
    for key in ("places", "requests"):
        items = payload.get(key)
        sizes[key] = len(items) if isinstance(items, list) else 0
        if sizes[key] > limit:
            raise ValidationError(
                {
                    key: ValidationError(
                        _("At most %(limit)s entries per list; this one has %(count)s."),
                        params={"limit": limit, "count": sizes[key]},
                        code="too_many",
                    )
                }
            )
    return sizes["places"] * sizes["requests"]


def _matching_options(all_pairs: bool, pairs_offset: int) -> dict[str, Any]:
    return {
        "all_pairs": all_pairs,
        "pairs_offset": pairs_offset,
        "pairs_limit": settings.MATCHING_API_PAIRS_PAGE_SIZE,
    }


def run_matching_now(payload: dict[str, Any], *, all_pairs: bool, pairs_offset: int) -> Any:
    """A run small enough for one request (it writes nothing). Raises MatchingInputError."""
    return match_json(payload, **_matching_options(all_pairs, pairs_offset))


def start_matching_run(
    user: User, payload: dict[str, Any], *, all_pairs: bool, pairs_offset: int
) -> TaskProgress:
    """A run too large for one request becomes a background task of the user; the input
    waits on the progress record, the output replaces it there (GET /matching/runs/{id})."""
    from quartier.places.tasks import run_matching_request  # noqa: PLC0415 – the task module imports this one

    validate_matching_run_size(payload)
    check_background_start(user)
    with transaction.atomic():
        progress = start_progress(user, str(_("Matching run")), total=1)
        TaskProgress.objects.filter(pk=progress.pk).update(
            result={
                "kind": MATCHING_RUN_KIND,
                "input": payload,
                "options": {"all_pairs": all_pairs, "pairs_offset": pairs_offset},
            }
        )
        transaction.on_commit(partial(run_matching_request.enqueue, str(progress.pk)))
    return progress


def compute_matching_run(progress_id: str) -> None:
    """The background part of start_matching_run: runs the engine, keeps the output."""
    progress = TaskProgress.objects.filter(pk=progress_id).first()
    if progress is None or not isinstance(progress.result, dict):
        return
    options = progress.result.get("options", {})
    report_progress(progress_id, done=0, total=1, message=str(_("Computing the matching")))
    try:
        output = match_json(
            progress.result.get("input"),
            **_matching_options(
                bool(options.get("all_pairs")), int(options.get("pairs_offset", 0))
            ),
        )
    except MatchingInputError as error:
        TaskProgress.objects.filter(pk=progress_id).update(
            result={"kind": MATCHING_RUN_KIND, "problems": error.problems}
        )
        fail_progress(progress_id, str(_("The input contains invalid data.")))
        return
    finish_progress(progress_id, result={"kind": MATCHING_RUN_KIND, "output": output})
