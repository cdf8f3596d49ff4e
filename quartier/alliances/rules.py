"""Who may see and change alliances.

- Everybody sees a publicly listed alliance: name, purpose, neighbourhoods, members and roles,
  and its signed agreements.
- Alliance members – users who belong to an actor that is currently a member – also see the
  internal parts: strategy, agreements in negotiation, minutes, action items and discussion.
- The alliance is steered by the members of its initiator and lead actors, the managers of its
  neighbourhoods and platform administrators: they edit it, its members and its strategy,
  and draft agreements.
- A party approves an agreement version through one of its administrators (actor role
  "admin").
- Membership needs the actor's consent: the steering invites, an administrator of the actor
  accepts or declines. A pending invitation is seen only by the alliance's steering and the
  invited actor's administrators; the steering may withdraw it."""

from typing import Any

import rules
from django.db.models import Q
from django.utils import timezone

from quartier.alliances.models import Agreement, Alliance, AllianceMember
from quartier.core.rules import is_admin


def active_members_q(prefix: str = "") -> Q:
    """Current members: accepted and not (yet) left. Every count and list of members uses
    this, so an invitation never shows as a membership."""
    today = timezone.localdate()
    return Q(**{f"{prefix}accepted_at__isnull": False}) & (
        Q(**{f"{prefix}left_on__isnull": True}) | Q(**{f"{prefix}left_on__gt": today})
    )


def pending_invitations_q(prefix: str = "") -> Q:
    """Invitations not answered yet (declined and withdrawn ones are deleted)."""
    return Q(**{f"{prefix}accepted_at__isnull": True}, **{f"{prefix}left_on__isnull": True})


def member_alliance_ids(user: Any) -> set[int]:
    """The alliances in which the user belongs to a currently active member actor."""
    if not user.is_authenticated:
        return set()
    return set(
        AllianceMember.objects.filter(active_members_q(), actor__memberships__user=user)
        .values_list("alliance_id", flat=True)
        .distinct()
    )


@rules.predicate
def is_alliance_member(user: Any, alliance: Alliance | None) -> bool:
    if alliance is None or not user.is_authenticated:
        return False
    return alliance.members.filter(active_members_q(), actor__memberships__user=user).exists()


@rules.predicate
def steers(user: Any, alliance: Alliance | None) -> bool:
    if alliance is None or not user.is_authenticated:
        return False
    return (
        alliance.members.filter(
            active_members_q(),
            role__in=AllianceMember.STEERING_ROLES,
            actor__memberships__user=user,
        ).exists()
        or alliance.neighbourhoods.filter(managers=user).exists()
    )


@rules.predicate
def is_listed(user: Any, alliance: Alliance | None) -> bool:
    return alliance is not None and alliance.is_public


can_steer = steers | is_admin
can_see_inside = is_alliance_member | can_steer


@rules.predicate
def can_see_agreement(user: Any, agreement: Agreement | None) -> bool:
    if agreement is None:
        return False
    if can_see_inside.test(user, agreement.alliance):
        return True
    return agreement.status != Agreement.Status.DRAFT and bool(
        is_listed.test(user, agreement.alliance)
        and agreement.status in (Agreement.Status.SIGNED, Agreement.Status.EXPIRED)
    )


@rules.predicate
def can_edit_agreement(user: Any, agreement: Agreement | None) -> bool:
    return (
        agreement is not None
        and agreement.status in (Agreement.Status.DRAFT, Agreement.Status.NEGOTIATION)
        and bool(can_steer.test(user, agreement.alliance))
    )


def approvable_parties(user: Any, agreement: Agreement) -> list[Any]:
    """The parties of the agreement for which this user may give approval."""
    if not user.is_authenticated:
        return []
    return list(agreement.parties.filter(memberships__user=user, memberships__role="admin"))


@rules.predicate
def can_approve(user: Any, agreement: Agreement | None) -> bool:
    return (
        agreement is not None
        and agreement.status == Agreement.Status.NEGOTIATION
        and bool(approvable_parties(user, agreement))
    )


@rules.predicate
def administers_invited_actor(user: Any, member: AllianceMember | None) -> bool:
    return member is not None and bool(user.has_perm("actors.manage_members", member.actor))


@rules.predicate
def steers_inviting_alliance(user: Any, member: AllianceMember | None) -> bool:
    return member is not None and bool(can_steer.test(user, member.alliance))


rules.add_perm("alliances.view_invitation", administers_invited_actor | steers_inviting_alliance)
rules.add_perm("alliances.accept_invitation", administers_invited_actor)
rules.add_perm("alliances.decline_invitation", administers_invited_actor | steers_inviting_alliance)
rules.add_perm("alliances.add_alliance", rules.is_authenticated)
rules.add_perm("alliances.view_alliance", is_listed | can_see_inside)
rules.add_perm("alliances.view_internal", can_see_inside)
rules.add_perm("alliances.change_alliance", can_steer)
rules.add_perm("alliances.view_agreement", can_see_agreement)
rules.add_perm("alliances.change_agreement", can_edit_agreement)
rules.add_perm("alliances.approve_agreement", can_approve)
