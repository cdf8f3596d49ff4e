"""Reads about alliances, filtered by what the viewer may see."""

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Case, Count, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Actor, Sector
from quartier.actors.selectors import visible_actors
from quartier.alliances.models import (
    Agreement,
    AgreementVersion,
    Alliance,
    AllianceMember,
    Goal,
    Measure,
)
from quartier.alliances.rules import (
    active_members_q,
    member_alliance_ids,
    pending_invitations_q,
)
from quartier.core.access import access_object


def visible_alliances(viewer: Viewer) -> QuerySet[Alliance]:
    if viewer.is_authenticated and viewer.is_superuser:
        return Alliance.objects.all()
    if not viewer.is_authenticated:
        return Alliance.objects.filter(is_public=True)
    return Alliance.objects.filter(
        Q(is_public=True)
        | Q(pk__in=member_alliance_ids(viewer))
        | Q(neighbourhoods__managers=viewer)
    ).distinct()


def alliances_for_list(filters: dict[str, Any], viewer: Viewer) -> QuerySet[Alliance]:
    alliances = visible_alliances(viewer)
    if filters.get("q"):
        alliances = alliances.filter(
            Q(name__icontains=filters["q"]) | Q(purpose__icontains=filters["q"])
        )
    if filters.get("status"):
        alliances = alliances.filter(status=filters["status"])
    if filters.get("neighbourhood"):
        alliances = alliances.filter(neighbourhoods=filters["neighbourhood"])
    if filters.get("mine") and viewer.is_authenticated:
        alliances = alliances.filter(pk__in=member_alliance_ids(viewer))
    return (
        alliances.annotate(
            member_count=Count("members", filter=active_members_q("members__"), distinct=True)
        )
        .prefetch_related("neighbourhoods")
        .order_by("name", "pk")
    )


def access_alliance(viewer: Viewer, pk: int, perm: str | None = None) -> Alliance:
    """One alliance the viewer may see (`visible_alliances`); 403 when `perm` is not
    allowed."""
    alliances = visible_alliances(viewer).prefetch_related("neighbourhoods")
    return access_object(alliances, viewer, perm=perm, pk=pk)


def access_alliance_member(
    viewer: Viewer, pk: int, perm: str | None = None, *, alliance_id: int | None = None
) -> AllianceMember:
    """One membership in an alliance the viewer may see (of `alliance_id`, when given); `perm`
    is asked of the alliance (403)."""
    members = AllianceMember.objects.select_related("alliance", "actor").filter(
        alliance__in=visible_alliances(viewer).values("pk")
    )
    if alliance_id is not None:
        members = members.filter(alliance_id=alliance_id)
    member = access_object(members, viewer, pk=pk)
    if member.is_pending and not viewer.has_perm("alliances.view_invitation", member):
        raise Http404
    if perm is not None and not viewer.has_perm(perm, member.alliance):
        raise PermissionDenied
    return member


# the steering roles first, then the others in the order of the paper's roles
ROLE_ORDER = Case(
    *[When(role=role, then=Value(i)) for i, role in enumerate(AllianceMember.Role.values)],
    default=Value(99),
)


def members_of(alliance: Alliance) -> tuple[QuerySet[AllianceMember], QuerySet[AllianceMember]]:
    """The current members and, separately, those who have left (the alliance's history);
    paginate both."""
    members = alliance.members.select_related("actor")
    return (
        members.filter(active_members_q()).order_by(ROLE_ORDER, "actor__name", "pk"),
        members.filter(accepted_at__isnull=False)
        .exclude(active_members_q())
        .order_by("-left_on", "pk"),
    )


def pending_invitations_of(alliance: Alliance, viewer: Viewer) -> QuerySet[AllianceMember]:
    """The alliance's open invitations: all of them for its steering, those of their own
    actors for the invited actors' administrators, none for anybody else."""
    pending = alliance.members.filter(pending_invitations_q()).select_related("actor", "alliance")
    if not viewer.has_perm("alliances.change_alliance", alliance):
        pending = pending.filter(actor__in=administered_actors(viewer))
    return pending.order_by("actor__name", "pk")


def administered_actors(viewer: Viewer) -> QuerySet[Actor]:
    if not viewer.is_authenticated:
        return Actor.objects.none()
    return Actor.objects.filter(memberships__user=viewer, memberships__role="admin")


def invitations_for(viewer: Viewer) -> QuerySet[AllianceMember]:
    """The open invitations to actors the viewer administers, whatever the alliance's
    visibility (they are asked to join it)."""
    return (
        AllianceMember.objects.filter(
            pending_invitations_q(), actor__in=administered_actors(viewer).values("pk")
        )
        .select_related("alliance", "actor")
        .order_by("-pk")
    )


def access_invitation(viewer: Viewer, pk: int, perm: str | None = None) -> AllianceMember:
    """One open invitation: seen by the invited actor's administrators and the alliance's
    steering only (404 for everybody else); 403 when `perm` is not allowed."""
    invitations = AllianceMember.objects.filter(pending_invitations_q()).select_related(
        "alliance", "actor"
    )
    return access_object(invitations, viewer, view="alliances.view_invitation", perm=perm, pk=pk)


@dataclass(frozen=True)
class Group:
    key: str
    sectors: tuple[str, ...]
    missing: Any  # the hint, e.g. "keine Wohnungswirtschaft beteiligt"


# The groups a neighbourhood alliance usually needs (§6: established and new actors together).
GROUPS: tuple[Group, ...] = (
    Group(
        "municipal",
        (Sector.MUNICIPAL, Sector.PUBLIC_BODY),
        _("no municipal administration involved"),
    ),
    Group(
        "housing", (Sector.HOUSING, Sector.REAL_ESTATE), _("no housing company or owner involved")
    ),
    Group("business", (Sector.BUSINESS, Sector.STARTUP), _("no local business involved")),
    Group("welfare", (Sector.WELFARE, Sector.CHURCH), _("no welfare organisation involved")),
    Group("culture", (Sector.CULTURE, Sector.CREATIVE), _("no culture or creative actor involved")),
    Group("civil_society", (Sector.CIVIL_SOCIETY,), _("no civil-society initiative involved")),
    Group("education", (Sector.SCHOOL, Sector.UNIVERSITY), _("no pupils or students involved")),
)
SUGGESTIONS_PER_GROUP = 3


@dataclass
class MissingGroup:
    group: Group
    suggestions: list[Actor] = field(default_factory=list)


def missing_groups(alliance: Alliance, viewer: Viewer) -> list[MissingGroup]:
    """The groups no current member belongs to, each with actors of the alliance's
    neighbourhoods who could fill the gap (visible to the viewer, at most three each)."""
    active = alliance.members.filter(active_members_q())
    present = set(active.values_list("actor__sector", flat=True).distinct())
    missing = [MissingGroup(g) for g in GROUPS if not present.intersection(g.sectors)]
    if not missing:
        return []
    wanted = {sector: item for item in missing for sector in item.group.sectors}
    neighbourhood_ids = [n.pk for n in alliance.neighbourhoods.all()]
    if neighbourhood_ids:
        candidates = (
            visible_actors(viewer)
            .filter(neighbourhoods__in=neighbourhood_ids, sector__in=list(wanted))
            .exclude(pk__in=active.values("actor_id"))
            .distinct()
            .order_by("-is_established", "name")[: 20 * len(missing)]
        )
        for actor in candidates:
            item = wanted[actor.sector]
            if len(item.suggestions) < SUGGESTIONS_PER_GROUP:
                item.suggestions.append(actor)
    return missing


def strategy_of(alliance: Alliance) -> list[Goal]:
    return list(
        alliance.goals.prefetch_related(
            Prefetch("measures", queryset=Measure.objects.select_related("owner"))
        )
    )


def strategy_progress(goals: list[Goal]) -> dict[str, int]:
    measures = [m for g in goals for m in g.measures.all()]
    done = sum(1 for m in measures if m.status == Measure.Status.DONE)
    return {
        "goals": len(goals),
        "measures": len(measures),
        "done": done,
        "in_progress": sum(1 for m in measures if m.status == Measure.Status.IN_PROGRESS),
        "stalled": sum(1 for m in measures if m.status == Measure.Status.STALLED),
        "percent": round(100 * done / len(measures)) if measures else 0,
    }


def agreements_of(alliance: Alliance, viewer: Viewer) -> QuerySet[Agreement]:
    agreements = alliance.agreements.prefetch_related("parties")
    if not viewer.has_perm("alliances.view_internal", alliance):
        agreements = agreements.filter(
            status__in=[Agreement.Status.SIGNED, Agreement.Status.EXPIRED]
        )
    return agreements


def access_agreement(viewer: Viewer, pk: int, perm: str | None = None) -> Agreement:
    """One agreement with its parties, versions and approvals; 404 when the viewer may not
    see it (`alliances.view_agreement`), 403 when `perm` is not allowed."""
    agreements = Agreement.objects.select_related("alliance").prefetch_related(
        "parties",
        Prefetch(
            "versions",
            queryset=AgreementVersion.objects.select_related("created_by").prefetch_related(
                "approvals__party", "approvals__approved_by"
            ),
        ),
    )
    return access_object(agreements, viewer, view="alliances.view_agreement", perm=perm, pk=pk)
