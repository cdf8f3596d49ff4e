"""Reads about actors, filtered by what the viewer may see, with the joins pages need."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from quartier.accounts.viewer import Viewer
from quartier.actors.models import Actor, Membership, Resource, Tie
from quartier.core.access import access_object, key_lookup
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


def visible_actors(viewer: Viewer) -> QuerySet[Actor]:
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


def actors_for_directory(filters: DirectoryFilters, viewer: Viewer) -> QuerySet[Actor]:
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


def access_actor(viewer: Viewer, key: int | str, perm: str | None = None) -> Actor:
    """One actor by id (API) or slug (pages) with what its profile shows; 404 when the viewer
    may not see it, 403 when `perm` is not allowed."""
    actors = Actor.objects.prefetch_related(
        "topics",
        "neighbourhoods__municipality",
        "contacts",
        Prefetch("resources", queryset=Resource.objects.select_related("neighbourhood")),
        Prefetch("memberships", queryset=Membership.objects.select_related("user")),
    )
    return access_object(actors, viewer, view="actors.view_actor", perm=perm, **key_lookup(key))


def ties_of(actor: Actor, viewer: Viewer) -> QuerySet[Tie]:
    """The actor's ties: confirmed ones for everybody, unconfirmed and rejected ones only for
    those who may edit one of the two sides (checked by the caller)."""
    return (
        Tie.objects.filter(Q(source=actor) | Q(target=actor))
        .select_related("source", "target", "claimed_by")
        .order_by("status", "-created_at")
    )


def actors_of_user(user: Viewer) -> QuerySet[Actor]:
    if not user.is_authenticated:
        return Actor.objects.none()
    return Actor.objects.filter(memberships__user=user).order_by("name")


def editable_actors(viewer: Viewer) -> QuerySet[Actor]:
    """The actors the viewer may edit – the query form of `actors.change_actor`."""
    if not viewer.is_authenticated:
        return Actor.objects.none()
    if viewer.is_superuser:
        return Actor.objects.all()
    return Actor.objects.filter(
        Q(pk__in=Membership.objects.filter(user=viewer).values("actor_id"))
        | Q(
            pk__in=Actor.neighbourhoods.through.objects.filter(
                neighbourhood__managers=viewer
            ).values("actor_id")
        )
    )


def visible_ties(viewer: Viewer) -> QuerySet[Tie]:
    """Confirmed ties between actors the viewer may see; besides, every tie of an actor the
    viewer may edit (to confirm, reject or withdraw it). Newest first."""
    visible = visible_actors(viewer).values("pk")
    condition = Q(status=Tie.Status.CONFIRMED, source__in=visible, target__in=visible)
    if viewer.is_authenticated:
        editable = editable_actors(viewer).values("pk")
        condition |= Q(source__in=editable) | Q(target__in=editable)
    return (
        Tie.objects.filter(condition)
        .select_related("source", "target", "claimed_by")
        .order_by("-created_at", "-pk")
    )


def access_tie(viewer: Viewer, pk: int, perm: str | None = None) -> Tie:
    """One tie the viewer may see (`visible_ties`); 403 when `perm` is not allowed."""
    return access_object(visible_ties(viewer), viewer, perm=perm, pk=pk)
