"""API of actors and the ties between them, with the permissions of the pages: reads show only
what the caller may see (an invisible record is a 404), writes go through
`quartier.actors.services`, which ask the rules in `quartier/actors/rules.py`."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate
from pydantic import BeforeValidator

from quartier.accounts.viewer import viewer
from quartier.actors import services
from quartier.actors.models import (
    Actor,
    ContactPerson,
    LegalForm,
    Resource,
    ResourceKind,
    Sector,
    Tie,
    Topic,
)
from quartier.actors.selectors import (
    DirectoryFilters,
    access_actor,
    access_tie,
    actors_for_directory,
    visible_actors,
    visible_ties,
)
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
from quartier.neighbourhoods.models import Neighbourhood
from quartier.neighbourhoods.services import position_errors

MAX_RESOURCES = 30  # as many offers, and as many needs, as the edit page takes

# --- schemas ----------------------------------------------------------------------------


class TopicOut(Schema):
    id: int
    name: str
    slug: str


class ResourceOut(Schema):
    id: int
    kind: str
    topic: str
    area_m2: int | None
    neighbourhood: int | None
    note: str

    @staticmethod
    def resolve_neighbourhood(obj: Resource) -> int | None:
        return obj.neighbourhood_id


class ResourceIn(Schema):
    kind: ResourceKind
    topic: str = Field("", description="for know-how: the subject")
    area_m2: int | None = None
    neighbourhood: IdField | None = None
    note: str = ""


class ContactOut(Schema):
    name: str
    role: str
    email: str
    phone: str
    public_consent: bool


VisibilityChoice = Literal["public", "network", "private"]
BlankLegalForm = Annotated[LegalForm | None, BeforeValidator(empty_to_none)]


class ActorOut(Schema):
    id: int
    slug: str
    name: str
    short_description: str
    sector: str
    department: str
    is_established: bool
    established_set_by_hand: bool
    legal_form: str
    goals: str
    limits: str
    topics: list[TopicOut]
    capacity_hours_per_month: int | None
    neighbourhoods: list[int]
    street: str
    postcode: str
    city: str
    latitude: float | None
    longitude: float | None
    website: str
    logo: str | None
    visibility: str
    offers: list[ResourceOut]
    needs: list[ResourceOut]
    created_at: datetime
    updated_at: datetime

    @staticmethod
    def resolve_topics(obj: Actor) -> list[Topic]:
        return list(obj.topics.all())

    @staticmethod
    def resolve_neighbourhoods(obj: Actor) -> list[int]:
        return [n.pk for n in obj.neighbourhoods.all()]

    @staticmethod
    def resolve_logo(obj: Actor) -> str | None:
        return obj.logo.url if obj.logo else None

    @staticmethod
    def resolve_offers(obj: Actor) -> list[Resource]:
        return [r for r in obj.resources.all() if r.direction == Resource.Direction.OFFER]

    @staticmethod
    def resolve_needs(obj: Actor) -> list[Resource]:
        return [r for r in obj.resources.all() if r.direction == Resource.Direction.NEED]


class ActorDetailOut(ActorOut):
    contacts: list[ContactOut] = Field(
        description="contact persons who agreed to be shown; all of them for those who may "
        "edit the actor"
    )

    @staticmethod
    def resolve_contacts(obj: Actor, context: Any) -> list[ContactPerson]:
        contacts = list(obj.contacts.all())
        if context["request"].user.has_perm("actors.view_private_contacts", obj):
            return contacts
        return [c for c in contacts if c.public_consent]


class ActorIn(Schema):
    name: str
    short_description: str
    sector: Sector
    department: str = ""
    is_established: bool | None = Field(
        None, description="null: derived from the sector (established or new actor)"
    )
    legal_form: BlankLegalForm = None
    goals: str = ""
    limits: str = ""
    topics: list[IdField] = Field(default_factory=list, description="topic ids")
    capacity_hours_per_month: int | None = None
    neighbourhoods: list[IdField] = Field(default_factory=list, description="neighbourhood ids")
    street: str = ""
    postcode: str = Field("", pattern=r"^([0-9]{5})?$", description="five digits")
    city: str = ""
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    website: str = ""
    visibility: VisibilityChoice = "public"
    offers: list[ResourceIn] = Field(default_factory=list, max_length=MAX_RESOURCES)
    needs: list[ResourceIn] = Field(default_factory=list, max_length=MAX_RESOURCES)


class ActorPatch(Schema):
    """Fields left out stay as they are; `offers` or `needs` replace the whole list."""

    name: str | None = None
    short_description: str | None = None
    sector: Sector | None = None
    department: str | None = None
    is_established: bool | None = Field(None, description="null: derive from the sector again")
    legal_form: BlankLegalForm = None
    goals: str | None = None
    limits: str | None = None
    topics: list[IdField] | None = None
    capacity_hours_per_month: int | None = None
    neighbourhoods: list[IdField] | None = None
    street: str | None = None
    postcode: str | None = Field(None, pattern=r"^([0-9]{5})?$")
    city: str | None = None
    latitude: float | None = Field(None, ge=-90, le=90)
    longitude: float | None = Field(None, ge=-180, le=180)
    website: str | None = None
    visibility: VisibilityChoice | None = None
    offers: list[ResourceIn] | None = Field(None, max_length=MAX_RESOURCES)
    needs: list[ResourceIn] | None = Field(None, max_length=MAX_RESOURCES)


class ActorFilters(Schema):
    q: str = Field("", max_length=200, description="name, description, goals or topic")
    sector: list[Sector] = Field(default_factory=list)
    established: bool | None = None
    neighbourhood: IdField | None = None
    offers: list[ResourceKind] = Field(default_factory=list, description="offers all of these")
    needs: list[ResourceKind] = Field(default_factory=list, description="needs all of these")
    topic: list[IdField] = Field(default_factory=list)
    legal_form: list[LegalForm] = Field(default_factory=list)

    def to_directory_filters(self) -> DirectoryFilters:
        return DirectoryFilters(
            q=self.q.strip(),
            sectors=[s.value for s in self.sector],
            established=self.established,
            neighbourhood=self.neighbourhood,
            offers=[k.value for k in self.offers],
            needs=[k.value for k in self.needs],
            topics=self.topic,
            legal_forms=[f.value for f in self.legal_form],
        )


# --- helpers ----------------------------------------------------------------------------

M2M_FIELDS = ("topics", "neighbourhoods")
RESOURCE_FIELDS = {"offers": Resource.Direction.OFFER, "needs": Resource.Direction.NEED}


def _written_actor(actor_id: int) -> Actor:
    """The actor as just written, for the answer to its writer – who may no longer see it
    (a manager who took a private actor out of their neighbourhood)."""
    return Actor.objects.prefetch_related("topics", "neighbourhoods", "resources", "contacts").get(
        pk=actor_id
    )


def _unknown_ids(model: type[models.Model], ids: list[int]) -> list[int]:
    found = set(model._default_manager.filter(pk__in=ids).values_list("pk", flat=True))
    return [i for i in dict.fromkeys(ids) if i not in found]


def _reference_errors(data: dict[str, Any]) -> dict[str, list[DjangoValidationError]]:
    """Ids in the body that name no topic or neighbourhood."""
    errors: dict[str, list[DjangoValidationError]] = {}
    for name, model in (("topics", Topic), ("neighbourhoods", Neighbourhood)):
        unknown = _unknown_ids(model, data.get(name) or [])
        if unknown:
            errors[name] = [
                DjangoValidationError(
                    _("Unknown ids: %(ids)s."), params={"ids": ", ".join(map(str, unknown))}
                )
            ]
    for name in RESOURCE_FIELDS:
        ids = [r["neighbourhood"] for r in data.get(name) or [] if r["neighbourhood"]]
        unknown = _unknown_ids(Neighbourhood, ids)
        if unknown:
            errors[name] = [
                DjangoValidationError(
                    _("Unknown neighbourhood ids: %(ids)s."),
                    params={"ids": ", ".join(map(str, unknown))},
                )
            ]
    return errors


def _raise_if(errors: dict[str, list[DjangoValidationError]]) -> None:
    errors = {name: problems for name, problems in errors.items() if problems}
    if errors:
        raise DjangoValidationError(errors)


def _resource(direction: str, data: dict[str, Any]) -> Resource:
    return Resource(
        direction=direction,
        kind=data["kind"],
        topic=data["topic"],
        area_m2=data["area_m2"],
        neighbourhood_id=data["neighbourhood"],
        note=data["note"],
    )


def _copy(resource: Resource) -> Resource:
    return Resource(
        direction=resource.direction,
        kind=resource.kind,
        topic=resource.topic,
        area_m2=resource.area_m2,
        neighbourhood_id=resource.neighbourhood_id,
        note=resource.note,
    )


# --- actors -----------------------------------------------------------------------------

actors_router = Router(tags=["actors"])


@actors_router.get("", response=list[ActorOut], auth=read_auth)
@paginate(PageNumberPagination)
def list_actors(request: HttpRequest, filters: Query[ActorFilters]) -> QuerySet[Actor]:
    """The actors the caller may see, by name, filtered like the directory page. Repeat a
    parameter for several values (`?sector=school&sector=culture`)."""
    return actors_for_directory(filters.to_directory_filters(), viewer(request)).order_by(
        "name", "pk"
    )


@actors_router.get("/{actor_id}", response={200: ActorDetailOut, **ERRORS}, auth=read_auth)
def get_actor(request: HttpRequest, actor_id: ObjectId) -> Actor:
    """One actor with its contact persons; 404 when the caller may not see it."""
    return access_actor(viewer(request), actor_id)


@actors_router.post("", response={201: ActorDetailOut, **ERRORS})
def create_actor(request: HttpRequest, payload: ActorIn) -> Status:
    """Any logged-in user; the creator becomes the actor's administrator."""
    user = acting_user(request)
    data = body_values(payload, blank=("legal_form",))
    errors = _reference_errors(data)
    errors["__all__"] = position_errors(data["latitude"], data["longitude"])
    _raise_if(errors)
    m2m = {name: data.pop(name) for name in M2M_FIELDS}
    resources = [
        _resource(direction, item)
        for name, direction in RESOURCE_FIELDS.items()
        for item in data.pop(name)
    ]
    established = data.pop("is_established")
    actor = Actor(**data)
    services.set_established(actor, established)
    services.create_actor(actor, by=user, m2m=m2m, resources=resources)
    return Status(201, _written_actor(actor.pk))


@actors_router.patch("/{actor_id}", response={200: ActorDetailOut, **ERRORS})
def update_actor(request: HttpRequest, actor_id: ObjectId, payload: ActorPatch) -> Actor:
    """Members of the actor, managers of a neighbourhood it is active in, administrators."""
    user = acting_user(request)
    actor = access_actor(user, actor_id)
    data = body_values(payload, partial=True, blank=("legal_form",))
    errors = _reference_errors(data)
    for name in (*M2M_FIELDS, *RESOURCE_FIELDS):
        if name in data and data[name] is None:
            errors[name] = [DjangoValidationError(_("Give a list, not null."), code="null")]
    _raise_if(errors)
    m2m = {name: data.pop(name) for name in M2M_FIELDS if name in data}
    replaced = {name: data.pop(name) for name in RESOURCE_FIELDS if name in data}
    if "is_established" in data:
        services.set_established(actor, data.pop("is_established"))
    apply_changes(actor, data)
    _raise_if({"__all__": position_errors(actor.latitude, actor.longitude)})
    resources = None
    if replaced:
        resources = []
        for name, direction in RESOURCE_FIELDS.items():
            if name in replaced:
                resources += [_resource(direction, item) for item in replaced[name]]
            else:
                resources += [_copy(r) for r in actor.resources.all() if r.direction == direction]
    services.update_actor(actor, by=user, m2m=m2m or None, resources=resources)
    return _written_actor(actor.pk)


@actors_router.delete("/{actor_id}", response={204: None, **ERRORS})
def delete_actor(request: HttpRequest, actor_id: ObjectId) -> Status:
    """The actor's administrators and platform administrators."""
    user = acting_user(request)
    services.delete_actor(access_actor(user, actor_id), by=user)
    return Status(204, None)


# --- ties -------------------------------------------------------------------------------

ties_router = Router(tags=["ties"])


class ActorRef(Schema):
    id: int
    slug: str
    name: str


class TieOut(Schema):
    id: int
    source: ActorRef
    target: ActorRef
    kind: str
    directed: bool
    since: date | None
    until: date | None
    origin: str
    status: str
    note: str
    claimed_by: int = Field(description="id of the actor that proposed the tie")
    answered_at: datetime | None
    created_at: datetime

    @staticmethod
    def resolve_claimed_by(obj: Tie) -> int:
        return obj.claimed_by_id


class TieIn(Schema):
    source: IdField = Field(description="the proposing actor: one the caller may edit")
    target: IdField
    kind: Tie.Kind
    since: date | None = None
    until: date | None = None
    note: str = Field("", max_length=300)


class TieFilters(Schema):
    actor: IdField | None = Field(None, description="ties from or to this actor")
    status: Tie.Status | None = None
    kind: Tie.Kind | None = None


@ties_router.get("", response=list[TieOut], auth=read_auth)
@paginate(PageNumberPagination)
def list_ties(request: HttpRequest, filters: Query[TieFilters]) -> QuerySet[Tie]:
    """Confirmed ties for everybody; unconfirmed and rejected ones for those who may edit one
    of the two actors. Newest first."""
    qs = visible_ties(viewer(request))
    if filters.actor:
        qs = qs.filter(Q(source_id=filters.actor) | Q(target_id=filters.actor))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    return qs


@ties_router.get("/{tie_id}", response={200: TieOut, **ERRORS}, auth=read_auth)
def get_tie(request: HttpRequest, tie_id: ObjectId) -> Tie:
    return access_tie(viewer(request), tie_id)


@ties_router.post("", response={201: TieOut, **ERRORS})
def propose_tie(request: HttpRequest, payload: TieIn) -> Status:
    """Claims a tie from `source` (an actor the caller may edit) to `target`; it stays
    unconfirmed until the target's side confirms it."""
    user = acting_user(request)
    visible = visible_actors(user)
    source = visible.filter(pk=payload.source).first()
    target = visible.filter(pk=payload.target).first()
    unknown = DjangoValidationError(_("No such actor."), code="unknown")
    _raise_if(
        {
            "source": [unknown] if source is None else [],
            "target": [unknown] if target is None else [],
        }
    )
    data = body_values(payload)
    tie = Tie(
        source=source,
        target=target,
        kind=data["kind"],
        since=data["since"],
        until=data["until"],
        note=data["note"],
    )
    services.propose_tie(tie, by=user)
    return Status(201, access_tie(user, tie.pk))


@ties_router.post("/{tie_id}/confirm", response={200: TieOut, **ERRORS})
def confirm_tie(request: HttpRequest, tie_id: ObjectId) -> Tie:
    """The side that did not propose the tie confirms it."""
    user = acting_user(request)
    return services.answer_tie(access_tie(user, tie_id), confirm=True, by=user)


@ties_router.post("/{tie_id}/reject", response={200: TieOut, **ERRORS})
def reject_tie(request: HttpRequest, tie_id: ObjectId) -> Tie:
    """The side that did not propose the tie rejects it."""
    user = acting_user(request)
    return services.answer_tie(access_tie(user, tie_id), confirm=False, by=user)


@ties_router.delete("/{tie_id}", response={204: None, **ERRORS})
def delete_tie(request: HttpRequest, tie_id: ObjectId) -> Status:
    """Either side withdraws or removes the tie."""
    user = acting_user(request)
    services.delete_tie(access_tie(user, tie_id), by=user)
    return Status(204, None)
