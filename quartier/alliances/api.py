"""API of alliances and their agreements, with the permissions of the pages: anybody reads
publicly listed alliances and signed agreements; strategy and agreements in the making are
for alliance members. Writes go through quartier.alliances.services."""

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from quartier.accounts.viewer import viewer
from quartier.actors.models import Actor
from quartier.actors.selectors import access_actor
from quartier.alliances import invitation_services, services
from quartier.alliances.models import Agreement, Alliance, AllianceMember, Goal, Measure
from quartier.alliances.rules import approvable_parties, member_alliance_ids
from quartier.alliances.selectors import (
    access_agreement,
    access_alliance,
    access_alliance_member,
    access_invitation,
    alliances_for_list,
    invitations_for,
    pending_invitations_of,
    strategy_of,
    visible_alliances,
)
from quartier.api.auth import acting_user, read_auth
from quartier.api.pagination import PageNumberPagination
from quartier.api.schemas import ERRORS, IdField, ObjectId, body_values
from quartier.neighbourhoods.models import Neighbourhood

alliances_router = Router(tags=["alliances"])
agreements_router = Router(tags=["alliances"])


class MemberOut(Schema):
    id: int
    actor: int = Field(alias="actor_id")
    actor_name: str = Field(alias="actor.name")
    role: AllianceMember.Role
    responsibilities: str
    interests: str
    capacity_hours: int | None
    capacity_money: Decimal | None
    capacity_rooms: str
    joined_on: datetime.date
    left_on: datetime.date | None
    accepted_at: datetime.datetime | None = Field(
        description="When the actor accepted; empty while the membership is an invitation."
    )


class InvitationOut(MemberOut):
    alliance: int = Field(alias="alliance_id")
    alliance_name: str = Field(alias="alliance.name")


class AllianceOut(Schema):
    id: int
    name: str
    purpose: str
    status: Alliance.Status
    is_public: bool
    neighbourhoods: list[int]

    @staticmethod
    def resolve_neighbourhoods(alliance: Alliance) -> list[int]:
        return [n.pk for n in alliance.neighbourhoods.all()]


class AllianceDetailOut(AllianceOut):
    members: list[MemberOut]

    @staticmethod
    def resolve_members(alliance: Alliance) -> list[AllianceMember]:
        """Accepted memberships, current and former; invitations are not members."""
        accepted = alliance.members.filter(accepted_at__isnull=False)
        return list(accepted.select_related("actor").order_by("joined_on", "pk"))


class AllianceIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    purpose: str = Field(min_length=1, max_length=10000)
    status: Alliance.Status = Alliance.Status.FORMING
    is_public: bool = True
    neighbourhoods: list[IdField] = []
    initiator: IdField


class AlliancePatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=200)
    purpose: str | None = Field(None, min_length=1, max_length=10000)
    status: Alliance.Status | None = None
    is_public: bool | None = None
    neighbourhoods: list[IdField] | None = None


class AllianceFilters(Schema):
    q: str = Field("", max_length=200)
    status: Alliance.Status | None = None
    neighbourhood: IdField | None = None
    mine: bool = False


class MemberIn(Schema):
    actor: IdField
    role: AllianceMember.Role
    responsibilities: str = Field("", max_length=5000)
    interests: str = Field("", max_length=5000)
    capacity_hours: int | None = Field(None, ge=0, le=10000)
    capacity_money: Decimal | None = Field(None, ge=0, le=1_000_000_000, decimal_places=2)
    capacity_rooms: str = Field("", max_length=300)
    joined_on: datetime.date | None = None


class MemberPatch(Schema):
    role: AllianceMember.Role | None = None
    responsibilities: str | None = Field(None, max_length=5000)
    interests: str | None = Field(None, max_length=5000)
    capacity_hours: int | None = Field(None, ge=0, le=10000)
    capacity_money: Decimal | None = Field(None, ge=0, le=1_000_000_000, decimal_places=2)
    capacity_rooms: str | None = Field(None, max_length=300)


class LeaveIn(Schema):
    left_on: datetime.date | None = None


class MeasureOut(Schema):
    id: int
    title: str
    owner: int | None = Field(None, alias="owner_id")
    starts_on: datetime.date | None
    due_on: datetime.date | None
    status: Measure.Status


class GoalOut(Schema):
    id: int
    title: str
    description: str
    measures: list[MeasureOut]

    @staticmethod
    def resolve_measures(goal: Goal) -> list[Measure]:
        return list(goal.measures.all())


class GoalIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)


class MeasureIn(Schema):
    title: str = Field(min_length=1, max_length=200)
    owner: IdField | None = None
    starts_on: datetime.date | None = None
    due_on: datetime.date | None = None
    status: Measure.Status = Measure.Status.PLANNED


def _neighbourhoods(ids: list[int]) -> list[Neighbourhood]:
    found = list(Neighbourhood.objects.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise Http404
    return found


@alliances_router.get("", response={200: list[AllianceOut], **ERRORS}, auth=read_auth)
@paginate(PageNumberPagination)
def list_alliances(request: HttpRequest, filters: Query[AllianceFilters]) -> Any:
    """Publicly listed alliances and those the caller belongs to."""
    return alliances_for_list(body_values(filters), viewer(request))


@alliances_router.get("/invitations", response={200: list[InvitationOut], **ERRORS})
@paginate(PageNumberPagination)
def list_invitations(request: HttpRequest) -> Any:
    """Open invitations into alliances addressed to actors the caller administers."""
    return invitations_for(viewer(request))


@alliances_router.post("/invitations/{member_id}/accept", response={200: InvitationOut, **ERRORS})
def accept_invitation(request: HttpRequest, member_id: ObjectId) -> AllianceMember:
    """An administrator of the invited actor accepts: the actor becomes a member."""
    member = access_invitation(viewer(request), member_id, "alliances.accept_invitation")
    return invitation_services.accept_invitation(member, by=acting_user(request))


@alliances_router.post("/invitations/{member_id}/decline", response={204: None, **ERRORS})
def decline_invitation(request: HttpRequest, member_id: ObjectId) -> Status:
    """An administrator of the invited actor declines, or the steering withdraws the
    invitation; it is deleted."""
    member = access_invitation(viewer(request), member_id, "alliances.decline_invitation")
    invitation_services.decline_invitation(member, by=acting_user(request))
    return Status(204, None)


@alliances_router.get("/{alliance_id}", response={200: AllianceDetailOut, **ERRORS}, auth=read_auth)
def get_alliance(request: HttpRequest, alliance_id: ObjectId) -> Alliance:
    return access_alliance(viewer(request), alliance_id)


@alliances_router.post("", response={201: AllianceDetailOut, **ERRORS})
def create_alliance(request: HttpRequest, payload: AllianceIn) -> Status:
    """Found an alliance; `initiator` is an actor the caller acts for."""
    alliance = services.create_alliance(
        name=payload.name,
        purpose=payload.purpose,
        status=payload.status.value,
        is_public=payload.is_public,
        neighbourhoods=_neighbourhoods(payload.neighbourhoods),
        initiator=access_actor(viewer(request), payload.initiator),
        by=acting_user(request),
    )
    return Status(201, access_alliance(viewer(request), alliance.pk))


@alliances_router.patch("/{alliance_id}", response={200: AllianceDetailOut, **ERRORS})
def update_alliance(
    request: HttpRequest, alliance_id: ObjectId, payload: AlliancePatch
) -> Alliance:
    alliance = access_alliance(viewer(request), alliance_id)
    changes = body_values(payload, partial=True)
    ids = changes.pop("neighbourhoods", None)
    for name in ("name", "purpose", "status", "is_public"):
        if name in changes and changes[name] is None:
            changes.pop(name)
    services.update_alliance(
        alliance,
        by=acting_user(request),
        neighbourhoods=_neighbourhoods(ids) if ids is not None else None,
        **changes,
    )
    return access_alliance(viewer(request), alliance_id)


@alliances_router.get("/{alliance_id}/invitations", response={200: list[InvitationOut], **ERRORS})
@paginate(PageNumberPagination)
def list_alliance_invitations(request: HttpRequest, alliance_id: ObjectId) -> Any:
    """The alliance's open invitations: all for its steering, their own actors' for the
    invited actors' administrators, none for anybody else."""
    return pending_invitations_of(access_alliance(viewer(request), alliance_id), viewer(request))


@alliances_router.post("/{alliance_id}/members", response={201: MemberOut, **ERRORS})
def add_member(request: HttpRequest, alliance_id: ObjectId, payload: MemberIn) -> Status:
    """Invites the actor (`accepted_at` stays empty until one of its administrators
    accepts); an actor the caller administers joins at once."""
    alliance = access_alliance(viewer(request), alliance_id)
    values = body_values(payload)
    actor = access_actor(viewer(request), values.pop("actor"))
    if values.get("joined_on") is None:
        values.pop("joined_on")
    member = services.add_member(
        alliance, actor=actor, role=values.pop("role"), by=acting_user(request), **values
    )
    return Status(201, member)


@alliances_router.patch("/{alliance_id}/members/{member_id}", response={200: MemberOut, **ERRORS})
def update_member(
    request: HttpRequest, alliance_id: ObjectId, member_id: ObjectId, payload: MemberPatch
) -> AllianceMember:
    member = access_alliance_member(viewer(request), member_id, alliance_id=alliance_id)
    changes = {
        k: v
        for k, v in body_values(payload, partial=True).items()
        if v is not None or k.startswith("capacity")
    }
    return services.update_member(member, by=acting_user(request), **changes)


@alliances_router.post(
    "/{alliance_id}/members/{member_id}/leave", response={200: MemberOut, **ERRORS}
)
def leave(
    request: HttpRequest, alliance_id: ObjectId, member_id: ObjectId, payload: LeaveIn
) -> AllianceMember:
    """The actor leaves the alliance (today or on `left_on`); its history stays."""
    member = access_alliance_member(viewer(request), member_id, alliance_id=alliance_id)
    return services.leave_alliance(member, by=acting_user(request), on=payload.left_on)


@alliances_router.get(
    "/{alliance_id}/goals", response={200: list[GoalOut], **ERRORS}, auth=read_auth
)
def list_goals(request: HttpRequest, alliance_id: ObjectId) -> list[Goal]:
    """The shared strategy: goals with their measures (alliance members only)."""
    return strategy_of(access_alliance(viewer(request), alliance_id, "alliances.view_internal"))


@alliances_router.post("/{alliance_id}/goals", response={201: GoalOut, **ERRORS})
def add_goal(request: HttpRequest, alliance_id: ObjectId, payload: GoalIn) -> Status:
    alliance = access_alliance(viewer(request), alliance_id)
    goal = services.save_goal(
        Goal(alliance=alliance, **body_values(payload)), by=acting_user(request)
    )
    return Status(201, goal)


@alliances_router.post(
    "/{alliance_id}/goals/{goal_id}/measures", response={201: MeasureOut, **ERRORS}
)
def add_measure(
    request: HttpRequest, alliance_id: ObjectId, goal_id: ObjectId, payload: MeasureIn
) -> Status:
    alliance = access_alliance(viewer(request), alliance_id)
    goal = alliance.goals.filter(pk=goal_id).first()
    if goal is None:
        raise Http404
    values = body_values(payload)
    measure = Measure(goal=goal, owner_id=values.pop("owner"), **values)
    return Status(201, services.save_measure(measure, by=acting_user(request)))


@alliances_router.patch(
    "/{alliance_id}/goals/{goal_id}/measures/{measure_id}", response={200: MeasureOut, **ERRORS}
)
def update_measure(
    request: HttpRequest,
    alliance_id: ObjectId,
    goal_id: ObjectId,
    measure_id: ObjectId,
    payload: MeasureIn,
) -> Measure:
    alliance = access_alliance(viewer(request), alliance_id)
    measure = Measure.objects.filter(
        pk=measure_id, goal_id=goal_id, goal__alliance=alliance
    ).first()
    if measure is None:
        raise Http404
    values = body_values(payload)
    measure.owner_id = values.pop("owner")
    for name, value in values.items():
        setattr(measure, name, value)
    return services.save_measure(measure, by=acting_user(request))


# Agreements --------------------------------------------------------------------------------


class ClauseSchema(Schema):
    key: str = Field(min_length=1, max_length=50)
    title: str = Field(max_length=200)
    text: str = Field(max_length=10000)


class ApprovalOut(Schema):
    party: int = Field(alias="party_id")
    approved_by: str | None = None
    approved_at: datetime.datetime

    @staticmethod
    def resolve_approved_by(approval: Any) -> str | None:
        return str(approval.approved_by) if approval.approved_by else None


class AgreementVersionOut(Schema):
    number: int
    note: str
    created_at: datetime.datetime
    clauses: list[ClauseSchema]
    approvals: list[ApprovalOut]

    @staticmethod
    def resolve_approvals(version: Any) -> list[Any]:
        return list(version.approvals.all())


class AgreementOut(Schema):
    id: int
    alliance: int = Field(alias="alliance_id")
    kind: Agreement.Kind
    title: str
    status: Agreement.Status
    parties: list[int]
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    signed_at: datetime.datetime | None
    signed_version: int | None
    current_version: int

    @staticmethod
    def resolve_parties(agreement: Agreement) -> list[int]:
        return [p.pk for p in agreement.parties.all()]

    @staticmethod
    def resolve_current_version(agreement: Agreement) -> int:
        return max(v.number for v in agreement.versions.all())


class AgreementDetailOut(AgreementOut):
    versions: list[AgreementVersionOut]

    @staticmethod
    def resolve_versions(agreement: Agreement) -> list[Any]:
        return list(agreement.versions.all())


class AgreementIn(Schema):
    alliance: IdField
    kind: Agreement.Kind
    title: str = Field(min_length=1, max_length=200)
    parties: list[IdField]
    valid_from: datetime.date | None = None
    valid_until: datetime.date | None = None


class RevisionIn(Schema):
    clauses: list[ClauseSchema]
    note: str = Field("", max_length=300)


class ApprovalIn(Schema):
    party: IdField
    version: int = Field(ge=1, le=100000)


class AgreementFilters(Schema):
    alliance: IdField | None = None
    status: Agreement.Status | None = None


@agreements_router.get("", response={200: list[AgreementOut], **ERRORS}, auth=read_auth)
@paginate(PageNumberPagination)
def list_agreements(request: HttpRequest, filters: Query[AgreementFilters]) -> Any:
    """Signed and expired agreements of visible alliances; for alliance members also those
    in the making."""
    reader = viewer(request)
    alliances = visible_alliances(reader)
    agreements = Agreement.objects.filter(alliance__in=alliances.values("pk"))
    if not (reader.is_authenticated and reader.is_superuser):
        inside = member_alliance_ids(reader) | set(
            alliances.filter(neighbourhoods__managers=reader).values_list("pk", flat=True)
            if reader.is_authenticated
            else []
        )
        agreements = agreements.filter(
            Q(alliance_id__in=inside)
            | Q(status__in=[Agreement.Status.SIGNED, Agreement.Status.EXPIRED])
        )
    if filters.alliance:
        agreements = agreements.filter(alliance_id=filters.alliance)
    if filters.status:
        agreements = agreements.filter(status=filters.status.value)
    return agreements.prefetch_related("parties", "versions").order_by("-pk")


@agreements_router.get(
    "/{agreement_id}", response={200: AgreementDetailOut, **ERRORS}, auth=read_auth
)
def get_agreement(request: HttpRequest, agreement_id: ObjectId) -> Agreement:
    return access_agreement(viewer(request), agreement_id)


@agreements_router.post("", response={201: AgreementDetailOut, **ERRORS})
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Status:
    """Draft a letter of intent or cooperation agreement from the template (version 1 holds
    the standard clauses). Parties must be current members of the alliance."""
    alliance = access_alliance(viewer(request), payload.alliance)
    parties = list(Actor.objects.filter(pk__in=payload.parties))
    if len(parties) != len(set(payload.parties)):
        raise Http404
    agreement = services.draft_agreement(
        alliance,
        kind=payload.kind.value,
        title=payload.title,
        parties=parties,
        valid_from=payload.valid_from,
        valid_until=payload.valid_until,
        by=acting_user(request),
    )
    return Status(201, access_agreement(viewer(request), agreement.pk))


@agreements_router.post("/{agreement_id}/versions", response={201: AgreementDetailOut, **ERRORS})
def revise(request: HttpRequest, agreement_id: ObjectId, payload: RevisionIn) -> Status:
    """Save changed clauses as a new version (the whole list of clauses, in order)."""
    agreement = access_agreement(viewer(request), agreement_id)
    services.revise_agreement(
        agreement,
        clauses=[c.model_dump() for c in payload.clauses],  # type: ignore[misc]
        note=payload.note,
        by=acting_user(request),
    )
    return Status(201, access_agreement(viewer(request), agreement_id))


@agreements_router.post("/{agreement_id}/negotiation", response={200: AgreementDetailOut, **ERRORS})
def negotiate(request: HttpRequest, agreement_id: ObjectId) -> Agreement:
    """Put a draft up for approval by the parties."""
    services.open_negotiation(
        access_agreement(viewer(request), agreement_id), by=acting_user(request)
    )
    return access_agreement(viewer(request), agreement_id)


@agreements_router.post("/{agreement_id}/approvals", response={200: AgreementDetailOut, **ERRORS})
def approve(request: HttpRequest, agreement_id: ObjectId, payload: ApprovalIn) -> Agreement:
    """Approve `version` for `party` (as an administrator of that party). When every party
    has approved the latest version, the agreement is signed."""
    agreement = access_agreement(viewer(request), agreement_id)
    user = acting_user(request)
    party = next((p for p in approvable_parties(user, agreement) if p.pk == payload.party), None)
    if party is None:
        raise PermissionDenied
    services.approve(agreement, party=party, version_number=payload.version, by=user)
    return access_agreement(viewer(request), agreement_id)


@agreements_router.post("/{agreement_id}/termination", response={200: AgreementDetailOut, **ERRORS})
def terminate(request: HttpRequest, agreement_id: ObjectId) -> Agreement:
    services.terminate(access_agreement(viewer(request), agreement_id), by=acting_user(request))
    return access_agreement(viewer(request), agreement_id)
