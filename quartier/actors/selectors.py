"""Reads about actors, filtered by what the viewer may see, with the joins pages need."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from quartier.actors.models import Actor, Membership, Resource, Tie
from quartier.core.models import Visibility


@dataclass
class DirectoryFilters:
    q: str = ""
    sectors: list[str] = field(default_factory=list)
    established: bool | None = None
    neighbourhood: int | None = None
    place: str = ""
    offers: list[str] = field(default_factory=list)
    needs: list[str] = field(default_factory=list)
    topics: list[int] = field(default_factory=list)
    legal_forms: list[str] = field(default_factory=list)


def visible_actors(viewer: Any) -> QuerySet[Actor]:
    """Every actor the viewer may see."""
    if viewer.is_authenticated and viewer.is_superuser:
        return Actor.objects.all()
    if not viewer.is_authenticated:
        return Actor.objects.filter(visibility=Visibility.PUBLIC)
    own = Membership.objects.filter(actor=OuterRef("pk"), user=viewer)
    managed = Actor.neighbourhoods.through.objects.filter(
        actor=OuterRef("pk"), neighbourhood__managers=viewer
    )
    return Actor.objects.filter(
        Q(visibility__in=[Visibility.PUBLIC, Visibility.NETWORK]) | Exists(own) | Exists(managed)
    )


def actors_for_directory(filters: DirectoryFilters, viewer: Any) -> QuerySet[Actor]:
    qs = visible_actors(viewer)
    if filters.q:
        qs = qs.filter(
            Q(name__icontains=filters.q)
            | Q(short_description__icontains=filters.q)
            | Q(goals__icontains=filters.q)
            | Q(topics__name__icontains=filters.q)
        ).distinct()
    if filters.sectors:
        qs = qs.filter(sector__in=filters.sectors)
    if filters.established is not None:
        qs = qs.filter(is_established=filters.established)
    if filters.neighbourhood:
        qs = qs.filter(neighbourhoods=filters.neighbourhood)
    if filters.place:
        qs = qs.filter(
            Q(neighbourhoods__name__icontains=filters.place)
            | Q(neighbourhoods__municipality__name__icontains=filters.place)
            | Q(city__icontains=filters.place)
        ).distinct()
    for kind in filters.offers:
        qs = qs.filter(
            Exists(
                Resource.objects.filter(
                    actor=OuterRef("pk"), direction=Resource.Direction.OFFER, kind=kind
                )
            )
        )
    for kind in filters.needs:
        qs = qs.filter(
            Exists(
                Resource.objects.filter(
                    actor=OuterRef("pk"), direction=Resource.Direction.NEED, kind=kind
                )
            )
        )
    if filters.topics:
        qs = qs.filter(topics__in=filters.topics).distinct()
    if filters.legal_forms:
        qs = qs.filter(legal_form__in=filters.legal_forms)
    return qs.order_by("name").prefetch_related("topics", "neighbourhoods", "resources")


def actor_for_profile(slug: str, viewer: Any) -> Actor | None:
    return (
        Actor.objects.filter(slug=slug)
        .prefetch_related(
            "topics",
            "neighbourhoods__municipality",
            "contacts",
            Prefetch("resources", queryset=Resource.objects.select_related("neighbourhood")),
            Prefetch("memberships", queryset=Membership.objects.select_related("user")),
        )
        .first()
    )


def ties_of(actor: Actor, viewer: Any) -> QuerySet[Tie]:
    """The actor's ties: confirmed ones for everybody, unconfirmed and rejected ones only for
    those who may edit one of the two sides (checked by the caller)."""
    return (
        Tie.objects.filter(Q(source=actor) | Q(target=actor))
        .select_related("source", "target", "claimed_by")
        .order_by("status", "-created_at")
    )


def actors_of_user(user: Any) -> QuerySet[Actor]:
    if not user.is_authenticated:
        return Actor.objects.none()
    return Actor.objects.filter(memberships__user=user).order_by("name")
