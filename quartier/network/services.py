"""Writes of the network area: snapshots of the network figures (computed in the background,
marked stale when ties change) and warm introductions between actors."""

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.accounts.models import User
from quartier.actors.models import Actor, Membership, Tie
from quartier.core.history import record_change
from quartier.core.notifications import notify
from quartier.engines.network import NetworkInputError, analyse_json
from quartier.network.models import (
    FOLLOW_UP_WEEKS,
    INTRODUCTION_PERIOD_DAYS,
    Introduction,
    IntroductionSettings,
    NetworkSnapshot,
    Scope,
)
from quartier.network.selectors import ScopeRef, engine_input, opted_out

# ---------------------------------------------------------------- snapshots

# A computation not finished after this long is taken as lost (its worker died) and queued
# again by the next page that asks for it.
SNAPSHOT_STUCK_AFTER = timedelta(minutes=15)


def request_snapshot(ref: ScopeRef, audience: str) -> NetworkSnapshot:
    """The snapshot of this scope and audience; when it is missing or stale, its computation
    is queued (after the commit) – a page never computes a network itself."""
    from quartier.network.tasks import compute_network  # noqa: PLC0415 – the task module imports this one

    with transaction.atomic():
        snapshot, created = NetworkSnapshot.objects.get_or_create(
            scope=ref.scope, scope_id=ref.pk, audience=audience
        )
        busy = snapshot.status in (NetworkSnapshot.Status.PENDING, NetworkSnapshot.Status.RUNNING)
        # a computation whose worker died stays "pending"/"running": queue it again
        stuck = busy and snapshot.updated_at < timezone.now() - SNAPSHOT_STUCK_AFTER
        if created or stuck or (snapshot.stale and not busy):
            NetworkSnapshot.objects.filter(pk=snapshot.pk).update(
                status=NetworkSnapshot.Status.PENDING, updated_at=timezone.now()
            )
            snapshot.status = NetworkSnapshot.Status.PENDING
            transaction.on_commit(lambda: compute_network.enqueue(snapshot.pk))
    return snapshot


def compute_snapshot(snapshot_id: int) -> None:
    """Runs the engine on what the snapshot's audience may see and stores the result."""
    snapshot = NetworkSnapshot.objects.filter(pk=snapshot_id).first()
    if snapshot is None:
        return
    NetworkSnapshot.objects.filter(pk=snapshot_id).update(
        status=NetworkSnapshot.Status.RUNNING, stale=False, updated_at=timezone.now()
    )
    data, display = engine_input(snapshot.scope, snapshot.scope_id, snapshot.audience)
    try:
        result = analyse_json(data)
    except NetworkInputError as error:
        NetworkSnapshot.objects.filter(pk=snapshot_id).update(
            status=NetworkSnapshot.Status.FAILED, message=str(error)[:300]
        )
        return
    result.update(display)
    with transaction.atomic():
        NetworkSnapshot.objects.filter(pk=snapshot_id).update(
            status=NetworkSnapshot.Status.DONE,
            result=result,
            actor_ids=[int(node["id"]) for node in data["nodes"]],
            computed_at=timezone.now(),
            message="",
        )


def invalidate_for_actors(actor_ids: list[int]) -> int:
    """Marks every snapshot whose scope contains one of these actors as stale."""
    actors = Actor.objects.filter(pk__in=actor_ids)
    neighbourhoods = set(actors.values_list("neighbourhoods", flat=True)) - {None}
    municipalities = set(actors.values_list("neighbourhoods__municipality", flat=True)) - {None}
    alliances = set(actors.values_list("alliance_memberships__alliance", flat=True)) - {None}
    return NetworkSnapshot.objects.filter(
        Q(scope=Scope.NEIGHBOURHOOD, scope_id__in=neighbourhoods)
        | Q(scope=Scope.MUNICIPALITY, scope_id__in=municipalities)
        | Q(scope=Scope.ALLIANCE, scope_id__in=alliances)
    ).update(stale=True)


# ---------------------------------------------------------------- introductions


def _users_of(actor: Actor) -> list[User]:
    return [m.user for m in Membership.objects.filter(actor=actor).select_related("user")]


def _tied(first: Actor, second: Actor) -> bool:
    return (
        Tie.objects.filter(Q(source=first, target=second) | Q(source=second, target=first))
        .exclude(status=Tie.Status.REJECTED)
        .exists()
    )


@transaction.atomic
def propose_introduction(
    first: Actor,
    second: Actor,
    *,
    note: str,
    by: User,
    reasons: list[str] | None = None,
    neighbourhood_id: int | None = None,
) -> Introduction:
    """A manager, an intermediary or an administrator of one side proposes that two actors
    meet. Refused for an actor that opted out, a pair already tied, and a pair introduced
    within the last INTRODUCTION_PERIOD_DAYS days."""
    allowed = by.has_perm("network.broker_introductions") or any(
        Membership.objects.filter(user=by, actor=a, role=Membership.Role.ADMIN).exists()
        for a in (first, second)
    )
    if not allowed:
        raise PermissionDenied
    if first.pk == second.pk:
        raise ValidationError(_("An introduction connects two different actors."))
    if not note.strip():
        raise ValidationError(_("Say in a sentence why the two should meet."))
    for actor in (first, second):
        if opted_out(actor):
            raise ValidationError(
                _("%(name)s does not want to be introduced.") % {"name": actor.name}
            )
    if _tied(first, second):
        raise ValidationError(_("These two actors are already connected."))
    low, high = sorted((first.pk, second.pk))
    since = timezone.now() - timedelta(days=INTRODUCTION_PERIOD_DAYS)
    if Introduction.objects.filter(low=low, high=high, created_at__gte=since).exists():
        raise ValidationError(
            _("These two actors were already introduced within the last %(days)s days.")
            % {"days": INTRODUCTION_PERIOD_DAYS}
        )
    if neighbourhood_id is None:
        shared = first.neighbourhoods.filter(pk__in=second.neighbourhoods.all()).first()
        neighbourhood_id = shared.pk if shared else None
    introduction = Introduction(
        first=first,
        second=second,
        proposed_by=by,
        note=note.strip(),
        reasons=reasons or [],
        neighbourhood_id=neighbourhood_id,
        low=low,
        high=high,
    )
    try:
        with transaction.atomic():
            introduction.save()
    except IntegrityError as error:
        raise ValidationError(_("This introduction has already been proposed.")) from error
    record_change(introduction, by=by, action="created", changes={"note": introduction.note})
    url = reverse("network:introduction", args=[introduction.pk])
    for actor, other in ((first, second), (second, first)):
        notify(
            _users_of(actor),
            _("Introduction proposed: %(name)s") % {"name": other.name},
            introduction.note,
            url,
        )
    return introduction


@transaction.atomic
def answer_introduction(
    introduction: Introduction, actor: Actor, *, accept: bool, by: User, reason: str = ""
) -> Introduction:
    """One side answers. A decline ends the introduction (with its reason); when both have
    accepted, a tie "angebahnt" connects them and each sees the other's contact."""
    introduction = Introduction.objects.select_for_update().get(pk=introduction.pk)
    side = introduction.side_of(actor.pk)
    if side is None:
        raise ValidationError(_("This actor is not part of the introduction."))
    if not by.has_perm("actors.change_actor", actor):
        raise PermissionDenied
    if introduction.status != Introduction.Status.PROPOSED:
        raise ValidationError(_("This introduction has already been decided."))
    if getattr(introduction, f"{side}_answer") != Introduction.Answer.OPEN:
        raise ValidationError(_("This side has already answered."))
    answer = Introduction.Answer.ACCEPTED if accept else Introduction.Answer.DECLINED
    setattr(introduction, f"{side}_answer", answer)
    if not accept:
        if not reason.strip():
            raise ValidationError(_("Please give a reason for declining."))
        introduction.status = Introduction.Status.DECLINED
        introduction.decline_reason = reason.strip()[:300]
        introduction.answered_at = timezone.now()
    elif (
        introduction.first_answer == Introduction.Answer.ACCEPTED
        and introduction.second_answer == Introduction.Answer.ACCEPTED
    ):
        introduction.status = Introduction.Status.ACCEPTED
        introduction.answered_at = timezone.now()
        introduction.tie = Tie.objects.create(
            source=introduction.first,
            target=introduction.second,
            kind=Tie.Kind.COOPERATION,
            status=Tie.Status.INITIATED,
            claimed_by=introduction.first,
            since=timezone.localdate(),
            note=_("Initiated by an introduction")[:300],
        )
        invalidate_for_actors([introduction.first_id, introduction.second_id])
    introduction.save()
    record_change(
        introduction,
        by=by,
        action="changed",
        changes={f"{side}_answer": answer, "status": introduction.status},
    )
    url = reverse("network:introduction", args=[introduction.pk])
    other = introduction.second if side == "first" else introduction.first
    if introduction.status == Introduction.Status.ACCEPTED:
        notify(
            _users_of(introduction.first) + _users_of(introduction.second),
            _("Introduction accepted: %(a)s and %(b)s")
            % {"a": introduction.first.name, "b": introduction.second.name},
            _("Both sides agreed. You can now see each other's contact."),
            url,
        )
    elif introduction.status == Introduction.Status.DECLINED:
        users = _users_of(other) + ([introduction.proposed_by] if introduction.proposed_by else [])
        notify(
            users,
            _("Introduction declined by %(name)s") % {"name": actor.name},
            introduction.decline_reason,
            url,
        )
    return introduction


@transaction.atomic
def withdraw_introduction(introduction: Introduction, *, by: User) -> Introduction:
    if not by.has_perm("network.withdraw_introduction", introduction):
        raise PermissionDenied
    if introduction.status != Introduction.Status.PROPOSED:
        raise ValidationError(_("This introduction has already been decided."))
    introduction.status = Introduction.Status.WITHDRAWN
    introduction.save(update_fields=["status", "updated_at"])
    record_change(introduction, by=by, action="changed", changes={"status": "withdrawn"})
    return introduction


@transaction.atomic
def record_outcome(introduction: Introduction, outcome: str, *, by: User) -> Introduction:
    """What came of an accepted introduction; a cooperation confirms the initiated tie."""
    introduction = Introduction.objects.select_related("tie", "first", "second").get(
        pk=introduction.pk
    )
    if not by.has_perm("network.answer_introduction", introduction):
        raise PermissionDenied
    if introduction.status != Introduction.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted introduction has an outcome."))
    if outcome not in {c for c in Introduction.Outcome.values if c}:
        raise ValidationError(_("Unknown outcome."))
    introduction.outcome = outcome
    introduction.save(update_fields=["outcome", "updated_at"])
    tie = introduction.tie
    if outcome == Introduction.Outcome.COOPERATION and tie and tie.status == Tie.Status.INITIATED:
        from quartier.actors.services import answer_tie  # noqa: PLC0415 – actors.services imports this module (tie changes)

        answer_tie(tie, confirm=True, by=by)
    record_change(introduction, by=by, action="changed", changes={"outcome": outcome})
    return introduction


@transaction.atomic
def set_opt_out(actor: Actor, opted_out: bool, *, by: User) -> None:
    if not by.has_perm("network.opt_out", actor):
        raise PermissionDenied
    IntroductionSettings.objects.update_or_create(actor=actor, defaults={"opted_out": opted_out})
    record_change(actor, by=by, action="changed", changes={"introductions_opt_out": opted_out})
    invalidate_for_actors([actor.pk])


def send_introduction_follow_ups(now: Any = None) -> int:
    """Eight weeks after an accepted introduction both sides are asked what came of it."""
    now = now or timezone.now()
    due = Introduction.objects.filter(
        status=Introduction.Status.ACCEPTED,
        follow_up_sent_at__isnull=True,
        answered_at__lte=now - timedelta(weeks=FOLLOW_UP_WEEKS),
    ).select_related("first", "second")
    sent = 0
    for introduction in due:
        with transaction.atomic():
            notify(
                _users_of(introduction.first) + _users_of(introduction.second),
                _("What came of the introduction of %(a)s and %(b)s?")
                % {"a": introduction.first.name, "b": introduction.second.name},
                _("Tell us in one click – it helps the neighbourhood see what works."),
                reverse("network:introduction", args=[introduction.pk]),
            )
            Introduction.objects.filter(pk=introduction.pk).update(follow_up_sent_at=now)
            sent += 1
    return sent
