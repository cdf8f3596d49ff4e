"""Writes about invitations into an alliance: an administrator of the invited actor accepts
or declines; the steering may withdraw an invitation. Nobody becomes a member without the
actor's consent (see `services.add_member`, which invites)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.alliances.models import Alliance, AllianceMember
from quartier.core.history import record_change
from quartier.core.notifications import notify


def _open(member: AllianceMember) -> AllianceMember:
    """The invitation, locked, while it is still open."""
    locked = (
        AllianceMember.objects.select_for_update()
        .select_related("alliance", "actor")
        .filter(pk=member.pk)
        .first()
    )
    if locked is None or not locked.is_pending or locked.left_on is not None:
        raise ValidationError(_("This invitation is no longer open."))
    return locked


def steering_users(alliance: Alliance) -> list[User]:
    """The people who steer the alliance: members of its initiator and lead actors and the
    managers of its neighbourhoods."""
    steering_actors = alliance.members.filter(
        accepted_at__isnull=False,
        left_on__isnull=True,
        role__in=AllianceMember.STEERING_ROLES,
    ).values("actor_id")
    return list(
        User.objects.filter(
            Q(memberships__actor__in=steering_actors)
            | Q(managed_neighbourhoods__alliances=alliance)
        ).distinct()
    )


@transaction.atomic
def accept_invitation(member: AllianceMember, *, by: User) -> AllianceMember:
    """An administrator of the invited actor accepts: the actor is a member from today (or
    from the later day the steering proposed)."""
    member = _open(member)
    if not by.has_perm("alliances.accept_invitation", member):
        raise PermissionDenied
    member.accepted_at = timezone.now()
    member.joined_on = max(member.joined_on, timezone.localdate())
    member.save(update_fields=["accepted_at", "joined_on"])
    record_change(
        member.alliance,
        by=by,
        action="changed",
        changes={"members": [None, f"+ {member.actor} ({member.get_role_display()})"]},
    )
    notify(
        [*steering_users(member.alliance), *(m.user for m in member.actor.memberships.all())],
        str(
            _("%(actor)s has joined the alliance %(alliance)s.")
            % {"actor": member.actor, "alliance": member.alliance}
        ),
        url=member.alliance.get_absolute_url(),
    )
    return member


@transaction.atomic
def decline_invitation(member: AllianceMember, *, by: User) -> None:
    """An administrator of the invited actor declines, or the steering withdraws the
    invitation: it is deleted (the alliance's history keeps a line)."""
    member = _open(member)
    if not by.has_perm("alliances.decline_invitation", member):
        raise PermissionDenied
    declined = by.has_perm("alliances.accept_invitation", member)
    record_change(
        member.alliance,
        by=by,
        action="changed",
        changes={"invited": [str(member.actor), None]},
    )
    if declined:
        notify(
            steering_users(member.alliance),
            str(
                _("%(actor)s has declined the invitation into %(alliance)s.")
                % {"actor": member.actor, "alliance": member.alliance}
            ),
            url=member.alliance.get_absolute_url(),
        )
    member.delete()
