"""Every hand-written visibility query returns exactly the objects its rule allows.

The lists (directory, API lists, feeds) filter with a query; single objects are checked with
the django-rules permission. Both must agree, or a list shows what a page refuses (or hides
what it shows). One small world holds a person in each position – anonymous, stranger,
member, manager, organiser, editor, administrator – and an object of each kind on each side
of the rules; for every query and every person the query's result equals
`{o for o in all objects if person.has_perm(rule, o)}`."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser

from quartier.accounts.tests.factories import UserFactory
from quartier.actors.models import Actor, Tie
from quartier.actors.selectors import editable_actors, visible_actors
from quartier.actors.tests.factories import ActorFactory, MembershipFactory, TieFactory
from quartier.alliances.models import Alliance
from quartier.alliances.selectors import visible_alliances
from quartier.alliances.tests.factories import AllianceFactory, AllianceMemberFactory
from quartier.events.models import ActionItem, Event
from quartier.events.selectors import visible_action_items, visible_events
from quartier.events.tests.factories import ActionItemFactory, EventFactory
from quartier.knowledge.models import Article
from quartier.knowledge.selectors import articles_visible_to
from quartier.knowledge.tests.factories import ArticleFactory
from quartier.neighbourhoods.tests.factories import NeighbourhoodFactory
from quartier.places.models import Match, SpaceRequest
from quartier.places.selectors import matches_taken_part_in, visible_requests
from quartier.places.tests.factories import PlaceFactory, SpaceRequestFactory

pytestmark = pytest.mark.django_db

PEOPLE = ["anonymous", "stranger", "member", "manager", "organiser", "editor", "admin"]


@pytest.fixture
def world() -> dict[str, Any]:
    people: dict[str, Any] = {name: UserFactory() for name in PEOPLE if name != "anonymous"}
    people["anonymous"] = AnonymousUser()
    people["editor"].is_staff = True
    people["editor"].save()
    people["admin"].is_superuser = True
    people["admin"].save()
    quarter, elsewhere = NeighbourhoodFactory(), NeighbourhoodFactory()
    quarter.managers.add(people["manager"])

    actors = {}
    for visibility in ("public", "network", "private"):
        for where in (quarter, elsewhere):
            actors[visibility, where.pk] = ActorFactory(
                visibility=visibility, neighbourhoods=[where]
            )
    own = actors["private", elsewhere.pk]
    MembershipFactory(user=people["member"], actor=own)
    organising = actors["private", quarter.pk]
    MembershipFactory(user=people["organiser"], actor=organising)

    TieFactory(source=own, target=actors["public", quarter.pk], status=Tie.Status.CONFIRMED)
    TieFactory(source=actors["public", elsewhere.pk], target=actors["network", quarter.pk])

    for actor in actors.values():
        SpaceRequestFactory(actor=actor)
    place_in_quarter = PlaceFactory(neighbourhood=quarter, created_by=people["stranger"])
    place_elsewhere = PlaceFactory(neighbourhood=elsewhere, owner=own)
    for space_request in SpaceRequest.objects.all():
        for place in (place_in_quarter, place_elsewhere):
            Match.objects.create(request=space_request, place=place, score=1)

    public = AllianceFactory(is_public=True)
    hidden = AllianceFactory(is_public=False)
    hidden.neighbourhoods.add(quarter)
    quiet = AllianceFactory(is_public=False)
    AllianceMemberFactory(alliance=quiet, actor=own)

    for alliance in (None, public, hidden, quiet):
        for audience in ("public", "members"):
            event = EventFactory(alliance=alliance, visibility=audience)
            event.organisers.add(organising)
            ActionItemFactory(event=event, owner=people["stranger"])
            ActionItemFactory(event=event, owner=people["member"])

    ArticleFactory(status=Article.Status.PUBLISHED)
    ArticleFactory(status=Article.Status.DRAFT)
    ArticleFactory(status=Article.Status.DRAFT).authors.add(people["member"])
    ArticleFactory(status=Article.Status.IN_REVIEW).authors.add(people["stranger"])
    return people


@dataclass
class Pair:
    query: Callable[[Any], Any]
    rule: str
    everything: Callable[[], Any]

    def __str__(self) -> str:
        return self.query.__name__


PAIRS = [
    Pair(visible_actors, "actors.view_actor", Actor.objects.all),
    Pair(editable_actors, "actors.change_actor", Actor.objects.all),
    Pair(visible_requests, "places.view_spacerequest", SpaceRequest.objects.all),
    Pair(matches_taken_part_in, "places.view_match", Match.objects.all),
    Pair(visible_alliances, "alliances.view_alliance", Alliance.objects.all),
    Pair(visible_events, "events.view_event", Event.objects.all),
    Pair(visible_action_items, "events.view_actionitem", ActionItem.objects.all),
    Pair(articles_visible_to, "knowledge.view_article", Article.objects.all),
]


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize("pair", PAIRS, ids=str)
def test_the_visibility_query_returns_exactly_what_the_rule_allows(world, pair, person):
    user = world[person]
    allowed = {o.pk for o in pair.everything() if user.has_perm(pair.rule, o)}
    assert set(pair.query(user).values_list("pk", flat=True)) == allowed


def test_the_world_separates_the_people(world):
    """The comparison above means something only if the people see different things."""
    seen = {p: frozenset(visible_actors(world[p]).values_list("pk", flat=True)) for p in PEOPLE}
    assert len(set(seen.values())) >= 4
    assert seen["anonymous"] < seen["stranger"] < seen["admin"]
