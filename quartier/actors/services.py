"""Writes about actors, their members and ties. Each function checks permission, validates,
runs in a transaction and records the change."""

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
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
from quartier.core.history import BULK_BATCH_SIZE, diff, record_change, record_imports, snapshot
from quartier.core.images import delete_file_on_commit
from quartier.search.indexing import index_record, index_records, remove_record

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


def set_established(actor: Actor, value: bool | None) -> None:
    """`None` derives "established" from the sector again; a bool sets it by hand."""
    actor.established_set_by_hand = value is not None
    if value is not None:
        actor.is_established = value


@transaction.atomic
def create_actor(
    actor: Actor,
    *,
    by: User,
    m2m: dict[str, Any] | None = None,
    resources: list[Resource] | None = None,
) -> Actor:
    """Saves a new actor with its topics and neighbourhoods (`m2m`) and its offers and needs;
    its creator becomes its administrator. Pages and API both create actors here."""
    if not by.has_perm("actors.add_actor"):
        raise PermissionDenied
    actor.slug = actor.slug or unique_slug(actor.name)
    derive_established(actor)
    actor.full_clean()
    actor.save()
    _set_m2m(actor, m2m)
    Membership.objects.create(user=by, actor=actor, role=Membership.Role.ADMIN)
    record_change(actor, by=by, action="created", changes=snapshot(actor, TRACKED_FIELDS))
    if resources:
        replace_resources(actor, resources, by=by)
    index_record(actor)
    return actor


@transaction.atomic
def update_actor(
    actor: Actor,
    *,
    by: User,
    m2m: dict[str, Any] | None = None,
    resources: list[Resource] | None = None,
    contacts: list[ContactPerson] | None = None,
) -> Actor:
    """Saves the changed fields of an actor; `m2m`, `resources` and `contacts`, when given,
    replace its topics/neighbourhoods, its offers and needs, and its contact persons."""
    if not by.has_perm("actors.change_actor", actor):
        raise PermissionDenied
    # Resources and contacts first: changing the neighbourhoods may end a manager's right.
    if resources is not None:
        replace_resources(actor, resources, by=by)
    if contacts is not None:
        replace_contacts(actor, contacts, by=by)
    stored = Actor.objects.get(pk=actor.pk)
    before = snapshot(stored, TRACKED_FIELDS)
    derive_established(actor)
    actor.full_clean()
    actor.save()
    if stored.logo and stored.logo.name != actor.logo.name:
        delete_file_on_commit(stored.logo.name)  # the replaced or removed logo
    _set_m2m(actor, m2m)
    changes = diff(before, snapshot(actor, TRACKED_FIELDS))
    if changes or m2m:
        record_change(actor, by=by, action="changed", changes=changes)
    index_record(actor)
    return actor


@dataclass
class NewActor:
    """One actor of a bulk creation: the unsaved actor (validated by the caller), the
    neighbourhoods it is active in, and the kinds of resources it offers and needs."""

    actor: Actor
    neighbourhood_ids: list[int] = field(default_factory=list)
    offers: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)


@transaction.atomic
def save_actors(new: list[NewActor], *, by: User, source: str) -> list[Actor]:
    """Creates many actors at once (an import): `create_actor` for a whole list, in a few
    queries per batch rather than several per actor. Each gets a free slug, its
    neighbourhoods, offers and needs, `by` as its administrator, an "imported" history entry
    naming `source`, and a search entry."""
    if not by.has_perm("actors.add_actor"):
        raise PermissionDenied
    _assign_free_slugs([item.actor for item in new])
    for item in new:
        derive_established(item.actor)
    actors = Actor.objects.bulk_create([item.actor for item in new], batch_size=BULK_BATCH_SIZE)
    through = Actor.neighbourhoods.through
    through.objects.bulk_create(
        [
            through(actor_id=item.actor.pk, neighbourhood_id=neighbourhood_id)
            for item in new
            for neighbourhood_id in item.neighbourhood_ids
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    Membership.objects.bulk_create(
        [Membership(user=by, actor=actor, role=Membership.Role.ADMIN) for actor in actors],
        batch_size=BULK_BATCH_SIZE,
    )
    Resource.objects.bulk_create(
        [
            Resource(actor=item.actor, direction=direction, kind=kind)
            for item in new
            for direction, kinds in (
                (Resource.Direction.OFFER, item.offers),
                (Resource.Direction.NEED, item.needs),
            )
            for kind in kinds
        ],
        batch_size=BULK_BATCH_SIZE,
    )
    record_imports(actors, TRACKED_FIELDS, by=by, source=source)
    index_records(
        Actor.objects.filter(pk__in=[a.pk for a in actors]).prefetch_related("topics", "resources")
    )
    return actors


def _assign_free_slugs(actors: list[Actor]) -> None:
    """What `unique_slug` answers for each actor, without a query per actor: free in the
    database and among the actors of the list."""
    used: set[str] = set()
    next_number: dict[str, int] = {}
    bases = {actor.name: slugify(actor.name)[:180] or "akteur" for actor in actors}
    wanted = sorted(set(bases.values()))
    taken: set[str] = set()
    for start in range(0, len(wanted), BULK_BATCH_SIZE):
        chunk = wanted[start : start + BULK_BATCH_SIZE]
        taken.update(Actor.objects.filter(slug__in=chunk).values_list("slug", flat=True))
    for actor in actors:
        base = bases[actor.name]
        if base not in taken and base not in used:
            actor.slug = base
            used.add(base)
            continue
        slug = unique_slug(actor.name)
        if slug in used:
            number = next_number.get(base, 2)
            while True:
                slug = f"{base}-{number}"
                number += 1
                if slug not in used and not Actor.objects.filter(slug=slug).exists():
                    break
            next_number[base] = number
        used.add(slug)
        actor.slug = slug


def _set_m2m(actor: Actor, m2m: dict[str, Any] | None) -> None:
    for name, values in (m2m or {}).items():
        getattr(actor, name).set(values)


@transaction.atomic
def delete_actor(actor: Actor, *, by: User) -> None:
    if not by.has_perm("actors.delete_actor", actor):
        raise PermissionDenied
    record_change(actor, by=by, action="deleted")
    remove_record(actor)
    if actor.logo:
        delete_file_on_commit(actor.logo.name)
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
def replace_contacts(actor: Actor, contacts: list[ContactPerson], *, by: User) -> None:
    """Keeps exactly the given contact persons of the actor (new ones are added, changed ones
    saved, the others removed)."""
    if not by.has_perm("actors.change_actor", actor):
        raise PermissionDenied
    kept = [c.pk for c in contacts if c.pk]
    actor.contacts.exclude(pk__in=kept).delete()
    for contact in contacts:
        contact.actor = actor
        contact.full_clean()
        contact.save()


@transaction.atomic
def add_member(
    actor: Actor, email: str, role: str, *, by: User, absolute_url: Callable[[str], str]
) -> Invitation:
    """Invites a person by e-mail; they become a member when they accept the link (logged in
    or after registering, see accept_invitation). Nobody becomes a member without consent,
    and the answer is the same whether the address is registered or not."""
    if not by.has_perm("actors.manage_members", actor):
        raise PermissionDenied
    if role not in Membership.Role.values:
        raise ValidationError(_("Unknown role."))
    email = email.strip().lower()
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
    try:
        with transaction.atomic():  # a savepoint: the double submit loses here, cleanly
            tie.save()
    except IntegrityError:
        tie.pk = None
        raise ValidationError(_("This tie already exists or waits for confirmation.")) from None
    tie_changed(tie)
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
    if tie.status not in (Tie.Status.UNCONFIRMED, Tie.Status.INITIATED):
        raise ValidationError(_("This tie has already been answered."))
    tie.status = Tie.Status.CONFIRMED if confirm else Tie.Status.REJECTED
    tie.answered_at = timezone.now()
    tie.save(update_fields=["status", "answered_at", "updated_at"])
    record_change(tie, by=by, action="confirmed" if confirm else "rejected")
    tie_changed(tie)
    return tie


@transaction.atomic
def delete_tie(tie: Tie, *, by: User) -> None:
    if not by.has_perm("actors.delete_tie", tie):
        raise PermissionDenied
    record_change(tie, by=by, action="deleted")
    tie_changed(tie)
    tie.delete()


def tie_changed(tie: Tie) -> None:
    """The network figures of both actors' neighbourhoods, municipalities and alliances are
    out of date now."""
    from quartier.network.services import invalidate_for_actors  # noqa: PLC0415 – network.services imports this module

    invalidate_for_actors([tie.source_id, tie.target_id])


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
