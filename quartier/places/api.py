"""API of places, space requests, their ranked matches and the matching engine itself, with
the permissions of the pages. Writes go through quartier.places.services."""

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from quartier.accounts.viewer import viewer
from quartier.api.auth import acting_user, read_auth
from quartier.api.errors import ApiError, LimitExceeded
from quartier.api.pagination import PageNumberPagination
from quartier.api.schemas import ERRORS, IdField, ObjectId, apply_changes, body_values
from quartier.core.models import TaskProgress
from quartier.engines.matching import MatchingInputError
from quartier.places import matching_runs, services
from quartier.places.matching import RankedMatch, places_for_request, requests_for_place
from quartier.places.models import (
    Condition,
    Feature,
    Match,
    Place,
    PlaceKind,
    PlaceStatus,
    SpaceRequest,
    Use,
)
from quartier.places.selectors import (
    access_match,
    access_matching_run,
    access_place,
    access_request,
    matches_taken_part_in,
    places_for_list,
    visible_requests,
)

places_router = Router(tags=["places"])
requests_router = Router(tags=["places"])
matching_router = Router(tags=["places"])


class PlaceOut(Schema):
    id: int
    name: str
    kind: str
    status: str
    owner: int | None = Field(None, alias="owner_id")
    parent: int | None = Field(None, alias="parent_id")
    neighbourhood: int | None = Field(None, alias="neighbourhood_id")
    description: str
    street: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    area_m2: int
    rooms: int | None
    features: list[str]
    condition: str
    rent_eur_month: Decimal | None
    available_from: datetime.date
    available_until: datetime.date | None
    use_approved: bool
    uses: list[str]
    restrictions: str


class PlaceIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: PlaceKind
    status: PlaceStatus = PlaceStatus.VACANT
    owner_id: IdField | None = None
    parent_id: IdField | None = None
    neighbourhood_id: IdField | None = None
    description: str = ""
    street: str = Field("", max_length=200)
    postcode: str = Field("", max_length=5)
    city: str = Field("", max_length=100)
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    area_m2: int = Field(ge=1, le=10_000_000)
    rooms: int | None = Field(None, ge=0, le=10_000)
    features: list[Feature] = []
    condition: Condition = Condition.READY
    rent_eur_month: Decimal | None = Field(None, ge=0, le=10_000_000, decimal_places=2)
    available_from: datetime.date
    available_until: datetime.date | None = None
    use_approved: bool = False
    uses: list[Use] = []
    restrictions: str = ""


class PlacePatch(PlaceIn):
    """Only the fields sent are changed; `null` for a required field is a 422."""

    name: str | None = Field(None, min_length=1, max_length=200)  # type: ignore[assignment]
    kind: PlaceKind | None = None  # type: ignore[assignment]
    area_m2: int | None = Field(None, ge=1, le=10_000_000)  # type: ignore[assignment]
    available_from: datetime.date | None = None  # type: ignore[assignment]


class PlaceFilters(Schema):
    kind: PlaceKind | None = None
    status: PlaceStatus | None = None
    place: str = Field("", max_length=100)


class RequestOut(Schema):
    id: int
    actor: int = Field(alias="actor_id")
    title: str
    description: str
    uses: list[str]
    area_m2_min: int
    area_m2_max: int
    budget_eur_month: Decimal
    start: datetime.date
    months: int
    latitude: float
    longitude: float
    radius_km: float
    must_have: list[str]
    nice_to_have: list[str]
    urgency: str
    current_place_ends: datetime.date | None
    status: str


class MatchOut(Schema):
    score: float
    reasons: list[str]
    place: int
    request: int


def _matches(ranked: list[RankedMatch]) -> list[dict[str, Any]]:
    return [
        {"score": m.score, "reasons": m.reasons, "place": m.place.pk, "request": m.request.pk}
        for m in ranked
    ]


@places_router.get("", response={200: list[PlaceOut], **ERRORS}, auth=read_auth)
@paginate(PageNumberPagination)
def list_places(request: HttpRequest, filters: Query[PlaceFilters]) -> Any:
    """Places are public, as a vacancy register is; filter by kind, status and place name."""
    return places_for_list(body_values(filters))


@places_router.get("/{place_id}", response={200: PlaceOut, **ERRORS}, auth=read_auth)
def get_place(request: HttpRequest, place_id: ObjectId) -> Place:
    return access_place(viewer(request), place_id)


@places_router.post("", response={201: PlaceOut, **ERRORS})
def create_place(request: HttpRequest, payload: PlaceIn) -> Status:
    """Any logged-in user; an owner actor only by its members."""
    place = services.save_place(Place(**body_values(payload)), by=acting_user(request))
    return Status(201, access_place(viewer(request), place.pk))


@places_router.patch("/{place_id}", response={200: PlaceOut, **ERRORS})
def update_place(request: HttpRequest, place_id: ObjectId, payload: PlacePatch) -> Place:
    place = access_place(viewer(request), place_id)
    apply_changes(place, body_values(payload, partial=True))
    services.save_place(place, by=acting_user(request))
    return access_place(viewer(request), place.pk)


@places_router.get("/{place_id}/matches", response={200: list[MatchOut], **ERRORS}, auth=read_auth)
def place_matches(request: HttpRequest, place_id: ObjectId) -> list[dict[str, Any]]:
    """The open space requests (visible to the caller) that fit the place, best first."""
    return _matches(
        requests_for_place(
            access_place(viewer(request), place_id), visible_requests(viewer(request))
        )
    )


@requests_router.get("", response={200: list[RequestOut], **ERRORS}, auth=read_auth)
@paginate(PageNumberPagination)
def list_requests(request: HttpRequest) -> Any:
    """Open space requests of the actors the caller may see, displaced ones first."""
    return (
        visible_requests(viewer(request))
        .filter(status=SpaceRequest.Status.OPEN)
        .order_by("-current_place_ends", "-created_at")
    )


@requests_router.get("/{request_id}", response={200: RequestOut, **ERRORS}, auth=read_auth)
def get_request(request: HttpRequest, request_id: ObjectId) -> SpaceRequest:
    return access_request(viewer(request), request_id)


@requests_router.get(
    "/{request_id}/matches", response={200: list[MatchOut], **ERRORS}, auth=read_auth
)
def request_matches(request: HttpRequest, request_id: ObjectId) -> list[dict[str, Any]]:
    """The available places that fit the request, best first, with the reasons."""
    return _matches(places_for_request(access_request(viewer(request), request_id)))


class MatchingRunOut(Schema):
    id: str
    status: str
    message: str
    result_url: str
    output: dict[str, Any] | None = None
    problems: list[dict[str, Any]] = []


def _matching_run_out(request: HttpRequest, progress: TaskProgress) -> dict[str, Any]:
    result = progress.result if isinstance(progress.result, dict) else {}
    return {
        "id": str(progress.pk),
        "status": progress.status,
        "message": progress.message,
        "result_url": request.build_absolute_uri(f"/api/v1/matching/runs/{progress.pk}"),
        "output": result.get("output"),
        "problems": result.get("problems", []),
    }


@matching_router.post(
    "/run", response={200: dict[str, Any], 202: MatchingRunOut, 413: Any, **ERRORS}
)
def run_matching(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """The matching engine on your own data: the same JSON as `quartier match` (see
    docs/matching.md). Logged-in users and tokens only. Add `"all_pairs": true` for the
    feasible pairs, one page of at most MATCHING_API_PAIRS_PAGE_SIZE (500) at a time from
    `"pairs_offset"` (default 0); `pairs_total` says how many there are. At most
    MATCHING_API_MAX_ITEMS (2,000) places and as many requests, a body of at most
    MATCHING_API_MAX_BODY_BYTES (1 MB, else 413). Runs with more than
    MATCHING_API_SYNC_MAX_PAIRS (250,000) places × requests are answered with 202 and run
    in the background: fetch the output from `result_url` (GET /matching/runs/{id})."""
    if len(request.body) > settings.MATCHING_API_MAX_BODY_BYTES:
        raise LimitExceeded(
            413,
            "payload_too_large",
            _("The request is too large: at most %(limit)s bytes are accepted."),
            params={"limit": settings.MATCHING_API_MAX_BODY_BYTES},
        )
    all_pairs = payload.pop("all_pairs", False)
    pairs_offset = payload.pop("pairs_offset", 0)
    if not isinstance(all_pairs, bool):
        raise ValidationError({"all_pairs": _("Must be true or false.")})
    if not isinstance(pairs_offset, int) or isinstance(pairs_offset, bool) or pairs_offset < 0:
        raise ValidationError({"pairs_offset": _("Must be a whole number of at least 0.")})
    pairs = matching_runs.validate_matching_run_size(payload)
    if pairs > settings.MATCHING_API_SYNC_MAX_PAIRS:
        progress = matching_runs.start_matching_run(
            acting_user(request), payload, all_pairs=all_pairs, pairs_offset=pairs_offset
        )
        return Status(202, _matching_run_out(request, progress))
    try:
        return matching_runs.run_matching_now(
            payload, all_pairs=all_pairs, pairs_offset=pairs_offset
        )
    except MatchingInputError as error:
        details = [
            {"field": p["path"], "message": {"de": p["de"], "en": p["en"]}} for p in error.problems
        ]
        raise ApiError(422, "validation_error", details=details) from error


@matching_router.get("/runs/{run_id}", response={200: MatchingRunOut, **ERRORS})
def get_matching_run(request: HttpRequest, run_id: uuid.UUID) -> dict[str, Any]:
    """A background matching run of your own: its status and, once done, its output (the
    same JSON as a run answered directly); `problems` lists what was wrong with the input."""
    return _matching_run_out(request, access_matching_run(acting_user(request), run_id))


matches_router = Router(tags=["places"])


class BrokeredMatchOut(Schema):
    id: int
    request: int = Field(alias="request_id")
    place: int = Field(alias="place_id")
    status: str
    score: float
    reasons: list[str]
    decline_reason: str


class MatchIn(Schema):
    request: IdField
    place: IdField


class StepIn(Schema):
    reason: str = Field("", max_length=300)


@matches_router.get("", response={200: list[BrokeredMatchOut], **ERRORS})
@paginate(PageNumberPagination)
def list_matches(request: HttpRequest) -> Any:
    """The brokered matches the caller takes part in (either side or as broker)."""
    return matches_taken_part_in(acting_user(request))


@matches_router.get("/{match_id}", response={200: BrokeredMatchOut, **ERRORS})
def get_match(request: HttpRequest, match_id: ObjectId) -> Match:
    return access_match(viewer(request), match_id)


@matches_router.post("", response={201: BrokeredMatchOut, **ERRORS})
def create_match(request: HttpRequest, payload: MatchIn) -> Status:
    """Propose a place for a request (the initiative itself: ask for it)."""
    space_request = access_request(viewer(request), payload.request)
    match = services.propose_match(
        space_request, access_place(viewer(request), payload.place), by=acting_user(request)
    )
    return Status(201, match)


@matches_router.post("/{match_id}/{action}", response={200: BrokeredMatchOut, **ERRORS})
def advance(request: HttpRequest, match_id: ObjectId, action: str, payload: StepIn) -> Match:
    """One step of the workflow: request, viewing, agree, start_use, end, or decline (with
    a reason)."""
    match = access_match(viewer(request), match_id)
    return services.advance_match(match, action, by=acting_user(request), reason=payload.reason)
