"""Writes about alliances: permission, validation, transaction, history."""

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.actors.models import Actor
from quartier.alliances.clauses import Clause, template_clauses
from quartier.alliances.models import (
    Agreement,
    AgreementVersion,
    Alliance,
    AllianceMember,
    Approval,
    Goal,
    Measure,
)
from quartier.alliances.rules import active_members_q, approvable_parties, pending_invitations_q
from quartier.core.history import diff, record_change, snapshot
from quartier.core.notifications import notify

ALLIANCE_FIELDS = ["name", "purpose", "status", "is_public"]
MEMBER_FIELDS = [
    "role",
    "responsibilities",
    "interests",
    "capacity_hours",
    "capacity_money",
    "capacity_rooms",
    "joined_on",
    "left_on",
]
EXPIRY_NOTICE = timedelta(days=30)
CLAUSE_TITLE_MAX_LENGTH = 200
CLAUSE_TEXT_MAX_LENGTH = 10_000  # characters of one clause (the form and the API say the same)


def _require(user: User, perm: str, obj: Any = None) -> None:
    if not user.has_perm(perm, obj):
        raise PermissionDenied


# Alliances and their members ---------------------------------------------------------------


@transaction.atomic
def create_alliance(
    *,
    name: str,
    purpose: str,
    initiator: Actor,
    by: User,
    neighbourhoods: list[Any] | None = None,
    status: str = Alliance.Status.FORMING,
    is_public: bool = True,
) -> Alliance:
    """Founds an alliance; the founding actor becomes its initiator. Only somebody who acts
    for that actor may found an alliance in its name."""
    _require(by, "alliances.add_alliance")
    if not by.has_perm("actors.change_actor", initiator):
        raise PermissionDenied
    alliance = Alliance(
        name=name, purpose=purpose, status=status, is_public=is_public, created_by=by
    )
    alliance.full_clean()
    alliance.save()
    if neighbourhoods:
        alliance.neighbourhoods.set(neighbourhoods)
    AllianceMember.objects.create(
        alliance=alliance,
        actor=initiator,
        role=AllianceMember.Role.INITIATOR,
        accepted_at=timezone.now(),
    )
    record_change(alliance, by=by, action="created")
    return alliance


@transaction.atomic
def update_alliance(
    alliance: Alliance, *, by: User, neighbourhoods: list[Any] | None = None, **changes: Any
) -> Alliance:
    _require(by, "alliances.change_alliance", alliance)
    before = snapshot(alliance, ALLIANCE_FIELDS)
    for field, value in changes.items():
        if field not in ALLIANCE_FIELDS:
            raise ValueError(field)
        setattr(alliance, field, value)
    alliance.full_clean()
    alliance.save()
    if neighbourhoods is not None:
        alliance.neighbourhoods.set(neighbourhoods)
    record_change(
        alliance, by=by, action="changed", changes=diff(before, snapshot(alliance, ALLIANCE_FIELDS))
    )
    return alliance


def _check_member(member: AllianceMember) -> None:
    if member.capacity_money is not None and member.capacity_money < Decimal(0):
        raise ValidationError({"capacity_money": _("Enter an amount of zero or more.")})
    if member.left_on and member.left_on < member.joined_on:
        raise ValidationError({"left_on": _("An actor cannot leave before it joined.")})


@transaction.atomic
def add_member(
    alliance: Alliance, *, actor: Actor, role: str, by: User, **fields: Any
) -> AllianceMember:
    """Steering members invite an actor into the alliance; it becomes a member when one of
    its administrators accepts (`invitations.accept_invitation`). Whoever administers the
    actor themselves adds it at once. An actor cannot be invited or join twice."""
    _require(by, "alliances.change_alliance", alliance)
    if alliance.members.filter(active_members_q(), actor=actor).exists():
        raise ValidationError(
            {"actor": _("%(actor)s is already a member of this alliance.") % {"actor": actor}}
        )
    if alliance.members.filter(pending_invitations_q(), actor=actor).exists():
        raise ValidationError(
            {
                "actor": _("%(actor)s has already been invited into this alliance.")
                % {"actor": actor}
            }
        )
    consents = by.has_perm("actors.manage_members", actor)
    member = AllianceMember(
        alliance=alliance,
        actor=actor,
        role=role,
        accepted_at=timezone.now() if consents else None,
        **fields,
    )
    _check_member(member)
    member.full_clean(exclude=["alliance", "actor"])
    member.save()
    label = f"{actor} ({member.get_role_display()})"
    record_change(
        alliance,
        by=by,
        action="changed",
        changes={"members": [None, f"+ {label}"]} if consents else {"invited": [None, label]},
    )
    if consents:
        notify(
            [m.user for m in actor.memberships.select_related("user")],
            str(
                _("%(actor)s has joined the alliance %(alliance)s.")
                % {"actor": actor, "alliance": alliance}
            ),
            url=alliance.get_absolute_url(),
        )
    else:
        notify(
            [m.user for m in actor.memberships.filter(role="admin").select_related("user")],
            str(
                _("%(alliance)s invites %(actor)s to become a member; please accept or decline.")
                % {"actor": actor, "alliance": alliance}
            ),
            url=reverse("alliances:invitations"),
        )
    return member


def _last_steering(member: AllianceMember) -> bool:
    if member.role not in AllianceMember.STEERING_ROLES:
        return False
    return not (
        member.alliance.members.filter(active_members_q(), role__in=AllianceMember.STEERING_ROLES)
        .exclude(pk=member.pk)
        .exists()
    )


@transaction.atomic
def update_member(member: AllianceMember, *, by: User, **changes: Any) -> AllianceMember:
    _require(by, "alliances.change_alliance", member.alliance)
    before = snapshot(member, MEMBER_FIELDS)
    was_steering = member.role in AllianceMember.STEERING_ROLES
    for field, value in changes.items():
        if field not in MEMBER_FIELDS:
            raise ValueError(field)
        setattr(member, field, value)
    if was_steering and member.role not in AllianceMember.STEERING_ROLES:
        member.role, new_role = before["role"], member.role
        if _last_steering(member):
            raise ValidationError({"role": _("The alliance needs at least one initiator or lead.")})
        member.role = new_role
    _check_member(member)
    member.full_clean(exclude=["alliance", "actor"])
    member.save()
    record_change(
        member.alliance,
        by=by,
        action="changed",
        changes={
            f"{member.actor}: {k}": v
            for k, v in diff(before, snapshot(member, MEMBER_FIELDS)).items()
        },
    )
    return member


@transaction.atomic
def leave_alliance(member: AllianceMember, *, by: User, on: date | None = None) -> AllianceMember:
    """The actor leaves on the given day; the membership stays in the alliance's history.
    A member may take its own actor out; steering members may remove anybody – except the
    last initiator or lead."""
    own = by.has_perm("actors.change_actor", member.actor)
    if not own:
        _require(by, "alliances.change_alliance", member.alliance)
    if member.is_pending:
        raise ValidationError(_("This invitation has not been accepted; withdraw it instead."))
    if member.left_on is not None:
        raise ValidationError(_("This actor has already left the alliance."))
    if _last_steering(member):
        raise ValidationError(
            _("The last initiator or lead cannot leave; hand the role to another member first.")
        )
    member.left_on = on or timezone.localdate()
    _check_member(member)
    member.save(update_fields=["left_on"])
    record_change(
        member.alliance,
        by=by,
        action="changed",
        changes={"members": [str(member.actor), None]},
    )
    return member


# Strategy ----------------------------------------------------------------------------------


@transaction.atomic
def save_goal(goal: Goal, *, by: User) -> Goal:
    _require(by, "alliances.change_alliance", goal.alliance)
    if goal.pk is None:
        goal.position = goal.alliance.goals.count()
    goal.full_clean(exclude=["alliance"])
    goal.save()
    record_change(goal.alliance, by=by, action="changed", changes={"goal": [None, goal.title]})
    return goal


@transaction.atomic
def delete_goal(goal: Goal, *, by: User) -> None:
    _require(by, "alliances.change_alliance", goal.alliance)
    record_change(goal.alliance, by=by, action="changed", changes={"goal": [goal.title, None]})
    goal.delete()


@transaction.atomic
def save_measure(measure: Measure, *, by: User) -> Measure:
    alliance = measure.goal.alliance
    _require(by, "alliances.change_alliance", alliance)
    if (
        measure.owner_id
        and not alliance.members.filter(
            accepted_at__isnull=False, actor_id=measure.owner_id
        ).exists()
    ):
        raise ValidationError(
            {"owner": _("The responsible actor must be a member of the alliance.")}
        )
    if measure.starts_on and measure.due_on and measure.due_on < measure.starts_on:
        raise ValidationError({"due_on": _("The due date cannot be before the start.")})
    measure.full_clean(exclude=["goal", "owner"])
    measure.save()
    record_change(
        alliance,
        by=by,
        action="changed",
        changes={"measure": [None, f"{measure.title}: {measure.get_status_display()}"]},
    )
    return measure


@transaction.atomic
def delete_measure(measure: Measure, *, by: User) -> None:
    alliance = measure.goal.alliance
    _require(by, "alliances.change_alliance", alliance)
    record_change(alliance, by=by, action="changed", changes={"measure": [measure.title, None]})
    measure.delete()


# Agreements --------------------------------------------------------------------------------


def _check_parties(alliance: Alliance, parties: list[Actor]) -> None:
    if len(parties) < 2:
        raise ValidationError({"parties": _("An agreement needs at least two parties.")})
    active = set(alliance.members.filter(active_members_q()).values_list("actor_id", flat=True))
    outsiders = [p.name for p in parties if p.pk not in active]
    if outsiders:
        raise ValidationError(
            {
                "parties": _("Parties must be members of the alliance: %(names)s is not.")
                % {"names": ", ".join(outsiders)}
            }
        )


def _check_period(valid_from: date | None, valid_until: date | None) -> None:
    if valid_from and valid_until and valid_until < valid_from:
        raise ValidationError({"valid_until": _("The end cannot be before the start.")})


@transaction.atomic
def draft_agreement(
    alliance: Alliance,
    *,
    kind: str,
    title: str,
    parties: list[Actor],
    by: User,
    valid_from: date | None = None,
    valid_until: date | None = None,
) -> Agreement:
    """Drafts an agreement from its template; version 1 holds the standard clauses."""
    _require(by, "alliances.change_alliance", alliance)
    if kind not in Agreement.Kind.values:
        raise ValidationError({"kind": _("Choose a letter of intent or a cooperation agreement.")})
    _check_parties(alliance, parties)
    _check_period(valid_from, valid_until)
    agreement = Agreement(
        alliance=alliance, kind=kind, title=title, valid_from=valid_from, valid_until=valid_until
    )
    agreement.full_clean(exclude=["alliance"])
    agreement.save()
    agreement.parties.set(parties)
    AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        clauses=template_clauses(
            kind, alliance=alliance.name, parties=sorted(p.name for p in parties)
        ),
        note=str(_("Drafted from the template")),
        created_by=by,
    )
    record_change(agreement, by=by, action="created")
    return agreement


def latest_version(agreement: Agreement) -> AgreementVersion:
    version = agreement.versions.order_by("-number").first()
    assert version is not None  # every agreement is drafted with version 1
    return version


def _locked(agreement: Agreement) -> Agreement:
    return Agreement.objects.select_for_update().get(pk=agreement.pk)


@transaction.atomic
def revise_agreement(
    agreement: Agreement, *, clauses: list[Clause], by: User, note: str = ""
) -> AgreementVersion:
    """Saves changed clauses as a new version. Approvals belong to the version they were
    given for, so a change asks every party to approve again."""
    agreement = _locked(agreement)
    _require(by, "alliances.change_agreement", agreement)
    current = latest_version(agreement)
    cleaned: list[Clause] = []
    for clause in clauses:
        title, text = clause["title"].strip(), clause["text"].strip()
        if not title and not text:
            continue  # an emptied clause is removed
        if not title:
            raise ValidationError({"clauses": _("Every clause needs a heading.")})
        if len(title) > CLAUSE_TITLE_MAX_LENGTH or len(text) > CLAUSE_TEXT_MAX_LENGTH:
            raise ValidationError(
                {
                    "clauses": ValidationError(
                        _(
                            "“%(title)s” is too long: a heading may have at most %(title_max)s "
                            "characters, a clause at most %(text_max)s (this one has "
                            "%(length)s)."
                        ),
                        params={
                            "title": title[:60],
                            "title_max": CLAUSE_TITLE_MAX_LENGTH,
                            "text_max": CLAUSE_TEXT_MAX_LENGTH,
                            "length": len(text),
                        },
                    )
                }
            )
        cleaned.append({"key": clause["key"], "title": title, "text": text})
    if not cleaned:
        raise ValidationError({"clauses": _("An agreement needs at least one clause.")})
    if cleaned == current.clauses:
        raise ValidationError(_("Nothing has changed; no new version was saved."))
    version = AgreementVersion.objects.create(
        agreement=agreement,
        number=current.number + 1,
        clauses=cleaned,
        note=note[:300],
        created_by=by,
    )
    record_change(
        agreement, by=by, action="changed", changes={"version": [current.number, version.number]}
    )
    _tell_parties(
        agreement,
        str(
            _("New version %(number)s of %(title)s")
            % {"number": version.number, "title": agreement.title}
        ),
        exclude=by,
    )
    return version


@transaction.atomic
def update_agreement_terms(
    agreement: Agreement,
    *,
    by: User,
    title: str,
    valid_from: date | None,
    valid_until: date | None,
    parties: list[Actor],
) -> Agreement:
    agreement = _locked(agreement)
    _require(by, "alliances.change_agreement", agreement)
    _check_parties(agreement.alliance, parties)
    _check_period(valid_from, valid_until)
    before = snapshot(agreement, ["title", "valid_from", "valid_until"])
    old_parties = set(agreement.parties.values_list("pk", flat=True))
    agreement.title, agreement.valid_from, agreement.valid_until = title, valid_from, valid_until
    agreement.full_clean(exclude=["alliance"])
    agreement.save()
    agreement.parties.set(parties)
    changes = diff(before, snapshot(agreement, ["title", "valid_from", "valid_until"]))
    if old_parties != {p.pk for p in parties}:
        changes["parties"] = [len(old_parties), len(parties)]
        # approvals so far were given among other parties: the latest version starts afresh
        Approval.objects.filter(version=latest_version(agreement)).delete()
    record_change(agreement, by=by, action="changed", changes=changes)
    return agreement


@transaction.atomic
def open_negotiation(agreement: Agreement, *, by: User) -> Agreement:
    agreement = _locked(agreement)
    _require(by, "alliances.change_agreement", agreement)
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError(_("Only a draft can be put up for negotiation."))
    agreement.status = Agreement.Status.NEGOTIATION
    agreement.save(update_fields=["status", "updated_at"])
    record_change(agreement, by=by, action="changed", changes={"status": ["draft", "negotiation"]})
    _tell_parties(
        agreement,
        str(_("%(title)s is open for approval") % {"title": agreement.title}),
        exclude=by,
    )
    return agreement


@transaction.atomic
def approve(agreement: Agreement, *, party: Actor, version_number: int, by: User) -> Approval:
    """An administrator of a party approves the version they read. When every party has
    approved the same, latest version, the agreement is signed."""
    agreement = _locked(agreement)
    if agreement.status != Agreement.Status.NEGOTIATION:
        raise ValidationError(_("Only an agreement in negotiation can be approved."))
    if party not in approvable_parties(by, agreement):
        raise PermissionDenied
    current = latest_version(agreement)
    if version_number != current.number:
        raise ValidationError(
            _("Version %(read)s is no longer current; please read version %(current)s first.")
            % {"read": version_number, "current": current.number}
        )
    if current.approvals.filter(party=party).exists():
        raise ValidationError(_("%(party)s has already approved this version.") % {"party": party})
    approval = Approval.objects.create(version=current, party=party, approved_by=by)
    record_change(
        agreement,
        by=by,
        action="changed",
        changes={"approval": [None, f"{party} v{current.number}"]},
    )
    parties = set(agreement.parties.values_list("pk", flat=True))
    approved = set(current.approvals.values_list("party_id", flat=True))
    if parties <= approved:
        agreement.status = Agreement.Status.SIGNED
        agreement.signed_at = timezone.now()
        agreement.signed_version = current.number
        if agreement.valid_from is None:
            agreement.valid_from = timezone.localdate()
        agreement.save()
        record_change(
            agreement, by=by, action="changed", changes={"status": ["negotiation", "signed"]}
        )
        _tell_parties(agreement, str(_("%(title)s is signed") % {"title": agreement.title}))
    return approval


@transaction.atomic
def terminate(agreement: Agreement, *, by: User) -> Agreement:
    agreement = _locked(agreement)
    _require(by, "alliances.change_alliance", agreement.alliance)
    if agreement.status != Agreement.Status.SIGNED:
        raise ValidationError(_("Only a signed agreement can be terminated."))
    agreement.status = Agreement.Status.TERMINATED
    agreement.ended_at = timezone.now()
    agreement.save()
    record_change(agreement, by=by, action="changed", changes={"status": ["signed", "terminated"]})
    _tell_parties(agreement, str(_("%(title)s has been terminated") % {"title": agreement.title}))
    return agreement


def remind_and_expire(today: date | None = None) -> dict[str, int]:
    """Run daily: parties hear 30 days before a signed agreement ends (once), and agreements
    past their end become expired."""
    today = today or timezone.localdate()
    expired = 0
    for agreement in Agreement.objects.filter(
        status=Agreement.Status.SIGNED, valid_until__lt=today
    ):
        with transaction.atomic():
            agreement.status = Agreement.Status.EXPIRED
            agreement.ended_at = timezone.now()
            agreement.save()
            record_change(
                agreement, by=None, action="changed", changes={"status": ["signed", "expired"]}
            )
            expired += 1
    reminded = 0
    for agreement in Agreement.objects.filter(
        status=Agreement.Status.SIGNED,
        valid_until__gte=today,
        valid_until__lte=today + EXPIRY_NOTICE,
        expiry_reminded_at__isnull=True,
    ):
        with transaction.atomic():
            _tell_parties(
                agreement,
                str(
                    _("%(title)s ends on %(date)s")
                    % {"title": agreement.title, "date": f"{agreement.valid_until:%d.%m.%Y}"}
                ),
            )
            agreement.expiry_reminded_at = timezone.now()
            agreement.save(update_fields=["expiry_reminded_at"])
            reminded += 1
    return {"expired": expired, "reminded": reminded}


def _tell_parties(agreement: Agreement, title: str, exclude: User | None = None) -> None:
    users = [
        user
        for user in User.objects.filter(memberships__actor__in=agreement.parties.all()).distinct()
        if exclude is None or user.pk != exclude.pk
    ]
    notify(users, title, url=agreement.get_absolute_url())
