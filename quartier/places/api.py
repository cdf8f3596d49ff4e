"""API of places, space requests, their ranked matches and the matching engine itself, with
the permissions of the pages. Writes go through quartier.places.services."""

import datetime
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Body, Field, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from quartier.accounts.viewer import viewer
from quartier.api.auth import acting_user, read_auth
from quartier.api.errors import ApiError
from quartier.api.schemas import ERRORS, IdField, ObjectId, apply_changes, body_values
from quartier.engines.matching import MatchingInputError, match_json
from quartier.places import services
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


@matching_router.post("/run", auth=read_auth)
def run_matching(request: HttpRequest, payload: Body[dict[str, Any]]) -> Any:
    """The matching engine on your own data: the same JSON as `quartier match` (see
    docs/matching.md); add `"all_pairs": true` for every feasible pair."""
    all_pairs = bool(payload.pop("all_pairs", False))
    try:
        return match_json(payload, all_pairs=all_pairs)
    except MatchingInputError as error:
        details = [
            {"field": p["path"], "message": {"de": p["de"], "en": p["en"]}} for p in error.problems
        ]
        raise ApiError(422, "validation_error", details=details) from error


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
