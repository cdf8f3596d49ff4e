"""Reads of the network area. The graph of a scope is built only from the actors and ties
the viewer's audience may see, so invisible actors never enter measures, exports or
suggestions."""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from quartier.actors.models import Actor, Resource, Sector, Tie
from quartier.actors.selectors import visible_actors
from quartier.alliances.models import Alliance
from quartier.alliances.rules import active_members_q
from quartier.alliances.selectors import visible_alliances
from quartier.core.models import Visibility
from quartier.events.models import Event, Format, Registration
from quartier.events.selectors import visible_events
from quartier.neighbourhoods.models import Municipality, Neighbourhood
from quartier.network.models import (
    Audience,
    Introduction,
    IntroductionSettings,
    MentoringOffer,
    NetworkSnapshot,
    Scope,
    Tandem,
)


@dataclass
class ScopeRef:
    scope: str
    obj: Neighbourhood | Municipality | Alliance

    @property
    def pk(self) -> int:
        return int(self.obj.pk)

    @property
    def label(self) -> str:
        return str(self.obj)

    @property
    def query(self) -> str:
        return f"{self.scope}={self.obj.pk}"


def access_scope(viewer: Any, scope: str, pk: int) -> ScopeRef:
    """The neighbourhood, municipality or alliance whose network the viewer asks for: 404
    when it does not exist or the viewer may not see it (alliances)."""
    obj: Neighbourhood | Municipality | Alliance | None
    if scope == Scope.NEIGHBOURHOOD:
        obj = Neighbourhood.objects.select_related("municipality").filter(pk=pk).first()
    elif scope == Scope.MUNICIPALITY:
        obj = Municipality.objects.filter(pk=pk).first()
    elif scope == Scope.ALLIANCE:
        obj = visible_alliances(viewer).filter(pk=pk).first()
    else:
        obj = None
    if obj is None:
        raise Http404
    return ScopeRef(scope, obj)


def audience_for(viewer: Any, ref: ScopeRef) -> str:
    """Administrators and the managers of the neighbourhood see everything; logged-in users
    what the network may see; visitors the public actors only."""
    if not viewer.is_authenticated:
        return Audience.PUBLIC
    if viewer.is_superuser:
        return Audience.FULL
    if isinstance(ref.obj, Neighbourhood) and ref.obj.managers.filter(pk=viewer.pk).exists():
        return Audience.FULL
    return Audience.NETWORK


def actors_in_scope(scope: str, pk: int, audience: str) -> QuerySet[Actor]:
    if scope == Scope.NEIGHBOURHOOD:
        actors = Actor.objects.filter(neighbourhoods=pk)
    elif scope == Scope.MUNICIPALITY:
        actors = Actor.objects.filter(neighbourhoods__municipality=pk)
    else:
        actors = Actor.objects.filter(
            Q(alliance_memberships__alliance=pk) & active_members_q("alliance_memberships__")
        )
    if audience == Audience.PUBLIC:
        actors = actors.filter(visibility=Visibility.PUBLIC)
    elif audience == Audience.NETWORK:
        actors = actors.filter(visibility__in=[Visibility.PUBLIC, Visibility.NETWORK])
    return actors.distinct().order_by("pk")


def ties_between(actor_ids: list[int], audience: str) -> QuerySet[Tie]:
    """Confirmed ties for everybody; the full audience also sees unconfirmed and initiated
    ones (marked as not confirmed). Rejected ties never count."""
    statuses = [Tie.Status.CONFIRMED]
    if audience == Audience.FULL:
        statuses += [Tie.Status.UNCONFIRMED, Tie.Status.INITIATED]
    return Tie.objects.filter(
        source_id__in=actor_ids, target_id__in=actor_ids, status__in=statuses
    ).order_by("pk")


def engine_input(scope: str, pk: int, audience: str, seed: int = 1) -> tuple[dict[str, Any], dict]:
    """The engine's JSON input (docs/network.md) and the actors' display data by id."""
    actors = list(actors_in_scope(scope, pk, audience))
    ids = [a.pk for a in actors]
    resources: dict[int, dict[str, set[str]]] = {i: {"offer": set(), "need": set()} for i in ids}
    for actor_id, direction, kind in Resource.objects.filter(actor_id__in=ids).values_list(
        "actor_id", "direction", "kind"
    ):
        resources[actor_id][direction].add(kind)
    opted_out = set(
        IntroductionSettings.objects.filter(actor_id__in=ids, opted_out=True).values_list(
            "actor_id", flat=True
        )
    )
    ties = list(ties_between(ids, audience))
    today = timezone.localdate()
    since = today - timedelta(days=180)
    recent = Introduction.objects.filter(
        low__in=ids, high__in=ids, created_at__date__gte=since
    ).values_list("low", "high")
    data = {
        "seed": seed,
        "nodes": [
            {
                "id": str(a.pk),
                "name": a.name,
                "sector": a.sector,
                "established": a.is_established,
                "offers": sorted(resources[a.pk]["offer"]),
                "needs": sorted(resources[a.pk]["need"]),
                "opt_out": a.pk in opted_out,
            }
            for a in actors
        ],
        "edges": [
            {
                "source": str(t.source_id),
                "target": str(t.target_id),
                "weight": 1.0,
                "type": t.kind,
                "confirmed": t.status == Tie.Status.CONFIRMED,
                "since": t.since.isoformat() if t.since else None,
                "until": t.until.isoformat() if t.until else None,
            }
            for t in ties
        ],
        "compare": [date(today.year - 1, today.month, 1).isoformat()],
        "exclude_pairs": [[str(a), str(b)] for a, b in recent],
        "options": {"layout": True},
    }
    display = {
        str(a.pk): {
            "name": a.name,
            "slug": a.slug,
            "sector": a.sector,
            "sector_label": str(a.get_sector_display()),
            "established": a.is_established,
        }
        for a in actors
    }
    ties_out = [
        {
            "id": t.pk,
            "source": str(t.source_id),
            "target": str(t.target_id),
            "kind": t.kind,
            "status": t.status,
            "since": t.since.isoformat() if t.since else None,
            "until": t.until.isoformat() if t.until else None,
        }
        for t in ties
    ]
    return data, {"actors": display, "ties": ties_out}


def snapshot_for(ref: ScopeRef, audience: str) -> NetworkSnapshot | None:
    return NetworkSnapshot.objects.filter(
        scope=ref.scope, scope_id=ref.pk, audience=audience
    ).first()


def access_introduction(viewer: Any, pk: int, perm: str | None = None) -> Introduction:
    introduction = (
        Introduction.objects.select_related("first", "second", "proposed_by", "tie")
        .filter(pk=pk)
        .first()
    )
    if introduction is None or not viewer.has_perm("network.view_introduction", introduction):
        raise Http404
    if perm and not viewer.has_perm(perm, introduction):
        raise PermissionDenied
    return introduction


def introductions_for(viewer: Any) -> QuerySet[Introduction]:
    """Introductions the viewer proposed or that concern an actor the viewer belongs to."""
    qs = Introduction.objects.select_related("first", "second", "proposed_by")
    if viewer.is_superuser:
        return qs
    return qs.filter(
        Q(proposed_by=viewer)
        | Q(first__memberships__user=viewer)
        | Q(second__memberships__user=viewer)
        | Q(neighbourhood__managers=viewer)
    ).distinct()


def introduction_counts(neighbourhood_id: int) -> dict[str, int]:
    counts = Introduction.objects.filter(neighbourhood_id=neighbourhood_id).aggregate(
        made=Count("pk"),
        accepted=Count("pk", filter=Q(status=Introduction.Status.ACCEPTED)),
        cooperation=Count("pk", filter=Q(outcome=Introduction.Outcome.COOPERATION)),
    )
    return {key: int(value or 0) for key, value in counts.items()}


def panel_snapshot(actor: Actor, viewer: Any) -> NetworkSnapshot | None:
    """The computed snapshot of the actor's first neighbourhood for the viewer's audience."""
    neighbourhood = (
        Neighbourhood.objects.filter(actors=actor).order_by("pk").values_list("pk", flat=True)
    ).first()
    if neighbourhood is None:
        return None
    if not viewer.is_authenticated:
        audience = Audience.PUBLIC
    elif (
        viewer.is_superuser
        or Neighbourhood.objects.filter(pk=neighbourhood, managers=viewer).exists()
    ):
        audience = Audience.FULL
    else:
        audience = Audience.NETWORK
    return NetworkSnapshot.objects.filter(
        scope=Scope.NEIGHBOURHOOD, scope_id=neighbourhood, audience=audience, result__isnull=False
    ).first()


# ---------------------------------------------------------------- tandems


def access_tandem(viewer: Any, pk: int, perm: str | None = None) -> Tandem:
    """The tandem, if the viewer may see it (its two sides, whoever asked for it, the managers
    of its neighbourhood, administrators): 404 otherwise, 403 when `perm` is not allowed."""
    tandem = (
        Tandem.objects.select_related("mentor", "mentee", "offer", "requested_by", "neighbourhood")
        .filter(pk=pk)
        .first()
    )
    if tandem is None or not viewer.has_perm("network.view_tandem", tandem):
        raise Http404
    if perm and not viewer.has_perm(perm, tandem):
        raise PermissionDenied
    return tandem


def tandems_for(viewer: Any) -> QuerySet[Tandem]:
    qs = Tandem.objects.select_related("mentor", "mentee")
    if not viewer.is_authenticated:
        return qs.none()
    if viewer.is_superuser:
        return qs
    return qs.filter(
        Q(requested_by=viewer)
        | Q(mentor__memberships__user=viewer)
        | Q(mentee__memberships__user=viewer)
        | Q(neighbourhood__managers=viewer)
    ).distinct()


def mentoring_offers(viewer: Any) -> QuerySet[MentoringOffer]:
    """Open offers of actors the viewer may see, with the number of running tandems."""
    today = timezone.localdate()
    return (
        MentoringOffer.objects.filter(active=True, actor__in=visible_actors(viewer))
        .filter(Q(available_until__isnull=True) | Q(available_until__gte=today))
        .select_related("actor")
        .annotate(running=Count("tandems", filter=Q(tandems__status=Tandem.Status.ACTIVE)))
        .order_by("actor__name")
    )


def mentor_suggestions(mentee: Actor, viewer: Any, limit: int = 5) -> list[dict[str, Any]]:
    """A help for coordinators: mentors with a free place, ranked by the computed network of
    the mentee's neighbourhood – a suggested introduction (complementary offers and needs,
    shared partners) counts most, then low constraint (a broker between groups). Only a
    suggestion: the coordinator confirms every pair."""
    offers = [
        o
        for o in mentoring_offers(viewer)
        if getattr(o, "running", 0) < o.capacity and o.actor_id != mentee.pk
    ]
    snapshot = panel_snapshot(mentee, viewer)
    result = snapshot.result if snapshot and snapshot.result else {}
    nodes = result.get("nodes", {})
    pairs = {}
    for s in result.get("suggestions", []):
        if str(mentee.pk) in (s["source"], s["target"]):
            other = s["target"] if s["source"] == str(mentee.pk) else s["source"]
            pairs[other] = s
    ranked: list[dict[str, Any]] = []
    for offer in offers:
        key = str(offer.actor_id)
        node = nodes.get(key, {})
        constraint = node.get("constraint")
        score = 0.0
        reasons: list[str] = []
        if key in pairs:
            score += 1.0 + float(pairs[key]["score"])
            reasons += pairs[key]["reasons"]
        if constraint is not None:
            score += 1.0 - float(constraint)
            if float(constraint) < 0.4:
                reasons.append(_("bridges different groups (low constraint)"))
        ranked.append({"offer": offer, "score": round(score, 3), "reasons": reasons})
    ranked.sort(key=lambda r: (-r["score"], r["offer"].actor.name))
    return ranked[:limit]


def opted_out(actor: Actor) -> bool:
    """Whether the actor asked not to be introduced to others."""
    return IntroductionSettings.objects.filter(actor=actor, opted_out=True).exists()


ADVICE_HOURS_SHOWN = 10


def advice_hours(tandem: Tandem, viewer: Any) -> list[Event]:
    """The next advice hours ("Sprechstunde" events) a side of the tandem can book: upcoming,
    open for registration, visible to the viewer, organised by the tandem's mentor or by an
    intermediary. Each with `taken` (confirmed seats), `organiser_names` and
    `my_registration` (the viewer's own, if any): three queries for any number of events."""
    offered = (
        Event.objects.filter(
            format=Format.OFFICE_HOURS,
            cancelled=False,
            registration_open=True,
            start__gte=timezone.now(),
        )
        .filter(Q(organisers=tandem.mentor_id) | Q(organisers__sector=Sector.INTERMEDIARY))
        .values("pk")
    )
    events: list[Any] = list(
        visible_events(viewer)
        .filter(pk__in=offered)
        .annotate(
            taken=Count(
                "registrations",
                filter=Q(registrations__status=Registration.Status.CONFIRMED),
            )
        )
        .prefetch_related("organisers")
        .order_by("start", "pk")[:ADVICE_HOURS_SHOWN]
    )
    mine: dict[int, Registration] = {}
    if events and viewer.is_authenticated:
        mine = {
            r.event_id: r
            for r in Registration.objects.filter(
                user=viewer, event__in=[e.pk for e in events]
            ).exclude(status=Registration.Status.CANCELLED)
        }
    for event in events:
        event.organiser_names = ", ".join(a.name for a in event.organisers.all())
        event.my_registration = mine.get(event.pk)
        event.seats_left = None if event.capacity is None else max(0, event.capacity - event.taken)
    return events
