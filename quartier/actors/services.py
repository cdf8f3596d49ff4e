"""Writes about actors, their members and ties. Each function checks permission, validates,
runs in a transaction and records the change."""

import secrets
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from quartier.accounts.models import User
from quartier.actors.models import (
    DIRECTED_KINDS,
    ESTABLISHED_SECTORS,
    INVITATION_DAYS,
    Actor,
    ContactPerson,
    Invitation,
    Membership,
    Resource,
    Tie,
    Topic,
)
from quartier.core.history import diff, record_change, snapshot
from quartier.search.indexing import index_record, remove_record

TRACKED_FIELDS = [
    "name",
    "short_description",
    "sector",
    "department",
    "is_established",
    "legal_form",
    "goals",
    "limits",
    "capacity_hours_per_month",
    "street",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "website",
    "visibility",
]


def unique_slug(name: str, exclude_pk: int | None = None) -> str:
    base = slugify(name)[:180] or "akteur"
    slug, n = base, 2
    others = Actor.objects.exclude(pk=exclude_pk) if exclude_pk else Actor.objects.all()
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def derive_established(actor: Actor) -> None:
    if not actor.established_set_by_hand:
        actor.is_established = actor.sector in ESTABLISHED_SECTORS


@transaction.atomic
def create_actor(actor: Actor, *, by: User, m2m: dict[str, Any] | None = None) -> Actor:
    """Saves a new actor; its creator becomes its administrator."""
    if not by.has_perm("actors.add_actor"):
        raise PermissionDenied
    actor.slug = actor.slug or unique_slug(actor.name)
    derive_established(actor)
    actor.full_clean()
    actor.save()
    _set_m2m(actor, m2m)
    Membership.objects.create(user=by, actor=actor, role=Membership.Role.ADMIN)
    record_change(actor, by=by, action="created", changes=snapshot(actor, TRACKED_FIELDS))
    index_record(actor)
    return actor


@transaction.atomic
def update_actor(actor: Actor, *, by: User, m2m: dict[str, Any] | None = None) -> Actor:
    if not by.has_perm("actors.change_actor", actor):
        raise PermissionDenied
    before = snapshot(Actor.objects.get(pk=actor.pk), TRACKED_FIELDS)
    derive_established(actor)
    actor.full_clean()
    actor.save()
    _set_m2m(actor, m2m)
    changes = diff(before, snapshot(actor, TRACKED_FIELDS))
    if changes or m2m:
        record_change(actor, by=by, action="changed", changes=changes)
    index_record(actor)
    return actor


def _set_m2m(actor: Actor, m2m: dict[str, Any] | None) -> None:
    for name, values in (m2m or {}).items():
        getattr(actor, name).set(values)


@transaction.atomic
def delete_actor(actor: Actor, *, by: User) -> None:
    if not by.has_perm("actors.delete_actor", actor):
        raise PermissionDenied
    record_change(actor, by=by, action="deleted")
    remove_record(actor)
    actor.delete()


@transaction.atomic
def replace_resources(actor: Actor, resources: list[Resource], *, by: User) -> None:
    """Replaces the actor's offers and needs by the given list."""
    if not by.has_perm("actors.change_actor", actor):
        raise PermissionDenied
    before = sorted(str(r) for r in actor.resources.all())
    actor.resources.all().delete()
    for resource in resources:
        resource.actor = actor
        resource.full_clean()
    Resource.objects.bulk_create(resources)
    after = sorted(str(r) for r in resources)
    if before != after:
        record_change(actor, by=by, action="changed", changes={"resources": [before, after]})
        index_record(actor)


@transaction.atomic
def add_member(
    actor: Actor, email: str, role: str, *, by: User, absolute_url: Callable[[str], str]
) -> Membership | Invitation:
    """Adds a registered person as member right away and tells them by e-mail; invites
    somebody without an account by e-mail instead (see accept_invitation)."""
    if not by.has_perm("actors.manage_members", actor):
        raise PermissionDenied
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        invitation, _created = Invitation.objects.update_or_create(
            actor=actor,
            email=email,
            accepted_at__isnull=True,
            defaults={
                "role": role,
                "invited_by": by,
                "token": secrets.token_urlsafe(32),
                "created_at": timezone.now(),
            },
        )
        _send(
            email,
            "actors/email/invitation.txt",
            {
                "actor": actor,
                "by": by,
                "url": absolute_url(reverse("actors:invitation", args=[invitation.token])),
                "days": INVITATION_DAYS,
            },
        )
        record_change(
            actor, by=by, action="changed", changes={"member_invited": [None, f"{email} ({role})"]}
        )
        return invitation
    membership, created = Membership.objects.get_or_create(
        user=user, actor=actor, defaults={"role": role}
    )
    if not created and membership.role != role:
        membership.role = role
        membership.save(update_fields=["role"])
    _send(
        email,
        "actors/email/member_added.txt",
        {"actor": actor, "by": by, "url": absolute_url(actor.get_absolute_url())},
    )
    record_change(
        actor, by=by, action="changed", changes={"member_added": [None, f"{user.email} ({role})"]}
    )
    return membership


def _send(to: str, template: str, context: dict[str, Any]) -> None:
    text = render_to_string(template, context)
    subject, _blank, body = text.partition("\n\n")
    send_mail(subject.strip(), body, None, [to])


def open_invitation(token: str) -> Invitation | None:
    """The invitation with this token if it may still be accepted."""
    since = timezone.now() - timedelta(days=INVITATION_DAYS)
    return (
        Invitation.objects.select_related("actor")
        .filter(token=token, accepted_at__isnull=True, created_at__gte=since)
        .first()
    )


@transaction.atomic
def accept_invitation(token: str, *, by: User) -> Membership:
    invitation = open_invitation(token)
    if invitation is None:
        raise ValidationError(_("This invitation is no longer valid. Ask for a new one."))
    membership, _created = Membership.objects.get_or_create(
        user=by, actor=invitation.actor, defaults={"role": invitation.role}
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    record_change(
        invitation.actor,
        by=by,
        action="changed",
        changes={"member_added": [None, f"{by.email} ({membership.role})"]},
    )
    return membership


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: User) -> None:
    if not by.has_perm("actors.manage_members", invitation.actor):
        raise PermissionDenied
    record_change(
        invitation.actor,
        by=by,
        action="changed",
        changes={"invitation_revoked": [invitation.email, None]},
    )
    invitation.delete()


@transaction.atomic
def remove_member(membership: Membership, *, by: User) -> None:
    actor = membership.actor
    if not by.has_perm("actors.manage_members", actor):
        raise PermissionDenied
    admins = actor.memberships.filter(role=Membership.Role.ADMIN)
    if membership.role == Membership.Role.ADMIN and admins.count() == 1:
        raise ValidationError(_("An actor needs at least one administrator."))
    record_change(
        actor, by=by, action="changed", changes={"member_removed": [membership.user.email, None]}
    )
    membership.delete()


@transaction.atomic
def propose_tie(tie: Tie, *, by: User) -> Tie:
    """`tie.source` is the proposing actor; the tie waits for the other side."""
    if not by.has_perm("actors.propose_tie", tie.source):
        raise PermissionDenied
    if tie.source_id == tie.target_id:
        raise ValidationError(_("A tie connects two different actors."))
    if tie.since and tie.until and tie.until < tie.since:
        raise ValidationError(_("“Until” must not be before “since”."))
    duplicate = Tie.objects.filter(
        source_id__in=[tie.source_id, tie.target_id],
        target_id__in=[tie.source_id, tie.target_id],
        kind=tie.kind,
    ).exclude(status=Tie.Status.REJECTED)
    if duplicate.exists():
        raise ValidationError(_("This tie already exists or waits for confirmation."))
    tie.claimed_by_id = tie.source_id
    tie.directed = tie.kind in DIRECTED_KINDS
    tie.status = Tie.Status.UNCONFIRMED
    tie.save()
    record_change(
        tie,
        by=by,
        action="created",
        changes={"kind": tie.kind, "from": str(tie.source), "to": str(tie.target)},
    )
    return tie


@transaction.atomic
def answer_tie(tie: Tie, *, confirm: bool, by: User) -> Tie:
    if not by.has_perm("actors.answer_tie", tie):
        raise PermissionDenied
    if tie.status != Tie.Status.UNCONFIRMED:
        raise ValidationError(_("This tie has already been answered."))
    tie.status = Tie.Status.CONFIRMED if confirm else Tie.Status.REJECTED
    tie.answered_at = timezone.now()
    tie.save(update_fields=["status", "answered_at", "updated_at"])
    record_change(tie, by=by, action="confirmed" if confirm else "rejected")
    return tie


@transaction.atomic
def delete_tie(tie: Tie, *, by: User) -> None:
    if not by.has_perm("actors.delete_tie", tie):
        raise PermissionDenied
    record_change(tie, by=by, action="deleted")
    tie.delete()


@transaction.atomic
def replace_contacts(actor: Actor, contacts: list[ContactPerson], *, by: User) -> None:
    """Replaces the actor's contact persons by the given list (as `replace_resources` does
    for offers and needs)."""
    if not by.has_perm("actors.change_actor", actor):
        raise PermissionDenied
    before = sorted(str(c) for c in actor.contacts.all())
    for contact in contacts:
        contact.actor = actor
        contact.full_clean()
    actor.contacts.all().delete()
    ContactPerson.objects.bulk_create(contacts)
    after = sorted(str(c) for c in contacts)
    if before != after:
        record_change(actor, by=by, action="changed", changes={"contacts": [before, after]})


@transaction.atomic
def ensure_topics(names: list[str], *, by: User) -> dict[str, Topic]:
    """The topics of the given names, those missing created (found by name or slug)."""
    if not by.is_superuser:
        raise PermissionDenied
    wanted = {name: slugify(name) for name in names}
    stored = list(Topic.objects.filter(Q(name__in=wanted.keys()) | Q(slug__in=wanted.values())))
    by_key = {t.name: t for t in stored} | {t.slug: t for t in stored}
    topics = {}
    for name, slug in wanted.items():
        topics[name] = (
            by_key.get(name) or by_key.get(slug) or Topic.objects.create(name=name, slug=slug)
        )
    return topics
