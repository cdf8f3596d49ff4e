"""Writes about places and space requests: permission, validation, transaction, history."""

from dataclasses import dataclass, field
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.core.history import (
    BULK_BATCH_SIZE,
    diff,
    record_change,
    record_imports,
    snapshot,
)
from quartier.core.images import clean_image
from quartier.core.models import TaskProgress
from quartier.core.notifications import notify
from quartier.core.progress import fail_progress, finish_progress, report_progress, start_progress
from quartier.core.ratelimits import check_background_start
from quartier.core.references import check_references
from quartier.core.tasking import enqueue_with_progress
from quartier.engines.matching import MatchingInputError, add_months, match_json
from quartier.neighbourhoods.models import Neighbourhood
from quartier.places.matching import (
    matchable_places,
    open_requests,
    place_input,
    places_for_request,
    request_input,
    requests_for_place,
)
from quartier.places.models import (
    AVAILABLE_STATUSES,
    Match,
    Place,
    PlacePhoto,
    PlaceStatus,
    PlaceUse,
    SpaceRequest,
    UseAgreement,
)
from quartier.search.indexing import index_record, index_records

PLACE_FIELDS = [
    "name",
    "kind",
    "status",
    "owner",
    "parent",
    "street",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "neighbourhood",
    "area_m2",
    "rooms",
    "features",
    "condition",
    "rent_eur_month",
    "available_from",
    "available_until",
    "use_approved",
    "uses",
]
REQUEST_FIELDS = [
    "title",
    "uses",
    "area_m2_min",
    "area_m2_max",
    "budget_eur_month",
    "start",
    "months",
    "latitude",
    "longitude",
    "radius_km",
    "must_have",
    "nice_to_have",
    "urgency",
    "current_place_ends",
    "status",
]


@transaction.atomic
def save_place(place: Place, *, by: User) -> Place:
    """Creates or changes a place. An owner actor may only be set by its members."""
    creating = place.pk is None
    if creating:
        if not by.has_perm("places.add_place"):
            raise PermissionDenied
        place.created_by = by
    stored = None if creating else Place.objects.get(pk=place.pk)
    if stored is not None and not by.has_perm("places.change_place", stored):
        raise PermissionDenied
    check_references(place)  # an unknown owner or parent id is a 422, not a server error
    owner_changed = place.owner_id != (stored.owner_id if stored else None)
    if place.owner_id and owner_changed and not by.has_perm("actors.change_actor", place.owner):
        raise PermissionDenied  # nobody names an actor as owner on its behalf
    parent_changed = place.parent_id != (stored.parent_id if stored else None)
    if place.parent_id and parent_changed and not by.has_perm("places.change_place", place.parent):
        raise PermissionDenied  # only who may change an anchor property adds sub-spaces
    before = snapshot(stored, PLACE_FIELDS) if stored else {}
    track_vacancy(place)
    place.full_clean()
    place.save()
    after = snapshot(place, PLACE_FIELDS)
    record_change(
        place,
        by=by,
        action="created" if creating else "changed",
        changes=after if creating else diff(before, after),
    )
    index_record(place)
    if place.status in AVAILABLE_STATUSES:
        transaction.on_commit(partial(notify_fitting_requests, place.pk))
    return place


def track_vacancy(place: Place) -> None:
    """An available place remembers since when it is vacant (kept if known); a place in use
    or unavailable forgets it. Also used by the import of vacancy lists."""
    if place.status in AVAILABLE_STATUSES:
        place.vacant_since = place.vacant_since or timezone.localdate()
    else:
        place.vacant_since = None


@transaction.atomic
def save_request(request: SpaceRequest, *, by: User) -> SpaceRequest:
    creating = request.pk is None
    if creating:
        if not by.has_perm("actors.change_actor", request.actor):
            raise PermissionDenied
        request.created_by = by
    elif not by.has_perm("places.change_spacerequest", SpaceRequest.objects.get(pk=request.pk)):
        raise PermissionDenied
    before = {} if creating else snapshot(SpaceRequest.objects.get(pk=request.pk), REQUEST_FIELDS)
    request.full_clean()
    request.save()
    after = snapshot(request, REQUEST_FIELDS)
    record_change(
        request,
        by=by,
        action="created" if creating else "changed",
        changes=after if creating else diff(before, after),
    )
    if creating:
        transaction.on_commit(partial(notify_fitting_places, request.pk))
    return request


# The brokering workflow: action → (statuses it starts from, status it leads to, who acts).
REQUEST_SIDE, PLACE_SIDE, EITHER_SIDE = "request", "place", "either"
TRANSITIONS: dict[str, tuple[frozenset[str], str, str]] = {
    "request": (frozenset({Match.Status.PROPOSED}), Match.Status.REQUESTED, REQUEST_SIDE),
    "viewing": (frozenset({Match.Status.REQUESTED}), Match.Status.VIEWING, PLACE_SIDE),
    "agree": (
        frozenset({Match.Status.REQUESTED, Match.Status.VIEWING}),
        Match.Status.AGREED,
        PLACE_SIDE,
    ),
    "start_use": (frozenset({Match.Status.AGREED}), Match.Status.IN_USE, PLACE_SIDE),
    "end": (frozenset({Match.Status.IN_USE}), Match.Status.ENDED, EITHER_SIDE),
    "decline": (
        frozenset({Match.Status.PROPOSED, Match.Status.REQUESTED, Match.Status.VIEWING}),
        Match.Status.DECLINED,
        EITHER_SIDE,
    ),
}


def allowed_actions(match: Match, user: User) -> list[str]:
    return [
        action
        for action, (sources, _target, side) in TRANSITIONS.items()
        if match.status in sources and _may_act(user, match, side)
    ]


def _may_act(user: User, match: Match, side: str) -> bool:
    request_side = user.has_perm("places.answer_for_request", match)
    place_side = user.has_perm("places.answer_for_place", match)
    return {
        REQUEST_SIDE: request_side,
        PLACE_SIDE: place_side,
        EITHER_SIDE: request_side or place_side,
    }[side]


@transaction.atomic
def propose_match(space_request: SpaceRequest, place: Place, *, by: User) -> Match:
    """A broker, the owner side or the initiative proposes a place for a request; when the
    initiative itself proposes it, it has asked for the place already."""

    probe = Match(request=space_request, place=place)
    request_side = by.has_perm("places.answer_for_request", probe)
    if not (request_side or by.has_perm("places.answer_for_place", probe)):
        raise PermissionDenied
    fit = next(
        (m for m in places_for_request(space_request, limit=1000) if m.place.pk == place.pk), None
    )
    if fit is None:
        raise ValidationError(
            _("This place does not fit the request (see the reasons on the request's page).")
        )
    # A member of the requesting actor asks at once; a broker (or the owner side) proposes.
    initiative_itself = space_request.actor.memberships.filter(user=by).exists()
    if Match.objects.filter(request=space_request, place=place).exists():
        raise ValidationError(_("This place has already been proposed for this request."))
    match = Match.objects.create(
        request=space_request,
        place=place,
        score=fit.score,
        reasons=fit.reasons,
        status=Match.Status.REQUESTED if initiative_itself else Match.Status.PROPOSED,
        created_by=by,
    )
    record_change(match, by=by, action="created", changes={"status": match.status})
    return match


@transaction.atomic
def advance_match(match: Match, action: str, *, by: User, reason: str = "") -> Match:
    if action not in TRANSITIONS:
        raise ValidationError(_("Unknown step."))
    sources, target, side = TRANSITIONS[action]
    if not _may_act(by, match, side):
        raise PermissionDenied
    match = (
        Match.objects.select_for_update(of=("self",))
        .select_related("request", "place")
        .get(pk=match.pk)
    )
    if match.status not in sources:
        raise ValidationError(_("This step is not possible in the current state."))
    if action == "decline" and not reason.strip():
        raise ValidationError(_("Please give a reason for declining."))
    if action == "agree":
        _conclude_agreement(match)
    if action == "start_use":
        Place.objects.filter(pk=match.place_id).update(
            status=PlaceStatus.INTERIM, vacant_since=None
        )
        SpaceRequest.objects.filter(pk=match.request_id).update(status=SpaceRequest.Status.FOUND)
        agreement = UseAgreement.objects.filter(match=match).first()
        PlaceUse.objects.create(
            place_id=match.place_id,
            match=match,
            user_name=match.request.actor.name,
            use=agreement.use if agreement else match.request.title,
            start=timezone.localdate(),
        )
    if action == "end":
        Place.objects.filter(pk=match.place_id).update(
            status=PlaceStatus.VACANT, vacant_since=timezone.localdate()
        )
        PlaceUse.objects.filter(match=match, end__isnull=True).update(end=timezone.localdate())
    before = match.status
    match.status = target
    match.decline_reason = reason.strip()[:300] if action == "decline" else match.decline_reason
    match.save(update_fields=["status", "decline_reason", "updated_at"])
    record_change(match, by=by, action="changed", changes={"status": [before, target]})
    return match


def _conclude_agreement(match: Match) -> UseAgreement:
    """Creates the interim-use agreement. The place's row is locked first, so that two people
    agreeing at the same moment cannot give one place twice for overlapping periods."""
    place = Place.objects.select_for_update().get(pk=match.place_id)
    start = match.request.start
    end = add_months(start, match.request.months)
    if UseAgreement.objects.filter(place=place, start__lt=end, end__gt=start).exists():
        raise ValidationError(_("The place is already agreed for an overlapping period."))
    uses = ", ".join(match.request.get_uses_display()) or match.request.title
    return UseAgreement.objects.create(
        match=match,
        place=place,
        start=start,
        end=end,
        rent_eur_month=place.rent_eur_month,
        use=uses[:300],
    )


NOTIFY_FROM_SCORE = 60.0  # only good fits are worth a message


def notify_fitting_requests(place_id: int) -> int:
    """Tells the members of actors with an open request that a well-fitting place is there."""

    place = Place.objects.select_related("neighbourhood").filter(pk=place_id).first()
    if place is None:
        return 0
    sent = 0
    for ranked in requests_for_place(place, open_requests(), limit=50):
        if ranked.score < NOTIFY_FROM_SCORE:
            continue
        members = [m.user for m in ranked.request.actor.memberships.select_related("user")]
        sent += notify(
            members,
            _("A place fits your request “%(title)s”") % {"title": ranked.request.title},
            body=f"{place.name}: {ranked.score:.0f}/100",
            url=place.get_absolute_url(),
        )
    return sent


def notify_fitting_places(request_id: int) -> int:
    """Tells the owner side of well-fitting places that a new request is there."""

    request = SpaceRequest.objects.select_related("actor").filter(pk=request_id).first()
    if request is None:
        return 0
    sent = 0
    for ranked in places_for_request(request, limit=50):
        if ranked.score < NOTIFY_FROM_SCORE:
            continue
        place = ranked.place
        people = [place.created_by] if place.created_by else []
        if place.owner is not None:
            people += [m.user for m in place.owner.memberships.select_related("user")]
        sent += notify(
            people,
            _("A new space request fits “%(name)s”") % {"name": place.name},
            body=f"{request.title} ({request.actor.name}): {ranked.score:.0f}/100",
            url=request.get_absolute_url(),
        )
    return sent


@transaction.atomic
def add_photo(photo: PlacePhoto, *, by: User) -> PlacePhoto:
    if not by.has_perm("places.change_place", photo.place):
        raise PermissionDenied
    if photo.image and not getattr(photo.image, "_committed", True):
        try:
            photo.image = clean_image(photo.image)
        except ValidationError as error:
            raise ValidationError({"image": error.error_list}) from error
    photo.full_clean()
    photo.save()
    record_change(
        photo.place, by=by, action="changed", changes={"photo": [None, photo.description]}
    )
    return photo


@transaction.atomic
def delete_photo(photo: PlacePhoto, *, by: User) -> None:
    if not by.has_perm("places.change_place", photo.place):
        raise PermissionDenied
    record_change(
        photo.place, by=by, action="changed", changes={"photo": [photo.description, None]}
    )
    photo.delete()  # its file goes once this commits (places.receivers)


# --- the assignment of a whole neighbourhood ------------------------------------------------


def start_neighbourhood_assignment(neighbourhood: Neighbourhood, *, by: User) -> TaskProgress:
    """A broker matches a whole neighbourhood: creates the progress record and starts the
    background task once the transaction is committed; nothing is sent before the review."""
    from quartier.places.tasks import assign_neighbourhood  # noqa: PLC0415 – the task module imports this one

    if not by.has_perm("places.assign_neighbourhood", neighbourhood):
        raise PermissionDenied
    check_background_start(by)
    progress = start_progress(by, _("Matching for %(name)s") % {"name": neighbourhood}, total=2)
    # the database backend writes the task in this transaction: rolled back, it never runs
    enqueue_with_progress(progress, assign_neighbourhood, str(progress.pk), neighbourhood.pk)
    return progress


def compute_neighbourhood_assignment(progress_id: str, neighbourhood: Neighbourhood) -> None:
    """The optimal one-to-one assignment of the open requests to the available places of a
    neighbourhood (displaced requests first), kept on the progress record for review."""

    report_progress(progress_id, done=0, total=2, message=str(_("Collecting places and requests")))
    places = {p.pk: p for p in matchable_places().filter(neighbourhood=neighbourhood)}
    requests = {r.pk: r for r in open_requests().filter(actor__neighbourhoods=neighbourhood)}
    report_progress(progress_id, done=1, total=2, message=str(_("Computing the best assignment")))
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


@dataclass
class SkippedProposal:
    request: str
    place: str
    reason: str


@dataclass
class AssignmentReport:
    """What sending a reviewed assignment did: how many proposals went out, and each pair
    that did not, with the reason."""

    sent: int = 0
    skipped: list[SkippedProposal] = field(default_factory=list)


def send_assignment(progress: TaskProgress, *, by: User) -> AssignmentReport:
    """Proposes every pair of a reviewed assignment. A pair that cannot be proposed (the
    request or place is gone, it no longer fits, it was proposed already, or the broker may
    no longer act for it) is skipped and reported with its reason; the others go out."""
    result = progress.result or {}
    pairs = result.get("pairs", [])
    requests = SpaceRequest.objects.select_related("actor").in_bulk([p["request"] for p in pairs])
    places = Place.objects.in_bulk([p["place"] for p in pairs])
    report = AssignmentReport()
    for pair in pairs:
        space_request, place = requests.get(pair["request"]), places.get(pair["place"])
        names = (pair.get("request_title", ""), pair.get("place_name", ""))
        if space_request is None or place is None:
            report.skipped.append(
                SkippedProposal(*names, str(_("The request or the place no longer exists.")))
            )
            continue
        try:
            propose_match(space_request, place, by=by)
        except PermissionDenied:
            report.skipped.append(
                SkippedProposal(*names, str(_("You may no longer propose for this pair.")))
            )
        except ValidationError as error:
            report.skipped.append(SkippedProposal(*names, " ".join(error.messages)))
        else:
            report.sent += 1
    return report


# --- many at once (imports of vacancy lists) ------------------------------------------------


@dataclass
class PlaceWrite:
    """One place of a bulk write: a new place (`before` None) or a stored one with the values
    it had before (`before`, a snapshot of PLACE_FIELDS), already changed by the caller."""

    place: Place
    before: dict[str, Any] | None = None


@transaction.atomic
def save_places(
    writes: list[PlaceWrite], *, by: User, source: str, update_fields: list[str]
) -> list[Place]:
    """`save_place` for a whole list (an import): new places in a few queries per batch, each
    changed one with one UPDATE of `update_fields`. The caller has validated every place and
    checked that `by` may change the stored ones (the importer asks `places.change_place`
    once per place while checking). Records an "imported" history entry naming `source` per
    new place and one per changed place that really changed, indexes them all, and – once
    committed – tells those looking for such a place of the newly available ones."""
    created = [w for w in writes if w.before is None]
    updated = [w for w in writes if w.before is not None]
    if created and not by.has_perm("places.add_place"):
        raise PermissionDenied
    for write in writes:
        track_vacancy(write.place)
    for write in created:
        write.place.created_by = by
    Place.objects.bulk_create([w.place for w in created], batch_size=BULK_BATCH_SIZE)
    for write in updated:  # one UPDATE each: bulk_update's CASE per field is slower
        write.place.save(update_fields=update_fields)
    record_imports([w.place for w in created], PLACE_FIELDS, by=by, source=source)
    for write in updated:
        changes = diff(write.before or {}, snapshot(write.place, PLACE_FIELDS))
        if changes:
            record_change(
                write.place, by=by, action="imported", changes={**changes, "import": source}
            )
    index_records(w.place for w in writes)
    newly_available = [
        w.place.pk
        for w in writes
        if w.place.status in AVAILABLE_STATUSES
        and (w.before is None or w.before["status"] not in AVAILABLE_STATUSES)
    ]
    if newly_available:
        transaction.on_commit(partial(announce_places, newly_available))
    return [w.place for w in writes]


def announce_places(place_ids: list[int]) -> None:
    """Sends what `notify_fitting_requests` sends for a place entered by hand, but only for
    the places that fit an open request well: one matching run finds them, instead of one
    run per imported place."""
    requests = list(open_requests())
    if not requests:
        return
    fitting: set[int] = set()
    for start in range(0, len(place_ids), BULK_BATCH_SIZE):
        places = list(matchable_places().filter(pk__in=place_ids[start : start + BULK_BATCH_SIZE]))
        if not places:
            continue
        output = match_json(
            {
                "places": [place_input(place) for place in places],
                "requests": [request_input(request) for request in requests],
            },
            all_pairs=True,
        )
        fitting.update(
            pair["place"] for pair in output["pairs"] if pair["score"] >= NOTIFY_FROM_SCORE
        )
    for place_id in sorted(fitting):
        notify_fitting_requests(place_id)
