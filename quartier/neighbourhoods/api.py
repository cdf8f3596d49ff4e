"""API of municipalities and neighbourhoods: everybody reads, administrators write, the
managers of a neighbourhood change it. Thin endpoints: writes go through
`quartier.neighbourhoods.services`, reads through the selectors."""

from typing import Annotated, Any

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BeforeValidator

from quartier.accounts.viewer import viewer
from quartier.api.auth import acting_user, read_auth
from quartier.api.pagination import PageNumberPagination
from quartier.api.schemas import (
    ERRORS,
    IdField,
    ObjectId,
    apply_changes,
    body_values,
    empty_to_none,
)
from quartier.neighbourhoods import services
from quartier.neighbourhoods.models import (
    Challenge,
    Context,
    FederalState,
    Municipality,
    Neighbourhood,
    SituationType,
)
from quartier.neighbourhoods.selectors import (
    access_municipality,
    access_neighbourhood,
    neighbourhoods_for_directory,
)

BlankSituationType = Annotated[SituationType | None, BeforeValidator(empty_to_none)]
BlankContext = Annotated[Context | None, BeforeValidator(empty_to_none)]


# --- municipalities ---------------------------------------------------------------------

municipalities_router = Router(tags=["neighbourhoods"])


class MunicipalityOut(Schema):
    id: int
    name: str
    state: str
    official_key: str


class MunicipalityIn(Schema):
    name: str
    state: FederalState
    official_key: str = Field("", description="Amtlicher Gemeindeschlüssel, 8 digits")


class MunicipalityPatch(Schema):
    name: str | None = None
    state: FederalState | None = None
    official_key: str | None = None


class MunicipalityFilters(Schema):
    q: str = Field("", max_length=200, description="part of the name")
    state: FederalState | None = None


@municipalities_router.get("", response=list[MunicipalityOut], auth=read_auth)
@paginate(PageNumberPagination)
def list_municipalities(
    request: HttpRequest, filters: Query[MunicipalityFilters]
) -> QuerySet[Municipality]:
    """All municipalities, by name."""
    qs = Municipality.objects.order_by("name", "pk")
    if filters.q.strip():
        qs = qs.filter(name__icontains=filters.q.strip())
    if filters.state:
        qs = qs.filter(state=filters.state)
    return qs


@municipalities_router.get(
    "/{municipality_id}", response={200: MunicipalityOut, **ERRORS}, auth=read_auth
)
def get_municipality(request: HttpRequest, municipality_id: ObjectId) -> Municipality:
    return access_municipality(viewer(request), municipality_id)


@municipalities_router.post("", response={201: MunicipalityOut, **ERRORS})
def create_municipality(request: HttpRequest, payload: MunicipalityIn) -> Status:
    """Platform administrators only."""
    municipality = Municipality(**body_values(payload))
    services.create_municipality(municipality, by=acting_user(request))
    return Status(201, municipality)


@municipalities_router.patch("/{municipality_id}", response={200: MunicipalityOut, **ERRORS})
def update_municipality(
    request: HttpRequest, municipality_id: ObjectId, payload: MunicipalityPatch
) -> Municipality:
    """Platform administrators only; fields left out stay as they are."""
    municipality = access_municipality(viewer(request), municipality_id)
    apply_changes(municipality, body_values(payload, partial=True))
    return services.update_municipality(municipality, by=acting_user(request))


@municipalities_router.delete("/{municipality_id}", response={204: None, **ERRORS})
def delete_municipality(request: HttpRequest, municipality_id: ObjectId) -> Status:
    """Platform administrators only; a municipality with neighbourhoods cannot be deleted."""
    municipality = access_municipality(viewer(request), municipality_id)
    services.delete_municipality(municipality, by=acting_user(request))
    return Status(204, None)


# --- neighbourhoods ---------------------------------------------------------------------

neighbourhoods_router = Router(tags=["neighbourhoods"])
BLANK_CHOICES = ("situation_type", "context")


class NeighbourhoodOut(Schema):
    id: int
    slug: str
    name: str
    municipality: int
    description: str
    situation_type: str
    context: str
    challenges: list[str]
    possibilities: str
    restrictions: str
    latitude: float | None
    longitude: float | None
    boundary: dict[str, Any] | None = Field(
        None, description="GeoJSON Polygon or MultiPolygon ([longitude, latitude])"
    )
    is_fictional: bool

    @staticmethod
    def resolve_municipality(obj: Neighbourhood) -> int:
        return obj.municipality_id


class NeighbourhoodIn(Schema):
    name: str
    municipality: IdField
    slug: str = Field("", description="made from the name when left out")
    description: str = ""
    situation_type: BlankSituationType = None
    context: BlankContext = None
    challenges: list[Challenge] = Field(default_factory=list)
    possibilities: str = ""
    restrictions: str = ""
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    boundary: dict[str, Any] | None = Field(
        None, description="GeoJSON Polygon or MultiPolygon ([longitude, latitude])"
    )
    is_fictional: bool = False


class NeighbourhoodPatch(Schema):
    name: str | None = None
    municipality: IdField | None = None
    slug: str | None = None
    description: str | None = None
    situation_type: BlankSituationType = None
    context: BlankContext = None
    challenges: list[Challenge] | None = None
    possibilities: str | None = None
    restrictions: str | None = None
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    boundary: dict[str, Any] | None = None
    is_fictional: bool | None = None


class NeighbourhoodFilters(Schema):
    q: str = Field("", max_length=200, description="part of the name or municipality")
    municipality: IdField | None = None
    situation_type: SituationType | None = None
    context: Context | None = None
    challenge: Challenge | None = None


@neighbourhoods_router.get("", response=list[NeighbourhoodOut], auth=read_auth)
@paginate(PageNumberPagination)
def list_neighbourhoods(
    request: HttpRequest, filters: Query[NeighbourhoodFilters]
) -> QuerySet[Neighbourhood]:
    """All neighbourhoods, by municipality and name."""
    qs = neighbourhoods_for_directory().order_by("municipality__name", "name", "pk")
    q = filters.q.strip()
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(municipality__name__icontains=q))
    if filters.municipality:
        qs = qs.filter(municipality_id=filters.municipality)
    if filters.situation_type:
        qs = qs.filter(situation_type=filters.situation_type)
    if filters.context:
        qs = qs.filter(context=filters.context)
    if filters.challenge:
        # The challenges are a JSON list of keys; matching the quoted key in its text form
        # works on SQLite and PostgreSQL alike (no key is part of another).
        qs = qs.filter(challenges__icontains=f'"{filters.challenge.value}"')
    return qs


@neighbourhoods_router.get(
    "/{neighbourhood_id}", response={200: NeighbourhoodOut, **ERRORS}, auth=read_auth
)
def get_neighbourhood(request: HttpRequest, neighbourhood_id: ObjectId) -> Neighbourhood:
    return access_neighbourhood(viewer(request), neighbourhood_id)


@neighbourhoods_router.post("", response={201: NeighbourhoodOut, **ERRORS})
def create_neighbourhood(request: HttpRequest, payload: NeighbourhoodIn) -> Status:
    """Platform administrators only."""
    data = body_values(payload, blank=BLANK_CHOICES)
    data["municipality_id"] = data.pop("municipality")
    neighbourhood = Neighbourhood(**data)
    services.create_neighbourhood(neighbourhood, by=acting_user(request))
    return Status(201, access_neighbourhood(viewer(request), neighbourhood.pk))


@neighbourhoods_router.patch("/{neighbourhood_id}", response={200: NeighbourhoodOut, **ERRORS})
def update_neighbourhood(
    request: HttpRequest, neighbourhood_id: ObjectId, payload: NeighbourhoodPatch
) -> Neighbourhood:
    """Platform administrators and the neighbourhood's managers; fields left out stay as
    they are, `null` empties latitude, longitude and boundary."""
    neighbourhood = access_neighbourhood(viewer(request), neighbourhood_id)
    apply_changes(neighbourhood, body_values(payload, partial=True, blank=BLANK_CHOICES))
    services.update_neighbourhood(neighbourhood, by=acting_user(request))
    return access_neighbourhood(viewer(request), neighbourhood.pk)


@neighbourhoods_router.delete("/{neighbourhood_id}", response={204: None, **ERRORS})
def delete_neighbourhood(request: HttpRequest, neighbourhood_id: ObjectId) -> Status:
    """Platform administrators only. The actors stay; they are no longer active in it."""
    neighbourhood = access_neighbourhood(viewer(request), neighbourhood_id)
    services.delete_neighbourhood(neighbourhood, by=acting_user(request))
    return Status(204, None)
